"""Routes for preservation requests (18 U.S.C. 2703(f)): agencies request and extend;
the platform addressed reads, lists and acknowledges."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routing import Call, Resource, StoredResponse, created, json_response
from chalicelib.domain.accounts import account_identifiers, distinct
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.preservations import MAX_ACCOUNTS, Preservation, PreservationStatus

preservations = Blueprint(__name__)
_preservation = Resource(
    preservations, "/v1/preservations/{preservation_id}", made_under="/v1/cases/{case_id}", shown=models.PreservationOut
)

_RESPOND = "preservations:respond"


def platform_accounts(code: str, accounts: list[models.PreservedAccountIn], limit: int) -> list[Identifier]:
    """The accounts on `code`'s service a request names, normalised (preservation, legal and
    emergency requests alike). A platform that is not active is refused by the use case, audited
    (`domain.organisations.check_receives`)."""
    platform = wiring.organisation_directory().get(code)
    if platform is None or not platform.is_platform:
        raise Conflict(f"{code!r} is not a registered platform: requests go to platforms")
    found: list[Identifier] = []
    for n, account in enumerate(accounts):
        found += account_identifiers(account.model_dump(exclude_none=True), platform, f"accounts.{n}")
    return list(distinct(found, limit, "accounts"))


def _requested(found: Preservation, **_: str) -> StoredResponse:
    return created(render.preservation(found, for_agency=True), links.of("preservation_id", found.preservation_id))


@_preservation.creates(models.PreservationCreate, _requested, scope="cases:write", examples=("request-preservation",))
def request_preservation(call: Call, case_id: str) -> Response:
    """Ask a platform to preserve accounts' records for 90 days (participants of an open case)."""
    body: models.PreservationCreate = call.body
    found = wiring.preservation_service().request(
        call.ctx,
        case_id,
        body.platform,
        platform_accounts(body.platform, body.accounts, MAX_ACCOUNTS),
        models.ContactIn.over(body.contact, call.ctx.principal.contact),
        call.idempotency,
    )
    return call.created(found)


@_preservation.reads(scope="cases:read", platform_scope=_RESPOND)
def read_preservation(call: Call, preservation_id: str) -> Response:
    """Read a preservation request (the platform addressed, or participants of its case)."""
    return _shown(wiring.preservation_service().read(call.ctx, preservation_id), for_agency=call.for_agency)


@_preservation.lists(models.PreservationList, scope="cases:read", platform_scope=_RESPOND, statuses=PreservationStatus)
def list_preservations(call: Call) -> Response:
    """A platform's requests addressed to it, or an agency's requests sent; newest first."""
    return call.box(models.PreservationList, wiring.preservation_service().box, render.preservation)


@_preservation.changes("acknowledge", models.AcknowledgePreservation, platform_scope=_RESPOND)
def acknowledge_preservation(call: Call, preservation_id: str) -> Response:
    """Acknowledge a preservation request, with your own reference (the platform addressed)."""
    found = wiring.preservation_service().acknowledge(call.ctx, preservation_id, call.body.platform_reference)
    return _shown(found, for_agency=False)


@_preservation.changes("extend", None, scope="cases:write", errors=(401, 403, 404, 409, 503))
def extend_preservation(call: Call, preservation_id: str) -> Response:
    """Extend the preservation once by 90 days, before it ends (participants)."""
    return _shown(wiring.preservation_service().extend(call.ctx, preservation_id), for_agency=True)


def _shown(found: Preservation, *, for_agency: bool) -> Response:
    return json_response(render.preservation(found, for_agency=for_agency))
