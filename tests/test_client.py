"""The Python client (issue 19, part 4), against the real app: httpx sends each request
through a transport that hands it to Chalice's test client, so every answer is the API's own.
Generated operations for every route, typed models, pages, retries with `Retry-After`,
idempotency keys reused across retries, problem documents as exceptions, ETags, the event
feed, and the webhook verifier."""

from __future__ import annotations

import importlib
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from casebridge_client import (
    BadRequest,
    Casebridge,
    NotFound,
    PreconditionFailed,
    Unauthorized,
    WebhookReplayed,
    WebhookVerifier,
)
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
    from chalicelib.api.openapi import document

    for path, operations in document()["paths"].items():
        for operation in operations.values():
            op_id, (area,) = operation["operationId"], operation["tags"]
            module_name = "".join(f"_{c.lower()}" if c.isupper() else c for c in op_id)
            module = importlib.import_module(f"casebridge_client.generated.api.{area}.{module_name}")
            assert callable(module.sync_detailed), (path, op_id)


def test_the_generated_client_is_what_the_document_generates_today(generated_client):
    """Regenerated from the routes, it must be byte for byte what is committed (`make client`)."""
    import filecmp

    from scripts.generate_client import TARGET

    generated, _ = generated_client
    comparison = filecmp.dircmp(generated, TARGET, ignore=[".ruff_cache", "__pycache__"])

    def differences(found: filecmp.dircmp[str]) -> list[str]:
        here = [*found.left_only, *found.right_only, *found.diff_files, *found.funny_files]
        return here + [d for sub in found.subdirs.values() for d in differences(sub)]

    assert differences(comparison) == [], "run `make client` and commit what changed"


def test_the_command_line_imports_the_models_it_names_not_every_model():
    """The models' package imports each model when it is first named (the generator's template
    `clients/python/templates/models_init.py.jinja`): `casebridge` starts without the 197."""
    import subprocess
    import sys

    from casebridge_client.generated import models

    counted = "import sys, casebridge_client.cli; print(sum(m.startswith('casebridge_client.generated.models.') for m in sys.modules))"
    started = subprocess.run([sys.executable, "-c", counted], capture_output=True, text=True, check=True)
    assert int(started.stdout) < len(models.__all__) // 4
    assert all(getattr(models, name).__name__ == name for name in models.__all__)  # every one still there
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchModel'"):
        models.NoSuchModel


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


def test_a_refused_token_is_an_unauthorized_error_with_its_reason(client):
    cb, _ = connect(client, org="FBI")  # signed by a trusted issuer, for an organisation the registry lacks
    with pytest.raises(Unauthorized) as refused:
        cb.call(list_cases)
    assert refused.value.reason == "unknown_organisation"
    assert "organisation" in refused.value.detail


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


def test_the_client_drives_the_readme_walkthrough_against_make_run(running_stack):
    """The README's walkthrough, step by step, with `casebridge_client` over HTTP against `make
    run`: the same answers as the curl lines print, and the events `make notifications` shows,
    read from each organisation's feed."""
    from casebridge_client.generated.api.cases import read_audit_trail
    from casebridge_client.generated.api.deconfliction import add_identifiers
    from casebridge_client.generated.api.emergency import (
        acknowledge_emergency_request,
        answer_emergency_request,
        approve_emergency_request,
        ask_emergency_request,
        list_emergency_requests,
        read_emergency_request,
    )
    from casebridge_client.generated.api.legal import (
        acknowledge_legal_request,
        answer_legal_request,
        send_legal_request,
    )
    from casebridge_client.generated.api.operations import register_operation
    from casebridge_client.generated.api.preservations import (
        acknowledge_preservation,
        list_preservations,
        request_preservation,
    )
    from casebridge_client.generated.api.referrals import list_referrals
    from casebridge_client.generated.api.tips import link_tip, list_tips, read_tip, submit_tip
    from casebridge_client.generated.models import (
        AcknowledgeLegalRequest,
        AcknowledgePreservation,
        AnswerEmergencyRequest,
        AnswerLegalRequest,
        EmergencyRequestCreate,
        EmergencyStatus,
        Empty,
        IdentifierBatch,
        LegalRequestCreate,
        LinkTip,
        ListReferralsBox,
        OperationCreate,
        PreservationCreate,
        PreservationStatus,
        ReferralStatus,
        TipIn,
        TipStatus,
    )

    from chalicelib.devtools.settling import wait_until_settled
    from chalicelib.domain.feed import SETTLE
    from tests.conftest import load_event

    def settle() -> None:  # `make -s settle`
        assert wait_until_settled(running_stack["dir"] / ".local" / "pump.json")

    def connect(org: str, **claims: str) -> Casebridge:
        return Casebridge(running_stack["url"], token=running_stack["token"](org, **claims))

    dea, hsi, atf, meta = (connect(org) for org in ("DEA", "HSI", "ATF", "META"))
    supervisor = connect("DEA", sub="supervisor.dea@example.gov", scope="cases:read emergency:approve")

    # DEA opens a case and refers it to HSI, which cannot see it until it accepts
    case = dea.call(open_case, body=CaseCreate.from_dict(load_event("api/open-case.json")))
    referral = dea.call(
        refer_case,
        case_id=case.case_id,
        body=ReferralCreate.from_dict({"to_org": "HSI", "reason": "Border nexus", "priority": "urgent"}),
    )
    with pytest.raises(NotFound):
        hsi.call(read_case, case_id=case.case_id)
    settle()
    [pending] = hsi.pages(list_referrals, box=ListReferralsBox.INBOUND, status=ReferralStatus.PENDING)
    assert (pending.referral_id, pending.case_title, pending.tlp, pending.from_org) == (
        referral.referral_id,
        "Counterfeit M30 vendor shipping by mail",
        "AMBER",
        "DEA",
    )
    assert hsi.call(accept_referral, referral_id=referral.referral_id).status == "accepted"
    _, etag = hsi.call_with_etag(read_case, case_id=case.case_id)
    assert etag == '"v2"'
    refused = [r for r in dea.pages(read_audit_trail, case_id=case.case_id) if r.outcome == "failure"]
    assert [(r.event, r.org) for r in refused] == [("case.read", "HSI")]

    # deconfliction: DEA's identifiers; ATF adds the same and learns whom to call
    identifiers = IdentifierBatch.from_dict(load_event("api/add-identifiers.json"))
    assert dea.call(add_identifiers, case_id=case.case_id, body=identifiers).hits == []
    atf_case = atf.call(open_case, body=CaseCreate(title="Pill press buyer"))
    hits = atf.call(add_identifiers, case_id=atf_case.case_id, body=identifiers).hits
    assert {(hit.org, hit.contact.name) for hit in hits} == {("DEA", "Duty agent DEA")} and len(hits) == 3

    # the same controlled buy: ATF's answer names DEA's on-scene contact
    buy = load_event("api/register-operation.json")
    planned = dea.call(register_operation, body=OperationCreate.from_dict({**buy, "case_id": case.case_id}))
    assert planned.conflicts == []
    clashing = atf.call(register_operation, body=OperationCreate.from_dict({**buy, "case_id": atf_case.case_id}))
    assert [(c.org, c.contact.name) for c in clashing.conflicts] == [("DEA", "SA Rivera")]

    # Meta's tip goes to DEA, which holds @plug.nyc; Meta sees its status, never whom
    tip = meta.call(submit_tip, body=TipIn.from_dict(load_event("api/submit-tip.json")))
    settle()
    status = meta.call(read_tip, tip_id=tip.tip_id)
    assert (status.status, status.routed_to) == ("routed", None)
    [new] = dea.pages(list_tips, status=TipStatus.NEW)
    assert (new.tip_id, new.route.rule, new.route.matched_case_id) == (tip.tip_id, "deconfliction", case.case_id)
    assert dea.call(link_tip, tip_id=tip.tip_id, body=LinkTip(case_id=case.case_id)).status == "linked"

    # DEA asks Meta to preserve the accounts; Meta sees the request, never the case
    preservation = dea.call(
        request_preservation,
        case_id=case.case_id,
        body=PreservationCreate.from_dict(load_event("api/request-preservation.json")),
    )
    [asked] = meta.pages(list_preservations, status=PreservationStatus.REQUESTED)
    assert (asked.preservation_id, asked.requester, asked.contact.name) == (
        preservation.preservation_id,
        "DEA",
        "Duty agent DEA",
    )
    acknowledged = meta.call(
        acknowledge_preservation,
        preservation_id=preservation.preservation_id,
        body=AcknowledgePreservation(platform_reference="LE-2026-0042"),
    )
    assert (acknowledged.status, acknowledged.platform_reference) == ("acknowledged", "LE-2026-0042")

    # a grand-jury subpoena, acknowledged and answered by Meta
    subpoena = dea.call(
        send_legal_request,
        case_id=case.case_id,
        body=LegalRequestCreate.from_dict(load_event("api/serve-subpoena.json")),
    )
    seen = meta.call(
        acknowledge_legal_request,
        request_id=subpoena.request_id,
        body=AcknowledgeLegalRequest(platform_reference="LERS-2026-7781"),
    )
    assert (seen.kind, seen.status, seen.case_id) == ("subpoena", "acknowledged", None)
    answered = meta.call(
        answer_legal_request, request_id=subpoena.request_id, body=AnswerLegalRequest.from_dict({"outcome": "produced"})
    )
    assert (answered.status, answered.answer.outcome) == ("answered", "produced")

    # an emergency: Meta cannot see it until a second person of DEA approves it
    emergency = dea.call(
        ask_emergency_request,
        case_id=case.case_id,
        body=EmergencyRequestCreate.from_dict(load_event("api/ask-emergency-request.json")),
    )
    with pytest.raises(NotFound):
        meta.call(read_emergency_request, request_id=emergency.request_id)
    supervisor.call(approve_emergency_request, request_id=emergency.request_id, body=Empty())
    [approved] = meta.pages(list_emergency_requests, status=EmergencyStatus.APPROVED)
    assert (approved.requested_by.subject, approved.approved_by.subject, approved.verification_line) == (
        "agent.dea@example.gov",
        "supervisor.dea@example.gov",
        "+12025550101",
    )
    meta.call(acknowledge_emergency_request, request_id=emergency.request_id, body=Empty())
    disclosed = meta.call(
        answer_emergency_request,
        request_id=emergency.request_id,
        body=AnswerEmergencyRequest.from_dict({"outcome": "disclosed"}),
    )
    assert disclosed.answer.outcome == "disclosed" and disclosed.legal_process_due_at

    # what `make notifications` shows each organisation, from its feed
    settle()
    time.sleep(SETTLE.total_seconds() + 0.5)

    def fed(cb: Casebridge) -> list[str]:
        return [event["detail_type"] for event in cb.events(follow=False)]

    assert fed(hsi)[:2] == ["Referral Created", "Referral Accepted"]  # then the case's, as a participant
    assert {"Operation Planned", "Operation Conflict"} <= set(fed(atf))
    dea_events = fed(dea)
    assert dea_events[:3] == ["Case Opened", "Referral Created", "Referral Accepted"]
    assert dea_events.count("Deconfliction Hit") == 3
    # its own 3, then the linked tip's: each on DEA's case, never ATF's
    added = [e for e in dea.events(follow=False, types=["Identifier Added"])]
    assert len(added) >= 3 and {e["detail"]["case_id"] for e in added} == {case.case_id}
    assert [t for t in dea_events if t.startswith("Legal Request")] == [
        "Legal Request Sent",
        "Legal Request Acknowledged",
        "Legal Request Answered",
    ]
    meta_events = fed(meta)
    assert [t for t in meta_events if t.startswith(("Preservation", "Emergency"))] == [
        "Preservation Requested",
        "Preservation Acknowledged",
        "Emergency Request",
        "Emergency Request Acknowledged",
        "Emergency Request Answered",
    ]
    for cb in (dea, hsi, atf, meta, supervisor):
        cb.close()


def test_the_client_follows_no_redirect_with_its_token():
    """An answer of 302 (a proxy or a compromised gateway) must not take the token anywhere."""
    from tests.conftest import serving

    with serving() as target, serving(302, location=f"http://127.0.0.1:{target.server_port}/v1/cases") as api:
        with Casebridge(f"http://127.0.0.1:{api.server_port}", token="eyJ.the-token", retries=0) as cb:
            cb.call(list_cases)  # a generated operation, on the same connection
            assert cb.http.get("/v1/cases").status_code == 302
        assert [headers["authorization"] for _, _, headers, _ in api.requests] == ["Bearer eyJ.the-token"] * 2
        assert target.requests == []


def test_a_download_follows_the_303_to_the_presigned_url_without_the_token(tmp_path):
    import hashlib

    from tests.conftest import serving

    with serving(200) as storage:
        presigned = f"http://127.0.0.1:{storage.server_port}/evidence/file_1?X-Amz-Signature=abc"
        with (
            serving(303, location=presigned) as api,
            Casebridge(f"http://127.0.0.1:{api.server_port}", "eyJ.t") as cb,
            (tmp_path / "file").open("wb") as target,
        ):
            cb.download("file_1", hashlib.sha256(b"").hexdigest(), target)
        [(_, path, headers, _)] = storage.requests
    assert path.startswith("/evidence/file_1") and "authorization" not in headers


def test_the_client_readmes_five_lines_run_as_they_stand(client, monkeypatch, capsys):
    """clients/python/README.md's first Python block, against the app: a token from the
    environment (`make token` there), a case opened and listed."""
    import re
    from pathlib import Path

    import httpx

    readme = Path("clients/python/README.md").read_text()
    snippet = re.search(r"```python\n(.*?)```", readme, re.DOTALL)[1]  # type: ignore[index]
    monkeypatch.setenv("CASEBRIDGE_URL", "http://casebridge.test")
    monkeypatch.setenv("CASEBRIDGE_TOKEN", ISSUER.token("DEA"))
    monkeypatch.setattr(httpx, "HTTPTransport", lambda: Through(client))
    exec(compile(snippet, "clients/python/README.md", "exec"), {})
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("case_") and line.endswith(" Counterfeit M30 vendor")
    assert len([code for code in snippet.splitlines() if code and not code.startswith(("import", "from"))]) == 4
