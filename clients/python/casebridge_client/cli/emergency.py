"""`casebridge emergency`: emergency disclosure requests, asked by an officer, approved by a
second person of the agency, answered by the platform's 24/7 team."""

from __future__ import annotations

from typing import Annotated

import typer

from casebridge_client.cli.terminal import (
    BodyFile,
    FileIds,
    Json,
    Required,
    Status,
    add_show,
    add_upload,
    body_of,
    listed,
    operation,
    send,
    show,
)

app = typer.Typer(no_args_is_help=True, help="Emergency disclosure requests: ask, approve, acknowledge, answer")

COLUMNS = ("request_id", "platform", "requester", "emergency.kind", "status", "requested_at", "acknowledge_by")


@app.command("ask")
def ask_emergency_request(case_id: str, file: BodyFile, as_json: Json = False) -> None:
    """Ask a platform for an emergency disclosure (events/api/ask-emergency-request.json);
    it reaches the platform once a second person of your agency approves it."""
    show(send(operation("emergency", "ask_emergency_request"), body_of(file), case_id=case_id), as_json, COLUMNS)


@app.command("list")
def list_emergency_requests(status: Status = None, as_json: Json = False) -> None:
    """Yours (an agency's), or a platform's 24/7 queue: unacknowledged first, oldest first."""
    show(listed(operation("emergency", "list_emergency_requests"), status), as_json, COLUMNS)


add_show(app, "emergency", "read_emergency_request", "request_id", "An emergency request")


@app.command("approve")
def approve_emergency_request(request_id: str, as_json: Json = False) -> None:
    """Approve a request someone else of your agency asked (needs emergency:approve)."""
    show(send(operation("emergency", "approve_emergency_request"), {}, request_id=request_id), as_json, COLUMNS)


@app.command("reject")
def reject_emergency_request(request_id: str, reason: Required, as_json: Json = False) -> None:
    module = operation("emergency", "reject_emergency_request")
    show(send(module, {"reason": reason}, request_id=request_id), as_json, COLUMNS)


@app.command("acknowledge")
def acknowledge_emergency_request(request_id: str, as_json: Json = False) -> None:
    """A platform has the request in hand (before the SLA's alert)."""
    show(send(operation("emergency", "acknowledge_emergency_request"), {}, request_id=request_id), as_json, COLUMNS)


add_upload(
    app,
    "emergency",
    "declare_disclosed_file",
    "request_id",
    """Upload a file of your disclosure (then name it in `answer --file-id`).""",
)


@app.command("answer")
def answer_emergency_request(
    request_id: str,
    outcome: Annotated[str, typer.Option(help="disclosed, partially_disclosed or declined")],
    reason: Annotated[str | None, typer.Option(help="Why not all of it (not with disclosed)")] = None,
    file_ids: FileIds = None,
    as_json: Json = False,
) -> None:
    """A platform's answer, with the files it disclosed."""
    fields = {"outcome": outcome, "file_ids": file_ids or [], **({"reason": reason} if reason else {})}
    answered = send(operation("emergency", "answer_emergency_request"), fields, request_id=request_id)
    show(answered, as_json, (*COLUMNS[:5], "answer.outcome", "legal_process_due_at"))
