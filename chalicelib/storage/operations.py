"""Operations, the grid cells that index them, and the conflicts between them.

Matching reads are keyed and bounded: one Query per grid cell, in parallel, so a check
costs one round trip of latency whatever the number of cells. An operation and its cells
change together, in one TransactWriteItems.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.domain.quotas import Charge
from chalicelib.domain.rules import unchanged
from chalicelib.storage import records
from chalicelib.storage.conditions import condition, participant, working_on
from chalicelib.storage.contracts import CellSearch, IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, delete, parallel, save, translated
from chalicelib.storage.identifiers import newest_first
from chalicelib.storage.keys import CASE_SK, HIGH, OPERATION_PREFIX, case_pk, cell_pk, cell_sk, conflicts_pk
from chalicelib.storage.quotas import charge_writes
from chalicelib.storage.table import CaseItem, ConflictItem, Item, OperationCellItem, OperationItem


@dataclass
class OperationRepository:
    table: Table

    # reads

    def cell_entries(self, cells: Sequence[str], earliest_start: datetime, latest_start: datetime) -> list[Operation]:
        """Operations indexed in `cells` that start within the window: one Query per cell, in parallel."""
        return self.cell_entries_of_each([(cells, earliest_start, latest_start)])[0]

    def cell_entries_of_each(self, searches: Sequence[CellSearch]) -> list[list[Operation]]:
        """`cell_entries` of each search (a batch's operations), every Query at once."""

        def query(search: tuple[str, datetime, datetime]) -> list[Operation]:
            cell, earliest_start, latest_start = search
            with translated():
                result = OperationCellItem.query(
                    cell_pk(cell),
                    OperationCellItem.sk.between(earliest_start.isoformat(), latest_start.isoformat() + HIGH),
                    consistent_read=True,
                )
                return [records.operation_record(item) for item in result if isinstance(item, OperationCellItem)]

        answers = iter(parallel(query, [(cell, first, last) for cells, first, last in searches for cell in cells]))
        found: list[list[Operation]] = []
        for cells, _, _ in searches:
            entries = {operation.operation_id: operation for _ in cells for operation in next(answers)}
            found.append(list(entries.values()))
        return found

    def case_operations(self, case_id: str, limit: int, start: Key | None) -> Page[Operation]:
        """Newest first: operation ids begin with their ULID."""
        items, last = self.table.page(
            OperationItem, case_pk(case_id), OperationItem.sk.startswith(OPERATION_PREFIX), limit, start, forward=False
        )
        return Page([records.operation_record(item) for item in items if isinstance(item, OperationItem)], last)

    def operation_and_case(self, operation_id: str, case_id: str) -> tuple[Operation | None, Case | None]:
        """One TransactGetItems: the operation and its case."""
        item, case = self.table.get_together(
            (OperationItem, case_pk(case_id), OPERATION_PREFIX + operation_id), (CaseItem, case_pk(case_id), CASE_SK)
        )
        return (records.operation_record(item) if isinstance(item, OperationItem) else None), records.as_case(case)

    def conflicts(self, org: str, limit: int, start: Key | None) -> Page[ConflictRecord]:
        return newest_first(self.table, ConflictItem, conflicts_pk(org), records.conflict_record, limit, start)

    def conflict(self, org: str, conflict_id: str) -> ConflictRecord | None:
        return self.table.find(ConflictItem, conflicts_pk(org), conflict_id, records.conflict_record)

    # writes

    def register_operation(
        self, operation: Operation, audit: AuditRecord, claim: IdempotencyClaim | None, charge: Charge | None = None
    ) -> None:
        writes = [
            working_on(operation.case_id, operation.org),
            save(records.operation_item(operation), Item.pk.does_not_exist()),
        ]
        writes += [save(records.cell_item(operation, cell)) for cell in operation.cells]
        self.table.transact(*writes, *charge_writes(charge), claim=claim, audit=audit)

    def replace_operation(
        self, old: Operation, new: Operation, audit: AuditRecord, charge: Charge | None = None
    ) -> None:
        """Swap `old` for `new` (same id) if `old` is still the stored version; cells move with it.
        A change that keeps it active (checked for conflicts again) needs the case open at commit
        time; a cancellation only that its agency takes part."""
        still = OperationItem.pk.exists() & condition(unchanged(old.version), OperationItem)
        guard = working_on(new.case_id, new.org) if new.active else participant(new.case_id, new.org)
        writes = [guard, save(records.operation_item(new), still)]
        new_keys = {(cell_pk(cell), cell_sk(new.starts_at, new.operation_id)) for cell in new.cells if new.active}
        for cell in old.cells:
            key = (cell_pk(cell), cell_sk(old.starts_at, old.operation_id))
            if key not in new_keys:
                writes.append(delete(OperationCellItem(*key)))
        if new.active:
            writes += [save(records.cell_item(new, cell)) for cell in new.cells]
        self.table.transact(*writes, *charge_writes(charge), audit=audit)

    def record_conflicts(self, pairs: Sequence[Sequence[ConflictRecord]]) -> list[bool]:
        """Both sides of each conflict, once, together: for each, False if it was recorded before."""
        return self.table.put_once_each([[records.conflict_item(record) for record in pair] for pair in pairs])
