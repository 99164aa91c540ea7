"""DynamoDB round trips per request are deterministic: assert the counts, never timings."""

from __future__ import annotations

import json

import pytest


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


@pytest.mark.parametrize("name", list(PLATFORM_CALLS))
def test_tip_and_preservation_requests_make_a_fixed_number_of_calls(api, platform_world, dynamo_calls, name):
    org, method, template, body, expected = PLATFORM_CALLS[name]
    dynamo_calls.reset()
    if body is not None:
        body = json.loads(json.dumps(body).replace("{case}", platform_world["case"]))
    response = api.call(method, template.format(**platform_world), org, body)
    assert response.status_code < 300, response.body
    assert dynamo_calls.operations == expected
