"""The IAM check's evaluator can refuse: a call outside the role, an explicit Deny and a
LeadingKeys condition each change its answer, so the recorded-calls check cannot pass vacuously."""

from __future__ import annotations

from pathlib import Path

import pytest
from policy_simulator import ACCOUNT, Request, Template, evaluate, rename_to_stage
from test_recorded_calls import load_record, refused_calls

TABLE = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/casebridge-prod"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/Example"


def answers(policy_statements: list[dict], *requests: Request) -> list[str]:
    policies = [{"name": "example", "policy": {"Version": "2012-10-17", "Statement": policy_statements}}]
    return [answer["result"] for answer in evaluate(ROLE, policies, list(requests))]


def test_a_call_outside_the_role_is_refused():
    allow_put = {"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": TABLE}
    assert answers(
        [allow_put],
        Request("dynamodb:PutItem", TABLE),
        Request("dynamodb:BatchWriteItem", TABLE),
        Request("dynamodb:PutItem", f"{TABLE}-other"),
    ) == ["Allowed", "ImplicitlyDenied", "ImplicitlyDenied"]


def test_an_explicit_deny_on_leading_keys_wins_over_an_allow():
    statements = [
        {"Effect": "Allow", "Action": "dynamodb:UpdateItem", "Resource": TABLE},
        {
            "Effect": "Deny",
            "Action": "dynamodb:UpdateItem",
            "Resource": TABLE,
            "Condition": {"ForAnyValue:StringLike": {"dynamodb:LeadingKeys": ["AUDIT#*"]}},
        },
    ]
    assert answers(
        statements,
        Request("dynamodb:UpdateItem", TABLE, ("CASE#case_1",)),
        Request("dynamodb:UpdateItem", TABLE, ("AUDIT#CASE#case_1",)),
    ) == ["Allowed", "ExplicitlyDenied"]


def test_an_allow_scoped_to_leading_keys_refuses_a_batch_with_any_other_partition():
    statements = [
        {
            "Effect": "Allow",
            "Action": "dynamodb:BatchWriteItem",
            "Resource": TABLE,
            "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["FEED#*"]}},
        }
    ]
    assert answers(
        statements,
        Request("dynamodb:BatchWriteItem", TABLE, ("FEED#DEA#0", "FEED#DEA#1")),
        Request("dynamodb:BatchWriteItem", TABLE, ("FEED#DEA#0", "CASE#case_1")),
    ) == ["Allowed", "ImplicitlyDenied"]


def test_the_template_resolves_to_the_arns_the_suite_calls(every_option):
    template = Template(every_option.document, "prod")
    role, [policy] = template.role_policies("publish_changes")
    statements = {s["Sid"]: s for s in policy["policy"]["Statement"]}
    # Fn::GetAtt and Fn::Join become the ARNs the calls name, in moto's account and region.
    assert role == "PublishChangesRole"
    assert f"{TABLE}/index/blind" in statements["Indexes"]["Resource"]
    assert statements["AuditArchive"]["Resource"] == "arn:aws:s3:::casebridge-prod-audit-archive/audit/*"
    assert statements["TableStream"]["Resource"] == f"{TABLE}/stream/*"
    recorded = "arn:aws:s3:::casebridge-test-audit-archive/audit/2026/aud_1.json"
    assert (
        rename_to_stage(recorded, "test", "prod") == "arn:aws:s3:::casebridge-prod-audit-archive/audit/2026/aud_1.json"
    )


def test_the_check_refuses_a_call_the_stream_handler_made_outside_its_role(every_option):
    template = Template(every_option.document, "prod")
    call = {
        "function": "publish_changes",
        "action": "dynamodb:DeleteTable",
        "resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/casebridge-test",
        "leading_keys": [],
        "count": 1,
        "examples": [{"resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/casebridge-test", "leading_keys": []}],
    }
    [refused] = refused_calls(template, "test", [call])
    assert refused.startswith("publish_changes (PublishChangesRole): dynamodb:DeleteTable on ")
    assert "table/casebridge-prod: ImplicitlyDenied" in refused


def test_without_a_record_the_check_fails_and_says_to_run_make_test(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="run `make test` first"):
        load_record(tmp_path)
