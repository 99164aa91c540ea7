"""Idempotency-Key on creating POSTs, folded into the write's own transaction.

The cases Powertools' idempotency utility is tested for: replay after completion, key reuse
with another body and expiry here; concurrent duplicates in `test_races.py`, on moto's server.
"""

from __future__ import annotations

from datetime import timedelta

from chalicelib.storage.table import CaseItem, IdempotencyItem, NoteItem, ReferralItem


def test_replay_returns_the_first_response_and_creates_nothing_more(api):
    headers = {"Idempotency-Key": "case-create-1"}
    first = api.call("POST", "/v1/cases", "DEA", {"title": "Pill press"}, headers)
    again = api.call("POST", "/v1/cases", "DEA", {"title": "Pill press"}, headers)
    assert first.status_code == again.status_code == 201
    assert again.data == first.data
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["location"] == first.headers["location"]
    assert len(list(CaseItem.scan())) == 1


def test_same_key_with_another_body_is_422(api):
    headers = {"Idempotency-Key": "k"}
    api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers)
    response = api.call("POST", "/v1/cases", "DEA", {"title": "B"}, headers)
    assert response.status_code == 422
    assert len(list(CaseItem.scan())) == 1


def test_keys_belong_to_one_organisation(api):
    headers = {"Idempotency-Key": "shared"}
    api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers)
    assert api.call("POST", "/v1/cases", "HSI", {"title": "A"}, headers).status_code == 201
    assert len(list(CaseItem.scan())) == 2


def test_notes_and_referrals_replay_too(api):
    case = api.open_case()
    headers = {"Idempotency-Key": "n1"}
    note_path = f"/v1/cases/{case['case_id']}/notes"
    assert api.call("POST", note_path, "DEA", {"text": "t"}, headers).data == (
        api.call("POST", note_path, "DEA", {"text": "t"}, headers).data
    )
    headers = {"Idempotency-Key": "r1"}
    refer_path = f"/v1/cases/{case['case_id']}/referrals"
    body = {"to_org": "HSI", "reason": "r"}
    first = api.call("POST", refer_path, "DEA", body, headers)
    again = api.call("POST", refer_path, "DEA", body, headers)
    assert first.status_code == again.status_code == 201
    assert first.data == again.data
    assert len(list(NoteItem.scan())) == 1
    assert len(list(ReferralItem.scan())) == 1


def test_an_expired_key_can_be_used_again(api):
    headers = {"Idempotency-Key": "old"}
    api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers)
    record = next(iter(IdempotencyItem.scan()))
    record.update(actions=[IdempotencyItem.expires_at.set(record.created_at - timedelta(seconds=1))])
    response = api.call("POST", "/v1/cases", "DEA", {"title": "B"}, headers)
    assert response.status_code == 201
    assert "idempotent-replayed" not in response.headers
    assert len(list(CaseItem.scan())) == 2


def replayed(api, path, org, body):
    """Sends `body` twice with one key; the second answer must be the first, marked a replay."""
    headers = {"Idempotency-Key": f"replay-{path}"}
    first = api.call("POST", path, org, body, headers)
    again = api.call("POST", path, org, body, headers)
    assert first.status_code == again.status_code == 201, first.body
    assert again.body == first.body
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    return first.data


def test_every_creating_route_replays_exactly_what_it_first_answered(api, pump):
    """What a replay answers is the created resource as the use case returned it, stored as a
    domain value (`services.replays`) and rendered again by the route: byte for byte the first answer."""
    from tests.conftest import load_event

    case_id = replayed(api, "/v1/cases", "DEA", load_event("api/open-case.json"))["case_id"]
    replayed(api, f"/v1/cases/{case_id}/notes", "DEA", load_event("api/add-note.json"))
    replayed(api, f"/v1/cases/{case_id}/referrals", "DEA", load_event("api/refer-case.json"))
    pres = replayed(api, f"/v1/cases/{case_id}/preservations", "DEA", load_event("api/request-preservation.json"))
    subpoena = {**load_event("api/serve-subpoena.json"), "preservation_id": pres["preservation_id"]}
    sent = replayed(api, f"/v1/cases/{case_id}/legal-requests", "DEA", subpoena)
    # Answered, the request fulfils its preservation: a repeat still replays the first answer.
    answered = api.call("POST", f"/v1/legal-requests/{sent['request_id']}/answer", "META", {"outcome": "produced"})
    assert answered.status_code == 200, answered.body
    headers = {"Idempotency-Key": f"replay-/v1/cases/{case_id}/legal-requests"}
    again = api.call("POST", f"/v1/cases/{case_id}/legal-requests", "DEA", subpoena, headers)
    assert again.status_code == 201 and again.data["request_id"] == sent["request_id"], again.body
    asked = replayed(
        api, f"/v1/cases/{case_id}/emergency-requests", "DEA", load_event("api/ask-emergency-request.json")
    )
    assert asked["status"] == "awaiting_approval" and asked["requested_by"]["subject"] == "agent.dea@example.gov"
    # A hit and a conflict, so that the replayed answers carry the other side (and only what the caller may see).
    hsi_case = api.open_case("HSI")["case_id"]
    identifiers = load_event("api/add-identifiers.json")
    assert api.call("POST", f"/v1/cases/{hsi_case}/identifiers", "HSI", identifiers).status_code == 201
    added = replayed(api, f"/v1/cases/{case_id}/identifiers", "DEA", identifiers)
    assert [hit["org"] for hit in added["hits"]] and hsi_case not in str(added)
    operation = load_event("api/register-operation.json")
    assert api.call("POST", "/v1/operations", "HSI", {**operation, "case_id": hsi_case}).status_code == 201
    checked = replayed(api, "/v1/operations", "DEA", {**operation, "case_id": case_id})
    assert [clash["org"] for clash in checked["conflicts"]] == ["HSI"]
    tip_id = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json")).data["tip_id"]
    pump.drain()
    assert replayed(api, f"/v1/tips/{tip_id}/promote", "DEA", {"tlp": "GREEN"})["routed_to"] == "DEA"


def test_a_replay_stores_no_secret_of_the_case_and_nothing_of_the_other_side(api):
    headers = {"Idempotency-Key": "secrets"}
    case_id = api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers).data["case_id"]
    hsi_case = api.open_case("HSI", title="HSI's own title")["case_id"]
    held = {"identifiers": [{"type": "phone", "value": "+1 212 555 0199"}]}
    assert api.call("POST", f"/v1/cases/{hsi_case}/identifiers", "HSI", held).status_code == 201
    api.call("POST", f"/v1/cases/{case_id}/identifiers", "DEA", held, {"Idempotency-Key": "hit"})
    stored = " ".join(item.body for item in IdempotencyItem.scan())
    keys = [item.identifier_key for item in CaseItem.scan()]
    assert len(keys) == 2 and all(keys) and not any(key in stored for key in keys)
    assert hsi_case not in stored and "HSI's own title" not in stored
