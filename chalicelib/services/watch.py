"""Watch center use cases: a center's list, reading a conflict, owning, handing over, notifying
and resolving it (the center's staff, `conflicts:watch`); confirming contact, agreeing to an
outcome and the exigent waiver (the operations' agencies). The stream's side: opening a
watched conflict when two operations first conflict, and following a changed or cancelled
operation.

Each step is one conditional write of the conflict with its audit record (`storage.watch`),
decided on the conflict as read; the stream turns it into the event both agencies and the
centers receive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from chalicelib.domain import watch
from chalicelib.domain.errors import InvalidField, Unavailable
from chalicelib.domain.organisations import WatchDirectory
from chalicelib.domain.people import Act
from chalicelib.domain.record_ids import is_id
from chalicelib.domain.rules import Rule
from chalicelib.domain.timers import Timer, contact_timer, watch_timers
from chalicelib.domain.watch import Center, ConflictOutcome, ConflictState, WatchedConflict
from chalicelib.services.context import Auditor, RequestContext, system_audit
from chalicelib.storage.contracts import ConditionFailed, Key, Page

if TYPE_CHECKING:
    from chalicelib.domain.operations import Operation
    from chalicelib.domain.people import Person
    from chalicelib.services.ports import WatchedConflicts


class Staff(Protocol):
    """Who may act for a center or an agency, and whom a conflict may be handed to (`PeopleService`)."""

    def standing(self, ctx: RequestContext, act: Act) -> Person: ...

    def acting_person(self, person_id: str, org: str) -> Person | None: ...


#: A step: the conflict as read, as it becomes (the domain's, refusing what it may not do).
Step = Callable[[WatchedConflict], WatchedConflict]


@dataclass
class WatchService:
    conflicts: WatchedConflicts
    audit: Auditor
    #: The registry, with its active watch centers (`CachedDirectory`, kept a minute).
    registry: WatchDirectory
    people: Staff
    #: The unowned alerts, from when the conflict was found; contact overdue, before the start.
    unowned_after: tuple[timedelta, ...]
    contact_before: timedelta
    buffer: timedelta

    # the watch floor

    def watch_list(
        self,
        ctx: RequestContext,
        state: ConflictState | None,
        starts_before: datetime | None,
        limit: int,
        start: Key | None,
    ) -> Page[WatchedConflict]:
        """The caller's center's conflicts, the most urgent first (route: watch centers only)."""
        page = self.conflicts.watch_list(ctx.org, state, starts_before, limit, start)
        self.audit.record(ctx.audit("conflict.watch.list", reason=f"{len(page.items)} conflicts"))
        return page

    def read(self, ctx: RequestContext, conflict_id: str) -> WatchedConflict:
        """Its centers and its two agencies; anyone else is told it does not exist."""
        return self.audit.read(ctx, "conflict.watch.read", conflict_id, lambda: self._visible(ctx, conflict_id))

    def own(self, ctx: RequestContext, conflict_id: str) -> WatchedConflict:
        """A person of the owning center takes it; a second taker gets 409."""
        person, name = ctx.principal.person_id, ctx.principal.name
        return self._step(
            ctx,
            conflict_id,
            "conflict.own",
            Act.WATCH_CONFLICT,
            lambda found: watch.own(found, ctx.org, person, name, ctx.now),
            watch.may_own(ctx.org),
        )

    def hand_over(self, ctx: RequestContext, conflict_id: str, to: str) -> WatchedConflict:
        """To another active person of the center: recorded in its history."""
        person = ctx.principal.person_id

        def step(found: WatchedConflict) -> WatchedConflict:
            taker = self.people.acting_person(to, ctx.org)
            if taker is None:
                raise InvalidField("to", f"not an active person of {ctx.org}")
            return watch.hand_over(found, ctx.org, person, taker.person_id, taker.name, ctx.now)

        return self._step(ctx, conflict_id, "conflict.hand_over", Act.WATCH_CONFLICT, step, watch.may_hold(ctx.org))

    def notify(self, ctx: RequestContext, conflict_id: str) -> WatchedConflict:
        """The owner tells both officers of each other: each agency's event names who owns it."""
        person = ctx.principal.person_id
        return self._step(
            ctx,
            conflict_id,
            "conflict.notify",
            Act.WATCH_CONFLICT,
            lambda found: watch.notify(found, ctx.org, person, ctx.now),
            watch.may_notify(ctx.org),
        )

    def confirm_contact(self, ctx: RequestContext, conflict_id: str) -> WatchedConflict:
        """The operation's agency says its officer reached the other side."""
        person = ctx.principal.person_id
        return self._step(
            ctx,
            conflict_id,
            "conflict.contact",
            None,
            lambda found: watch.confirm_contact(found, ctx.org, person, ctx.now),
            watch.UNRESOLVED,
        )

    def resolve(self, ctx: RequestContext, conflict_id: str, outcome: ConflictOutcome, note: str) -> WatchedConflict:
        """The owning center resolves it, or each agency agrees to the same outcome."""
        person = ctx.principal.person_id
        act = Act.WATCH_CONFLICT if not ctx.principal.org.is_agency else None
        return self._step(
            ctx,
            conflict_id,
            "conflict.resolve",
            act,
            lambda found: watch.resolve(found, ctx.org, person, outcome, note, ctx.now),
            watch.UNRESOLVED,
            reason=outcome.value,
        )

    def ask_waiver(self, ctx: RequestContext, conflict_id: str, reason: str) -> WatchedConflict:
        """An officer of one side asks to proceed with the conflict unresolved; urgent to all."""
        person, name = ctx.principal.person_id, ctx.principal.name
        return self._step(
            ctx,
            conflict_id,
            "conflict.waive",
            Act.ASK_WAIVER,
            lambda found: watch.ask_waiver(found, ctx.org, person, name, reason, ctx.now),
            watch.UNRESOLVED,
        )

    def concur(self, ctx: RequestContext, conflict_id: str) -> WatchedConflict:
        """A second person of the asking agency (`deconfliction:waive`) concurs; urgent to all."""
        person, name = ctx.principal.person_id, ctx.principal.name
        return self._step(
            ctx,
            conflict_id,
            "conflict.concur",
            Act.CONCUR_WAIVER,
            lambda found: watch.concur(found, ctx.org, person, name, ctx.now),
            watch.UNRESOLVED,
        )

    def _step(
        self,
        ctx: RequestContext,
        conflict_id: str,
        event: str,
        act: Act | None,
        step: Step,
        rule: Rule,
        reason: str | None = None,
    ) -> WatchedConflict:
        with self.audit.attempt(ctx, event, conflict_id):
            found = self._visible(ctx, conflict_id)
            new = step(found)
            if act is not None:
                self.people.standing(ctx, act)
            audit = ctx.audit(event, resource_id=conflict_id, reason=reason)
            try:
                self.conflicts.step(found, new, rule, audit)
            except ConditionFailed:
                step(self._visible(ctx, conflict_id))  # the domain's reason, if it now has one
                raise Unavailable(f"conflict {conflict_id} changed while writing; read it again") from None
        return new

    def _visible(self, ctx: RequestContext, conflict_id: str) -> WatchedConflict:
        found = self.conflicts.get_watched(conflict_id) if is_id("cnf", conflict_id) else None
        return watch.visible(found, ctx.org, conflict_id)

    # the stream's side

    def open_all(self, pairs: Sequence[tuple[Operation, Operation]], at: datetime) -> int:
        """A watched conflict for each pair of operations found in conflict for the first time,
        with its clocks, if a center serves either side (a cleared one, open again): how many
        were opened."""
        if not pairs:
            return 0
        centers = [Center(org.code, org.watch) for org in self.registry.watch_centers() if org.watch is not None]
        opened: list[tuple[WatchedConflict, Sequence[Timer]]] = []
        for a, b in pairs:
            states = {op.org: self._state_of(op.org) for op in (a, b)}
            watchers = watch.owning_center(centers, a, b, states)
            if watchers:
                conflict = watch.watched(a, b, watchers, at)
                opened.append((conflict, watch_timers(conflict, self.unowned_after, self.contact_before)))
        made = self.conflicts.open_watched(opened)
        return sum(new or self._reopen(*pair) for pair, new in zip(opened, made, strict=True))

    def _reopen(self, again: WatchedConflict, timers: Sequence[Timer]) -> bool:
        """The pair's conflict, cleared when they moved apart, open again now they are not."""
        found = self.conflicts.get_watched(again.conflict_id)
        new = watch.reopen(found, again) if found is not None else None
        if found is None or new is None:
            return False
        audit = system_audit("stream", "conflict.reopen", again.detected_at, resource_id=again.conflict_id)
        try:
            self.conflicts.step(found, new, watch.CLEARED, audit, timers, again.detected_at)
        except ConditionFailed:
            return False  # a step landed first; the stream's retry sees it as it now stands
        return True

    def follow(self, changed: Sequence[Operation], at: datetime) -> int:
        """Each unresolved conflict of a changed or cancelled operation moves with it: how many."""
        moved = [operation for operation in changed if operation.version > 1]
        if not moved:
            return 0
        by_id = {operation.operation_id: operation for operation in moved}
        count = 0
        for found in self.conflicts.of_operations(list(by_id)):
            for side in found.sides:
                operation = by_id.get(side.operation_id)
                new = watch.follow(found, operation, self.buffer, at) if operation else None
                if new is None:
                    continue
                timers = [contact_timer(new, self.contact_before)] if new.unresolved else []
                audit = system_audit("stream", "conflict.follow", at, resource_id=found.conflict_id)
                try:
                    self.conflicts.step(found, new, watch.UNRESOLVED, audit, timers, at)
                except ConditionFailed:
                    continue  # a step landed first; the stream's retry sees it as it now stands
                found = new
                count += 1
        return count

    def _state_of(self, org: str) -> str | None:
        found = self.registry.get(org)
        return found.jurisdiction.state if found is not None and found.jurisdiction else None
