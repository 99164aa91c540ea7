"""`casebridge cases`: your cases, their notes and their audit trail."""

from __future__ import annotations

from typing import Annotated

import typer

from casebridge_client.cli.terminal import IfMatch, Json, Status, add_show, changed, listed, operation, run, send, show

app = typer.Typer(no_args_is_help=True, help="Cases, their notes and their audit trail")

CASE_COLUMNS = ("case_id", "title", "status", "tlp", "owner")
_CHANGE_COLUMNS = ("case_id", "status", "version")


@app.command("list")
def list_cases(status: Status = None, as_json: Json = False) -> None:
    """Your cases (yours, and those referred to you that you accepted), newest first."""
    show(listed(operation("cases", "list_cases"), status), as_json, CASE_COLUMNS)


@app.command("open")
def open_case(
    title: str,
    summary: str | None = None,
    tlp: Annotated[str | None, typer.Option(help="CLEAR, GREEN, AMBER (default) or RED")] = None,
    as_json: Json = False,
) -> None:
    """Open a case; you own it."""
    fields = {"title": title, "summary": summary, "tlp": tlp}
    opened = send(operation("cases", "open_case"), {name: value for name, value in fields.items() if value})
    show(opened, as_json, CASE_COLUMNS)


add_show(app, "cases", "read_case", "case_id", "A case")


@app.command("update")
def update_case(
    case_id: str,
    title: str | None = None,
    summary: str | None = None,
    tlp: str | None = None,
    if_match: IfMatch = None,
    as_json: Json = False,
) -> None:
    """Change a case's title, summary or marking."""
    fields = {name: value for name, value in {"title": title, "summary": summary, "tlp": tlp}.items() if value}
    updated = changed(
        operation("cases", "read_case"), operation("cases", "update_case"), fields, if_match, case_id=case_id
    )
    show(updated, as_json, _CHANGE_COLUMNS)


@app.command("close")
def close_case(case_id: str, as_json: Json = False) -> None:
    show(run(operation("cases", "close_case"), case_id=case_id), as_json, _CHANGE_COLUMNS)


@app.command("reopen")
def reopen_case(case_id: str, as_json: Json = False) -> None:
    show(run(operation("cases", "reopen_case"), case_id=case_id), as_json, _CHANGE_COLUMNS)


@app.command("note")
def add_note(case_id: str, text: str, as_json: Json = False) -> None:
    """Add a note to a case."""
    noted = send(operation("cases", "add_note"), {"text": text}, case_id=case_id)
    show(noted, as_json, ("note_id", "author_org", "created_at"))


@app.command("notes")
def list_notes(case_id: str, as_json: Json = False) -> None:
    """A case's notes, oldest first."""
    notes = listed(operation("cases", "list_notes"), case_id=case_id)
    show(notes, as_json, ("note_id", "author_org", "author_subject", "created_at", "text"))


@app.command("audit")
def read_audit_trail(case_id: str, as_json: Json = False) -> None:
    """Who did what on a case, refusals included (the owner's)."""
    trail = listed(operation("cases", "read_audit_trail"), case_id=case_id)
    show(trail, as_json, ("at", "event", "org", "subject", "outcome", "reason"))
