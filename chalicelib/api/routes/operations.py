"""Routes for operation (event) deconfliction: plan, read, change and cancel an operation."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.problems import ValidationFailed
from chalicelib.api.routing import UPDATE, WRITE, Call, Resource, created, json_response, lists

operations = Blueprint(__name__)
_operation = Resource(operations, "/v1/operations/{operation_id}")


def checked(result: Any) -> models.OperationChecked:
    return models.OperationChecked(
        operation=render.operation(result.operation),
        conflicts=[models.ClashOut(org=c.org, contact=c.contact) for c in result.conflicts],
    )


@_operation.creates(
    models.OperationCreate,
    lambda result: created(checked(result), links.of("operation_id", result.operation.operation_id)),
    response=models.OperationChecked,
    scope="cases:write",
    examples=("register-operation",),
    errors=(*WRITE, 422, 429),
)
def register_operation(call: Call) -> Response:
    """Plan an operation on a case and learn which others it conflicts with (participants)."""
    body: models.OperationCreate = call.body
    result = wiring.operation_service().register(
        call.ctx,
        body.case_id,
        body.kind,
        body.location.location(),
        body.starts_at,
        body.ends_at,
        models.ContactIn.over(body.contact, call.ctx.principal.contact),
        call.idempotency,
    )
    response = call.created(result)
    response.headers["ETag"] = render.etag(result.operation.version)
    return response


@_operation.reads(models.OperationOut, scope="cases:read")
def read_operation(call: Call, operation_id: str) -> Response:
    """Read an operation (case participants)."""
    operation = wiring.operation_service().read(call.ctx, operation_id)
    return json_response(render.operation(operation), headers={"ETag": render.etag(operation.version)})


@lists(operations, "/v1/cases/{case_id}/operations", models.OperationList, scope="cases:read")
def list_operations(call: Call, case_id: str) -> Response:
    """List a case's operations, newest first (participants)."""
    return call.paged(models.OperationList, wiring.operation_service().of_case, render.operation, case_id)


@_operation.updates(models.OperationUpdate, models.OperationChecked, scope="cases:write", errors=(*UPDATE, 429))
def update_operation(call: Call, operation_id: str) -> Response:
    """Change your operation (If-Match required); it is checked for conflicts again."""
    body: models.OperationUpdate = call.body
    given = body.model_dump(exclude_unset=True, exclude={"location", "contact"})
    if any(value is None for value in given.values()):
        raise ValidationFailed("kind, starts_at and ends_at cannot be cleared")
    changes: dict[str, Any] = {**given}
    if body.location is not None:
        changes["location"] = body.location.location()
    if "contact" in body.model_fields_set:
        changes["contact"] = models.ContactIn.over(body.contact, call.ctx.principal.contact)
    if not changes:
        raise ValidationFailed("name at least one field to change")
    result = wiring.operation_service().update(call.ctx, operation_id, call.expected_version(), changes)
    return json_response(checked(result), headers={"ETag": render.etag(result.operation.version)})


@_operation.changes("cancel", models.NoBody, models.OperationChecked, scope="cases:write", errors=WRITE)
def cancel_operation(call: Call, operation_id: str) -> Response:
    """Cancel your operation."""
    result = wiring.operation_service().cancel(call.ctx, operation_id)
    return json_response(checked(result), headers={"ETag": render.etag(result.operation.version)})
