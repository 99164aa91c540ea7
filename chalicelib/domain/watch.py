"""The watch center: who watches a conflict between operations, its life from open to
resolved, its clocks and its exigent waivers.

A `watch_center` organisation of the registry serves agencies (by code), a region (states:
the agencies whose jurisdiction is in them) and/or an area of the map (a bounding box the
operation's centre falls in): `Watch`. A conflict between two operations is watched by every
active center serving either side; of two, one owns it and the other sees it (`owning_center`:
the center serving both sides, else the one serving the operation that starts first, else the
first by code).

A watched conflict carries what the center needs to act and nothing of the cases: each side's
agency, operation kind, window, place and radius and on-scene contact (`Side`), the conflict's
state, owner and history. Operation ids are kept server-side to follow a moved operation, and
never shown to a center: an operation id names its case.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from chalicelib.domain import operations as ops
from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField, NotFound
from chalicelib.domain.operations import Location, Operation, OperationKind
from chalicelib.domain.organisations import Watch
from chalicelib.domain.record_ids import derived_id
from chalicelib.domain.rules import Field, Rule

MAX_NOTE = 2000
#: The clocks, unless the stage says (`Settings.conflict_unowned_minutes`, `conflict_contact_minutes`).
DEFAULT_UNOWNED_AFTER = (timedelta(minutes=5), timedelta(minutes=15))
DEFAULT_CONTACT_BEFORE = timedelta(minutes=30)


class ConflictState(StrEnum):
    #: Found, and nobody of the center has taken it yet.
    OPEN = "open"
    OWNED = "owned"
    #: The owner told both officers of each other.
    NOTIFIED = "notified"
    #: Both sides confirmed they made contact.
    CONTACTED = "contacted"
    RESOLVED = "resolved"
    #: An operation moved away: no longer a conflict.
    CLEARED = "cleared"


class ConflictOutcome(StrEnum):
    PROCEED = "proceed"
    JOINT = "joint"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


UNRESOLVED_STATES = (ConflictState.OPEN, ConflictState.OWNED, ConflictState.NOTIFIED, ConflictState.CONTACTED)


@dataclass(frozen=True)
class Side:
    """One side of a conflict as the center sees it: never its case."""

    org: str
    operation_id: str
    kind: OperationKind
    location: Location
    starts_at: datetime
    ends_at: datetime
    contact: Contact
    notified_at: datetime | None = None
    contact_confirmed_at: datetime | None = None
    contact_confirmed_by: str | None = None
    #: The outcome this side's agency agreed to (both agencies agreeing resolves it), and what
    #: it wrote of it: the other agency reads it before agreeing in turn.
    agreed: ConflictOutcome | None = None
    agreed_note: str | None = None


@dataclass(frozen=True)
class Waiver:
    """An agency proceeding with the conflict unresolved: asked by an officer, concurred by a
    second person of the same agency holding `deconfliction:waive`."""

    org: str
    reason: str
    asked_by: str
    asked_by_name: str | None
    asked_at: datetime
    concurred_by: str | None = None
    concurred_by_name: str | None = None
    concurred_at: datetime | None = None


@dataclass(frozen=True)
class Step:
    """One line of a conflict's history: when, what, which organisation, which person."""

    at: str
    step: str
    org: str
    by: str
    detail: str = ""


@dataclass(frozen=True)
class WatchedConflict:
    conflict_id: str
    first: Side
    second: Side
    #: The center that owns it, and the one that sees it (if two serve it).
    center: str
    seen_by: str | None
    detected_at: datetime
    #: The earlier start of the two: what the list sorts by and the contact clock runs to.
    starts_at: datetime
    state: ConflictState = ConflictState.OPEN
    owned_by: str | None = None
    owned_by_name: str | None = None
    owned_at: datetime | None = None
    outcome: ConflictOutcome | None = None
    note: str | None = None
    resolved_at: datetime | None = None
    resolved_by_org: str | None = None
    waiver: Waiver | None = None
    #: How many unowned alerts went out; the start the contact-overdue alert went out for.
    unowned_alerts: int = 0
    contact_overdue_for: datetime | None = None
    history: tuple[Step, ...] = ()
    version: int = 1

    @property
    def sides(self) -> tuple[Side, Side]:
        return self.first, self.second

    @property
    def orgs(self) -> tuple[str, str]:
        return self.first.org, self.second.org

    @property
    def centers(self) -> tuple[str, ...]:
        return (self.center,) if self.seen_by is None else (self.center, self.seen_by)

    @property
    def unresolved(self) -> bool:
        return self.state in UNRESOLVED_STATES

    @property
    def contact_confirmed_at(self) -> datetime | None:
        """When the second side confirmed contact: the time-to-contact's end."""
        times = [side.contact_confirmed_at for side in self.sides]
        return max(times) if all(times) else None  # type: ignore[type-var]

    def side_of(self, org: str) -> Side:
        return self.first if self.first.org == org else self.second

    def visible_to(self, org: str) -> bool:
        return org in self.orgs or org in self.centers


# The rules, declared once (`domain.rules`); the functions below say why one fails.
STATE, CENTER = Field("state"), Field("center")
OPEN: Rule = STATE.equals(ConflictState.OPEN)
UNRESOLVED: Rule = STATE.is_in(UNRESOLVED_STATES)
#: Moved apart: what operations back in each other's way open again (`reopen`).
CLEARED: Rule = STATE.equals(ConflictState.CLEARED)
#: Owned and not yet resolved: what an owner may hand over.
HELD: Rule = STATE.is_in((ConflictState.OWNED, ConflictState.NOTIFIED, ConflictState.CONTACTED))


def may_own(center: str) -> Rule:
    return CENTER.equals(center) & OPEN


def may_hold(center: str) -> Rule:
    """The owning center hands over what it holds."""
    return CENTER.equals(center) & HELD


def may_notify(center: str) -> Rule:
    return CENTER.equals(center) & STATE.equals(ConflictState.OWNED)


def unowned_alert(n: int) -> Rule:
    """The `n`th unowned alert is still news: nobody took it, and fewer than `n` went out (a
    scheduler that was down sends the first and the second in one run)."""
    return OPEN & Field("unowned_alerts").is_in(range(n))


def contact_overdue(starts_at: datetime) -> Rule:
    """Contact not confirmed by both sides, for the start the timer was set for, not yet alerted."""
    waiting = STATE.is_in((ConflictState.OPEN, ConflictState.OWNED, ConflictState.NOTIFIED))
    return waiting & Field("starts_at").equals(starts_at) & Field("contact_overdue_for").absent()


def watched_id(a: Operation, b: Operation) -> str:
    """One id per pair of operations, whichever side is found first and whatever they become."""
    first, second = sorted((a.operation_id, b.operation_id))
    at = max(_id_time(first), _id_time(second))
    return derived_id("cnf", at, f"{first}|{second}")


def _id_time(operation_id: str) -> datetime:
    from ulid import ULID

    return ULID.from_str(operation_id[3:29]).datetime


#: What a side shows of its operation: its kind, where, when and whom to call (never its case).
PLAN = ("kind", "location", "starts_at", "ends_at", "contact")


def plan_of(operation: Operation) -> dict[str, Any]:
    """The fields of a side its operation gives, as the operation now has them (`PLAN`)."""
    return {name: getattr(operation, name) for name in PLAN}


def side_of(operation: Operation) -> Side:
    return Side(operation.org, operation.operation_id, **plan_of(operation))


@dataclass(frozen=True)
class Center:
    """A watch center as the conflict's routing needs it."""

    code: str
    watch: Watch


def owning_center(centers: list[Center], a: Operation, b: Operation, states: dict[str, str | None]) -> list[str]:
    """The centers that watch the conflict, the owner first: the one serving both sides, else the
    one serving the operation that starts first, else the first by code. At most two."""

    def served(center: Center, op: Operation) -> bool:
        return center.watch.serves(op.org, states.get(op.org), op.location)

    ranked = []
    for center in centers:
        sides = [op for op in (a, b) if served(center, op)]
        if sides:
            ranked.append((-len(sides), min(op.starts_at for op in sides), center.code))
    return [code for *_, code in sorted(ranked)][:2]


def watched(a: Operation, b: Operation, watchers: list[str], at: datetime) -> WatchedConflict:
    """The conflict between `a` and `b` as its centers see it, open."""
    first, second = sorted((a, b), key=lambda op: op.operation_id)
    return WatchedConflict(
        conflict_id=watched_id(a, b),
        first=side_of(first),
        second=side_of(second),
        center=watchers[0],
        seen_by=watchers[1] if len(watchers) > 1 else None,
        detected_at=at,
        starts_at=min(a.starts_at, b.starts_at),
        history=(Step(_at(at), "opened", "", "casebridge"),),
    )


def reopen(found: WatchedConflict, again: WatchedConflict) -> WatchedConflict | None:
    """A cleared conflict whose operations are in each other's way again is open again, as
    found now (`again`): its sides, centers and clocks as they are now, its history kept."""
    if found.state is not ConflictState.CLEARED:
        return None  # still open, or resolved: the stream's retry, or an outcome on record
    fresh = replace(again, history=found.history, version=found.version)
    return _stepped(fresh, again.detected_at, "opened", "", "casebridge", "operations in each other's way again")


def visible(found: WatchedConflict | None, org: str, conflict_id: str) -> WatchedConflict:
    if found is None or not found.visible_to(org):
        raise NotFound(f"no conflict {conflict_id!r} is visible to you")
    return found


def _at(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _stepped(
    found: WatchedConflict, at: datetime, step: str, org: str, by: str, detail: str = "", **changes: Any
) -> WatchedConflict:
    history = (*found.history, Step(_at(at), step, org, by, detail))
    return replace(found, **changes, history=history, version=found.version + 1)  # type: ignore[arg-type]


def _center_only(found: WatchedConflict, org: str, what: str) -> None:
    if org != found.center:
        raise Forbidden(f"only {found.center}, which owns the watch of this conflict, may {what} it")


def own(found: WatchedConflict, org: str, person: str, name: str | None, at: datetime) -> WatchedConflict:
    """A person of the owning center takes it; a second taker is refused (409)."""
    _center_only(found, org, "take")
    if not OPEN.holds(found):
        raise Conflict(
            f"the conflict is already {found.state}" + (f" by {found.owned_by_name}" if found.owned_by_name else "")
        )
    return _stepped(
        found,
        at,
        "owned",
        org,
        person,
        name or "",
        state=ConflictState.OWNED,
        owned_by=person,
        owned_by_name=name,
        owned_at=at,
    )


def hand_over(found: WatchedConflict, org: str, by: str, to: str, to_name: str | None, at: datetime) -> WatchedConflict:
    """Its owner (or another person of the center) hands it to a person of the center: recorded."""
    _center_only(found, org, "hand over")
    if not HELD.holds(found):
        raise Conflict(f"the conflict is {found.state}: only an owned conflict is handed over")
    if to == found.owned_by:
        raise Conflict("the conflict is already theirs")
    detail = f"{found.owned_by_name or found.owned_by} to {to_name or to}"
    return _stepped(found, at, "handed_over", org, by, detail, owned_by=to, owned_by_name=to_name)


def notify(found: WatchedConflict, org: str, by: str, at: datetime) -> WatchedConflict:
    """The owner tells both officers of each other."""
    _center_only(found, org, "notify")
    if found.state is not ConflictState.OWNED:
        raise Conflict(f"the conflict is {found.state}: it is notified once, after it is owned")
    first, second = (replace(side, notified_at=at) for side in found.sides)
    return _stepped(found, at, "notified", org, by, state=ConflictState.NOTIFIED, first=first, second=second)


def _agency_side(found: WatchedConflict, org: str, what: str) -> Side:
    if org not in found.orgs:
        raise Forbidden(f"only {found.first.org} and {found.second.org}, whose operations these are, may {what}")
    return found.side_of(org)


def _with_side(found: WatchedConflict, side: Side) -> dict[str, Any]:
    return {"first": side} if side.org == found.first.org else {"second": side}


def confirm_contact(found: WatchedConflict, org: str, by: str, at: datetime) -> WatchedConflict:
    """The operation's agency says contact was made; with both sides, the conflict is contacted."""
    side = _agency_side(found, org, "confirm contact")
    if not found.unresolved:
        raise Conflict(f"the conflict is {found.state}")
    if side.contact_confirmed_at is not None:
        raise Conflict(f"{org} confirmed contact already")
    changes: dict[str, Any] = _with_side(found, replace(side, contact_confirmed_at=at, contact_confirmed_by=by))
    other = found.second if side.org == found.first.org else found.first
    if other.contact_confirmed_at is not None:
        changes["state"] = ConflictState.CONTACTED
    return _stepped(found, at, "contact_confirmed", org, by, **changes)


def resolve(
    found: WatchedConflict, org: str, by: str, outcome: ConflictOutcome, note: str, at: datetime
) -> WatchedConflict:
    """The owning center resolves it; or each agency agrees to an outcome, and the second
    agreeing to the first's resolves it."""
    if not note.strip():
        raise InvalidField("note", "say in writing what was agreed")
    if not found.unresolved:
        raise Conflict(f"the conflict is {found.state}")
    resolved = {
        "state": ConflictState.RESOLVED,
        "outcome": outcome,
        "note": note,
        "resolved_at": at,
        "resolved_by_org": org,
    }
    if org == found.center:
        return _stepped(found, at, "resolved", org, by, outcome.value, **resolved)
    side = _agency_side(found, org, "resolve it with the center")
    other = found.second if side.org == found.first.org else found.first
    changes: dict[str, Any] = _with_side(found, replace(side, agreed=outcome, agreed_note=note))
    if other.agreed is outcome:
        changes |= resolved
        changes["resolved_by_org"] = "both agencies"
        return _stepped(found, at, "resolved", org, by, outcome.value, **changes)
    return _stepped(found, at, "agreed", org, by, outcome.value, **changes)


def ask_waiver(
    found: WatchedConflict, org: str, by: str, name: str | None, reason: str, at: datetime
) -> WatchedConflict:
    """An officer of one side asks to proceed with the conflict unresolved."""
    _agency_side(found, org, "ask for a waiver")
    if not found.unresolved:
        raise Conflict(f"the conflict is {found.state}: there is nothing to waive")
    if found.waiver is not None:
        raise Conflict(f"{found.waiver.org} asked for a waiver already")
    waiver = Waiver(org, reason, by, name, at)
    return _stepped(found, at, "waiver_asked", org, by, reason, waiver=waiver)


def concur(found: WatchedConflict, org: str, by: str, name: str | None, at: datetime) -> WatchedConflict:
    """A second person of the asking agency concurs: the waiver is on the record."""
    waiver = found.waiver
    if waiver is None or waiver.org != org:
        asking = waiver.org if waiver else "the agency that asks"
        raise Forbidden(f"only a commander of {asking} may concur with its waiver")
    if by == waiver.asked_by:
        raise Forbidden("a second person concurs with a waiver: not the officer who asked")
    if waiver.concurred_at is not None:
        raise Conflict("the waiver was concurred with already")
    done = replace(waiver, concurred_by=by, concurred_by_name=name, concurred_at=at)
    return _stepped(found, at, "waived", org, by, waiver.reason, waiver=done)


def follow(found: WatchedConflict, moved: Operation, buffer: timedelta, at: datetime) -> WatchedConflict | None:
    """A changed or cancelled operation moves its unresolved conflict: cancelled, it is resolved
    `cancelled`; moved apart, it is cleared as it last stood (never showing where it went);
    still in the way, its side (and start) follow, and what either agency agreed to, which was
    to the plans as they stood, is agreed to again or not at all."""
    if not found.unresolved:
        return None
    side = found.side_of(moved.org)
    if side.operation_id != moved.operation_id:
        return None
    if not moved.active:
        changes: dict[str, Any] = {
            "state": ConflictState.RESOLVED,
            "outcome": ConflictOutcome.CANCELLED,
            "note": f"{moved.org} cancelled its operation",
            "resolved_at": at,
            "resolved_by_org": moved.org,
        }
        return _stepped(found, at, "resolved", moved.org, "casebridge", "operation cancelled", **changes)
    new_side = replace(side, **plan_of(moved))
    if new_side == side:
        return None  # the stream's retry of a move already followed
    other = found.second if side.org == found.first.org else found.first
    apart = not (
        ops.circles_intersect(new_side.location, other.location)
        and new_side.starts_at < other.ends_at + buffer
        and other.starts_at < new_side.ends_at + buffer
    )
    if apart:
        # Where the operation went is its case's business: the conflict keeps where they met.
        return _stepped(
            found, at, "cleared", moved.org, "casebridge", "operations no longer overlap", state=ConflictState.CLEARED
        )
    starts = min(new_side.starts_at, other.starts_at)
    sides = {
        **_with_side(found, replace(other, agreed=None, agreed_note=None)),
        **_with_side(found, replace(new_side, agreed=None, agreed_note=None)),
    }
    return _stepped(found, at, "moved", moved.org, "casebridge", "operation changed", starts_at=starts, **sides)
