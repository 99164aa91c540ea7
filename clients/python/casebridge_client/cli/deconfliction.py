"""`casebridge identifiers`, `hits` and `conflicts`: deconfliction from a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from casebridge_client.cli.failures import ExitCode, Refused
from casebridge_client.cli.terminal import Json, add_show, body_of, errors, listed, operation, run, send, show

identifiers = typer.Typer(no_args_is_help=True, help="A case's identifiers, and checks of identifiers")
hits = typer.Typer(no_args_is_help=True, help="Deconfliction hits: who else holds what you hold or checked")
conflicts = typer.Typer(
    no_args_is_help=True,
    help="Operation conflicts: whose operation clashes with yours; the watch floor's (`watch.py`)",
)

#: Where the qualifier of `TYPE:QUALIFIER=VALUE` goes, by type (the API's `IdentifierIn`).
QUALIFIER_FIELD = {
    "social_handle": "platform",
    "platform_user_id": "platform",
    "crypto_wallet": "chain",
    "parcel_tracking": "carrier",
    "payment_handle": "service",
    "phone": "region",
}
Identifiers = Annotated[
    list[str] | None,
    typer.Argument(
        help="TYPE[:QUALIFIER]=VALUE, e.g. phone=+12025550143 social_handle:INSTAGRAM=@plug.nyc "
        "crypto_wallet:ETHEREUM=0x5aAe…; or --file"
    ),
]
IdentifierFile = Annotated[
    Path | None,
    typer.Option("--file", "-f", help='{"identifiers": [...]}, as events/api/add-identifiers.json'),
]
_HIT_COLUMNS = ("identifier.type", "identifier.value", "org", "contact.name", "contact.phone")


def identifier(spec: str) -> dict[str, Any]:
    """`TYPE[:QUALIFIER]=VALUE` as an `IdentifierIn`."""
    kind, equals, value = spec.partition("=")
    kind, _, qualifier = kind.partition(":")
    if not equals or not kind or not value:
        raise Refused(ExitCode.USAGE, f"{spec!r} is not TYPE[:QUALIFIER]=VALUE")
    if qualifier and kind not in QUALIFIER_FIELD:
        raise Refused(ExitCode.USAGE, f"a {kind} takes no qualifier")
    return {"type": kind, "value": value, **({QUALIFIER_FIELD[kind]: qualifier} if qualifier else {})}


def _batch(specs: list[str] | None, file: Path | None) -> dict[str, Any]:
    given = [identifier(spec) for spec in specs or []]
    if file is not None:
        given += body_of(file).get("identifiers", [])
    if not given:
        raise Refused(ExitCode.USAGE, "name at least one identifier (TYPE=VALUE) or give --file")
    return {"identifiers": given}


@identifiers.command("list")
def list_identifiers(case_id: str, as_json: Json = False) -> None:
    """A case's identifiers, as they were normalised."""
    found = listed(operation("deconfliction", "list_identifiers"), case_id=case_id)
    show(found, as_json, ("identifier_id", "type", "value", "platform", "chain", "added_by_org"))


@identifiers.command("add")
def add_identifiers(
    case_id: str, specs: Identifiers = None, file: IdentifierFile = None, as_json: Json = False
) -> None:
    """Put identifiers on a case; prints who else holds them (whom to call)."""
    added = send(operation("deconfliction", "add_identifiers"), _batch(specs, file), case_id=case_id)
    show(added if as_json else added.hits, as_json, _HIT_COLUMNS)


@identifiers.command("remove")
def remove_identifier(case_id: str, identifier_id: str) -> None:
    run(operation("deconfliction", "remove_identifier"), case_id=case_id, identifier_id=identifier_id)
    errors().print(f"removed {identifier_id}")


@identifiers.command("check")
def check_identifiers(specs: Identifiers = None, file: IdentifierFile = None, as_json: Json = False) -> None:
    """Who holds these identifiers, without putting them on a case (the holders learn of it)."""
    matches = send(operation("deconfliction", "check_identifiers"), _batch(specs, file))
    show(matches if as_json else matches.hits, as_json, _HIT_COLUMNS)


_RECORD_COLUMNS = ("hit_id", "at", "reason", "case_id", "identifier.type", "identifier.value", "other_org")


@hits.command("list")
def list_hits(as_json: Json = False) -> None:
    """Your hits, newest first."""
    show(listed(operation("deconfliction", "list_hits")), as_json, (*_RECORD_COLUMNS, "other_contact.name"))


add_show(hits, "deconfliction", "read_hit", "hit_id", "A hit, with the other side's contact")


_CONFLICT_COLUMNS = ("conflict_id", "at", "operation_id", "case_id", "other_org", "other_contact.name")


# `conflicts list` and `conflicts show` serve both: an agency's list, or the watch floor's
# (`casebridge_client.cli.watch`, which adds the floor's steps to this group).
