"""The registry seeded by the stack itself: one custom resource, backed by the app's own
function, after the table, with the seed's digest as its one property."""

from __future__ import annotations


def seed_resource(synth):
    (resource,) = synth.resources("Custom::RegistrySeed").values()
    return resource


def test_the_stack_seeds_the_registry_through_the_apps_seed_registry_function(prod):
    resource = seed_resource(prod)
    assert resource["Properties"]["ServiceToken"] == {"Fn::GetAtt": ["SeedRegistry", "Arn"]}
    assert "Table" in resource["DependsOn"]  # the function names the table, it does not reference it
    # A function that never answers fails the deploy in 10 minutes, not CloudFormation's hour.
    assert resource["Properties"]["ServiceTimeout"] == "600"  # the CDK renders the seconds as a string
    function = prod.resource("SeedRegistry")["Properties"]
    assert function["Handler"] == "app.seed_registry"
    assert function["Timeout"] == 300
    assert function["Environment"]["Variables"]["CASEBRIDGE_TABLE"] == "casebridge-prod"


def test_the_resource_changes_with_the_seed_and_with_nothing_else(prod, monkeypatch):
    """Its one property is the seed's digest: CloudFormation calls the function again (an
    Update, which writes only what the table lacks) when the seed file changed, on no other deploy."""
    from dataclasses import replace

    from casebridge_infra.seeding import seed_digest

    import chalicelib.domain.organisations as organisations

    digest = seed_digest()
    assert set(seed_resource(prod)["Properties"]) == {"ServiceToken", "ServiceTimeout", "SeedDigest"}
    assert seed_resource(prod)["Properties"]["SeedDigest"] == digest
    assert seed_digest() == digest  # the same seed, the same digest
    renamed = organisations.Registry(
        replace(org, name="Drug Enforcement Administration, HQ") if org.code == "DEA" else org
        for org in organisations.seed()
    )
    monkeypatch.setattr(organisations, "seed", lambda: renamed)
    assert seed_digest() != digest


def test_the_seed_function_may_write_the_table_and_nothing_beyond_its_own_logs(prod):
    (policy,) = prod.resource("SeedRegistryRole")["Properties"]["Policies"]
    sids = [statement.get("Sid") for statement in policy["PolicyDocument"]["Statement"]]
    assert sids == ["OwnLogs", "TableItems", "AuditTrailIsWriteOnce", "DataKey"]
