"""Operation (event) deconfliction use cases: register, read, list, change, cancel, conflicts.

A check reads the grid cells the operation's circle touches (one Query each, in parallel,
bounded to the starts that can overlap), whatever the number of operations stored. The
stored conflicts and their urgent events follow from the table stream (`reconcile`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from chalicelib.domain import cases, operations
from chalicelib.domain.audit import Outcome
from chalicelib.domain.cases import Case, Contact
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, PreconditionFailed, check_version
from chalicelib.domain.operations import ConflictRecord, Location, Operation, OperationKind, OperationStatus
from chalicelib.domain.quotas import Answer, Probe, Question
from chalicelib.domain.record_ids import check_case_id, derived_id, new_operation_id, parse_operation_id
from chalicelib.services.context import Auditor, Idempotency, RequestContext, claim
from chalicelib.storage.contracts import CellSearch, ConditionFailed, Key, Page

if TYPE_CHECKING:
    from datetime import datetime

    from chalicelib.services.ports import Operations
    from chalicelib.services.quotas import Quotas
    from chalicelib.services.watch import WatchService


@dataclass(frozen=True)
class Clash:
    """A conflict as the caller sees it: the other organisation and its on-scene contact."""

    org: str
    contact: Contact


@dataclass(frozen=True)
class Checked:
    operation: Operation
    conflicts: list[Clash]


@dataclass
class OperationService:
    operations: Operations
    audit: Auditor
    buffer: timedelta
    ttl: timedelta
    quotas: Quotas
    #: Opens a watched conflict for each new pair, and moves those of changed operations.
    watch: WatchService | None = None

    def register(
        self,
        ctx: RequestContext,
        case_id: str,
        kind: OperationKind,
        location: Location,
        starts_at: datetime,
        ends_at: datetime,
        contact: Contact,
        idempotency: Idempotency | None,
    ) -> Checked:
        with self.audit.attempt(ctx, "operation.register", case_id) as check:
            check_case_id(case_id)
            operation = _with_cells(
                Operation(
                    operation_id=new_operation_id(case_id, ctx.now),
                    case_id=case_id,
                    org=ctx.org,
                    kind=kind,
                    location=location,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    contact=contact,
                    created_at=ctx.now,
                    created_by=ctx.principal.subject,
                    updated_at=ctx.now,
                )
            )
            charge = self.quotas.charge(ctx, Question.OPERATION_CHECKS, 1)
            checked = Checked(operation, self._clashes(operation))
            audit = ctx.audit("operation.register", case_id=case_id, resource_id=operation.operation_id)

            def classify() -> None:
                self.quotas.explain(charge)
                cases.check_open(check.visible_case(case_id), "plan operations on")

            with check.refusal(idempotency, classify):
                self.operations.register_operation(operation, audit, claim(ctx, idempotency, checked, self.ttl), charge)
        return checked

    def read(self, ctx: RequestContext, operation_id: str) -> Operation:
        operation, _ = self._visible(ctx, operation_id, "operation.read")
        self.audit.record(ctx.audit("operation.read", case_id=operation.case_id, resource_id=operation_id))
        return operation

    def of_case(self, ctx: RequestContext, case_id: str, limit: int, start: Key | None) -> Page[Operation]:
        return self.audit.of_case(
            ctx, "operation.list", case_id, lambda: self.operations.case_operations(case_id, limit, start)
        )

    def update(self, ctx: RequestContext, operation_id: str, expected_version: int, changes: dict[str, Any]) -> Checked:
        """Change an operation of your own organisation; the result is checked again."""
        return self._change(ctx, operation_id, "operation.update", expected_version, changes)

    def cancel(self, ctx: RequestContext, operation_id: str) -> Checked:
        return self._change(ctx, operation_id, "operation.cancel", None, {"status": OperationStatus.CANCELLED})

    def conflicts(self, ctx: RequestContext, limit: int, start: Key | None) -> Page[ConflictRecord]:
        page = self.operations.conflicts(ctx.org, limit, start)
        self.audit.record(ctx.audit("conflict.list", reason=f"{len(page.items)} conflicts"))
        return page

    def conflict(self, ctx: RequestContext, conflict_id: str) -> ConflictRecord:
        found = None
        if conflict_id.startswith("cfl_") and len(conflict_id) == 30:
            found = self.operations.conflict(ctx.org, conflict_id)
        if found is None:
            self.audit.record(
                ctx.audit("conflict.read", Outcome.FAILURE, resource_id=conflict_id[:80], reason="NotFound")
            )
            raise NotFound(f"no conflict {conflict_id!r} is visible to you")
        self.audit.record(ctx.audit("conflict.read", resource_id=conflict_id))
        return found

    def reconcile(self, operation: Operation) -> int:
        """Record each conflict of a new or changed operation on both sides, once: the stream's job."""
        return self.reconcile_all([operation])

    def reconcile_all(self, changed: Sequence[Operation]) -> int:
        """`reconcile` for a batch's new and changed operations, together: every cell's Query
        at once, and both sides of every conflict in transactions of up to 100 (a conflict
        between two of them is one pair, found from either side). How many it recorded."""
        active = [operation for operation in changed if operation.active]
        found = self.operations.cell_entries_of_each([self._search(operation) for operation in active])
        pairs: dict[frozenset[str], tuple[Operation, Operation, list[ConflictRecord]]] = {}
        for operation, entries in zip(active, found, strict=True):
            for other in entries:
                if operations.conflicts_with(operation, other, self.buffer):
                    pair = _conflict_pair(operation, other)
                    pairs.setdefault(frozenset(record.conflict_id for record in pair), (operation, other, pair))
        written = self.operations.record_conflicts([pair for _, _, pair in pairs.values()])
        self._watch(
            changed,
            [(operation, other) for (operation, other, _), new in zip(pairs.values(), written, strict=True) if new],
        )
        # The organisation that planned or moved the operation learned where the other's is:
        # counted there, once per pair of versions.
        self.quotas.watch(
            Answer(other.org, operation.org, Probe.CONFLICT, operation.updated_at)
            for (operation, other, _), new in zip(pairs.values(), written, strict=True)
            if new
        )
        return sum(written)

    def _watch(self, changed: Sequence[Operation], new_pairs: list[tuple[Operation, Operation]]) -> None:
        """The watch centers' side: conflicts of changed operations follow them, and each pair in
        conflict for the first time is opened on the watch floor (`services.watch`)."""
        if self.watch is None or not changed:
            return
        at = max(operation.updated_at for operation in changed)
        self.watch.follow(changed, at)
        self.watch.open_all(new_pairs, at)

    def _change(
        self, ctx: RequestContext, operation_id: str, event: str, expected_version: int | None, changes: dict[str, Any]
    ) -> Checked:
        old, case = self._visible(ctx, operation_id, event)
        check = self.audit.attempt(ctx, event, operation_id)
        check.found = case
        with check:
            if old.org != ctx.org:
                raise Forbidden(f"only {old.org}, which planned this operation, can change it")
            if not old.active:
                raise Conflict("the operation is cancelled")
            check_version("the operation", old.version, expected_version)
            new = replace(old, **changes, version=old.version + 1, updated_at=ctx.now)
            if new.active:
                # A change is checked for conflicts again, news to other agencies: not on a
                # closed case (the store checks it again at commit time). Cancelling is free.
                cases.check_open(case, "change operations of")
                operations.check_window(new.starts_at, new.ends_at)
                new = _with_cells(new)
            # A change that is checked again is a question like a new plan: it is charged.
            charge = self.quotas.charge(ctx, Question.OPERATION_CHECKS, 1) if new.active else None
            checked = Checked(new, self._clashes(new) if new.active else [])
            audit = ctx.audit(event, case_id=old.case_id, resource_id=operation_id)
            try:
                self.operations.replace_operation(old, new, audit, charge)
            except ConditionFailed:
                if charge is not None:
                    self.quotas.explain(charge)
                raise PreconditionFailed("the operation changed while you were changing it; GET it and retry") from None
        return checked

    def _visible(self, ctx: RequestContext, operation_id: str, event: str) -> tuple[Operation, Case]:
        with self.audit.attempt(ctx, event, operation_id) as check:
            case_id = parse_operation_id(operation_id)
            operation, check.found = self.operations.operation_and_case(operation_id, case_id)
            case = cases.visible_case(check.found, ctx.org, case_id)
            if operation is None:
                raise NotFound(f"no operation {operation_id!r} is visible to you")
        return operation, case

    def _search(self, operation: Operation) -> CellSearch:
        """Operations that could overlap this one start from a maximum duration before it to its end."""
        return (
            operation.cells,
            operation.starts_at - self.buffer - operations.MAX_DURATION,
            operation.ends_at + self.buffer,
        )

    def _candidates(self, operation: Operation) -> list[Operation]:
        if not operation.active:
            return []
        entries = self.operations.cell_entries(*self._search(operation))
        return [other for other in entries if operations.conflicts_with(operation, other, self.buffer)]

    def _clashes(self, operation: Operation) -> list[Clash]:
        return list(dict.fromkeys(Clash(other.org, other.contact) for other in self._candidates(operation)))


def _with_cells(operation: Operation) -> Operation:
    return replace(operation, cells=operations.cells(operation.location))


def _conflict_pair(operation: Operation, other: Operation) -> list[ConflictRecord]:
    """Both sides of a conflict; ids from the pair of versions, the same from either side."""
    at = max(operation.updated_at, other.updated_at)
    first, second = sorted([operation, other], key=lambda o: o.operation_id)
    pair = f"{first.operation_id}@{first.version}|{second.operation_id}@{second.version}"
    return [
        ConflictRecord(
            derived_id("cfl", at, f"{pair}|{mine.org}"),
            mine.org,
            at,
            mine.operation_id,
            mine.case_id,
            theirs.org,
            theirs.contact,
        )
        for mine, theirs in ((operation, other), (other, operation))
    ]
