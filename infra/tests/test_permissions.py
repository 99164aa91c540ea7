"""Least privilege, read off the template: every IAM action listed, no wildcards, one role per function."""

from __future__ import annotations

import json
from typing import Any

import pytest

FUNCTIONS = {
    "APIHandler": "ApiHandlerRole",
    "PublishChanges": "PublishChangesRole",
    "FireTimers": "FireTimersRole",
    "CheckArrivals": "CheckArrivalsRole",
    "DeliverWebhooks": "DeliverWebhooksRole",
}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def policy_documents(synth) -> list[tuple[str, str, dict[str, Any]]]:
    """(resource, kind, document) for every policy in the template: identity, trust and resource policies."""
    found = []
    for name, resource in synth.document["Resources"].items():
        properties = resource.get("Properties", {})
        kind = resource["Type"]
        if kind == "AWS::IAM::Role":
            found.append((name, "trust", properties["AssumeRolePolicyDocument"]))
            found += [(name, "identity", policy["PolicyDocument"]) for policy in properties.get("Policies", [])]
        elif kind == "AWS::IAM::Policy":
            found.append((name, "identity", properties["PolicyDocument"]))
        elif kind == "AWS::KMS::Key":
            found.append((name, "key", properties["KeyPolicy"]))
        elif kind in ("AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy"):
            found.append((name, "resource", properties["PolicyDocument"]))
        elif kind == "AWS::Serverless::Function":
            assert "Policies" not in properties, f"{name}: SAM policies bypass the per-function roles"
    return found


def statements(synth):
    for name, kind, document in policy_documents(synth):
        for statement in document["Statement"]:
            yield name, kind, statement


def strings_in(value: Any) -> list[str]:
    """The literal strings inside a resource expression (Fn::Join fragments, plain ARNs)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    return []


@pytest.fixture(params=["prod", "every_option"])
def synth(request):
    return request.getfixturevalue(request.param)


def test_the_template_lists_its_actions_and_none_is_a_wildcard(synth):
    actions = sorted(
        {action for _, _, s in statements(synth) if s["Effect"] == "Allow" for action in as_list(s["Action"])}
    )
    assert len(actions) > 20, actions  # the check reads the real policies, not an empty list
    wildcards = [action for action in actions if "*" in action]
    assert wildcards == []


def test_no_identity_or_queue_policy_grants_on_a_wildcard_resource(synth):
    offending = []
    for name, kind, statement in statements(synth):
        if statement["Effect"] != "Allow" or kind in ("trust", "key"):
            continue
        for resource in as_list(statement["Resource"]):
            for text in strings_in(resource):
                # A function's own log group's streams are named by Lambda, the audit archive's
                # objects by the record's date and id, evidence objects by the file's id, and
                # GuardDuty's EventBridge rules by GuardDuty: the four wildcards allowed, each a prefix.
                own_streams = text.endswith(":log-stream:*") and "log-group:/casebridge/prod/" in text
                archive = text == "/audit/*" and "AuditArchive" in json.dumps(resource)
                evidence = text == "/files/*" and "Evidence" in json.dumps(resource)
                guardduty = text.endswith(":rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*")
                # The delivery function's: the signing secrets by their names' prefix, and the
                # organisations' own buses and queues, which are data (test_notifications).
                delivery = name == "DeliverWebhooksRole" and (
                    text.endswith(":secret:casebridge-prod/webhook-signing/*")
                    or statement.get("Sid") in ("OrganisationsBuses", "OrganisationsQueues")
                )
                # The console's files, read by CloudFront for its one distribution (origin access control).
                console = (
                    text == "/*"
                    and name.startswith("ConsoleSitePolicy")
                    and statement.get("Principal") == {"Service": "cloudfront.amazonaws.com"}
                    and "AWS:SourceArn" in json.dumps(statement.get("Condition"))
                )
                if "*" in text and not (own_streams or archive or evidence or guardduty or delivery or console):
                    offending.append((name, statement.get("Sid"), text))
    assert offending == []


def test_key_policies_name_the_key_itself_and_only_services_or_the_account(synth):
    for name, kind, statement in statements(synth):
        if kind != "key":
            continue
        assert statement["Resource"] == "*"  # in a key policy, "*" is this key
        principal = statement["Principal"]
        assert set(principal) <= {"AWS", "Service"}
        if "Service" in principal:
            assert "Condition" in statement, f"{name} {statement.get('Sid')}: a service without a condition"


def test_each_function_has_a_role_of_its_own(prod):
    roles = {function: prod.resource(function)["Properties"]["Role"]["Fn::GetAtt"][0] for function in FUNCTIONS}
    assert roles == FUNCTIONS
    assert len(set(roles.values())) == len(FUNCTIONS)
    for role in roles.values():
        (trust,) = prod.resource(role)["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        assert trust["Principal"] == {"Service": "lambda.amazonaws.com"}
        assert "ManagedPolicyArns" not in prod.resource(role)["Properties"]


def granted(synth, role: str) -> dict[str, list[Any]]:
    """action → resources, for one role's policy."""
    (policy,) = synth.resource(role)["Properties"]["Policies"]
    result: dict[str, list[Any]] = {}
    for statement in policy["PolicyDocument"]["Statement"]:
        for action in as_list(statement["Action"]):
            result.setdefault(action, []).extend(as_list(statement["Resource"]))
    return result


def test_nobody_may_scan_the_table(synth):
    actions = {action for _, _, s in statements(synth) for action in as_list(s["Action"])}
    assert not any("Scan" in action for action in actions)


def test_the_api_reads_and_writes_items_and_its_secrets_but_never_publishes(prod):
    api = granted(prod, "ApiHandlerRole")
    assert {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"} <= set(api)
    assert "events:PutEvents" not in api
    assert "dynamodb:GetRecords" not in api
    secrets = json.dumps(api["secretsmanager:GetSecretValue"])
    assert "CursorSecret" in secrets and "DeconflictionKeys" in secrets


def test_only_the_stream_handler_reads_the_stream_and_publishes_to_the_bus(prod):
    stream = granted(prod, "PublishChangesRole")
    assert stream["events:PutEvents"] == [{"Fn::GetAtt": ["Bus", "Arn"]}]
    assert stream["dynamodb:GetRecords"] == [{"Fn::GetAtt": ["Table", "StreamArn"]}]
    assert "sqs:SendMessage" in stream  # the stream-failures queue
    assert "CursorSecret" not in json.dumps(stream)
    for role in ("ApiHandlerRole", "FireTimersRole"):
        assert "events:PutEvents" not in granted(prod, role)


def test_the_timers_touch_the_table_the_blind_index_its_keys_and_their_logs_only(prod):
    import re

    timers = granted(prod, "FireTimersRole")
    services = {action.split(":")[0] for action in timers}
    assert services == {"logs", "dynamodb", "kms", "secretsmanager"}
    # Timers are Queried on the table itself; the second pass over new identifiers reads the blind index.
    indexes = {name for resources in timers.values() for name in re.findall(r"/index/(\w+)", json.dumps(resources))}
    assert indexes == {"blind"}
    secrets = json.dumps(timers["secretsmanager:GetSecretValue"])
    assert "DeconflictionKeys" in secrets and "CursorSecret" not in secrets


def test_index_queries_name_each_index(prod):
    import re

    queried = json.dumps(granted(prod, "ApiHandlerRole")["dynamodb:Query"])
    assert set(re.findall(r"/index/(\w+)", queried)) == {"gsi1", "gsi2", "gsi3", "gsi4", "blind"}
    assert "/index/*" not in queried


def test_no_function_may_update_or_delete_an_audit_partition(prod):
    for role in FUNCTIONS.values():
        (policy,) = prod.resource(role)["Properties"]["Policies"]
        [deny] = [
            s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Deny" and "Table" in json.dumps(s)
        ]
        assert set(as_list(deny["Action"])) == {"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"}
        assert deny["Resource"] == {"Fn::GetAtt": ["Table", "Arn"]}
        assert deny["Condition"] == {"ForAnyValue:StringLike": {"dynamodb:LeadingKeys": ["AUDIT#*"]}}


def test_only_the_stream_handler_writes_the_audit_archive_and_only_its_audit_prefix(prod):
    stream = granted(prod, "PublishChangesRole")
    assert stream["s3:PutObject"] == [{"Fn::Join": ["", [{"Fn::GetAtt": ["AuditArchive", "Arn"]}, "/audit/*"]]}]
    for role in ("ApiHandlerRole", "FireTimersRole", "CheckArrivalsRole"):
        assert "AuditArchive" not in json.dumps(granted(prod, role).get("s3:PutObject", []))
    assert not any(action.startswith("s3:") for action in granted(prod, "FireTimersRole"))


EVIDENCE_FILES = [{"Fn::Join": ["", [{"Fn::GetAtt": ["Evidence", "Arn"]}, "/files/*"]]}]


def test_the_api_presigns_evidence_files_and_the_arrivals_check_only_reads_them(prod):
    api, arrivals = granted(prod, "ApiHandlerRole"), granted(prod, "CheckArrivalsRole")
    # A presigned URL carries its signer's rights: the API may put and get `files/` objects,
    # and both read one version of one (the download's, the notification's).
    assert (api["s3:PutObject"], api["s3:GetObject"]) == (EVIDENCE_FILES, EVIDENCE_FILES)
    assert api["s3:GetObjectVersion"] == arrivals["s3:GetObjectVersion"] == EVIDENCE_FILES
    assert arrivals["s3:GetObject"] == EVIDENCE_FILES
    assert "s3:PutObject" not in arrivals
    assert arrivals["sqs:ReceiveMessage"] == [{"Fn::GetAtt": ["EvidenceArrivals", "Arn"]}]
    assert "events:PutEvents" not in arrivals and "secretsmanager:GetSecretValue" not in arrivals


def test_the_evidence_bucket_serves_its_files_to_the_two_functions_only_and_over_tls_only(prod):
    [policy] = [
        p for p in prod.resources("AWS::S3::BucketPolicy").values() if p["Properties"]["Bucket"] == {"Ref": "Evidence"}
    ]
    tls, only, no_threat = policy["Properties"]["PolicyDocument"]["Statement"]
    assert (tls["Effect"], tls["Condition"]) == ("Deny", {"Bool": {"aws:SecureTransport": "false"}})
    assert (only["Effect"], only["Principal"], only["Resource"]) == ("Deny", {"AWS": "*"}, EVIDENCE_FILES[0])
    assert only["Condition"] == {
        "ArnNotEquals": {
            "aws:PrincipalArn": [
                {"Fn::GetAtt": ["ApiHandlerRole", "Arn"]},
                {"Fn::GetAtt": ["CheckArrivalsRole", "Arn"]},
                {"Fn::GetAtt": ["MalwareProtectionRole", "Arn"]},
            ]
        }
    }
    assert set(only["Action"]) == {"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"}
    assert "s3:GetObjectVersion" in tls["Action"]
    # A download URL is the API's signature, for one version: where GuardDuty tagged a
    # threat, none works.
    assert (no_threat["Effect"], no_threat["Action"], no_threat["Resource"]) == (
        "Deny",
        ["s3:GetObject", "s3:GetObjectVersion"],
        EVIDENCE_FILES[0],
    )
    assert no_threat["Condition"] == {
        "ArnEquals": {"aws:PrincipalArn": {"Fn::GetAtt": ["ApiHandlerRole", "Arn"]}},
        "StringEquals": {"s3:ExistingObjectTag/GuardDutyMalwareScanStatus": "THREATS_FOUND"},
    }


def test_a_stage_without_scanning_has_no_guardduty_role_and_no_threat_statement(dev):
    assert not dev.resources("AWS::GuardDuty::MalwareProtectionPlan")
    [policy] = [
        p for p in dev.resources("AWS::S3::BucketPolicy").values() if p["Properties"]["Bucket"] == {"Ref": "Evidence"}
    ]
    assert [s.get("Sid") for s in policy["Properties"]["PolicyDocument"]["Statement"]][1:] == [
        "FilesForTheFunctionsOnly"
    ]


def test_only_the_stream_handler_writes_in_batches_and_only_feed_entries_and_timers(prod):
    """BatchWriteItem is an action of its own (not its items' PutItem): granted where a
    function batches, on the partitions it batches into, every item of a batch included."""
    for role in FUNCTIONS.values():
        (policy,) = prod.resource(role)["Properties"]["Policies"]
        batches = [
            s
            for s in policy["PolicyDocument"]["Statement"]
            if s["Effect"] == "Allow" and "dynamodb:BatchWriteItem" in as_list(s["Action"])
        ]
        if role != "PublishChangesRole":
            assert batches == [], role
            continue
        [batch] = batches
        assert batch["Resource"] == {"Fn::GetAtt": ["Table", "Arn"]}
        assert batch["Condition"] == {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["FEED#*", "TIMERS#*"]}}
