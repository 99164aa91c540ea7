"""Emergency disclosure requests (issue 18, 18 U.S.C. 2702(b)(8)): an officer asks, a second
person of the same agency approves, and only then does the platform see it, with both verified
identities and the agency's registered 24/7 line; the platform acknowledges within the SLA,
answers, and a disclosure is followed by legal process."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import jsonschema
import pytest

from tests.conftest import load_event
from tests.test_files import SCREENSHOT, upload

SUPERVISOR = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve", "name": "GS Rivera"}
ISSUER = "https://issuer.casebridge.local"


def ask(api, case_id: str, org: str = "DEA", **fields: Any) -> Any:
    body = load_event("api/ask-emergency-request.json") | fields
    return api.call("POST", f"/v1/cases/{case_id}/emergency-requests", org, body)


def approve(api, request_id: str, **claims: Any) -> Any:
    return api.call("POST", f"/v1/emergency-requests/{request_id}/approve", "DEA", {}, **(SUPERVISOR | claims))


@pytest.fixture
def case_id(api) -> str:
    return str(api.open_case("DEA")["case_id"])


@pytest.fixture
def approved(api, case_id) -> str:
    """An emergency request DEA's officer asked META for, approved by a supervisor."""
    request_id = ask(api, case_id).data["request_id"]
    assert approve(api, request_id).status_code == 200
    return str(request_id)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_every_question_of_the_statutes_test_must_be_answered(api, case_id):
    body = load_event("api/ask-emergency-request.json")
    for name in ("kind", "description", "why_without_delay", "data_needed", "how_it_helps"):
        missing = {**body, "emergency": {k: v for k, v in body["emergency"].items() if k != name}}
        refused = api.call("POST", f"/v1/cases/{case_id}/emergency-requests", "DEA", missing)
        assert refused.status_code == 400, (name, refused.body)
        assert refused.data["errors"][0]["field"] == f"emergency.{name}"
    blank = {**body, "emergency": {**body["emergency"], "why_without_delay": ""}}
    assert api.call("POST", f"/v1/cases/{case_id}/emergency-requests", "DEA", blank).status_code == 400
    assert ask(api, case_id, platform="HSI").status_code == 409  # an agency is no platform
    assert ask(api, case_id, org="ATF").status_code == 404  # no part in the case


def test_the_platform_cannot_see_a_request_until_a_second_person_approves_it(api, case_id):
    asked = ask(api, case_id)
    assert asked.status_code == 201, asked.body
    request_id = asked.data["request_id"]
    assert asked.data["status"] == "awaiting_approval" and asked.data["approved_by"] is None
    assert asked.data["requested_by"] == {
        "issuer": ISSUER,
        "subject": "agent.dea@example.gov",
        "name": "Duty agent DEA",
    }
    path = f"/v1/emergency-requests/{request_id}"
    assert api.call("GET", path, "META").status_code == 404
    assert api.call("GET", "/v1/emergency-requests", "META").data["items"] == []
    assert api.call("POST", f"{path}/acknowledge", "META", {}).status_code == 404

    approved = approve(api, request_id)
    assert approved.status_code == 200, approved.body
    assert approved.data["status"] == "approved"
    assert approved.data["approved_by"] == {"issuer": ISSUER, "subject": SUPERVISOR["sub"], "name": "GS Rivera"}
    read = api.call("GET", path, "META")
    assert read.status_code == 200, read.body
    seen = read.data
    assert seen["case_id"] is None and case_id not in read.body.decode()
    assert seen["requested_by"]["subject"] == "agent.dea@example.gov"
    assert seen["approved_by"]["subject"] == SUPERVISOR["sub"]
    assert seen["verification_line"] == "+12025550101"  # DEA's, from the registry
    assert at(seen["acknowledge_by"]) == at(seen["decided_at"]) + timedelta(minutes=15)
    assert seen["emergency"]["data_needed"]["categories"] == ["subscriber", "non_content"]
    assert api.call("GET", path, "TIKTOK").status_code == 404


def test_self_approval_another_agency_and_a_missing_scope_are_each_refused_and_audited(api, case_id):
    api.refer(case_id, "HSI")
    referral = api.call("GET", "/v1/referrals?box=inbound", "HSI").data["items"][0]["referral_id"]
    api.call("POST", f"/v1/referrals/{referral}/accept", "HSI")
    request_id = ask(api, case_id).data["request_id"]
    full = "cases:read emergency:request emergency:approve"
    # The officer who asked, even holding the scope.
    itself = approve(api, request_id, sub="agent.dea@example.gov", scope=full)
    assert itself.status_code == 403 and "second person" in itself.data["detail"]
    # A person of another agency on the case.
    other = api.call("POST", f"/v1/emergency-requests/{request_id}/approve", "HSI", {}, scope=full)
    assert other.status_code == 403 and "DEA" in other.data["detail"]
    # An agency with no part in it learns nothing.
    assert api.call("POST", f"/v1/emergency-requests/{request_id}/approve", "ATF", {}, scope=full).status_code == 404
    # A colleague without the scope.
    unscoped = approve(api, request_id, scope="cases:read")
    assert unscoped.status_code == 403 and "emergency:approve" in unscoped.data["detail"]
    assert api.call("GET", f"/v1/emergency-requests/{request_id}", "META").status_code == 404

    trail = api.call("GET", f"/v1/cases/{case_id}/audit", "DEA").data["items"]
    refused = [
        (e["org"], e["subject"]) for e in trail if e["event"] == "emergency.approve" and e["outcome"] == "failure"
    ]
    # Newest first; an outsider's try is on the case's trail too, for its owner to see.
    assert refused == [
        ("ATF", "agent.atf@example.gov"),
        ("HSI", "agent.hsi@example.gov"),
        ("DEA", "agent.dea@example.gov"),
    ]
    from chalicelib.storage.table import AuditItem

    denied = [item for item in AuditItem.scan() if item.event == "auth.denied"]  # a test may Scan; the code never
    assert [(item.org, item.subject) for item in denied if "emergency:approve" in item.reason] == [
        ("DEA", SUPERVISOR["sub"])
    ]


#: The nine ways the outsider's probe spelled the asking officer's `sub` (issue 28, finding 6):
#: each once approved the officer's own request. Where the spelling reads as the officer, it
#: is the officer (403); where it holds what nobody can read, the token is refused (401).
OFFICER = "agent.dea@example.gov"
SPELLINGS = {
    "upper case": ("AGENT.DEA@EXAMPLE.GOV", 403),
    "mixed case": ("Agent.Dea@Example.Gov", 403),
    "leading space": (" agent.dea@example.gov", 401),
    "trailing space": ("agent.dea@example.gov ", 401),
    "newline": ("agent.dea@example.gov\n", 401),
    "zero-width space": ("agent.\u200bdea@example.gov", 401),
    "fullwidth @": ("agent.dea\uff20example.gov", 403),
    "Cyrillic a": ("\u0430gent.dea@example.gov", 403),
    "NUL": ("agent.dea@example.gov\x00", 401),
}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_the_officer_who_asked_cannot_approve_under_another_spelling_of_their_subject(api, aws, case_id, spelling):
    from chalicelib.storage.table import AuditItem

    sub, status = SPELLINGS[spelling]
    request_id = ask(api, case_id).data["request_id"]
    full = "cases:read emergency:request emergency:approve"
    for decision, body in (("approve", {}), ("reject", {"reason": "changed my mind"})):
        refused = api.call("POST", f"/v1/emergency-requests/{request_id}/{decision}", "DEA", body, sub=sub, scope=full)
        assert refused.status_code == status, refused.body
        if status == 403:
            assert "second person" in refused.data["detail"]
    assert api.call("GET", f"/v1/emergency-requests/{request_id}", "DEA").data["status"] == "awaiting_approval"
    assert api.call("GET", f"/v1/emergency-requests/{request_id}", "META").status_code == 404
    if status == 401:
        denied = [item for item in AuditItem.scan() if item.event == "auth.denied"]
        assert {(item.identity, item.subject, item.org) for item in denied} == {
            ("unverified", "unverified", "UNVERIFIED")
        }
        assert all("'sub' claim" in item.reason for item in denied) and len(denied) == 2
    # A second person still approves it, and the platform reads who, as signed.
    approved = approve(api, request_id)
    assert approved.status_code == 200, approved.body
    seen = api.call("GET", f"/v1/emergency-requests/{request_id}", "META").data
    assert (seen["requested_by"]["subject"], seen["approved_by"]["subject"]) == (OFFICER, SUPERVISOR["sub"])


def test_a_supervisor_whose_name_holds_a_bidi_override_is_refused_before_the_platform_reads_it(api, case_id):
    """`approved_by` is shown to the platform: what it reads is what the identity provider signed."""
    request_id = ask(api, case_id).data["request_id"]
    refused = approve(api, request_id, name="GS \u202eareviR")
    assert refused.status_code == 401
    assert api.call("GET", f"/v1/emergency-requests/{request_id}", "DEA").data["status"] == "awaiting_approval"


def test_an_emergency_request_cannot_be_approved_once_its_case_is_closed(api, aws, pump, case_id):
    from tests.test_events import drain_queues

    request_id = ask(api, case_id).data["request_id"]
    assert api.call("POST", f"/v1/cases/{case_id}/close", "DEA").status_code == 200
    refused = approve(api, request_id)
    assert refused.status_code == 409 and "the case is closed" in refused.data["detail"]
    assert api.call("GET", f"/v1/emergency-requests/{request_id}", "META").status_code == 404
    assert api.call("GET", "/v1/emergency-requests", "META").data["items"] == []
    pump.drain()
    assert [e for e in drain_queues(aws) if e["detail-type"] == "Emergency Request"] == []
    # Rejecting it sends nothing anywhere: a closed case's request may still be turned down.
    path = f"/v1/emergency-requests/{request_id}/reject"
    assert api.call("POST", path, "DEA", {"reason": "Case closed"}, **SUPERVISOR).status_code == 200


def test_a_rejected_request_never_reaches_the_platform(api, aws, pump, case_id):
    from tests.test_events import drain_queues

    request_id = ask(api, case_id).data["request_id"]
    path = f"/v1/emergency-requests/{request_id}"
    rejected = api.call("POST", f"{path}/reject", "DEA", {"reason": "Not imminent: take legal process"}, **SUPERVISOR)
    assert rejected.status_code == 200, rejected.body
    assert (rejected.data["status"], rejected.data["rejected_because"]) == (
        "rejected",
        "Not imminent: take legal process",
    )
    assert approve(api, request_id).status_code == 409
    assert api.call("GET", path, "META").status_code == 404
    pump.drain()
    events = [e for e in drain_queues(aws) if e["detail-type"].startswith("Emergency")]
    assert sorted((e["detail-type"], tuple(e["detail"]["recipients"])) for e in events) == [
        ("Emergency Request Awaiting Approval", ("DEA",)),
        ("Emergency Request Rejected", ("DEA",)),
    ]


def test_approval_is_urgent_news_to_the_platform_and_an_approval_to_the_agency(api, aws, pump, case_id):
    from tests.test_events import drain_queues, schema_for

    request_id = ask(api, case_id).data["request_id"]
    pump.drain()
    [waiting] = [e for e in drain_queues(aws) if e["detail-type"].startswith("Emergency")]
    assert waiting["detail-type"] == "Emergency Request Awaiting Approval" and waiting["detail"]["urgent"] is True
    approve(api, request_id)
    pump.drain()
    events = {e["detail-type"]: e["detail"] for e in drain_queues(aws) if e["detail-type"].startswith("Emergency")}
    assert set(events) == {"Emergency Request", "Emergency Request Approved"}
    alert, approval = events["Emergency Request"], events["Emergency Request Approved"]
    assert (alert["recipients"], alert["urgent"], alert["links"]) == (
        ["META"],
        True,
        {"emergency": f"/v1/emergency-requests/{request_id}"},
    )
    assert approval["recipients"] == ["DEA"] and alert["id"] != approval["id"]
    for detail_type, detail in events.items():
        jsonschema.validate(detail, schema_for(detail_type))
        assert case_id not in str(detail) and "plug.nyc" not in str(detail)


def test_the_platform_acknowledges_once_and_answers_once(api, approved):
    path = f"/v1/emergency-requests/{approved}"
    assert api.call("POST", f"{path}/acknowledge", "TIKTOK", {}).status_code == 404
    acknowledged = api.call("POST", f"{path}/acknowledge", "META", {})
    assert acknowledged.status_code == 200, acknowledged.body
    assert acknowledged.data["status"] == "acknowledged" and acknowledged.data["acknowledged_at"]
    assert api.call("POST", f"{path}/acknowledge", "META", {}).status_code == 409
    declined = api.call("POST", f"{path}/answer", "META", {"outcome": "declined"})
    assert declined.status_code == 400 and declined.data["errors"][0]["field"] == "reason"
    answered = api.call("POST", f"{path}/answer", "META", {"outcome": "declined", "reason": "No imminent danger shown"})
    assert answered.status_code == 200, answered.body
    assert answered.data["answer"]["outcome"] == "declined" and answered.data["legal_process_due_at"] is None
    assert api.call("POST", f"{path}/answer", "META", {"outcome": "disclosed"}).status_code == 409


def disclose(api, aws, request_id: str, content: bytes = SCREENSHOT, org: str = "META") -> Any:
    from tests.test_files import declaration

    declared = api.call("POST", f"/v1/emergency-requests/{request_id}/files", org, declaration(content))
    if declared.status_code == 201:
        upload(aws, declared.data, content)
    return declared


def test_disclosed_files_join_the_case_with_their_custody_once_answered(api, aws, case_id, approved):
    declared = disclose(api, aws, approved)
    assert declared.status_code == 201, declared.body
    file_id = declared.data["file"]["file_id"]
    assert api.call("GET", f"/v1/files/{file_id}", "DEA").status_code == 404
    assert disclose(api, aws, approved, org="TIKTOK").status_code == 404
    answer = {"outcome": "disclosed", "file_ids": [file_id]}
    answered = api.call("POST", f"/v1/emergency-requests/{approved}/answer", "META", answer)
    assert answered.status_code == 200, answered.body
    assert answered.data["answer"]["file_ids"] == [file_id]
    assert at(answered.data["legal_process_due_at"]) == at(answered.data["answer"]["answered_at"]) + timedelta(hours=48)
    joined = api.call("GET", f"/v1/files/{file_id}", "DEA").data
    assert joined["case_id"] == case_id
    chain = api.call("GET", f"/v1/files/{file_id}/custody", "DEA").data["items"]
    assert [entry["event"] for entry in chain][-1] == "file.transfer"
    assert chain[-1]["reason"] == f"produced on {approved}"
    assert disclose(api, aws, approved).status_code == 409  # answered: it takes no more files


def test_unacknowledged_alerts_fire_at_the_sla_and_at_twice_it_and_never_once_acknowledged(api, aws, pump, case_id):
    from chalicelib.wiring import timer_scheduler
    from tests.test_events import drain_queues, schema_for

    late = ask(api, case_id).data["request_id"]
    on_time = ask(api, case_id).data["request_id"]
    decided = at(approve(api, late).data["decided_at"])
    approve(api, on_time)
    api.call("POST", f"/v1/emergency-requests/{on_time}/acknowledge", "META", {})
    pump.drain()
    drain_queues(aws)
    sla = timedelta(minutes=15)
    assert timer_scheduler().run(decided + sla - timedelta(seconds=1)).fired == 0
    assert timer_scheduler().run(decided + sla + timedelta(seconds=1)).fired == 1
    assert timer_scheduler().run(decided + sla + timedelta(minutes=5)).fired == 0
    assert timer_scheduler().run(decided + 2 * sla + timedelta(seconds=1)).fired == 1
    assert timer_scheduler().run(decided + 3 * sla).fired == 0
    pump.drain()
    alerts = [e["detail"] for e in drain_queues(aws) if e["detail-type"] == "Emergency Request Unacknowledged"]
    assert sorted(d["alert"] for d in alerts) == ["1", "2"]  # each once on the bus, to DEA and META
    assert {d["emergency_id"] for d in alerts} == {late}
    for detail in alerts:
        jsonschema.validate(detail, schema_for("Emergency Request Unacknowledged"))
        assert detail["urgent"] is True and detail["recipients"] == ["DEA", "META"]


def test_a_scheduler_that_was_down_sends_both_alerts_in_one_run(api, approved):
    from chalicelib.wiring import timer_scheduler

    decided = at(api.call("GET", f"/v1/emergency-requests/{approved}", "DEA").data["decided_at"])
    assert timer_scheduler().run(decided + timedelta(hours=1)).fired == 2


def test_legal_process_is_due_after_a_disclosure_until_a_legal_request_names_it(api, aws, pump, case_id):
    from chalicelib.wiring import timer_scheduler
    from tests.test_events import drain_queues, schema_for

    reminded, followed = (ask(api, case_id).data["request_id"] for _ in range(2))
    due = None
    for request_id in (reminded, followed):
        approve(api, request_id)
        answer = {"outcome": "partially_disclosed", "reason": "Subscriber records only"}
        due = api.call("POST", f"/v1/emergency-requests/{request_id}/answer", "META", answer).data[
            "legal_process_due_at"
        ]
    subpoena = {**load_event("api/serve-legal-request.json"), "kind": "subpoena", "categories": ["subscriber"]}
    serve = f"/v1/cases/{case_id}/legal-requests"
    legal = api.call("POST", serve, "DEA", {**subpoena, "emergency_id": followed})
    assert legal.status_code == 201, legal.body
    assert legal.data["emergency_id"] == followed
    again = api.call("POST", serve, "DEA", {**subpoena, "emergency_id": followed})
    assert again.status_code == 409 and "awaiting its legal process" in again.data["detail"]
    other_case = api.open_case("DEA")["case_id"]
    elsewhere = api.call(
        "POST", f"/v1/cases/{other_case}/legal-requests", "DEA", {**subpoena, "emergency_id": reminded}
    )
    assert elsewhere.status_code == 409
    tiktok = {"platform": "TIKTOK", "accounts": [{"service": "TIKTOK", "handle": "@plug.nyc"}]}
    on_tiktok = api.call("POST", serve, "DEA", {**subpoena, **tiktok, "emergency_id": reminded})
    assert on_tiktok.status_code == 409
    assert api.call("GET", f"/v1/emergency-requests/{followed}", "DEA").data["followed_by"] == legal.data["request_id"]
    pump.drain()
    drain_queues(aws)

    assert due is not None
    run = timer_scheduler().run(at(due) + timedelta(seconds=1))
    # Dropped: the followed request's reminder, and both requests' two acknowledgement alerts (answered).
    assert (run.fired, run.dropped) == (1, 5)
    pump.drain()
    [event] = [e for e in drain_queues(aws) if e["detail-type"] == "Legal Process Due"]
    assert (event["detail"]["emergency_id"], event["detail"]["recipients"]) == (reminded, ["DEA"])
    jsonschema.validate(event["detail"], schema_for("Legal Process Due"))


def test_the_platforms_queue_shows_unacknowledged_requests_first_then_oldest_first(api, case_id):
    asked = [ask(api, case_id).data["request_id"] for _ in range(6)]
    for request_id in asked:
        approve(api, request_id)
    for request_id in asked[:2]:
        api.call("POST", f"/v1/emergency-requests/{request_id}/acknowledge", "META", {})
    queue = [item["request_id"] for item in api.call("GET", "/v1/emergency-requests", "META").data["items"]]
    assert queue == [*asked[2:], *asked[:2]]
    paged, cursor = [], ""
    while True:
        page = api.call("GET", f"/v1/emergency-requests?limit=2{cursor}", "META").data
        paged += [item["request_id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert paged == queue
    acknowledged = api.call("GET", "/v1/emergency-requests?status=acknowledged", "META").data["items"]
    assert [item["request_id"] for item in acknowledged] == asked[:2]
    assert api.call("GET", "/v1/emergency-requests", "TIKTOK").data["items"] == []
    # The agency reads its own, newest first, awaiting approval or not.
    pending = ask(api, case_id).data["request_id"]
    mine = [item["request_id"] for item in api.call("GET", "/v1/emergency-requests", "DEA").data["items"]]
    assert mine == [pending, *reversed(asked)]


def test_each_step_is_one_round_trip_and_the_queue_one_query_per_shard(api, case_id, dynamo_calls):
    from chalicelib.storage.keys import PLATFORM_BOX_SHARDS

    dynamo_calls.reset()
    request_id = ask(api, case_id).data["request_id"]
    assert dynamo_calls.operations == ["GetItem", "TransactWriteItems"]  # the officer's person
    dynamo_calls.reset()
    approve(api, request_id)
    # The request, its case, the supervisor's person, and the asking officer's (not suspended since).
    assert dynamo_calls.operations == ["GetItem", "GetItem", "GetItem", "GetItem", "TransactWriteItems"]
    dynamo_calls.reset()
    api.call("POST", f"/v1/emergency-requests/{request_id}/acknowledge", "META", {})
    assert dynamo_calls.operations == ["GetItem", "GetItem", "TransactWriteItems"]  # the request, the legal desk
    dynamo_calls.reset()
    api.call("GET", "/v1/emergency-requests", "META")
    assert dynamo_calls.operations == ["Query"] * PLATFORM_BOX_SHARDS + ["PutItem"]
    assert "Scan" not in dynamo_calls.operations


def test_every_emergency_event_is_emitted_and_validates_against_its_schema(api, aws, pump, case_id):
    from chalicelib.domain.notifications import EMERGENCY_DETAIL_TYPES
    from chalicelib.wiring import timer_scheduler
    from tests.test_events import drain_queues, schema_for

    answered, unacknowledged, rejected = (ask(api, case_id).data["request_id"] for _ in range(3))
    decided = at(approve(api, answered).data["decided_at"])
    approve(api, unacknowledged)
    api.call("POST", f"/v1/emergency-requests/{rejected}/reject", "DEA", {"reason": "Not imminent"}, **SUPERVISOR)
    api.call("POST", f"/v1/emergency-requests/{answered}/acknowledge", "META", {})
    api.call("POST", f"/v1/emergency-requests/{answered}/answer", "META", {"outcome": "disclosed"})
    timer_scheduler().run(decided + timedelta(hours=49))
    pump.drain()
    events = [e for e in drain_queues(aws) if e["detail-type"] in EMERGENCY_DETAIL_TYPES]
    confirmed, withdrawn = (ask(api, case_id).data["request_id"] for _ in range(2))
    approve(api, confirmed), approve(api, withdrawn)
    suspend_the_officer(api, pump)
    settle(api, confirmed, "confirm"), settle(api, withdrawn, "withdraw")
    pump.drain()
    events += [e for e in drain_queues(aws) if e["detail-type"] in EMERGENCY_DETAIL_TYPES]
    assert {e["detail-type"] for e in events} == set(EMERGENCY_DETAIL_TYPES)
    for event in events:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
        assert case_id not in json.dumps(event) and "plug.nyc" not in json.dumps(event)


def test_its_categories_read_back_in_the_order_its_creation_answered(api, case_id):
    """The table keeps categories as a set: a request names them in one order (the registry's:
    subscriber, non_content, content), in the 201 of its creation and in every read after."""
    body = load_event("api/ask-emergency-request.json")
    body["emergency"]["data_needed"]["categories"] = ["non_content", "subscriber", "non_content"]
    asked = api.call("POST", f"/v1/cases/{case_id}/emergency-requests", "DEA", body)
    assert asked.status_code == 201, asked.body
    read = api.call("GET", f"/v1/emergency-requests/{asked.data['request_id']}", "DEA")
    categories = [r.data["emergency"]["data_needed"]["categories"] for r in (asked, read)]
    assert categories == [["subscriber", "non_content"]] * 2


# held: the officer who asked is suspended; the agency confirms or withdraws each request


def suspend_the_officer(api, pump) -> None:
    """DEA's administrator suspends the officer who asks in these tests; the stream holds their requests."""
    from tests.test_people import OFFICER_ID, step

    pump.drain()
    assert step(api, OFFICER_ID, "suspend", reason="under investigation").status_code == 200
    pump.drain()


def settle(api, request_id: str, how: str, org: str = "DEA", **claims: Any) -> Any:
    return api.call("POST", f"/v1/emergency-requests/{request_id}/{how}", org, {}, **(SUPERVISOR | claims))


def test_a_suspended_officers_open_request_is_held_until_the_agency_confirms_it(api, aws, pump, approved):
    from tests.test_events import drain_queues

    suspend_the_officer(api, pump)
    path = f"/v1/emergency-requests/{approved}"
    assert api.call("GET", path, "META").data["status"] == "on_hold"
    refused = api.call("POST", f"{path}/acknowledge", "META", {})
    assert refused.status_code == 409 and "its requester was suspended" in refused.data["detail"]
    told = [e for e in drain_queues(aws) if e["detail-type"] == "Emergency Request Held"]
    assert [(e["detail"]["emergency_id"], e["detail"]["recipients"]) for e in told] == [(approved, ["DEA", "META"])]

    assert settle(api, approved, "confirm").data["status"] == "approved"
    assert settle(api, approved, "confirm").status_code == 409  # confirmed once
    assert api.call("POST", f"{path}/acknowledge", "META", {}).status_code == 200
    pump.drain()
    assert "Emergency Request Confirmed" in {e["detail-type"] for e in drain_queues(aws)}


def test_a_held_request_withdrawn_by_its_agency_is_not_answered(api, pump, approved):
    suspend_the_officer(api, pump)
    assert settle(api, approved, "withdraw").data["status"] == "withdrawn"
    answered = api.call("POST", f"/v1/emergency-requests/{approved}/answer", "META", {"outcome": "disclosed"})
    assert answered.status_code == 409


def test_another_agency_may_not_confirm_a_held_request(api, pump, approved):
    suspend_the_officer(api, pump)
    hsi = {"sub": "supervisor.hsi@example.gov", "scope": "cases:read emergency:approve"}
    assert settle(api, approved, "confirm", org="HSI", **hsi).status_code == 404  # HSI does not see the case
    assert api.call("GET", f"/v1/emergency-requests/{approved}", "DEA").data["status"] == "on_hold"
