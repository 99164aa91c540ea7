"""The registry seeded by the stack itself: the custom resource's function writes what the
table lacks of the seed file, never over what the API changed, and always answers CloudFormation."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib import seeding
from tests.test_organisations import SECOND, registry_step

URL = "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation"


def request(kind: str, **more: Any) -> dict[str, Any]:
    """A custom resource request as CloudFormation sends it."""
    return {
        "RequestType": kind,
        "ResponseURL": URL,
        "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/casebridge-prod/1",
        "RequestId": "b2f3c6f0-0000-4000-8000-000000000001",
        "ResourceType": "Custom::RegistrySeed",
        "LogicalResourceId": "RegistrySeed",
        "ResourceProperties": {"SeedDigest": "0" * 64},
        **more,
    }


def answered(kind: str, seed: seeding.Seed, **more: Any) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    sent: list[tuple[str, dict[str, Any]]] = []
    answer = seeding.handle(request(kind, **more), seed, lambda url, body: sent.append((url, body)))
    return answer, sent


def test_a_first_deploy_seeds_what_the_table_lacks_and_keeps_what_the_api_changed(api, aws, monkeypatch):
    import chalicelib.domain.organisations as organisations
    from chalicelib.wiring import organisations as repository
    from chalicelib.wiring import seed_registry

    for person in ({}, SECOND):  # changed through the API since the table was seeded
        assert registry_step(api, "HSI", "suspend", {}, **person).status_code == 200
    nevada = organisations.Organisation(
        "NVDPS",
        "Nevada Department of Public Safety",
        organisations.OrgKind.STATE_AGENCY,
        ori="NVNHP0000",
        jurisdiction=organisations.Jurisdiction("NV"),
        verification_line="+17756874300",
    )
    grown = organisations.Registry([*organisations.seed(), nevada])  # a seed file with one more
    monkeypatch.setattr(organisations, "seed", lambda: grown)

    answer, sent = answered("Create", seed_registry)
    assert sent == [(URL, answer)]
    assert (answer["Status"], answer["Data"], answer["PhysicalResourceId"]) == (
        "SUCCESS",
        {"Seeded": 1},
        "casebridge-registry-seed",
    )
    assert answer["Reason"] == "seeded 1 organisations the table did not hold"
    assert (answer["StackId"], answer["RequestId"], answer["LogicalResourceId"]) == (
        request("Create")["StackId"],
        request("Create")["RequestId"],
        "RegistrySeed",
    )
    found = repository().read_organisation("NVDPS")
    assert found is not None and found.is_active and found.ori == "NVNHP0000"
    hsi = repository().read_organisation("HSI")
    assert hsi is not None and hsi.status is organisations.OrgStatus.SUSPENDED  # not undone

    again, _ = answered("Update", seed_registry, PhysicalResourceId=seeding.PHYSICAL_ID)
    assert (again["Status"], again["Data"]) == ("SUCCESS", {"Seeded": 0})


def test_an_organisation_whose_ori_another_holds_fails_the_seed_and_nothing_of_it_is_written(api, aws, monkeypatch):
    """A seed file naming an ORI the registry gave another organisation (onboarded through the
    API) is wrong: the resource answers FAILED naming both, and writes neither the entry nor
    its bindings; a rerun after the fix seeds it whole."""
    import chalicelib.domain.organisations as organisations
    from chalicelib.wiring import organisations as repository
    from chalicelib.wiring import seed_registry
    from tests.test_organisations import onboarded

    onboarded(api)  # NVDPS, ORI NVNHP0000, by the operator's two persons
    clash = organisations.Organisation(
        "NVHP",
        "Nevada Highway Patrol",
        organisations.OrgKind.STATE_AGENCY,
        ori="NVNHP0000",
        jurisdiction=organisations.Jurisdiction("NV"),
        verification_line="+17756874300",
    )
    grown = organisations.Registry([*organisations.seed(), clash])
    monkeypatch.setattr(organisations, "seed", lambda: grown)

    answer, sent = answered("Update", seed_registry, PhysicalResourceId=seeding.PHYSICAL_ID)
    assert answer["Status"] == "FAILED" and sent == [(URL, answer)]
    assert "NVHP: its ORI NVNHP0000 is NVDPS's in the registry" in answer["Reason"]
    assert repository().read_organisation("NVHP") is None
    assert repository().ori_holder("NVNHP0000") == "NVDPS"


def test_deleting_the_resource_writes_nothing_and_keeps_its_id():
    def seed() -> list[str]:
        raise AssertionError("a delete seeds nothing")

    answer, sent = answered("Delete", seed, PhysicalResourceId=seeding.PHYSICAL_ID)
    assert (answer["Status"], answer["PhysicalResourceId"], len(sent)) == ("SUCCESS", seeding.PHYSICAL_ID, 1)


def test_a_failure_is_answered_as_one_so_that_the_stack_does_not_wait_an_hour():
    def seed() -> list[str]:
        raise RuntimeError("AccessDeniedException: not authorized to perform dynamodb:PutItem")

    answer, sent = answered("Create", seed)
    assert sent == [(URL, answer)]
    assert answer["Status"] == "FAILED"
    assert answer["Reason"] == (
        "seeding the registry failed: RuntimeError: AccessDeniedException: not authorized to perform dynamodb:PutItem"
    )


def test_the_answer_goes_only_to_an_https_url():
    with pytest.raises(ValueError, match="https"):
        seeding.put_response("http://169.254.169.254/latest/meta-data/", {"Status": "SUCCESS"})
