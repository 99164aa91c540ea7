"""Identifiers, the blind index, operations and their grid cells, hits and conflicts.

Builds on the case store (audit records, idempotency, case reads). Matching reads are keyed
and bounded: one Query of the `blind` index per token, one Query per grid cell, and one
BatchGetItem for the cases they name; they run in parallel, so a check costs one round
trip of latency whatever the number of identifiers or cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

from pynamodb.transactions import TransactWrite

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, CaseStatus
from chalicelib.domain.deconfliction import MAX_HOLDERS_PER_TOKEN, HeldIdentifier, HitRecord, Holding
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.domain.quotas import Charge
from chalicelib.storage import records
from chalicelib.storage.casework import CaseStore, translated
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim, Key, Page
from chalicelib.storage.keys import (
    CASE_SK,
    HIGH,
    IDENTIFIER_PREFIX,
    OPERATION_PREFIX,
    case_pk,
    cell_pk,
    cell_sk,
    conflicts_pk,
    hits_pk,
)
from chalicelib.storage.table import (
    CaseItem,
    ConflictItem,
    HitItem,
    IdentifierItem,
    Item,
    OperationCellItem,
    OperationItem,
)

T = TypeVar("T")
R = TypeVar("R")
#: Parallel keyed reads per request; DynamoDB serves each on its own partition.
_READERS = 16


class DeconflictionStore(CaseStore):
    # matching reads

    def holdings(self, tokens: Sequence[str]) -> dict[str, list[Holding]]:
        """Which cases hold each token: one Query of the `blind` index per token, in parallel.

        Each answer is capped at `MAX_HOLDERS_PER_TOKEN + 1` entries, so the caller can tell
        a common value (truncated) from a lead.
        """

        def query(token: str) -> list[Holding]:
            with translated():
                result = IdentifierItem.blind.query(
                    token, limit=MAX_HOLDERS_PER_TOKEN + 1, page_size=MAX_HOLDERS_PER_TOKEN + 1
                )
                return [records.holding_record(item) for item in result]

        unique = list(dict.fromkeys(tokens))
        return dict(zip(unique, parallel(query, unique), strict=True))

    def cases(self, case_ids: Iterable[str]) -> dict[str, Case]:
        """The named cases, in one BatchGetItem per 100 (PynamoDB retries unprocessed keys)."""
        keys = [(case_pk(case_id), CASE_SK) for case_id in dict.fromkeys(case_ids)]
        if not keys:
            return {}
        with translated():
            found = [
                records.case_record(item)
                for item in CaseItem.batch_get(keys, consistent_read=True)
                if isinstance(item, CaseItem)
            ]
        return {case.case_id: case for case in found}

    def cell_entries(self, cells: Sequence[str], earliest_start: datetime, latest_start: datetime) -> list[Operation]:
        """Operations indexed in `cells` that start within the window: one Query per cell, in parallel."""

        def query(cell: str) -> list[Operation]:
            with translated():
                result = OperationCellItem.query(
                    cell_pk(cell),
                    OperationCellItem.sk.between(earliest_start.isoformat(), latest_start.isoformat() + HIGH),
                    consistent_read=True,
                )
                return [records.operation_record(item) for item in result if isinstance(item, OperationCellItem)]

        found: dict[str, Operation] = {}
        for entries in parallel(query, list(cells)):
            for operation in entries:
                found[operation.operation_id] = operation
        return list(found.values())

    # case-side reads

    def case_identifiers(self, case_id: str, limit: int, start: Key | None) -> Page[HeldIdentifier]:
        return self._case_collection(
            IdentifierItem, case_id, IDENTIFIER_PREFIX, records.identifier_record, limit, start
        )

    def case_operations(self, case_id: str, limit: int, start: Key | None) -> Page[Operation]:
        """Newest first: operation ids begin with their ULID."""
        return self._case_collection(
            OperationItem, case_id, OPERATION_PREFIX, records.operation_record, limit, start, forward=False
        )

    def _case_collection(
        self,
        model: type[Item],
        case_id: str,
        prefix: str,
        convert: Callable[[Any], T],
        limit: int,
        start: Key | None,
        *,
        forward: bool = True,
    ) -> Page[T]:
        with translated():
            result = model.query(
                case_pk(case_id),
                model.sk.startswith(prefix),
                consistent_read=True,
                scan_index_forward=forward,
                limit=limit,
                page_size=limit,
                last_evaluated_key=start,
            )
            found = [convert(item) for item in result if isinstance(item, model)]
        return Page(found, result.last_evaluated_key)

    def operation_and_case(self, operation_id: str, case_id: str) -> tuple[Operation | None, Case | None]:
        """One TransactGetItems: the operation and its case."""
        item, case = self.with_case(OperationItem, case_id, OPERATION_PREFIX + operation_id)
        return (records.operation_record(item) if isinstance(item, OperationItem) else None), case

    # per-organisation lists

    def hits(self, org: str, limit: int, start: Key | None) -> Page[HitRecord]:
        return self._newest_first(HitItem, hits_pk(org), records.hit_record, limit, start)

    def hit(self, org: str, hit_id: str) -> HitRecord | None:
        item = self.get_item(HitItem, hits_pk(org), hit_id)
        return records.hit_record(item) if isinstance(item, HitItem) else None

    def conflicts(self, org: str, limit: int, start: Key | None) -> Page[ConflictRecord]:
        return self._newest_first(ConflictItem, conflicts_pk(org), records.conflict_record, limit, start)

    def conflict(self, org: str, conflict_id: str) -> ConflictRecord | None:
        item = self.get_item(ConflictItem, conflicts_pk(org), conflict_id)
        return records.conflict_record(item) if isinstance(item, ConflictItem) else None

    def _newest_first(
        self, model: type[Item], pk: str, convert: Callable[[Any], T], limit: int, start: Key | None
    ) -> Page[T]:
        with translated():
            result = model.query(pk, scan_index_forward=False, limit=limit, page_size=limit, last_evaluated_key=start)
            found = [convert(item) for item in result if isinstance(item, model)]
        return Page(found, result.last_evaluated_key)

    # writes

    def add_identifiers(
        self,
        case_id: str,
        org: str,
        held: Sequence[HeldIdentifier],
        audit: AuditRecord,
        claim: IdempotencyClaim | None,
        new_identifier_key: str | None = None,
        charge: Charge | None = None,
    ) -> None:
        """Put the identifiers on an open case `org` participates in; a repeat re-indexes under the current key."""
        writes = [participant_of_open_case(case_id, org, new_identifier_key)]
        writes += [_save(records.identifier_item(one)) for one in held]
        self._transact(claim, *writes, audit=audit, charge=charge)

    def remove_identifier(self, case_id: str, org: str, identifier_id: str, audit: AuditRecord) -> None:
        key = IdentifierItem(case_pk(case_id), IDENTIFIER_PREFIX + identifier_id)
        self._transact(
            None,
            participant(case_id, org),
            lambda tw: tw.delete(key, condition=IdentifierItem.pk.exists()),
            audit=audit,
        )

    def register_operation(
        self, operation: Operation, audit: AuditRecord, claim: IdempotencyClaim | None, charge: Charge | None = None
    ) -> None:
        writes = [
            participant_of_open_case(operation.case_id, operation.org),
            _save(records.operation_item(operation), Item.pk.does_not_exist()),
        ]
        writes += [_save(records.cell_item(operation, cell)) for cell in operation.cells]
        self._transact(claim, *writes, audit=audit, charge=charge)

    def replace_operation(
        self, old: Operation, new: Operation, audit: AuditRecord, charge: Charge | None = None
    ) -> None:
        """Swap `old` for `new` (same id) if `old` is still the stored version; cells move with it."""
        unchanged = OperationItem.version == old.version
        writes = [
            participant(new.case_id, new.org),
            _save(records.operation_item(new), OperationItem.pk.exists() & unchanged),
        ]
        new_keys = {(cell_pk(cell), cell_sk(new.starts_at, new.operation_id)) for cell in new.cells if new.active}
        for cell in old.cells:
            key = (cell_pk(cell), cell_sk(old.starts_at, old.operation_id))
            if key not in new_keys:
                writes.append(_delete(OperationCellItem(*key)))
        if new.active:
            writes += [_save(records.cell_item(new, cell)) for cell in new.cells]
        self._transact(None, *writes, audit=audit, charge=charge)

    def record_pairs(self, written: Sequence[HitRecord | ConflictRecord]) -> bool:
        """Both sides of one hit or conflict, once: False if they were recorded before."""
        try:
            with translated(), TransactWrite(connection=self.connection) as tw:
                for record in written:
                    tw.save(_pair_item(record), condition=Item.pk.does_not_exist())
        except ConditionFailed:
            return False
        return True

    def record_check(self, written: Sequence[HitRecord], audit: AuditRecord, charge: Charge) -> None:
        """A check's hits, for the checker and the holders, charged to its quotas and audited.

        One TransactWriteItems when they fit (the common case). Otherwise the hits go in
        transactions of up to `CHECK_RECORDS_PER_WRITE`, one after another (moto's
        transactions are not safe to run concurrently): the first carries the charge, so a
        check over its quota writes nothing (`ConditionFailed`), and the last carries the
        audit record, so a check is audited as answered only once every holder is told. A
        later part refused because its records exist was a retry that had committed.
        """
        size = CHECK_RECORDS_PER_WRITE
        chunks = [written[i : i + size] for i in range(0, len(written), size)] or [[]]

        def saves(chunk: Sequence[HitRecord]) -> list[Callable[[TransactWrite], None]]:
            return [_save(records.hit_item(record), Item.pk.does_not_exist()) for record in chunk]

        last = len(chunks) - 1
        self._transact(None, *saves(chunks[0]), audit=audit if last == 0 else None, charge=charge)
        for number, chunk in enumerate(chunks[1:], start=1):
            try:
                self._transact(None, *saves(chunk), audit=audit if number == last else None)
            except ConditionFailed:
                continue


#: Hit records per TransactWriteItems: DynamoDB's 100 items, less the audit record and
#: the two quota counters.
CHECK_RECORDS_PER_WRITE = 97


def _pair_item(record: HitRecord | ConflictRecord) -> Item:
    return records.hit_item(record) if isinstance(record, HitRecord) else records.conflict_item(record)


def _save(item: Item, condition: Any = None) -> Callable[[TransactWrite], None]:
    return lambda tw: tw.save(item, condition=condition)


def _delete(item: Item) -> Callable[[TransactWrite], None]:
    return lambda tw: tw.delete(item)


def participant(case_id: str, org: str) -> Callable[[TransactWrite], None]:
    condition = CaseItem.participants.contains(org)
    return lambda tw: tw.condition_check(CaseItem, case_pk(case_id), CASE_SK, condition=condition)


def participant_of_open_case(
    case_id: str, org: str, new_identifier_key: str | None = None
) -> Callable[[TransactWrite], None]:
    """`org` takes part in the open case; and, for an older case, it gets its identifier key.

    The key is set only where none is (a concurrent first add that set another refuses
    this write, and the caller retries with the stored one).
    """
    condition = CaseItem.participants.contains(org) & (CaseItem.status == CaseStatus.OPEN.value)
    if new_identifier_key is None:
        return lambda tw: tw.condition_check(CaseItem, case_pk(case_id), CASE_SK, condition=condition)
    key = CaseItem(case_pk(case_id), CASE_SK)
    first = CaseItem.identifier_key.does_not_exist()
    return lambda tw: tw.update(
        key, [CaseItem.identifier_key.set(new_identifier_key)], condition=CaseItem.pk.exists() & condition & first
    )


def parallel(read: Callable[[T], R], arguments: list[T]) -> list[R]:
    if len(arguments) <= 1:
        return [read(argument) for argument in arguments]
    with ThreadPoolExecutor(max_workers=min(_READERS, len(arguments))) as pool:
        return list(pool.map(read, arguments))
