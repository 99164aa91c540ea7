"""`casebridge conflicts …`: your operations' conflicts (an agency), and the watch floor's (a
watch center): list, show, own, handover, notify, contact, resolve, waive, concur."""

from __future__ import annotations

from datetime import datetime
from types import ModuleType
from typing import Annotated

import typer

from casebridge_client.cli.deconfliction import _CONFLICT_COLUMNS, conflicts
from casebridge_client.cli.failures import ExitCode, Refused
from casebridge_client.cli.terminal import Json, Required, enum_option, listed, operation, run, send, show

#: The watch floor's columns: the conflict, its state, the earlier start and both sides.
FLOOR_COLUMNS = ("conflict_id", "state", "starts_at", "first.org", "second.org", "owned_by_name")
_STEP_COLUMNS = (*FLOOR_COLUMNS, "outcome")
OUTCOMES = ("proceed", "joint", "delayed", "cancelled")


def _watched(name: str) -> ModuleType:
    return operation("conflicts", name)


@conflicts.command("list")
def list_conflicts(
    floor: Annotated[bool, typer.Option("--floor", help="The watch floor's list (a watch center)")] = False,
    state: Annotated[str | None, typer.Option(help="The floor's conflicts in this state (implies --floor)")] = None,
    starts_before: Annotated[
        datetime | None, typer.Option(help="The floor's conflicts starting before this instant (implies --floor)")
    ] = None,
    as_json: Json = False,
) -> None:
    """Your operations' conflicts, newest first; with --floor, your watch center's unresolved
    conflicts, the earliest start first."""
    if not (floor or state or starts_before):
        module = operation("deconfliction", "list_conflicts")
        show(listed(module), as_json, (*_CONFLICT_COLUMNS, "other_contact.phone"))
        return
    if starts_before is not None and starts_before.tzinfo is None:
        raise Refused(ExitCode.USAGE, "--starts-before needs its offset: 2026-12-07T23:00:00Z")
    module = _watched("list_watched_conflicts")
    filters = {"state": enum_option(module, "state", state), "starts_before": starts_before}
    show(
        listed(module, **{name: value for name, value in filters.items() if value is not None}), as_json, FLOOR_COLUMNS
    )


@conflicts.command("show")
def show_conflict(conflict_id: str) -> None:
    """A conflict, as JSON: yours (`cfl_…`, with the other side's contact) or the floor's
    (`cnf_…`, both sides, its owner and its history)."""
    if conflict_id.startswith("cnf_"):
        show(run(_watched("read_watched_conflict"), conflict_id=conflict_id), True)
    else:
        show(run(operation("deconfliction", "read_conflict"), conflict_id=conflict_id), True)


def _step(name: str, conflict_id: str, fields: dict[str, object], as_json: bool) -> None:
    show(send(_watched(name), fields, conflict_id=conflict_id), as_json, _STEP_COLUMNS)


@conflicts.command("own")
def own_conflict(conflict_id: str, as_json: Json = False) -> None:
    """Take a conflict for yourself (a person of its watch center); 409 if someone has."""
    _step("own_conflict", conflict_id, {}, as_json)


@conflicts.command("handover")
def hand_over_conflict(
    conflict_id: str,
    to: Annotated[str, typer.Option(help="The person_id of your center's person")],
    as_json: Json = False,
) -> None:
    """Hand a conflict you hold to another person of your center (recorded in its history)."""
    _step("hand_over_conflict", conflict_id, {"to": to}, as_json)


@conflicts.command("notify")
def notify_conflict(conflict_id: str, as_json: Json = False) -> None:
    """Tell both officers of each other (the owning center)."""
    _step("notify_conflict", conflict_id, {}, as_json)


@conflicts.command("contact")
def confirm_contact(conflict_id: str, as_json: Json = False) -> None:
    """Confirm your officer made contact with the other side (the operation's agency)."""
    _step("confirm_conflict_contact", conflict_id, {}, as_json)


@conflicts.command("resolve")
def resolve_conflict(
    conflict_id: str,
    outcome: Annotated[str, typer.Option(help="proceed, joint, delayed or cancelled")],
    note: Required,
    as_json: Json = False,
) -> None:
    """Resolve a conflict (its center), or agree to an outcome (each agency: both agreeing resolve it)."""
    if outcome not in OUTCOMES:
        raise Refused(ExitCode.USAGE, "outcome must be one of proceed, joint, delayed or cancelled")
    _step("resolve_conflict", conflict_id, {"outcome": outcome, "note": note}, as_json)


@conflicts.command("waive")
def ask_waiver(conflict_id: str, reason: Required, as_json: Json = False) -> None:
    """Ask to proceed with a conflict unresolved (exigent circumstances); a commander concurs."""
    _step("ask_conflict_waiver", conflict_id, {"reason": reason}, as_json)


@conflicts.command("concur")
def concur_waiver(conflict_id: str, as_json: Json = False) -> None:
    """Concur with your agency's waiver (a second person, with deconfliction:waive)."""
    _step("concur_conflict_waiver", conflict_id, {}, as_json)
