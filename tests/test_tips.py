"""Platform tips over the API: submission, duplicates, batches, routing, the inbox and triage."""

from __future__ import annotations

import pytest

from chalicelib.domain.tips import INBOX_SHARDS
from tests.conftest import load_event

MINIMAL = load_event("api/submit-tip-minimal.json")


def tip(reference: str, **fields):
    return {**MINIMAL, "platform_reference": reference, **fields}


def submit(api, org="TIKTOK", **fields):
    response = api.call("POST", "/v1/tips", org, tip(fields.pop("reference", "T-1"), **fields))
    assert response.status_code in (200, 201), response.body
    return response.data["tip_id"]


def test_a_minimal_tip_is_received_and_a_repeat_is_answered_with_the_first_tip(api):
    first = api.call("POST", "/v1/tips", "TIKTOK", MINIMAL)
    assert first.status_code == 201
    assert first.headers["location"] == f"/v1/tips/{first.data['tip_id']}"
    assert (first.data["result"], first.data["status"]) == ("accepted", "received")
    again = api.call("POST", "/v1/tips", "TIKTOK", {**MINIMAL, "category": "weapons"})
    assert again.status_code == 200
    assert (again.data["result"], again.data["tip_id"]) == ("duplicate", first.data["tip_id"])


def test_another_platform_may_use_the_same_reference(api):
    assert api.call("POST", "/v1/tips", "TIKTOK", MINIMAL).status_code == 201
    assert api.call("POST", "/v1/tips", "YOUTUBE", MINIMAL).status_code == 201


def test_a_meta_account_must_name_its_service_and_a_bad_handle_is_a_field_error(api):
    response = api.call("POST", "/v1/tips", "META", MINIMAL)
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "reported_accounts.0.service"
    bad = api.call("POST", "/v1/tips", "TIKTOK", tip("T-2", reported_accounts=[{"handle": "no spaces allowed"}]))
    assert bad.status_code == 400
    assert bad.data["errors"][0]["field"] == "reported_accounts.0.handle"


def test_a_batch_answers_each_item_and_writes_nothing_for_the_invalid(api, dynamo_calls):
    from chalicelib.wiring import tips

    assert api.call("POST", "/v1/tips", "TIKTOK", tip("OLD")).status_code == 201
    old_id = tips().claimed("TIKTOK", ["OLD"])["OLD"]
    items = [
        tip("A"),
        {"platform_reference": "B", "category": "arson", "reported_accounts": [{"handle": "@x"}]},
        tip("OLD"),
        tip("C", reported_accounts=[{"handle": "bad handle!"}]),
        tip("A"),
        tip("D"),
    ]
    dynamo_calls.reset()
    response = api.call("POST", "/v1/tips/batch", "TIKTOK", {"tips": items})
    assert response.status_code == 200
    results = response.data["results"]
    assert [r["result"] for r in results] == ["accepted", "invalid", "duplicate", "invalid", "duplicate", "accepted"]
    assert results[2]["tip_id"] == old_id
    assert results[4]["tip_id"] == results[0]["tip_id"]
    assert results[1]["errors"][0]["field"] == "category"
    assert results[3]["errors"][0]["field"] == "reported_accounts.0.handle"
    assert (response.data["accepted"], response.data["duplicates"], response.data["invalid"]) == (2, 2, 1 + 1)
    # optimistic: one refused write, the claims read back, the rest written again
    assert dynamo_calls.operations == ["TransactWriteItems", "BatchGetItem", "TransactWriteItems"]
    assert tips().claimed("TIKTOK", ["B", "C"]) == {}


def test_a_batch_of_100_new_tips_is_three_writes(api, dynamo_calls):
    body = {"tips": [tip(f"R-{n}") for n in range(100)]}
    response = api.call("POST", "/v1/tips/batch", "TIKTOK", body)
    assert response.data["accepted"] == 100
    assert dynamo_calls.operations == ["TransactWriteItems"] * 3


def test_a_batch_is_at_most_100_tips(api):
    body = {"tips": [tip(f"R-{n}") for n in range(101)]}
    assert api.call("POST", "/v1/tips/batch", "TIKTOK", body).status_code == 400


def test_the_platform_follows_its_tip_and_never_learns_the_agency_by_default(api, pump):
    tip_id = submit(api)
    assert api.call("GET", f"/v1/tips/{tip_id}", "TIKTOK").data["status"] == "received"
    pump.drain()
    seen = api.call("GET", f"/v1/tips/{tip_id}", "TIKTOK").data
    assert (seen["status"], seen["routed_to"]) == ("routed", None)
    assert set(seen) == {"tip_id", "platform_reference", "status", "received_at", "routed_to"}
    assert api.call("GET", f"/v1/tips/{tip_id}", "X").status_code == 404
    assert api.call("GET", f"/v1/tips/{tip_id}", "HSI").status_code == 404
    assert api.call("GET", f"/v1/tips/{tip_id}", "DEA").data["route"]["rule"] == "distribution"


def test_a_tip_naming_a_held_account_goes_to_the_agency_holding_it(api, pump):
    atf = api.open_case("ATF")["case_id"]
    held = {"type": "social_handle", "value": "@Plug.NYC", "platform": "instagram"}
    assert api.call("POST", f"/v1/cases/{atf}/identifiers", "ATF", {"identifiers": [held]}).status_code == 201
    report = load_event("api/submit-tip.json")
    tip_id = api.call("POST", "/v1/tips", "META", report).data["tip_id"]
    pump.drain()
    seen = api.call("GET", f"/v1/tips/{tip_id}", "ATF").data
    assert seen["route"] == {"rule": "deconfliction", "reason": seen["route"]["reason"], "matched_case_id": atf}
    assert api.call("GET", f"/v1/tips/{tip_id}", "DEA").status_code == 404


def routed(api, pump, org="TIKTOK", **fields):
    tip_id = submit(api, org, **fields)
    pump.drain()
    return tip_id


def test_promoting_opens_a_case_with_the_tips_identifiers_and_content(api, pump):
    tip_id = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json")).data["tip_id"]
    pump.drain()
    promoted = api.call("POST", f"/v1/tips/{tip_id}/promote", "DEA", {"tlp": "GREEN"})
    assert promoted.status_code == 201
    case_id = promoted.data["case_id"]
    assert promoted.headers["location"] == f"/v1/cases/{case_id}"
    case = api.call("GET", f"/v1/cases/{case_id}", "DEA").data
    assert case["title"].startswith("META tip IG-2026-118204") and case["tlp"] == "GREEN"
    identifiers = api.call("GET", f"/v1/cases/{case_id}/identifiers", "DEA").data["items"]
    assert {i["type"] for i in identifiers} == {"social_handle", "platform_user_id", "url", "device_id"}
    notes = api.call("GET", f"/v1/cases/{case_id}/notes", "DEA").data["items"]
    assert "https://www.instagram.com/p/C0ffee123/" in notes[0]["text"]
    tip = api.call("GET", f"/v1/tips/{tip_id}", "DEA").data
    assert (tip["status"], tip["case_id"]) == ("promoted", case_id)
    assert api.call("GET", f"/v1/tips/{tip_id}", "META").data["status"] == "actioned"
    again = api.call("POST", f"/v1/tips/{tip_id}/promote", "DEA", {})
    assert again.status_code == 409 and case_id in again.data["detail"]


def test_linking_needs_a_case_the_agency_participates_in(api, pump):
    tip_id = routed(api, pump)
    hsi_case = api.open_case("HSI")["case_id"]
    assert api.call("POST", f"/v1/tips/{tip_id}/link", "DEA", {"case_id": hsi_case}).status_code == 404
    dea_case = api.open_case("DEA")["case_id"]
    linked = api.call("POST", f"/v1/tips/{tip_id}/link", "DEA", {"case_id": dea_case})
    assert linked.status_code == 200 and linked.data["case_id"] == dea_case
    identifiers = api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"]
    assert [(i["type"], i["value"]) for i in identifiers] == [("social_handle", "plug.nyc")]


def test_dismissing_needs_a_reason_and_ends_triage(api, pump):
    tip_id = routed(api, pump)
    assert api.call("POST", f"/v1/tips/{tip_id}/dismiss", "DEA", {}).status_code == 400
    assert api.call("POST", f"/v1/tips/{tip_id}/dismiss", "DEA", {"reason": "satire account"}).status_code == 200
    assert api.call("GET", f"/v1/tips/{tip_id}", "DEA").data["dismiss_reason"] == "satire account"
    assert api.call("POST", f"/v1/tips/{tip_id}/dismiss", "DEA", {"reason": "again"}).status_code == 409


def test_rerouting_hands_the_tip_over(api, pump):
    tip_id = routed(api, pump)
    assert api.call("POST", f"/v1/tips/{tip_id}/reroute", "DEA", {"to_org": "META", "reason": "r"}).status_code == 409
    assert api.call("POST", f"/v1/tips/{tip_id}/reroute", "DEA", {"to_org": "DEA", "reason": "r"}).status_code == 409
    moved = api.call("POST", f"/v1/tips/{tip_id}/reroute", "DEA", {"to_org": "HSI", "reason": "border nexus"})
    assert moved.status_code == 200 and moved.data["routed_to"] == "HSI"
    assert api.call("GET", f"/v1/tips/{tip_id}", "DEA").status_code == 404
    seen = api.call("GET", f"/v1/tips/{tip_id}", "HSI").data
    assert (seen["status"], seen["route"]["rule"], seen["rerouted_from"]) == ("new", "reroute", ["DEA"])
    assert [t["tip_id"] for t in api.call("GET", "/v1/tips?status=new", "HSI").data["items"]] == [tip_id]


def test_the_inbox_pages_across_its_shards_newest_first(api, pump, dynamo_calls):
    body = {"tips": [tip(f"P-{n}") for n in range(30)]}
    ids = [r["tip_id"] for r in api.call("POST", "/v1/tips/batch", "TIKTOK", body).data["results"]]
    pump.drain()
    seen, cursor, pages = [], None, 0
    while True:
        dynamo_calls.reset()
        path = "/v1/tips?status=new&limit=7" + (f"&cursor={cursor}" if cursor else "")
        page = api.call("GET", path, "DEA").data
        assert dynamo_calls.operations.count("Query") <= INBOX_SHARDS
        assert "Scan" not in dynamo_calls.operations
        seen += [t["tip_id"] for t in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(ids, reverse=True)
    assert pages == 5


@pytest.mark.parametrize(
    ("org", "method", "path", "body", "status"),
    [
        ("DEA", "POST", "/v1/tips", MINIMAL, 403),
        ("DEA", "POST", "/v1/tips/batch", {"tips": [MINIMAL]}, 403),
        ("META", "GET", "/v1/tips", None, 403),
        ("META", "POST", "/v1/tips/{tip}/promote", {}, 403),
        ("META", "POST", "/v1/tips/{tip}/dismiss", {"reason": "r"}, 403),
        ("META", "POST", "/v1/tips/{tip}/reroute", {"to_org": "HSI", "reason": "r"}, 403),
        ("TIKTOK", "POST", "/v1/tips/{tip}/link", {"case_id": "case_01JAAAAAAAAAAAAAAAAAAAAAAA"}, 403),
        ("HSI", "POST", "/v1/tips/{tip}/promote", {}, 404),
        ("HSI", "POST", "/v1/tips/{tip}/dismiss", {"reason": "r"}, 404),
        ("HSI", "POST", "/v1/tips/{tip}/reroute", {"to_org": "ATF", "reason": "r"}, 404),
        ("X", "GET", "/v1/tips/{tip}", None, 404),
        ("TIKTOK", "GET", "/v1/tips/{tip}", None, 200),
        ("DEA", "GET", "/v1/tips/{tip}", None, 200),
        (None, "GET", "/v1/tips/{tip}", None, 401),
        (None, "POST", "/v1/tips", MINIMAL, 401),
    ],
)
def test_who_may_do_what_with_a_tip(api, pump, org, method, path, body, status):
    tip_id = routed(api, pump, reference="AUTHZ")
    response = api.call(method, path.format(tip=tip_id), org, body)
    assert response.status_code == status, response.body
    if status >= 400:
        assert response.headers["content-type"] == "application/problem+json"


def test_a_platform_token_without_the_tips_scope_is_refused(api):
    response = api.call("POST", "/v1/tips", "TIKTOK", MINIMAL, scope="preservations:respond")
    assert response.status_code == 403
