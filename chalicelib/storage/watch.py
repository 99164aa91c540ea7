"""Watched conflicts, their entries in their centers' lists, and their clocks, in the one table.

A conflict is opened once per pair of operations (a put on condition it does not exist, with
its entries and its timers); each later step is one TransactWriteItems: the conflict put on
condition that the step's rule holds and it is still the version the step was decided on,
its entries in its centers' lists, and the audit record. A center's list is one Query a page
of gsi1 (its unresolved conflicts, by earliest start) or gsi2 (one state, by start).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.rules import Rule, unchanged
from chalicelib.domain.timers import Timer
from chalicelib.domain.watch import ConflictState, WatchedConflict
from chalicelib.storage import records
from chalicelib.storage.conditions import condition
from chalicelib.storage.contracts import Key, Page
from chalicelib.storage.dynamo import Table, Write, parallel, save, translated
from chalicelib.storage.keys import WATCHED_SK, instant, operation_watch_pk, watch_list_pk, watched_pk
from chalicelib.storage.table import Item, WatchedConflictItem, WatchEntryItem
from chalicelib.storage.timers import save_timer


@dataclass
class WatchRepository:
    table: Table

    # reads

    def get_watched(self, conflict_id: str) -> WatchedConflict | None:
        return self.table.find(WatchedConflictItem, watched_pk(conflict_id), WATCHED_SK, records.watched_record)

    def watch_list(
        self, center: str, state: ConflictState | None, starts_before: datetime | None, limit: int, start: Key | None
    ) -> Page[WatchedConflict]:
        """One Query: the center's unresolved conflicts, or those in `state`, by their earliest
        start (with `starts_before`, those that start before it)."""
        before = instant(starts_before) if starts_before is not None else None
        index: Any
        range_condition: Any
        if state is not None:
            index, pk = WatchEntryItem.gsi2, watch_list_pk(center, state.value)
            range_condition = WatchEntryItem.gsi2sk < before if before else None
        else:
            index, pk = WatchEntryItem.gsi1, watch_list_pk(center)
            range_condition = WatchEntryItem.gsi1sk < before if before else None
        items, last = self.table.page(index, pk, range_condition, limit, start, forward=True, consistent=None)
        return Page([records.watch_entry_record(item) for item in items if isinstance(item, WatchEntryItem)], last)

    def of_operations(self, operation_ids: Sequence[str]) -> list[WatchedConflict]:
        """The conflicts each operation is a side of: two Queries an operation (one per side's index), at once."""

        def query(search: tuple[str, str]) -> list[WatchedConflict]:
            index, operation_id = search
            with translated():
                found = getattr(WatchedConflictItem, index).query(operation_watch_pk(operation_id))
                return [records.watched_record(item) for item in found if isinstance(item, WatchedConflictItem)]

        searches = [(index, operation_id) for operation_id in operation_ids for index in ("gsi3", "gsi4")]
        unique = {found.conflict_id: found for answer in parallel(query, searches) for found in answer}
        return list(unique.values())

    # writes

    def open_watched(self, conflicts: Sequence[tuple[WatchedConflict, Sequence[Timer]]]) -> list[bool]:
        """Each conflict with its entries and its clocks, once: False for one opened before."""
        groups = [
            [
                save(records.watched_item(conflict), Item.pk.does_not_exist()),
                *_entries(conflict),
                *[save_timer(timer, conflict.detected_at) for timer in timers],
            ]
            for conflict, timers in conflicts
        ]
        return self.table.transact_each(groups)

    def step(
        self,
        old: WatchedConflict,
        new: WatchedConflict,
        rule: Rule,
        audit: AuditRecord | None,
        timers: Sequence[Timer] = (),
        at: datetime | None = None,
    ) -> None:
        """`new`, if `rule` holds of the stored conflict and it is still `old`'s version; its
        entries follow, and `timers` are filed (`at` the step)."""
        guard = condition(rule & unchanged(old.version), WatchedConflictItem)
        writes: list[Write] = [save(records.watched_item(new), WatchedConflictItem.pk.exists() & guard)]
        writes += _entries(new)
        writes += [save_timer(timer, at or new.detected_at) for timer in timers]
        self.table.transact(*writes, audit=audit)

    def copy_alerts(self, conflicts: Sequence[WatchedConflict]) -> None:
        """What the timers set on each conflict alone (`unowned_alerts`, `contact_overdue_for`)
        copied to its entries in the centers' lists, each where it is still of the conflict's
        version (together, `transact_each`): an entry a later step rewrote holds them already.
        Of a conflict alerted on twice in `conflicts` (the stream's order), the later is copied."""
        latest = {conflict.conflict_id: conflict for conflict in conflicts}
        groups = [
            [save(records.watch_entry_item(conflict, center), WatchEntryItem.version == conflict.version)]
            for conflict in latest.values()
            for center in conflict.centers
        ]
        self.table.transact_each(groups)


def _entries(conflict: WatchedConflict) -> list[Write]:
    return [save(records.watch_entry_item(conflict, center)) for center in conflict.centers]
