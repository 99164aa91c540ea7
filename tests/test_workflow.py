"""The walkthrough (docs/examples/walkthrough.sh) in process: open, refer, accept, notify."""

from __future__ import annotations

import json


def test_referral_accepted_gives_the_receiver_the_case_and_tells_everyone(api, own_queues, pump):
    case = api.open_case("DEA", summary="Vendor ships M30s by mail", substances=["fentanyl"])
    referral = api.refer(case["case_id"], "HSI", priority="urgent")
    assert api.call("GET", f"/v1/cases/{case['case_id']}", "HSI").status_code == 404

    pump.drain()
    inbox = api.call("GET", "/v1/referrals?box=inbound&status=pending", "HSI")
    assert [item["referral_id"] for item in inbox.data["items"]] == [referral["referral_id"]]
    assert (inbox.data["items"][0]["case_title"], inbox.data["items"][0]["tlp"]) == ("Counterfeit M30 vendor", "AMBER")
    seen = api.call("GET", f"/v1/referrals/{referral['referral_id']}", "HSI")
    assert seen.data["case_title"] == "Counterfeit M30 vendor"
    assert seen.data["tlp"] == "AMBER"

    accepted = api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
    assert accepted.status_code == 200, accepted.body
    assert accepted.data["status"] == "accepted"
    shared = api.call("GET", f"/v1/cases/{case['case_id']}", "HSI")
    assert shared.status_code == 200
    assert shared.data["participants"] == ["DEA", "HSI"]

    pump.drain()
    hsi_events = own_queues.received("HSI")
    assert {event["detail-type"] for event in hsi_events} == {"Referral Created", "Referral Accepted"}
    dea_events = own_queues.received("DEA")
    assert {event["detail-type"] for event in dea_events} == {"Case Opened", "Referral Created", "Referral Accepted"}
    assert own_queues.received("ATF") == []
    for event in hsi_events + dea_events:
        assert "summary" not in json.dumps(event["detail"])
        assert event["detail"]["id"].startswith("evt_")

    listed = api.call("GET", "/v1/cases", "HSI")
    assert [item["case_id"] for item in listed.data["items"]] == [case["case_id"]]
    assert listed.data["items"][0]["role"] == "participant"


def test_notes_are_shared_with_participants_only(api, own_queues, pump):
    case = api.open_case("DEA")
    note = api.call("POST", f"/v1/cases/{case['case_id']}/notes", "DEA", {"text": "UC buy set for Friday"})
    assert note.status_code == 201
    assert api.call("GET", f"/v1/cases/{case['case_id']}/notes", "ATF").status_code == 404
    notes = api.call("GET", f"/v1/cases/{case['case_id']}/notes", "DEA")
    assert [n["text"] for n in notes.data["items"]] == ["UC buy set for Friday"]
    assert notes.data["tlp"] == "AMBER"
    pump.drain()
    assert "Note Added" in {event["detail-type"] for event in own_queues.received("DEA")}


def test_closing_a_case_moves_it_between_status_lists(api, pump):
    case = api.open_case("DEA")
    assert api.call("POST", f"/v1/cases/{case['case_id']}/close", "DEA").data["status"] == "closed"
    pump.drain()
    open_cases = api.call("GET", "/v1/cases?status=open", "DEA").data["items"]
    closed_cases = api.call("GET", "/v1/cases?status=closed", "DEA").data["items"]
    assert open_cases == []
    assert [c["case_id"] for c in closed_cases] == [case["case_id"]]
    assert api.call("POST", f"/v1/cases/{case['case_id']}/close", "DEA").status_code == 409
    assert api.call("POST", f"/v1/cases/{case['case_id']}/reopen", "DEA").status_code == 200


def test_update_needs_the_current_etag(api, pump):
    case = api.open_case("DEA")
    path = f"/v1/cases/{case['case_id']}"
    etag = api.call("GET", path, "DEA").headers["etag"]
    assert api.call("PATCH", path, "DEA", {"title": "Renamed"}).status_code == 428
    updated = api.call("PATCH", path, "DEA", {"title": "Renamed", "tlp": "GREEN"}, headers={"If-Match": etag})
    assert updated.status_code == 200, updated.body
    assert updated.headers["etag"] == '"v2"'
    stale = api.call("PATCH", path, "DEA", {"title": "Again"}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert api.call("GET", path, "DEA").data["title"] == "Renamed"
    pump.drain()
    assert api.call("GET", "/v1/cases", "DEA").data["items"][0]["title"] == "Renamed"


def test_red_case_cannot_be_referred_until_remarked(api):
    case = api.open_case("DEA", tlp="RED")
    refused = api.call("POST", f"/v1/cases/{case['case_id']}/referrals", "DEA", {"to_org": "HSI", "reason": "x"})
    assert refused.status_code == 409
    assert "TLP:RED" in refused.data["detail"]


def test_owner_reads_the_audit_trail_including_failed_attempts(api):
    case = api.open_case("DEA")
    api.call("GET", f"/v1/cases/{case['case_id']}", "DEA")
    api.call("GET", f"/v1/cases/{case['case_id']}", "ATF")
    trail = api.call("GET", f"/v1/cases/{case['case_id']}/audit", "DEA")
    assert trail.status_code == 200, trail.body
    events = [(r["event"], r["org"], r["outcome"]) for r in trail.data["items"]]
    assert ("case.open", "DEA", "success") in events
    assert ("case.read", "DEA", "success") in events
    assert ("case.read", "ATF", "failure") in events
    for record in trail.data["items"]:
        assert record["at"] and record["component"].startswith("api:") and record["subject"]


def test_referral_boxes_follow_the_case_marking(api, pump):
    case = api.open_case("DEA")
    api.refer(case["case_id"], "HSI")
    api.call("PATCH", f"/v1/cases/{case['case_id']}", "DEA", {"tlp": "GREEN", "title": "New"}, {"If-Match": '"v1"'})
    pump.drain()
    item = api.call("GET", "/v1/referrals?box=inbound", "HSI").data["items"][0]
    assert (item["case_title"], item["tlp"]) == ("New", "GREEN")


def test_patch_sets_and_clears_every_mutable_field(api):
    case = api.open_case("DEA", summary="s", substances=["fentanyl"], platforms=["META"], jurisdiction="D. Ariz.")
    path = f"/v1/cases/{case['case_id']}"
    changes = {
        "substances": ["nitazenes", "xylazine"],
        "platforms": ["TIKTOK"],
        "contact": {"name": "SA Rivera", "phone": "+1 202 555 0100"},
        "jurisdiction": "S.D. Cal.",
    }
    assert api.call("PATCH", path, "DEA", changes, {"If-Match": '"v1"'}).status_code == 200
    got = api.call("GET", path, "DEA").data
    assert got["substances"] == ["nitazenes", "xylazine"]
    assert got["platforms"] == ["TIKTOK"]
    assert got["contact"] == {"name": "SA Rivera", "phone": "+1 202 555 0100", "email": None}
    assert got["jurisdiction"] == "S.D. Cal."
    cleared = {"summary": None, "substances": None, "platforms": [], "jurisdiction": None, "contact": None}
    response = api.call("PATCH", path, "DEA", cleared, {"If-Match": '"v2"'})
    assert response.status_code == 200, response.body
    got = api.call("GET", path, "DEA").data
    assert (got["summary"], got["substances"], got["platforms"], got["jurisdiction"]) == ("", [], [], None)
    assert got["contact"] == {"name": None, "phone": None, "email": None}
    for required in ("title", "tlp"):
        refused = api.call("PATCH", path, "DEA", {required: None}, {"If-Match": '"v3"'})
        assert refused.status_code == 400
