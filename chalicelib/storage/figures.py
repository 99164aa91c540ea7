"""Figure counters in the one table: a stream batch's facts added in few transactions, each
counted once; a report's cells read by one Query per audience and year.

Each fact's claim (`FigureFactItem`, kept a week: longer than the stream keeps a record) is
put on condition that it is absent, in the same TransactWriteItems as the counters it adds
to, so a record delivered again adds nothing. A batch's facts share transactions: each holds
as many facts as fit in DynamoDB's 100 items, their additions to one counter summed into one
update. A transaction refused because one of its facts was counted before is written again
fact by fact, so only that fact is left out (`Table.transact_each`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.domain.figures import Cell, Fact, Period
from chalicelib.storage.dynamo import Table, Write, save
from chalicelib.storage.keys import (
    FIGURE_FACT_SK,
    figure_fact_pk,
    figure_first_pk,
    figure_first_sk,
    figure_months,
    figure_of_first_sk,
    figure_of_sk,
    figure_pk,
    figure_sk,
)
from chalicelib.storage.table import FigureFactItem, FigureItem, Item

#: How long a fact's claim is kept: the stream keeps a record 24 hours.
CLAIM_KEPT = timedelta(days=7)
#: Counters a Query page may hold: DynamoDB cuts a page at 1 MB first (about 10,000 counters).
_PAGE = 10_000


@dataclass
class FigureCounters:
    table: Table

    def add(self, facts: Sequence[Fact], now: datetime) -> list[bool]:
        """Count each fact once: which were counted now (False: counted before)."""
        expires = now + CLAIM_KEPT

        def together(indices: list[int]) -> list[Write]:
            cells: dict[Cell, int] = {}
            firsts: dict[Cell, str] = {}
            for i in indices:
                for cell, amount in facts[i].cells().items():
                    cells[cell] = cells.get(cell, 0) + amount
                for cell, month in facts[i].firsts().items():
                    firsts[cell] = min(month, firsts.get(cell, month))
            claims = [_claimed(facts[i], expires) for i in indices]
            return claims + [_added(cell, n) for cell, n in cells.items()] + [_seen(c, m) for c, m in firsts.items()]

        return self.table.transact_each([together([i]) for i in range(len(facts))], together)

    def cells(self, scope: str, period: Period) -> dict[Cell, int]:
        """Every counter of `scope` in the period's months: one Query (a page per 1 MB of counters)."""
        low, high = figure_months(period.months[0], period.months[-1])
        found: dict[Cell, int] = {}
        start = None
        while True:
            items, start = self.table.page(
                FigureItem, figure_pk(scope, period.year), FigureItem.sk.between(low, high), _PAGE, start, forward=True
            )
            for item in items:
                if not isinstance(item, FigureItem):
                    continue
                month, figure, dims = figure_of_sk(item.sk)
                found[Cell(scope, month, figure, dims)] = int(item.amount)
            if start is None:
                return found

    def firsts(self, scope: str) -> dict[Cell, str]:
        """When each of `scope`'s sighted cells was first seen: one Query of its partition."""
        found: dict[Cell, str] = {}
        start = None
        while True:
            items, start = self.table.page(FigureItem, figure_first_pk(scope), None, _PAGE, start, forward=True)
            for item in items:
                if isinstance(item, FigureItem) and item.first_month:
                    figure, dims = figure_of_first_sk(item.sk)
                    found[Cell(scope, "", figure, dims)] = item.first_month
            if start is None:
                return found


def _seen(cell: Cell, month: str) -> Write:
    """The month a cell was first seen, unless it was seen before (written before: kept)."""
    key = FigureItem(figure_first_pk(cell.scope), figure_first_sk(cell.figure, cell.dims))
    first = FigureItem.first_month.set(FigureItem.first_month | month)
    return lambda tw: tw.update(key, [first, FigureItem.kind.set(FigureItem)])


def _claimed(fact: Fact, expires: datetime) -> Write:
    return save(
        FigureFactItem(figure_fact_pk(fact.fact_id), FIGURE_FACT_SK, expires_at=expires), Item.pk.does_not_exist()
    )


def _added(cell: Cell, amount: int) -> Write:
    key = FigureItem(figure_pk(cell.scope, cell.month[:4]), figure_sk(cell.month, cell.figure, cell.dims))
    return lambda tw: tw.update(key, [FigureItem.amount.add(amount), FigureItem.kind.set(FigureItem)])
