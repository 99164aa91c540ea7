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
