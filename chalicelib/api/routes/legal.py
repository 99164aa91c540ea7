"""Routes for legal process (18 U.S.C. 2703): agencies serve a subpoena, a 2703(d) court
order or a search warrant on a platform, and withdraw it; the platform served reads, lists,
acknowledges and answers it."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routes.files import declare, declares_file
from chalicelib.api.routes.preservations import platform_accounts
from chalicelib.api.routing import Call, Resource, StoredResponse, created, json_response
from chalicelib.domain.legal import MAX_ACCOUNTS, Answer, Authority, LegalRequest, LegalStatus, Served

legal = Blueprint(__name__)
_request = Resource(
    legal, "/v1/legal-requests/{request_id}", made_under="/v1/cases/{case_id}", shown=models.LegalRequestOut
)

#: The platform's legal-response team (a scope of its own: it sees what a preservation desk does not).
_RESPOND = "legal:respond"


def _sent(found: LegalRequest, **_: str) -> StoredResponse:
    return created(render.legal_request(found, for_agency=True), links.of("request_id", found.request_id))


@_request.creates(
    models.LegalRequestCreate, _sent, scope="cases:write", examples=("serve-subpoena", "serve-legal-request")
)
def send_legal_request(call: Call, case_id: str) -> Response:
    """Serve a subpoena, a 2703(d) court order or a search warrant on a platform (participants of an open case)."""
    body: models.LegalRequestCreate = call.body
    served = Served(
        kind=body.kind,
        accounts=tuple(platform_accounts(body.platform, body.accounts, MAX_ACCOUNTS)),
        categories=tuple(body.categories),
        date_from=body.date_range.from_,
        date_to=body.date_range.to,
        authority=Authority(body.authority.reference, body.authority.issued_by, body.authority.issued_at),
        contact=models.ContactIn.over(body.contact, call.ctx.principal.contact),
        due_at=body.due_at,
        document_file_id=body.document_file_id,
        preservation_id=body.preservation_id,
        nondisclosure_until=body.nondisclosure_until,
        emergency_id=body.emergency_id,
    )
    found = wiring.legal_service().send(call.ctx, case_id, body.platform, served, call.idempotency)
    return call.created(found)


@_request.reads(scope="cases:read", platform_scope=_RESPOND)
def read_legal_request(call: Call, request_id: str) -> Response:
    """Read legal process, with who served it as the registry knows them now (the platform served, or participants
    of its case)."""
    found = wiring.legal_service().read(call.ctx, request_id)
    [requester] = wiring.people_service().requesters(found.requester_id)
    shown = render.requester(requester) if requester is not None else None
    return json_response(render.legal_request(found, for_agency=call.for_agency, requester=shown))


@_request.lists(models.LegalRequestList, scope="cases:read", platform_scope=_RESPOND, statuses=LegalStatus)
def list_legal_requests(call: Call) -> Response:
    """A platform's legal process served on it, or an agency's served; newest first."""
    return call.box(models.LegalRequestList, wiring.legal_service().box, render.legal_request)


@_request.changes("acknowledge", models.AcknowledgeLegalRequest, platform_scope=_RESPOND)
def acknowledge_legal_request(call: Call, request_id: str) -> Response:
    """Acknowledge legal process, with your own reference (the platform served)."""
    found = wiring.legal_service().acknowledge(call.ctx, request_id, call.body.platform_reference)
    return _shown(found, for_agency=False)


@_request.changes("answer", models.AnswerLegalRequest, platform_scope=_RESPOND)
def answer_legal_request(call: Call, request_id: str) -> Response:
    """Answer legal process: produced, partially_produced or rejected with its reason, naming the production's files
    (the platform served)."""
    body: models.AnswerLegalRequest = call.body
    given = Answer(
        body.outcome, call.ctx.now, call.ctx.principal.subject, body.reason_code, body.detail, tuple(body.file_ids)
    )
    return _shown(wiring.legal_service().answer(call.ctx, request_id, given), for_agency=False)


@_request.changes("withdraw", models.WithdrawLegalRequest, scope="cases:write")
def withdraw_legal_request(call: Call, request_id: str) -> Response:
    """Withdraw legal process until it is answered (the agency that served it)."""
    return _shown(wiring.legal_service().withdraw(call.ctx, request_id, call.body.reason), for_agency=True)


@_request.changes("nondisclosure", models.ExtendNondisclosure, scope="cases:write")
def extend_nondisclosure(call: Call, request_id: str) -> Response:
    """Extend the nondisclosure order with a new one, a later end (the agency that served the request)."""
    body: models.ExtendNondisclosure = call.body
    found = wiring.legal_service().extend_nondisclosure(call.ctx, request_id, body.until, body.document_file_id)
    return _shown(found, for_agency=True)


def _shown(found: LegalRequest, *, for_agency: bool) -> Response:
    return json_response(render.legal_request(found, for_agency=for_agency))


@declares_file(legal, "/v1/legal-requests/{request_id}/files", models.ProductionFileDeclare, platform_scope=_RESPOND)
def declare_production_file(call: Call, request_id: str) -> Response:
    """Declare a production file and get where to upload its bytes (the platform served, until it answers)."""
    return declare(call, wiring.file_service().declare_on_request, request_id)


@_request.changes("report-fraud", models.FraudReportIn, models.FraudReportOut, platform_scope=_RESPOND)
def report_fraudulent_legal_request(call: Call, request_id: str) -> Response:
    """Report legal process as fraudulent: its agency's administrators and the operator are told at once (the
    platform served, once)."""
    found = wiring.legal_service().read(call.ctx, request_id)
    people = wiring.people_service()
    report = people.report_fraud(call.ctx, request_id, found.requester_id, found.org, call.body.reason)
    return json_response(models.FraudReportOut.model_validate(report))
