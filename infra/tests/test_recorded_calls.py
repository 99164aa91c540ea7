"""Every AWS call a function made in the unit suite is one its role in the template allows.

`make test` records the calls (`tests/aws_calls.py`, into build/aws-calls/); here each is
evaluated against the policies of that function's role, as IAM would (`policy_simulator`).
moto enforces no IAM: without this, a missing grant shows first as AccessDenied in AWS.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Synthesized, every_option_config, synthesize
from policy_simulator import ACCOUNT, REGION, Request, Template, evaluate, rename_to_stage

RECORD = ROOT / "build" / "aws-calls"
#: Each function of the template must appear in the record: a record of part of the suite
#: (one test file, say) would let a function's calls go unchecked.
FUNCTIONS = ("app", "publish_changes", "fire_timers", "deliver_webhooks", "check_arrivals", "seed_registry")


def load_record(folder: Path) -> dict[str, Any]:
    """The workers' records, merged: calls (rows with examples), tests run, calls not attributed."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FileNotFoundError(
            f"no record of the functions' AWS calls in {folder}: run `make test` first (the unit suite writes it)"
        )
    documents = [json.loads(path.read_text()) for path in files]
    stages = {document["stage"] for document in documents}
    assert len(stages) == 1, f"records of several stages: {stages}"
    return {
        "stage": stages.pop(),
        "tests": sum(document["tests"] for document in documents),
        "calls": list(merged([call for document in documents for call in document["calls"]]).values()),
    }


def merged(calls: list[dict[str, Any]]) -> dict[tuple[str, ...], dict[str, Any]]:
    """The workers' rows as one per kind of call: counts added, examples pooled."""
    rows: dict[tuple[str, ...], dict[str, Any]] = {}
    for call in calls:
        key = (call["function"], call["action"], call["resource"], *call["leading_keys"])
        if key not in rows:
            rows[key] = {**call, "examples": list(call["examples"])}
            continue
        rows[key]["count"] += call["count"]
        rows[key]["examples"] += [e for e in call["examples"] if e not in rows[key]["examples"]]
    return rows


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """prod with every option on, a webhook for each organisation, pinned to moto's account and region."""
    from casebridge_infra.config import StageConfig

    from chalicelib.domain.organisations import seed

    config = every_option_config()
    config = StageConfig.model_validate(
        config.model_dump(mode="json")
        | {
            "account": ACCOUNT,
            "region": REGION,
            "webhooks": {org.code: {"endpoint": f"https://{org.code.lower()}.example.gov/hook"} for org in seed()},
        }
    )
    return synthesize(config, tmp_path_factory.mktemp("checked"))


def refused_calls(template: Template, stage: str, calls: list[dict[str, Any]]) -> list[str]:
    """One line per recorded kind of call the function's role refuses, with IAM's answer and an example."""
    refused = []
    for function in sorted({call["function"] for call in calls}):
        role, policies = template.role_policies(function)
        mine = [call for call in calls if call["function"] == function]
        refused += [
            f"{function} ({role}): {call['action']}: tests/aws_calls.py cannot name its resource"
            for call in mine
            if not call["resource"]
        ]
        asked = [
            (
                call,
                Request(
                    call["action"], rename_to_stage(example["resource"], stage, "prod"), tuple(example["leading_keys"])
                ),
            )
            for call in mine
            if call["resource"]
            for example in call["examples"]
        ]
        answers = evaluate(f"arn:aws:iam::{ACCOUNT}:role/{role}", policies, [request for _, request in asked])
        told: set[int] = set()
        for (call, request), answer in zip(asked, answers, strict=True):
            if answer["result"] == "Allowed" or id(call) in told:
                continue
            told.add(id(call))
            keys = (
                f", LeadingKeys {call['leading_keys']} (e.g. {list(request.leading_keys)})"
                if request.leading_keys
                else ""
            )
            errors = f" {json.dumps(answer['errors'])}" if "errors" in answer else ""
            refused.append(
                f"{function} ({role}): {request.action} on {request.resource}{keys}:"
                f" {answer['result']}{errors} [{call['count']} calls]"
            )
    return refused


def test_the_record_of_the_suite_is_there_and_names_every_function():
    record = load_record(RECORD)
    seen = {call["function"] for call in record["calls"]}
    missing = [function for function in FUNCTIONS if function not in seen]
    assert not missing, f"no recorded call of {missing} in {RECORD}: run the whole suite (`make test`) first"


def test_every_call_a_function_made_in_the_suite_is_allowed_by_its_role(checked):
    record = load_record(RECORD)
    template = Template(checked.document, "prod")
    refused = refused_calls(template, record["stage"], record["calls"])
    assert refused == [], "\n".join(
        ["calls the functions' roles refuse (fix infra/casebridge_infra/permissions.py):", *refused]
    )
