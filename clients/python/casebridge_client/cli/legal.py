"""`casebridge legal`: legal process served on a platform, acknowledged and answered with a production."""

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

app = typer.Typer(no_args_is_help=True, help="Legal process: serve, acknowledge, produce, answer, withdraw")

COLUMNS = ("request_id", "platform", "requester", "kind", "status", "sent_at", "due_at", "platform_reference")


@app.command("serve")
def send_legal_request(case_id: str, file: BodyFile, as_json: Json = False) -> None:
    """Serve legal process on a platform (events/api/serve-subpoena.json, serve-legal-request.json)."""
    show(send(operation("legal", "send_legal_request"), body_of(file), case_id=case_id), as_json, COLUMNS)


@app.command("list")
def list_legal_requests(status: Status = None, as_json: Json = False) -> None:
    """Yours (an agency's), or those served on you (a platform's: due first)."""
    show(listed(operation("legal", "list_legal_requests"), status), as_json, COLUMNS)


add_show(app, "legal", "read_legal_request", "request_id", "A legal request")


@app.command("acknowledge")
def acknowledge_legal_request(
    request_id: str, reference: Annotated[str, typer.Option(help="Your own reference for it")], as_json: Json = False
) -> None:
    module = operation("legal", "acknowledge_legal_request")
    show(send(module, {"platform_reference": reference}, request_id=request_id), as_json, COLUMNS)


add_upload(
    app,
    "legal",
    "declare_production_file",
    "request_id",
    """Upload a file of your production (then name it in `answer --file-id`).""",
)


@app.command("answer")
def answer_legal_request(
    request_id: str,
    outcome: Annotated[str, typer.Option(help="produced, partially_produced or rejected")],
    reason_code: Annotated[str | None, typer.Option(help="Why it was rejected (with rejected)")] = None,
    detail: str | None = None,
    file_ids: FileIds = None,
    as_json: Json = False,
) -> None:
    """A platform's answer, with the files of its production."""
    fields = {"outcome": outcome, "reason_code": reason_code, "detail": detail, "file_ids": file_ids or []}
    module = operation("legal", "answer_legal_request")
    answered = send(module, {name: value for name, value in fields.items() if value is not None}, request_id=request_id)
    show(answered, as_json, COLUMNS)


@app.command("withdraw")
def withdraw_legal_request(request_id: str, reason: Required, as_json: Json = False) -> None:
    module = operation("legal", "withdraw_legal_request")
    show(send(module, {"reason": reason}, request_id=request_id), as_json, COLUMNS)


@app.command("extend-nondisclosure")
def extend_nondisclosure(
    request_id: str,
    until: Annotated[str, typer.Option(help="The new order's end, e.g. 2027-12-01T00:00:00Z")],
    document: Annotated[str, typer.Option(help="The signed order: an available file of the case")],
    as_json: Json = False,
) -> None:
    """A new 2705(b) order keeps the platform from telling the account holder for longer."""
    module = operation("legal", "extend_nondisclosure")
    extended = send(module, {"until": until, "document_file_id": document}, request_id=request_id)
    show(extended, as_json, (*COLUMNS[:5], "nondisclosure_until"))
