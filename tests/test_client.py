"""The Python client (issue 19, part 4), against the real app: httpx sends each request
through a transport that hands it to Chalice's test client, so every answer is the API's own.
Generated operations for every route, typed models, pages, retries with `Retry-After`,
idempotency keys reused across retries, problem documents as exceptions, ETags, the event
feed, and the webhook verifier."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from casebridge_client import BadRequest, Casebridge, NotFound, PreconditionFailed, WebhookReplayed, WebhookVerifier
from casebridge_client.generated.api.cases import list_cases, open_case, read_case, update_case
from casebridge_client.generated.api.referrals import accept_referral, refer_case
from casebridge_client.generated.models import CaseCreate, CaseStatus, CaseUpdate, ReferralCreate
from standardwebhooks.webhooks import WebhookVerificationError

from chalicelib.devtools.issuer import DevIssuer
from tests.conftest import ISSUER


class Through(httpx.BaseTransport):
    """Into the app (Chalice's test client); `refusals` answers first, e.g. a 503 with `Retry-After`."""

    def __init__(self, chalice_client: Any, refusals: list[httpx.Response] | None = None) -> None:
        self.chalice = chalice_client
        self.refusals = refusals or []
        self.sent: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        if self.refusals:
            return self.refusals.pop(0)
        path = request.url.raw_path.decode()
        answer = self.chalice.http.request(request.method, path, headers=dict(request.headers), body=request.content)
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.body)


def connect(client: Any, org: str = "DEA", issuer: DevIssuer = ISSUER, **options: Any) -> tuple[Casebridge, Through]:
    transport = Through(client, options.pop("refusals", None))
    pauses: list[float] = options.pop("pauses", [])
    cb = Casebridge(
        "http://casebridge.test", token=lambda: issuer.token(org), transport=transport, sleep=pauses.append, **options
    )
    return cb, transport


def test_every_operation_in_the_document_is_a_generated_function_of_the_client():
    from app import app  # noqa: F401
    from chalicelib.api.openapi import document

    for path, operations in document()["paths"].items():
        for operation in operations.values():
            op_id, (area,) = operation["operationId"], operation["tags"]
            module_name = "".join(f"_{c.lower()}" if c.isupper() else c for c in op_id)
            module = importlib.import_module(f"casebridge_client.generated.api.{area}.{module_name}")
            assert callable(module.sync_detailed), (path, op_id)


def test_the_generated_client_is_what_the_document_generates_today(tmp_path):
    """Regenerated from the routes, it must be byte for byte what is committed (`make client`)."""
    import filecmp

    from scripts.generate_client import TARGET, generate

    generate(tmp_path / "generated")
    comparison = filecmp.dircmp(tmp_path / "generated", TARGET, ignore=[".ruff_cache", "__pycache__"])

    def differences(found: filecmp.dircmp[str]) -> list[str]:
        here = [*found.left_only, *found.right_only, *found.diff_files, *found.funny_files]
        return here + [d for sub in found.subdirs.values() for d in differences(sub)]

    assert differences(comparison) == [], "run `make client` and commit what changed"


def test_open_read_update_and_list_cases_with_typed_models_and_etags(client):
    cb, _ = connect(client)
    case = cb.call(open_case, body=CaseCreate(title="Counterfeit M30 vendor"))
    assert case.status is CaseStatus.OPEN and case.case_id.startswith("case_")
    found, etag = cb.call_with_etag(read_case, case_id=case.case_id)
    assert found.title == "Counterfeit M30 vendor" and etag == '"v1"'
    cb.call(update_case, case_id=case.case_id, body=CaseUpdate(summary="Ships by mail"), if_match=etag)
    assert cb.call(read_case, case_id=case.case_id).summary == "Ships by mail"
    with pytest.raises(PreconditionFailed) as stale:
        cb.call(update_case, case_id=case.case_id, body=CaseUpdate(summary="again"), if_match=etag)
    assert stale.value.status == 412
    for _ in range(4):
        cb.call(open_case, body=CaseCreate(title="Another"))
    every = list(cb.pages(list_cases, limit=2))
    assert len(every) == 5 and len({c.case_id for c in every}) == 5


def test_problems_are_typed_exceptions_with_their_field_errors(client):
    cb, _ = connect(client)
    with pytest.raises(BadRequest) as invalid:
        cb.call(open_case, body=CaseCreate(title=""))
    assert invalid.value.status == 400 and [e.field for e in invalid.value.errors] == ["title"]
    with pytest.raises(NotFound) as absent:
        cb.call(read_case, case_id="case_01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert "visible to you" in absent.value.detail


def test_a_503_is_retried_after_its_retry_after_with_the_same_idempotency_key(client):
    busy = httpx.Response(503, headers={"Retry-After": "2", "Content-Type": "application/problem+json"}, content=b"{}")
    pauses: list[float] = []
    cb, sent = connect(client, refusals=[busy], pauses=pauses)
    case = cb.call(open_case, body=CaseCreate(title="Retried"))
    assert pauses == [2.0]
    keys = [request.headers["idempotency-key"] for request in sent.sent]
    assert len(keys) == 2 and keys[0] == keys[1]  # the retry is the same request
    # The key makes a retry after a lost answer safe: the same call again replays the first case.
    again = cb.call(open_case, body=CaseCreate(title="Retried"), idempotency_key=keys[0])
    assert again.case_id == case.case_id


def test_a_429_past_the_retries_is_raised_with_its_detail(client):
    limited = [
        httpx.Response(
            429,
            headers={"Retry-After": "1", "Content-Type": "application/problem+json"},
            content=json.dumps({"type": "t", "title": "Too many", "status": 429, "detail": "quota"}).encode(),
        )
        for _ in range(3)
    ]
    pauses: list[float] = []
    cb, _ = connect(client, refusals=limited, pauses=pauses, retries=2)
    from casebridge_client import RateLimited

    with pytest.raises(RateLimited) as refused:
        cb.call(open_case, body=CaseCreate(title="x"))
    assert refused.value.detail == "quota" and pauses == [1.0, 1.0]


def test_the_token_provider_is_asked_on_every_request(client):
    asked: list[int] = []

    def token() -> str:
        asked.append(1)
        return ISSUER.token("DEA")

    transport = Through(client)
    cb = Casebridge("http://casebridge.test", token=token, transport=transport)
    cb.call(open_case, body=CaseCreate(title="a"))
    cb.call(list_cases)
    assert len(asked) == 2


def test_a_referral_is_accepted_through_the_client_by_the_receiver(client):
    dea, _ = connect(client, "DEA")
    hsi, _ = connect(client, "HSI")
    case = dea.call(open_case, body=CaseCreate(title="Border pills"))
    referral = dea.call(refer_case, case_id=case.case_id, body=ReferralCreate(to_org="HSI", reason="Border nexus"))
    decided = hsi.call(accept_referral, referral_id=referral.referral_id)
    assert decided.status.value == "accepted"


def test_the_event_feed_iterates_and_follows(client, pump, monkeypatch):
    dea, _ = connect(client)
    dea.call(open_case, body=CaseCreate(title="Fed"))
    pump.drain()
    later = datetime.now(UTC) + timedelta(seconds=10)
    monkeypatch.setattr("chalicelib.api.routing.utcnow", lambda: later)
    events = list(dea.events(follow=False))
    assert [e["detail_type"] for e in events] == ["Case Opened"]
    followed = dea.events(follow=True, poll=0.0)
    assert next(followed)["id"] == events[0]["id"]


def test_the_webhook_verifier_accepts_a_delivery_once_and_refuses_an_altered_or_stale_one():
    from chalicelib.domain.webhooks import payload, signed_headers

    secret = "QWxhZGRpbjpvcGVuIHNlc2FtZQ" + "0" * 22  # 48 letters and digits, as the stack generates
    body = payload("Case Opened", {"id": "evt_01ARZ3NDEKTSV4RRFFQ69G5FAV", "occurred_at": "2026-12-03T00:00:00Z"})
    headers = signed_headers("evt_01ARZ3NDEKTSV4RRFFQ69G5FAV", body, [secret], datetime.now(UTC))
    verifier = WebhookVerifier(secret)
    assert verifier.verify(body, headers)["type"] == "Case Opened"
    with pytest.raises(WebhookReplayed):
        verifier.verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(secret).verify(body.replace("Opened", "Closed"), headers)
    stale = signed_headers("evt_01ARZ3NDEKTSV4RRFFQ69G5FAW", body, [secret], datetime.now(UTC) - timedelta(minutes=6))
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(secret).verify(body, stale)
