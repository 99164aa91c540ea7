"""Routes for deconfliction: a case's identifiers, checks, and your hits and operation conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routing import WRITE, Call, Resource, StoredResponse, created, endpoint, json_response, lists, reads

if TYPE_CHECKING:
    from chalicelib.services.deconfliction import Added

deconfliction = Blueprint(__name__)
_identifier = Resource(deconfliction, "/v1/cases/{case_id}/identifiers/{identifier_id}")


def _added(added: Added, case_id: str) -> StoredResponse:
    found = render.matches(added.matches.hits, added.matches.related, added.matches.truncated)
    body = models.IdentifiersAdded(
        case_id=case_id,
        identifiers=[render.held_identifier(held) for held in added.stored],
        **dict(found),
    )
    return created(body, links.case(case_id, "identifiers"))


@_identifier.creates(
    models.IdentifierBatch,
    _added,
    response=models.IdentifiersAdded,
    scope="cases:write",
    examples=("add-identifiers",),
    errors=(*WRITE, 422, 429),
)
def add_identifiers(call: Call, case_id: str) -> Response:
    """Add up to 50 identifiers to a case and learn who else holds them (participants)."""
    batch: models.IdentifierBatch = call.body
    added = wiring.deconfliction_service().add_identifiers(
        call.ctx, case_id, [one.normalised for one in batch.identifiers], call.idempotency
    )
    return call.created(added)


@_identifier.lists(models.IdentifierList, scope="cases:read")
def list_identifiers(call: Call, case_id: str) -> Response:
    """List a case's identifiers, values included (participants)."""
    return call.paged(
        models.IdentifierList, wiring.deconfliction_service().identifiers, render.held_identifier, case_id
    )


@endpoint(
    deconfliction,
    "DELETE",
    "/v1/cases/{case_id}/identifiers/{identifier_id}",
    scope="cases:write",
    status=204,
    errors=(401, 403, 404, 503),
)
def remove_identifier(call: Call, case_id: str, identifier_id: str) -> Response:
    """Remove an identifier from a case (participants)."""
    wiring.deconfliction_service().remove_identifier(call.ctx, case_id, identifier_id)
    return Response(body="", status_code=204, headers={"Cache-Control": "no-store"})


@endpoint(
    deconfliction,
    "POST",
    "/v1/deconfliction/checks",
    scope="deconfliction:check",
    body=models.IdentifierBatch,
    examples=("check-identifiers",),
    response=models.MatchesOut,
    errors=(400, 401, 403, 413, 415, 429, 503),
)
def check_identifiers(call: Call) -> Response:
    """Check up to 50 identifiers without attaching them; holders learn who checked."""
    batch: models.IdentifierBatch = call.body
    found = wiring.deconfliction_service().check(call.ctx, [one.normalised for one in batch.identifiers])
    return json_response(render.matches(found.hits, found.related, found.truncated))


@lists(deconfliction, "/v1/deconfliction/hits", models.HitList, scope="cases:read")
def list_hits(call: Call) -> Response:
    """List your organisation's hits, newest first."""
    return call.paged(models.HitList, wiring.deconfliction_service().hits, render.hit_record)


@reads(deconfliction, "/v1/deconfliction/hits/{hit_id}", models.HitRecordOut, scope="cases:read")
def read_hit(call: Call, hit_id: str) -> Response:
    """Read one of your organisation's hits."""
    return json_response(render.hit_record(wiring.deconfliction_service().hit(call.ctx, hit_id)))


@lists(deconfliction, "/v1/deconfliction/conflicts", models.ConflictList, scope="cases:read")
def list_conflicts(call: Call) -> Response:
    """List your organisation's operation conflicts, newest first."""
    return call.paged(models.ConflictList, wiring.operation_service().conflicts, render.conflict)


@reads(deconfliction, "/v1/deconfliction/conflicts/{conflict_id}", models.ConflictOut, scope="cases:read")
def read_conflict(call: Call, conflict_id: str) -> Response:
    """Read one of your organisation's operation conflicts."""
    return json_response(render.conflict(wiring.operation_service().conflict(call.ctx, conflict_id)))
