"""`casebridge tips`: a platform's reports in, an agency's triage of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casebridge_client.cli.terminal import (
    UPLOADED,
    BodyFile,
    Json,
    Required,
    Status,
    Wait,
    WaitTimeout,
    add_show,
    body_of,
    listed,
    operation,
    send,
    show,
    upload,
)

app = typer.Typer(no_args_is_help=True, help="Tips: a platform submits, an agency triages its inbox")

TIP_COLUMNS = ("tip_id", "platform", "platform_reference", "category", "status", "received_at")
_DECIDED_COLUMNS = ("tip_id", "status", "case_id")


@app.command("submit")
def submit_tip(file: BodyFile, as_json: Json = False) -> None:
    """Submit a tip (events/api/submit-tip.json), or a batch of them ({"tips": [...]}). Platforms only."""
    body = body_of(file)
    if "tips" in body:
        answered = send(operation("tips", "submit_tip_batch"), body)
        show(answered if as_json else answered.results, as_json, ("index", "result", "tip_id", "platform_reference"))
        return
    show(send(operation("tips", "submit_tip"), body), as_json, ("tip_id", "platform_reference", "result", "status"))


@app.command("inbox")
def list_tips(status: Status = None, as_json: Json = False) -> None:
    """Tips routed to your agency, newest first."""
    show(listed(operation("tips", "list_tips"), status), as_json, TIP_COLUMNS)


add_show(app, "tips", "read_tip", "tip_id", "A tip (a platform: its status)")


@app.command("promote")
def promote_tip(tip_id: str, title: str | None = None, as_json: Json = False) -> None:
    """Open a case from a tip."""
    promoted = send(operation("tips", "promote_tip"), {"title": title} if title else {}, tip_id=tip_id)
    show(promoted, as_json, _DECIDED_COLUMNS)


@app.command("link")
def link_tip(tip_id: str, case_id: Annotated[str, typer.Option("--case")], as_json: Json = False) -> None:
    """Link a tip to a case of yours."""
    show(send(operation("tips", "link_tip"), {"case_id": case_id}, tip_id=tip_id), as_json, _DECIDED_COLUMNS)


@app.command("dismiss")
def dismiss_tip(tip_id: str, reason: Required, as_json: Json = False) -> None:
    show(send(operation("tips", "dismiss_tip"), {"reason": reason}, tip_id=tip_id), as_json, _DECIDED_COLUMNS)


@app.command("reroute")
def reroute_tip(tip_id: str, to: Required, reason: Required, as_json: Json = False) -> None:
    """Hand a tip to the agency it belongs to."""
    fields = {"to_org": to, "reason": reason}
    show(send(operation("tips", "reroute_tip"), fields, tip_id=tip_id), as_json, ("tip_id", "status"))


@app.command("upload")
def upload_tip_file(
    tip_id: str,
    path: Path,
    media_type: str | None = None,
    viewed: Annotated[bool | None, typer.Option("--viewed/--not-viewed", help="Your staff viewed it")] = None,
    public: Annotated[bool | None, typer.Option("--public/--not-public", help="It was publicly available")] = None,
    wait: Wait = False,
    wait_timeout: WaitTimeout = 120.0,
    as_json: Json = False,
) -> None:
    """Attach a file to a tip you submitted: declared, uploaded with a progress bar."""
    fields = {"viewed_by_platform": viewed, "publicly_available": public}
    declared = upload(
        operation("files", "declare_tip_file"),
        path,
        media_type,
        {name: value for name, value in fields.items() if value is not None},
        wait_timeout if wait else None,
        tip_id=tip_id,
    )
    show(declared, as_json, UPLOADED)
