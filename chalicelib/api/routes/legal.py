"""Routes for legal process (18 U.S.C. 2703): agencies serve a subpoena, a 2703(d) court
order or a search warrant on a platform, and withdraw it; the platform served reads, lists,
acknowledges and answers it."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routes.files import declared_file
from chalicelib.api.routes.preservations import platform_accounts
from chalicelib.api.routing import Call, StoredResponse, created, endpoint, json_response, stored
from chalicelib.domain.legal import MAX_ACCOUNTS, Answer, Authority, LegalRequest, LegalStatus
from chalicelib.services.context import utcnow
from chalicelib.services.legal import Served

legal = Blueprint(__name__)

#: The platform's legal-response team (a scope of its own: it sees what a preservation desk does not).
_RESPOND = "legal:respond"


@endpoint(
    legal,
    "POST",
    "/v1/cases/{case_id}/legal-requests",
    summary="Serve a subpoena, a 2703(d) court order or a search warrant on a platform (participants of an open case)",
    scope="cases:write",
    body=models.LegalRequestCreate,
    examples=("serve-subpoena", "serve-legal-request"),
    response=models.LegalRequestOut,
    status=201,
    errors=(400, 401, 403, 404, 409, 413, 415, 422, 503),
    creates=lambda found, case_id: _sent(found),
)
def send_legal_request(call: Call, case_id: str) -> Response:
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
    return stored(_sent(found))


def _sent(found: LegalRequest) -> StoredResponse:
    return created(render.legal_request(found, for_agency=True), links.of("request_id", found.request_id))


@endpoint(
    legal,
    "GET",
    "/v1/legal-requests/{request_id}",
    summary="Read legal process (the platform served, or participants of its case)",
    scope="cases:read",
    platform_scope=_RESPOND,
    response=models.LegalRequestOut,
    errors=(401, 403, 404),
)
def read_legal_request(call: Call, request_id: str) -> Response:
    found = wiring.legal_service().read(call.ctx, request_id)
    return json_response(render.legal_request(found, for_agency=call.ctx.principal.org.is_agency))


@endpoint(
    legal,
    "GET",
    "/v1/legal-requests",
    summary="A platform's legal process served on it, or an agency's served; newest first",
    scope="cases:read",
    platform_scope=_RESPOND,
    response=models.LegalRequestList,
    errors=(400, 401, 403),
    query=("limit", "cursor"),
    statuses=LegalStatus,
)
def list_legal_requests(call: Call) -> Response:
    status = call.status()
    filters = status.value if status else ""
    page = wiring.legal_service().box(call.ctx, status, call.limit(), call.start_key(filters))
    agency = call.ctx.principal.org.is_agency
    items = [render.legal_request(found, for_agency=agency) for found in page.items]
    return json_response(models.LegalRequestList(items=items, next_cursor=call.next_cursor(page.last_key, filters)))


@endpoint(
    legal,
    "POST",
    "/v1/legal-requests/{request_id}/acknowledge",
    summary="Acknowledge legal process, with your own reference (the platform served)",
    platform_scope=_RESPOND,
    body=models.AcknowledgeLegalRequest,
    response=models.LegalRequestOut,
    errors=(400, 401, 403, 404, 409, 415, 503),
)
def acknowledge_legal_request(call: Call, request_id: str) -> Response:
    found = wiring.legal_service().acknowledge(call.ctx, request_id, call.body.platform_reference)
    return json_response(render.legal_request(found, for_agency=False))


@endpoint(
    legal,
    "POST",
    "/v1/legal-requests/{request_id}/answer",
    summary="Answer legal process: produced, partially_produced or rejected with its reason, naming the "
    "production's files (the platform served)",
    platform_scope=_RESPOND,
    body=models.AnswerLegalRequest,
    response=models.LegalRequestOut,
    errors=(400, 401, 403, 404, 409, 415, 503),
)
def answer_legal_request(call: Call, request_id: str) -> Response:
    body: models.AnswerLegalRequest = call.body
    given = Answer(
        body.outcome, call.ctx.now, call.ctx.principal.subject, body.reason_code, body.detail, tuple(body.file_ids)
    )
    found = wiring.legal_service().answer(call.ctx, request_id, given)
    return json_response(render.legal_request(found, for_agency=False))


@endpoint(
    legal,
    "POST",
    "/v1/legal-requests/{request_id}/withdraw",
    summary="Withdraw legal process until it is answered (the agency that served it)",
    scope="cases:write",
    body=models.WithdrawLegalRequest,
    response=models.LegalRequestOut,
    errors=(400, 401, 403, 404, 409, 415, 503),
)
def withdraw_legal_request(call: Call, request_id: str) -> Response:
    found = wiring.legal_service().withdraw(call.ctx, request_id, call.body.reason)
    return json_response(render.legal_request(found, for_agency=True))


@endpoint(
    legal,
    "POST",
    "/v1/legal-requests/{request_id}/nondisclosure",
    summary="Extend the nondisclosure order with a new one, a later end (the agency that served the request)",
    scope="cases:write",
    body=models.ExtendNondisclosure,
    response=models.LegalRequestOut,
    errors=(400, 401, 403, 404, 409, 415, 503),
)
def extend_nondisclosure(call: Call, request_id: str) -> Response:
    body: models.ExtendNondisclosure = call.body
    found = wiring.legal_service().extend_nondisclosure(call.ctx, request_id, body.until, body.document_file_id)
    return json_response(render.legal_request(found, for_agency=True))


@endpoint(
    legal,
    "POST",
    "/v1/legal-requests/{request_id}/files",
    summary="Declare a production file and get where to upload its bytes (the platform served, until it answers)",
    platform_scope=_RESPOND,
    body=models.ProductionFileDeclare,
    response=models.FileDeclared,
    status=201,
    errors=(400, 401, 403, 404, 409, 413, 415, 503),
    creates=lambda found, request_id: declared_file(found, utcnow()),
)
def declare_production_file(call: Call, request_id: str) -> Response:
    declared = call.body.model_dump(exclude_none=True)
    found = wiring.file_service().declare_on_request(call.ctx, request_id, declared, call.idempotency)
    return stored(declared_file(found, call.ctx.now))
