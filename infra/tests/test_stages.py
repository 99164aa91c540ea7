"""Each stage is its own stack, named after its Chalice stage, with its own names and settings."""

from __future__ import annotations


def test_the_dev_stack_has_dev_names_and_settings(dev):
    assert dev.resource("Table")["Properties"]["TableName"] == "casebridge-dev"
    (bus,) = dev.resources("AWS::Events::EventBus").values()
    assert bus["Properties"]["Name"] == "casebridge-dev"
    variables = dev.resource("APIHandler")["Properties"]["Environment"]["Variables"]
    assert variables["CASEBRIDGE_STAGE"] == "dev"
    assert variables["POWERTOOLS_LOG_LEVEL"] == "DEBUG"
    assert variables["CASEBRIDGE_AUDIENCE"] == "casebridge-dev"
    (archive,) = dev.resources("AWS::Events::Archive").values()
    assert archive["Properties"]["RetentionDays"] == 30
    assert {group["Properties"]["RetentionInDays"] for group in dev.resources("AWS::Logs::LogGroup").values()} == {365}
    # Even dev keeps its data and its deletion protection: a stage is not a scratch pad.
    assert dev.resource("Table")["DeletionPolicy"] == "Retain"
    assert dev.resource("Table")["Properties"]["DeletionProtectionEnabled"] is True


def test_the_stages_share_no_resource_names(dev, prod):
    def names(synth):
        return {
            value
            for resource in synth.document["Resources"].values()
            for key, value in resource.get("Properties", {}).items()
            if key in ("TableName", "Name", "QueueName", "LogGroupName", "ArchiveName", "TopicName", "AlarmName")
            and isinstance(value, str)
        }

    assert len(names(prod)) > 25  # none per organisation (test_notifications)
    assert names(dev) & names(prod) == set()


def test_prod_cannot_be_deleted_by_accident_and_is_named_casebridge_prod(dev, prod):
    import json

    def stack(synth, stage):
        return json.loads((synth.outdir / "manifest.json").read_text())["artifacts"][stage]

    assert stack(prod, "prod")["properties"]["terminationProtection"] is True
    assert stack(prod, "prod")["properties"]["stackName"] == "casebridge-prod"
    assert stack(dev, "dev")["properties"]["stackName"] == "casebridge-dev"
    assert (
        "terminationProtection" not in stack(dev, "dev")["properties"]
        or not stack(dev, "dev")["properties"]["terminationProtection"]
    )
