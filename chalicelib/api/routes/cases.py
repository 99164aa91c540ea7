"""Routes under /v1/cases: cases, their notes and their audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.problems import ValidationFailed
from chalicelib.api.routing import WRITE, Call, Resource, StoredResponse, created, creates, json_response, lists
from chalicelib.domain.cases import Case, CaseStatus

if TYPE_CHECKING:
    from chalicelib.services.cases import CaseChange

cases = Blueprint(__name__)
_case = Resource(cases, "/v1/cases/{case_id}", shown=models.CaseOut)


def _opened(case: Case) -> StoredResponse:
    return created(render.case(case), links.case(case.case_id))


@_case.creates(models.CaseCreate, _opened, scope="cases:write", examples=("open-case", "open-case-minimal"))
def open_case(call: Call) -> Response:
    """Open a case."""
    body: models.CaseCreate = call.body
    fields: dict[str, Any] = body.model_dump(exclude={"contact"})
    fields["contact"] = models.ContactIn.over(body.contact, call.ctx.principal.contact)
    fields["substances"] = tuple(body.substances)
    fields["platforms"] = tuple(body.platforms)
    case = wiring.case_service().open(call.ctx, fields, call.idempotency)
    response = call.created(case)
    response.headers["ETag"] = render.etag(case.version)
    return response


@_case.lists(models.CaseList, scope="cases:read", statuses=CaseStatus)
def list_cases(call: Call) -> Response:
    """List the cases you may see, newest first."""
    return call.by_status(models.CaseList, wiring.case_service().list, render.summary)


@_case.reads(scope="cases:read")
def read_case(call: Call, case_id: str) -> Response:
    """Read a case."""
    case = wiring.case_service().read(call.ctx, case_id)
    return json_response(render.case(case), headers={"ETag": render.etag(case.version)})


@_case.updates(models.CaseUpdate, models.CaseChangeOut, scope="cases:write", examples=("update-case",))
def update_case(call: Call, case_id: str) -> Response:
    """Update a case (owner; If-Match required)."""
    body: models.CaseUpdate = call.body
    changes = body.model_dump(mode="json", exclude_unset=True)
    if not changes:
        raise ValidationFailed("name at least one field to change")
    for name in ("title", "tlp"):
        if name in changes and changes[name] is None:
            raise ValidationFailed(f"{name} cannot be cleared", [{"field": name, "message": "required"}])
    if "contact" in changes:
        changes["contact"] = {k: v for k, v in (changes["contact"] or {}).items() if v is not None}
    change = wiring.case_service().update(call.ctx, case_id, call.expected_version(), changes)
    assert change.version is not None
    return json_response(
        models.CaseChangeOut(case_id=case_id, updated_at=change.updated_at, version=change.version),
        headers={"ETag": render.etag(change.version)},
    )


@_case.changes("close", models.NoBody, models.CaseChangeOut, scope="cases:write", errors=WRITE)
def close_case(call: Call, case_id: str) -> Response:
    """Close a case (owner)."""
    return _moved(case_id, wiring.case_service().close(call.ctx, case_id))


@_case.changes("reopen", models.NoBody, models.CaseChangeOut, scope="cases:write", errors=WRITE)
def reopen_case(call: Call, case_id: str) -> Response:
    """Reopen a closed case (owner)."""
    return _moved(case_id, wiring.case_service().reopen(call.ctx, case_id))


def _moved(case_id: str, change: CaseChange) -> Response:
    """A case closed or reopened: its new status."""
    return json_response(models.CaseChangeOut(case_id=case_id, updated_at=change.updated_at, status=change.status))


@creates(
    cases,
    "/v1/cases/{case_id}/notes",
    models.NoteOut,
    scope="cases:write",
    body=models.NoteCreate,
    examples=("add-note",),
    respond=lambda note, case_id: created(render.note(note), links.case(case_id, "notes")),
)
def add_note(call: Call, case_id: str) -> Response:
    """Add a note to a case (participants)."""
    note = wiring.case_service().add_note(call.ctx, case_id, call.body.text, call.idempotency)
    return call.created(note)


@lists(cases, "/v1/cases/{case_id}/notes", models.NoteList, scope="cases:read")
def list_notes(call: Call, case_id: str) -> Response:
    """List a case's notes, oldest first."""
    case, page = wiring.case_service().notes(call.ctx, case_id, call.limit(), call.start_key())
    return call.listed(models.NoteList, page, render.note, tlp=case.tlp if case else None)


@lists(cases, "/v1/cases/{case_id}/audit", models.AuditList, scope="cases:read")
def read_audit_trail(call: Call, case_id: str) -> Response:
    """Read a case's audit trail, newest first (owner)."""
    case, page = wiring.case_service().audit_trail(call.ctx, case_id, call.limit(), call.start_key())
    return call.listed(models.AuditList, page, render.audit, tlp=case.tlp if case else None)
