"""Identifiers, the blind index, and the hits they lead to.

Matching reads are keyed and bounded: one Query of the `blind` index per token, in
parallel, so a check costs one round trip of latency whatever the number of identifiers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from chalicelib.domain import cases
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.deconfliction import MAX_HOLDERS_PER_TOKEN, HeldIdentifier, HitRecord, Holding, MatchedPair
from chalicelib.domain.quotas import Charge
from chalicelib.storage import records
from chalicelib.storage.conditions import on_case, working_on
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, Write, delete, parallel, save, translated
from chalicelib.storage.keys import IDENTIFIER_PREFIX, case_pk, hits_pk
from chalicelib.storage.quotas import charge_writes
from chalicelib.storage.table import HitItem, IdentifierItem, Item

T = TypeVar("T")

#: Hit records per TransactWriteItems: DynamoDB's 100 items, less the audit record and
#: the two quota counters.
CHECK_RECORDS_PER_WRITE = 97


@dataclass
class IdentifierRepository:
    table: Table

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

    def case_identifiers(self, case_id: str, limit: int, start: Key | None) -> Page[HeldIdentifier]:
        items, last = self.table.page(
            IdentifierItem,
            case_pk(case_id),
            IdentifierItem.sk.startswith(IDENTIFIER_PREFIX),
            limit,
            start,
            forward=True,
        )
        return Page([records.identifier_record(item) for item in items if isinstance(item, IdentifierItem)], last)

    def hits(self, org: str, limit: int, start: Key | None) -> Page[HitRecord]:
        return newest_first(self.table, HitItem, hits_pk(org), records.hit_record, limit, start)

    def hit(self, org: str, hit_id: str) -> HitRecord | None:
        return self.table.find(HitItem, hits_pk(org), hit_id, records.hit_record)

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
        writes = [working_on(case_id, org, new_identifier_key)]
        writes += [save(records.identifier_item(one)) for one in held]
        self.table.transact(*writes, *charge_writes(charge), claim=claim, audit=audit)

    def remove_identifier(self, case_id: str, org: str, identifier_id: str, audit: AuditRecord) -> None:
        key = IdentifierItem(case_pk(case_id), IDENTIFIER_PREFIX + identifier_id)
        self.table.transact(
            on_case(case_id, cases.participant(org)), delete(key, IdentifierItem.pk.exists()), audit=audit
        )

    def record_hits(self, pairs: Sequence[MatchedPair]) -> list[bool]:
        """Both sides of each hit with its pair's claim, once, together: for each, False if the
        pair was recorded before (then the write is refused whole: no stream record, no event)."""
        return self.table.put_once_each([records.hit_pair_items(pair) for pair in pairs])

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

        def saves(chunk: Sequence[HitRecord]) -> list[Write]:
            return [save(records.hit_item(record), Item.pk.does_not_exist()) for record in chunk]

        last = len(chunks) - 1
        self.table.transact(*saves(chunks[0]), *charge_writes(charge), audit=audit if last == 0 else None)
        for number, chunk in enumerate(chunks[1:], start=1):
            try:
                self.table.transact(*saves(chunk), audit=audit if number == last else None)
            except ConditionFailed:
                continue


def newest_first(
    table: Table, model: type[Item], pk: str, convert: Callable[[Any], T], limit: int, start: Key | None
) -> Page[T]:
    """A page of an organisation's own list (hits, conflicts), newest first."""
    items, last = table.page(model, pk, None, limit, start, forward=False, consistent=None)
    return Page([convert(item) for item in items if isinstance(item, model)], last)
