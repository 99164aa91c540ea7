"""`casebridge referrals`: your inbox and outbox, referring, and deciding."""

from __future__ import annotations

from typing import Annotated

import typer

from casebridge_client.cli.terminal import (
    Json,
    Required,
    Status,
    add_show,
    enum_option,
    listed,
    operation,
    run,
    send,
    show,
)

app = typer.Typer(no_args_is_help=True, help="Referrals: your inbox, refer, accept, decline, withdraw")

REFERRAL_COLUMNS = ("referral_id", "case_title", "from_org", "to_org", "priority", "status")
_DECISION_COLUMNS = ("referral_id", "status")


@app.command("inbox")
def list_referrals(
    status: Status = None,
    box: Annotated[str | None, typer.Option(help="inbound (to you, the default) or outbound (yours)")] = None,
    as_json: Json = False,
) -> None:
    """Referrals to you (or, with --box outbound, yours to others)."""
    module = operation("referrals", "list_referrals")
    found = listed(module, status, **({"box": enum_option(module, "box", box)} if box else {}))
    show(found, as_json, REFERRAL_COLUMNS)


add_show(app, "referrals", "read_referral", "referral_id", "A referral")


@app.command("refer")
def refer_case(
    case_id: str,
    to: Required,
    reason: Required,
    priority: Annotated[str, typer.Option(help="routine or urgent")] = "routine",
    as_json: Json = False,
) -> None:
    """Refer a case to another agency."""
    fields = {"to_org": to, "reason": reason, "priority": priority}
    show(send(operation("referrals", "refer_case"), fields, case_id=case_id), as_json, REFERRAL_COLUMNS)


@app.command("accept")
def accept_referral(referral_id: str, as_json: Json = False) -> None:
    """Accept a referral to you: the case becomes yours to see."""
    show(run(operation("referrals", "accept_referral"), referral_id=referral_id), as_json, _DECISION_COLUMNS)


@app.command("decline")
def decline_referral(referral_id: str, reason: Required, as_json: Json = False) -> None:
    module = operation("referrals", "decline_referral")
    show(send(module, {"reason": reason}, referral_id=referral_id), as_json, _DECISION_COLUMNS)


@app.command("withdraw")
def withdraw_referral(referral_id: str, as_json: Json = False) -> None:
    """Withdraw a referral you made that is still pending."""
    show(run(operation("referrals", "withdraw_referral"), referral_id=referral_id), as_json, _DECISION_COLUMNS)
