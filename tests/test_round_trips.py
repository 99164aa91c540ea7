"""DynamoDB round trips per request are deterministic: assert the counts, never timings.

The module's tests run in one moto account, each from its world as built once (`tests/worlds.py`).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from chalicelib.devtools.issuer import DEFAULT_AGENCY_SCOPES
from chalicelib.domain.people import person_id
from tests.conftest import build_platform_world, every_operation, load_event
from tests.worlds import a_world, one_account_per_module

aws, client, api, provisioned, isolated = one_account_per_module()


@pytest.fixture
def shared_case(api):
    case = api.open_case("DEA")
    referral = api.refer(case["case_id"], "HSI")
    api.call("POST", f"/v1/cases/{case['case_id']}/notes", "DEA", {"text": "n"})
    etag = api.call("GET", f"/v1/cases/{case['case_id']}", "DEA").headers["etag"]
    return case["case_id"], referral["referral_id"], etag


WRITES = {
    "open case": ("POST", "/v1/cases", {"title": "t"}),
    "update case": ("PATCH", "/v1/cases/{case}", {"summary": "s"}),
    "close case": ("POST", "/v1/cases/{case}/close", None),
    "add note": ("POST", "/v1/cases/{case}/notes", {"text": "t"}),
    "refer": ("POST", "/v1/cases/{case}/referrals", {"to_org": "ATF", "reason": "r"}),
    "accept": ("POST", "/v1/referrals/{ref}/accept", None),
}
READS = {
    "read case": ("GET", "/v1/cases/{case}", ["GetItem", "PutItem"]),
    "read referral": ("GET", "/v1/referrals/{ref}", ["TransactGetItems", "PutItem"]),
    "list cases": ("GET", "/v1/cases", ["Query", "PutItem"]),
    "list notes": ("GET", "/v1/cases/{case}/notes", ["Query", "PutItem"]),
    # The trail has partitions of its own, which no function may change: the case is a second read.
    "audit trail": ("GET", "/v1/cases/{case}/audit", ["GetItem", "Query", "PutItem"]),
    "referral box": ("GET", "/v1/referrals?box=inbound&status=pending", ["Query", "PutItem"]),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_is_one_transaction(api, shared_case, dynamo_calls, write):
    case_id, referral_id, etag = shared_case
    method, template, body = WRITES[write]
    org = "HSI" if write == "accept" else "DEA"
    dynamo_calls.reset()
    response = api.call(method, template.format(case=case_id, ref=referral_id), org, body, {"If-Match": etag})
    assert response.status_code in (200, 201), response.body
    assert dynamo_calls.operations == ["TransactWriteItems"]


@pytest.mark.parametrize("read", list(READS))
def test_every_read_is_one_read_plus_its_audit_write(api, shared_case, dynamo_calls, read):
    case_id, referral_id, _ = shared_case
    method, template, expected = READS[read]
    org = "HSI" if "box" in read else "DEA"
    dynamo_calls.reset()
    response = api.call(method, template.format(case=case_id, ref=referral_id), org)
    assert response.status_code == 200, response.body
    assert dynamo_calls.operations == expected


def test_no_request_ever_scans(api, shared_case, dynamo_calls):
    case_id, referral_id, etag = shared_case
    for method, template, body in WRITES.values():
        api.call(method, template.format(case=case_id, ref=referral_id), "DEA", body, {"If-Match": etag})
    for method, template, _ in READS.values():
        api.call(method, template.format(case=case_id, ref=referral_id), "ATF")
    assert "Scan" not in dynamo_calls.operations


def test_a_list_page_reads_a_bounded_number_of_items(api, dynamo_calls):
    for _ in range(7):
        api.open_case("DEA")
    from chalicelib.storage.table import Item

    consumed = []
    events = Item._get_connection().connection.client.meta.events

    def count(parsed, **_):
        if "Count" in parsed:
            consumed.append(parsed["ScannedCount"])

    events.register("after-call.dynamodb.Query", count)
    try:
        page = api.call("GET", "/v1/cases?limit=3", "DEA").data
    finally:
        events.unregister("after-call.dynamodb.Query", count)
    assert len(page["items"]) == 3
    assert consumed == [3]


PLATFORM_CALLS = {
    "submit tip": (
        "TIKTOK",
        "POST",
        "/v1/tips",
        {"platform_reference": "RT-2", "category": "weapons", "reported_accounts": [{"handle": "@vendor"}]},
        ["TransactWriteItems"],
    ),
    "tip status": ("META", "GET", "/v1/tips/{tip}", None, ["GetItem", "PutItem"]),
    "read tip": ("DEA", "GET", "/v1/tips/{tip}", None, ["GetItem", "PutItem"]),
    "tip inbox": ("DEA", "GET", "/v1/tips?status=new", None, ["Query"] * 8 + ["PutItem"]),
    "dismiss tip": ("DEA", "POST", "/v1/tips/{tip}/dismiss", {"reason": "r"}, ["TransactWriteItems"]),
    "reroute tip": (
        "DEA",
        "POST",
        "/v1/tips/{tip}/reroute",
        {"to_org": "HSI", "reason": "r"},
        ["GetItem", "TransactWriteItems"],
    ),
    "promote tip": ("DEA", "POST", "/v1/tips/{tip}/promote", {}, ["GetItem", "TransactWriteItems"]),
    "link tip": (
        "DEA",
        "POST",
        "/v1/tips/{tip}/link",
        {"case_id": "{case}"},
        ["TransactGetItems", "TransactWriteItems"],
    ),
    "request preservation": (
        "DEA",
        "POST",
        "/v1/cases/{case}/preservations",
        {"platform": "X", "accounts": [{"handle": "@vendor"}]},
        ["TransactWriteItems"],
    ),
    "preservation (platform)": ("META", "GET", "/v1/preservations/{pres}", None, ["GetItem", "PutItem"]),
    "preservation (agency)": ("DEA", "GET", "/v1/preservations/{pres}", None, ["GetItem", "GetItem", "PutItem"]),
    # A platform's inbound box is one Query per shard (in parallel); an agency's outbound one, one Query.
    "preservation list (platform)": ("META", "GET", "/v1/preservations", None, ["Query"] * 4 + ["PutItem"]),
    "preservation list (agency)": ("DEA", "GET", "/v1/preservations", None, ["Query", "PutItem"]),
    "acknowledge": (
        "META",
        "POST",
        "/v1/preservations/{pres}/acknowledge",
        {"platform_reference": "p"},
        ["GetItem", "TransactWriteItems"],
    ),
    "extend": ("DEA", "POST", "/v1/preservations/{pres}/extend", None, ["GetItem", "GetItem", "TransactWriteItems"]),
}


@a_world
def platform_world(api, aws) -> dict[str, str]:
    """META's tip, routed to DEA; a DEA case; DEA's preservation request to META (`build_platform_world`)."""
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import stream_handler

    return build_platform_world(api, StreamPump(aws.table_stream_arn, stream_handler()))


@pytest.mark.parametrize("name", list(PLATFORM_CALLS))
def test_tip_and_preservation_requests_make_a_fixed_number_of_calls(api, platform_world, dynamo_calls, name):
    org, method, template, body, expected = PLATFORM_CALLS[name]
    dynamo_calls.reset()
    if body is not None:
        body = json.loads(json.dumps(body).replace("{case}", platform_world["case"]))
    response = api.call(method, template.format(**platform_world), org, body)
    assert response.status_code < 300, response.body
    assert dynamo_calls.operations == expected


# Hidden answers exactly like absent, in DynamoDB calls too -------------------------------------

#: The stranger of each kind of caller: an agency with no part in the world's case (with every
#: agency scope, so that only who it is refuses it), and a platform nothing is addressed to.
STRANGERS = {
    "agency": ("ATF", {"scope": DEFAULT_AGENCY_SCOPES + " emergency:approve deconfliction:waive"}),
    "platform": ("TIKTOK", {}),
}
#: What each route is sent; `{…}` names an id of the world (hidden from the strangers), `{own_case}`
#: the stranger agency's own case. A route taking a body must be here, or the test fails (400).
BODIES: dict[tuple[str, str], Any] = {
    ("PATCH", "/v1/cases/{case_id}"): {"summary": "s"},
    ("POST", "/v1/cases/{case_id}/notes"): {"text": "t"},
    ("POST", "/v1/cases/{case_id}/identifiers"): {"identifiers": [{"type": "email", "value": "plug@example.com"}]},
    ("POST", "/v1/cases/{case_id}/files"): load_event("api/declare-file.json"),
    ("POST", "/v1/tips/{tip_id}/files"): load_event("api/declare-file.json"),
    ("POST", "/v1/cases/{case_id}/preservations"): load_event("api/request-preservation.json"),
    ("POST", "/v1/preservations/{preservation_id}/acknowledge"): {"platform_reference": "p"},
    ("POST", "/v1/cases/{case_id}/emergency-requests"): load_event("api/ask-emergency-request.json"),
    ("POST", "/v1/emergency-requests/{request_id}/approve"): {},
    ("POST", "/v1/emergency-requests/{request_id}/reject"): {"reason": "r"},
    ("POST", "/v1/emergency-requests/{request_id}/acknowledge"): {},
    ("POST", "/v1/emergency-requests/{request_id}/answer"): {"outcome": "disclosed"},
    ("POST", "/v1/emergency-requests/{request_id}/files"): load_event("api/declare-file.json"),
    ("POST", "/v1/cases/{case_id}/legal-requests"): load_event("api/serve-subpoena.json"),
    ("POST", "/v1/legal-requests/{request_id}/acknowledge"): {"platform_reference": "p"},
    ("POST", "/v1/legal-requests/{request_id}/answer"): {"outcome": "produced"},
    ("POST", "/v1/legal-requests/{request_id}/withdraw"): {"reason": "r"},
    ("POST", "/v1/legal-requests/{request_id}/nondisclosure"): {
        "until": "2028-01-01T00:00:00Z",
        "document_file_id": "{file_id}",
    },
    ("POST", "/v1/legal-requests/{request_id}/files"): load_event("api/declare-file.json"),
    ("POST", "/v1/operations"): {**load_event("api/register-operation.json"), "case_id": "{case_id}"},
    ("PATCH", "/v1/operations/{operation_id}"): {"contact": {"name": "SA Rivera"}},
    ("POST", "/v1/cases/{case_id}/referrals"): {"to_org": "HSI", "reason": "r"},
    ("POST", "/v1/referrals/{referral_id}/decline"): {"reason": "no nexus"},
    ("POST", "/v1/tips/{tip_id}/promote"): {},
    ("POST", "/v1/tips/{tip_id}/link"): {"case_id": "{own_case}"},
    ("POST", "/v1/tips/{tip_id}/dismiss"): {"reason": "r"},
    ("POST", "/v1/tips/{tip_id}/reroute"): {"to_org": "HSI", "reason": "r"},
    ("POST", "/v1/legal-requests/{request_id}/report-fraud"): {"reason": "r"},
    ("POST", "/v1/emergency-requests/{request_id}/report-fraud"): {"reason": "r"},
    ("POST", "/v1/conflicts/{conflict_id}/resolve"): {"outcome": "joint", "note": "n"},
    ("POST", "/v1/conflicts/{conflict_id}/waiver"): {"reason": "r"},
    ("PATCH", "/v1/people/{person_id}"): {"title": "t"},
    ("POST", "/v1/people/{person_id}/verify"): {},
    ("POST", "/v1/people/{person_id}/suspend"): {},
    ("POST", "/v1/people/{person_id}/revoke"): {},
    ("POST", "/v1/people/{person_id}/reinstate"): {},
}


def _by_id(operation) -> bool:
    """A route that names something by id, in its path or its body: what can be hidden."""
    return "{" in operation.path or "{case_id}" in json.dumps(BODIES.get((operation.method, operation.path)))


def _hidden_routes() -> list[tuple[str, str, str]]:
    routes = [
        (op.method, op.path, kind.value)
        for op in every_operation()
        if _by_id(op)
        for kind in op.scopes
        if kind.value in STRANGERS
    ]
    assert len(routes) > 50, "no routes to check: an empty parametrization would skip this test silently"
    return routes


@a_world
def hidden_world(api, aws) -> dict[str, str]:
    """DEA's case with one of everything, none of it visible to ATF or TIKTOK (`build_hidden_world`)."""
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import stream_handler

    return build_hidden_world(api, StreamPump(aws.table_stream_arn, stream_handler()))


def build_hidden_world(api, pump) -> dict[str, str]:
    """DEA's case with one of everything, none of it visible to ATF or TIKTOK."""
    case_id = api.open_case("DEA")["case_id"]

    def say(method: str, path: str, body: Any = None, org: str = "DEA", **claims: Any) -> Any:
        response = api.call(method, path, org, body, **claims)
        assert response.status_code < 300, response.body
        return response

    tip_id = say("POST", "/v1/tips", load_event("api/submit-tip.json"), "META").data["tip_id"]
    phone = {"identifiers": [{"type": "phone", "value": "+1 202 555 0143"}]}
    identifier = say("POST", f"/v1/cases/{case_id}/identifiers", phone).data["identifiers"][0]["identifier_id"]
    say("POST", f"/v1/cases/{api.open_case('HSI')['case_id']}/identifiers", phone, "HSI")
    operation = {**load_event("api/register-operation.json"), "case_id": case_id}
    operation_id = say("POST", "/v1/operations", operation).data["operation"]["operation_id"]
    say("POST", "/v1/operations", {**operation, "case_id": api.open_case("HSI")["case_id"]}, "HSI")
    referral_id = api.refer(case_id, "USPIS")["referral_id"]
    declared = load_event("api/declare-file.json")
    file_id = say("POST", f"/v1/cases/{case_id}/files", declared).data["file"]["file_id"]
    tip_file_id = say("POST", f"/v1/tips/{tip_id}/files", declared, "META").data["file"]["file_id"]
    pres = say("POST", f"/v1/cases/{case_id}/preservations", load_event("api/request-preservation.json"))
    legal = say("POST", f"/v1/cases/{case_id}/legal-requests", load_event("api/serve-subpoena.json"))
    asked = say("POST", f"/v1/cases/{case_id}/emergency-requests", load_event("api/ask-emergency-request.json"))
    supervisor = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}
    emergency_id = asked.data["request_id"]
    say("POST", f"/v1/emergency-requests/{emergency_id}/approve", {}, **supervisor)
    pump.drain()
    hit_id = api.call("GET", "/v1/deconfliction/hits", "DEA").data["items"][0]["hit_id"]
    conflict_id = api.call("GET", "/v1/deconfliction/conflicts", "DEA").data["items"][0]["conflict_id"]
    watched = api.call("GET", "/v1/conflicts", "WBWATCH").data["items"][0]["conflict_id"]  # DEA's and HSI's
    return {
        "watched": watched,
        "case_id": case_id,
        "identifier_id": identifier,
        "hit_id": hit_id,
        "conflict_id": conflict_id,
        "file_id": file_id,
        "tip_file": tip_file_id,
        "preservation_id": pres.data["preservation_id"],
        "legal": legal.data["request_id"],
        "emergency": emergency_id,
        "operation_id": operation_id,
        "referral_id": referral_id,
        "tip_id": tip_id,
        "own_case": api.open_case("ATF")["case_id"],
        "person_id": person_id("https://issuer.casebridge.local", "agent.dea@example.gov"),  # DEA's officer
    }


def absent_like(value: str) -> str:
    """An id of the same shape and time naming nothing: each of its ULIDs (or its hex digest)
    with another last character (a referral's or operation's case with it)."""

    def other(match: re.Match[str]) -> str:
        found = match.group(0)
        return found[:-1] + ("1" if found[-1] != "1" else "2")

    return re.sub(r"[0-9A-HJKMNP-TV-Z]{26}|(?<=idn_)[0-9a-f]{32}", other, value)


def fill(template: Any, ids: dict[str, str]) -> Any:
    """`template` (a path or a body) with each `{name}` replaced by the id of that name."""
    text = json.dumps(template)
    for name, value in ids.items():
        text = text.replace("{" + name + "}", value)
    return json.loads(text)


@pytest.mark.parametrize(("method", "path", "kind"), _hidden_routes())
def test_hidden_and_absent_make_the_same_dynamodb_calls(api, hidden_world, dynamo_calls, method, path, kind):
    """What is hidden is answered as absent, in its reads and writes too (timing follows
    them): the same DynamoDB operations, in the same number, and the same 404."""
    org, claims = STRANGERS[kind]
    if path.startswith("/v1/people"):  # the stranger's own administrator (`devtools.people`)
        claims = {"sub": f"admin.{org.lower()}@example.gov", "scope": "people:admin"}
    request_kind = "legal" if path.startswith("/v1/legal-requests") else "emergency"
    hidden = {**hidden_world, "request_id": hidden_world[request_kind]}
    if path.startswith("/v1/conflicts/"):  # the watch floor's conflict between DEA and HSI
        hidden["conflict_id"] = hidden_world["watched"]
    files = ["file_id", "tip_file"] if "{file_id}" in path else ["file_id"]  # a case's file, a tip's
    for file in files:
        ids = {**hidden, "file_id": hidden[file]}
        absent = {name: value if name == "own_case" else absent_like(value) for name, value in ids.items()}
        seen = {}
        for variant, named in (("hidden", ids), ("absent", absent)):
            body = fill(BODIES.get((method, path)), named)
            dynamo_calls.reset()
            response = api.call(method, fill(path, named), org, body, {"If-Match": '"v1"'}, **claims)
            assert response.status_code == 404, (file, variant, response.body)
            seen[variant] = sorted(dynamo_calls.operations)
        assert seen["hidden"] == seen["absent"], file
