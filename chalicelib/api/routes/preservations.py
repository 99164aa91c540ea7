"""Routes for preservation requests (18 U.S.C. 2703(f)): agencies request and extend;
the platform addressed reads, lists and acknowledges."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routing import Call, StoredResponse, created, endpoint, json_response, stored
from chalicelib.domain.accounts import account_identifiers, distinct
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.preservations import MAX_ACCOUNTS, Preservation, PreservationStatus

preservations = Blueprint(__name__)

_RESPOND = "preservations:respond"


def platform_accounts(code: str, accounts: list[models.PreservedAccountIn], limit: int) -> list[Identifier]:
    """The accounts on `code`'s service a request names, normalised (preservation and legal requests alike)."""
    platform = wiring.organisation_directory().get(code)
    if platform is None or not platform.is_platform:
        raise Conflict(f"{code!r} is not a registered platform: requests go to platforms")
    if not platform.is_active:
        raise Conflict(f"{code} is {platform.status.value}: it takes no requests")
    found: list[Identifier] = []
    for n, account in enumerate(accounts):
        found += account_identifiers(account.model_dump(exclude_none=True), platform, f"accounts.{n}")
    return list(distinct(found, limit, "accounts"))


@endpoint(
    preservations,
    "POST",
    "/v1/cases/{case_id}/preservations",
    summary="Ask a platform to preserve accounts' records for 90 days (participants of an open case)",
    scope="cases:write",
    body=models.PreservationCreate,
    examples=("request-preservation",),
    response=models.PreservationOut,
    status=201,
    errors=(400, 401, 403, 404, 409, 413, 415, 422, 503),
    creates=lambda found, case_id: _requested(found),
)
def request_preservation(call: Call, case_id: str) -> Response:
    body: models.PreservationCreate = call.body
    found = wiring.preservation_service().request(
        call.ctx,
        case_id,
        body.platform,
        platform_accounts(body.platform, body.accounts, MAX_ACCOUNTS),
        models.ContactIn.over(body.contact, call.ctx.principal.contact),
        call.idempotency,
    )
    return stored(_requested(found))


def _requested(found: Preservation) -> StoredResponse:
    return created(render.preservation(found, for_agency=True), links.of("preservation_id", found.preservation_id))


@endpoint(
    preservations,
    "GET",
    "/v1/preservations/{preservation_id}",
    summary="Read a preservation request (the platform addressed, or participants of its case)",
    scope="cases:read",
    platform_scope=_RESPOND,
    response=models.PreservationOut,
    errors=(401, 403, 404),
)
def read_preservation(call: Call, preservation_id: str) -> Response:
    found = wiring.preservation_service().read(call.ctx, preservation_id)
    return json_response(render.preservation(found, for_agency=call.ctx.principal.org.is_agency))


@endpoint(
    preservations,
    "GET",
    "/v1/preservations",
    summary="A platform's requests addressed to it, or an agency's requests sent; newest first",
    scope="cases:read",
    platform_scope=_RESPOND,
    response=models.PreservationList,
    errors=(400, 401, 403),
    query=("limit", "cursor"),
    statuses=PreservationStatus,
)
def list_preservations(call: Call) -> Response:
    status = call.status()
    filters = status.value if status else ""
    page = wiring.preservation_service().box(call.ctx, status, call.limit(), call.start_key(filters))
    agency = call.ctx.principal.org.is_agency
    items = [render.preservation(found, for_agency=agency) for found in page.items]
    return json_response(models.PreservationList(items=items, next_cursor=call.next_cursor(page.last_key, filters)))


@endpoint(
    preservations,
    "POST",
    "/v1/preservations/{preservation_id}/acknowledge",
    summary="Acknowledge a preservation request, with your own reference (the platform addressed)",
    platform_scope=_RESPOND,
    body=models.AcknowledgePreservation,
    response=models.PreservationOut,
    errors=(400, 401, 403, 404, 409, 415, 503),
)
def acknowledge_preservation(call: Call, preservation_id: str) -> Response:
    found = wiring.preservation_service().acknowledge(call.ctx, preservation_id, call.body.platform_reference)
    return json_response(render.preservation(found, for_agency=False))


@endpoint(
    preservations,
    "POST",
    "/v1/preservations/{preservation_id}/extend",
    summary="Extend the preservation once by 90 days, before it ends (participants)",
    scope="cases:write",
    response=models.PreservationOut,
    errors=(401, 403, 404, 409, 503),
)
def extend_preservation(call: Call, preservation_id: str) -> Response:
    found = wiring.preservation_service().extend(call.ctx, preservation_id)
    return json_response(render.preservation(found, for_agency=True))
