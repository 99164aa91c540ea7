"""`casebridge operations`: planned operations, checked for conflicts with everyone's."""

from __future__ import annotations

from typing import Any

import typer

from casebridge_client.cli.terminal import (
    BodyFile,
    IfMatch,
    Json,
    add_show,
    body_of,
    changed,
    listed,
    operation,
    run,
    send,
    show,
)

app = typer.Typer(no_args_is_help=True, help="Operations: register, change, cancel; conflicts come back at once")

_COLUMNS = ("operation_id", "case_id", "kind", "starts_at", "ends_at", "status")
_CLASH_COLUMNS = ("org", "contact.name", "contact.phone")


def _checked(checked: Any, as_json: bool) -> None:
    """The operation, then whose operations it clashes with (whom to call)."""
    if as_json:
        show(checked, True)
        return
    show(checked.operation, False, _COLUMNS)
    if checked.conflicts:
        show(checked.conflicts, False, _CLASH_COLUMNS)


@app.command("list")
def list_operations(case_id: str, as_json: Json = False) -> None:
    """A case's operations."""
    show(listed(operation("operations", "list_operations"), case_id=case_id), as_json, _COLUMNS)


@app.command("register")
def register_operation(case_id: str, file: BodyFile, as_json: Json = False) -> None:
    """Register an operation of a case (kind, location, window, contact: events/api/register-operation.json)."""
    _checked(send(operation("operations", "register_operation"), body_of(file, case_id=case_id)), as_json)


add_show(app, "operations", "read_operation", "operation_id", "An operation")


@app.command("update")
def update_operation(operation_id: str, file: BodyFile, if_match: IfMatch = None, as_json: Json = False) -> None:
    """Move or change an operation (any of kind, location, window, contact); checked again."""
    read, update = operation("operations", "read_operation"), operation("operations", "update_operation")
    _checked(changed(read, update, body_of(file), if_match, operation_id=operation_id), as_json)


@app.command("cancel")
def cancel_operation(operation_id: str, as_json: Json = False) -> None:
    _checked(run(operation("operations", "cancel_operation"), operation_id=operation_id), as_json)
