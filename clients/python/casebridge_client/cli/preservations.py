"""`casebridge preservations`: an agency asks a platform to keep an account's records; the platform acknowledges."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from casebridge_client.cli.failures import ExitCode, Refused
from casebridge_client.cli.terminal import Json, Status, add_show, body_of, listed, operation, run, send, show

app = typer.Typer(no_args_is_help=True, help="Preservation requests (18 U.S.C. 2703(f)): request, acknowledge, extend")

COLUMNS = ("preservation_id", "platform", "requester", "status", "requested_at", "expires_at", "platform_reference")


def account(spec: str) -> dict[str, Any]:
    """`SERVICE:@handle` or `SERVICE:#user-id` as a preserved account."""
    service, colon, name = spec.partition(":")
    if not colon or not name or name[0] not in "@#":
        raise Refused(ExitCode.USAGE, f"{spec!r} is not SERVICE:@handle or SERVICE:#user-id")
    return {"service": service, **({"handle": name} if name[0] == "@" else {"platform_user_id": name[1:]})}


@app.command("request")
def request_preservation(
    case_id: str,
    platform: Annotated[str | None, typer.Option(help="The platform to ask, e.g. META")] = None,
    accounts: Annotated[
        list[str] | None, typer.Option("--account", help="SERVICE:@handle or SERVICE:#user-id (repeatable)")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="The body, as events/api/request-preservation.json")
    ] = None,
    as_json: Json = False,
) -> None:
    """Ask a platform to preserve accounts' records for 90 days."""
    body = body_of(file) if file is not None else {}
    if accounts:
        body["accounts"] = [account(spec) for spec in accounts]
    if platform:
        body["platform"] = platform
    show(send(operation("preservations", "request_preservation"), body, case_id=case_id), as_json, COLUMNS)


@app.command("list")
def list_preservations(status: Status = None, as_json: Json = False) -> None:
    """Yours (an agency's), or those addressed to you (a platform's)."""
    show(listed(operation("preservations", "list_preservations"), status), as_json, COLUMNS)


add_show(app, "preservations", "read_preservation", "preservation_id", "A preservation request")


@app.command("acknowledge")
def acknowledge_preservation(
    preservation_id: str,
    reference: Annotated[str, typer.Option(help="Your own reference for it")],
    as_json: Json = False,
) -> None:
    """A platform confirms it preserves the records."""
    module = operation("preservations", "acknowledge_preservation")
    acknowledged = send(module, {"platform_reference": reference}, preservation_id=preservation_id)
    show(acknowledged, as_json, COLUMNS)


@app.command("extend")
def extend_preservation(preservation_id: str, as_json: Json = False) -> None:
    """Another 90 days, once."""
    extended = run(operation("preservations", "extend_preservation"), preservation_id=preservation_id)
    show(extended, as_json, COLUMNS)
