"""Figures: counts the stream keeps per month, audience and dimension, and the periods,
response-time buckets and small-cell rule that reports read them with.

A change that matters to a figure is a `Fact`: what happened to which record (its id, so that
a record the stream delivers twice is counted once), when, and the `Tally`s it adds, each to
one audience's counter of one figure in one cell of its dimensions. Counters are kept per
calendar month (UTC), so that a quarter, a half and a year are sums of months; a report reads
the cells of its audience and period, never the records (`docs/concepts/figures-and-reports.md`).

Which changes count, into which figures, is declared once per family (`families.FAMILIES`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from chalicelib.domain.errors import InvalidField

#: The national audience: every count, for `oversight` organisations only.
NATIONAL = "NATIONAL"
#: A dimension's value in a counter's name may not hold these (they separate the name's parts).
_SEPARATORS = re.compile(r"[#:|=,\s]")


class Audience(StrEnum):
    """Whose counters a tally adds to: one platform's, one agency's, one watch center's, or the nation's."""

    PLATFORM = "PLATFORM"
    AGENCY = "AGENCY"
    CENTER = "CENTER"
    NATIONAL = "NATIONAL"


def scope(audience: Audience, code: str = "") -> str:
    """An audience's name among the counters: `PLATFORM:META`, `AGENCY:DEA`, `CENTER:WBWATCH`, `NATIONAL`."""
    return NATIONAL if audience is Audience.NATIONAL else f"{audience.value}:{code}"


Dims = tuple[tuple[str, str], ...]


def dims(**values: object) -> Dims:
    """A cell's dimensions, in the order given, each value made safe for a counter's name."""
    return tuple((name, _SEPARATORS.sub("_", str(value))) for name, value in values.items())


@dataclass(frozen=True)
class Tally:
    """`amount` more of `figure`, in the cell `dims`, in `scope`'s counters; or, `first`, the
    month the cell was first seen in (kept once, whatever is seen later: a service first
    reported), not a count."""

    scope: str
    figure: str
    dims: Dims = ()
    amount: int = 1
    first: bool = False


@dataclass(frozen=True)
class Fact:
    """One thing that happened (a request answered), counted once whatever the stream does:
    `fact_id` names it (`legal:<id>:answered`), `at` puts it in its month."""

    fact_id: str
    at: datetime
    tallies: tuple[Tally, ...]

    def cells(self) -> dict[Cell, int]:
        """What the fact adds, per counter (a cell counted twice by one fact, added up)."""
        found: dict[Cell, int] = {}
        for tally in self.tallies:
            if not tally.first:
                cell = Cell(tally.scope, month_of(self.at), tally.figure, tally.dims)
                found[cell] = found.get(cell, 0) + tally.amount
        return found

    def firsts(self) -> dict[Cell, str]:
        """The cells it is a sighting of (`Tally.first`; no month of their own), and its month."""
        return {Cell(t.scope, "", t.figure, t.dims): month_of(self.at) for t in self.tallies if t.first}


def tallies(scopes: Iterable[str], figure: str, cell: Dims = (), amount: int = 1) -> tuple[Tally, ...]:
    """The same tally in each of `scopes`."""
    return tuple(Tally(each, figure, cell, amount) for each in scopes)


@dataclass(frozen=True)
class Cell:
    """One counter: an audience's figure, in one month, in one cell of its dimensions."""

    scope: str
    month: str
    figure: str
    dims: Dims = ()

    def get(self, dimension: str) -> str | None:
        return dict(self.dims).get(dimension)


def month_of(at: datetime) -> str:
    return f"{at:%Y-%m}"


# Periods ---------------------------------------------------------------------------------------

_PERIOD = re.compile(r"(?P<year>20[0-9]{2})(?:-(?:(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4])|H(?P<half>[12])))?")


@dataclass(frozen=True)
class Period:
    """A month (`2026-11`), quarter (`2026-Q3`), half (`2026-H2`) or year (`2026`): the months it adds up."""

    name: str
    year: int
    first: int
    last: int

    @classmethod
    def parse(cls, text: str | None) -> Period:
        found = _PERIOD.fullmatch(text or "")
        if found is None:
            raise InvalidField("period", "a year (2026), half (2026-H2), quarter (2026-Q3) or month (2026-11)")
        year = int(found["year"])
        if found["month"]:
            first = last = int(found["month"])
        elif found["quarter"]:
            last = 3 * int(found["quarter"])
            first = last - 2
        elif found["half"]:
            last = 6 * int(found["half"])
            first = last - 5
        else:
            first, last = 1, 12
        return cls(found.group(0), year, first, last)

    @property
    def months(self) -> list[str]:
        return [f"{self.year}-{month:02d}" for month in range(self.first, self.last + 1)]

    @property
    def is_half(self) -> bool:
        """A half-year: the one kind of period a report that hides small cells is read for, since
        halves never overlap, and no half is a sum of others to subtract a hidden cell from."""
        return (self.first, self.last) in ((1, 6), (7, 12))

    @property
    def starts(self) -> date:
        return date(self.year, self.first, 1)

    @property
    def ends(self) -> date:
        """Its last day."""
        following = date(self.year + 1, 1, 1) if self.last == 12 else date(self.year, self.last + 1, 1)
        return date.fromordinal(following.toordinal() - 1)


# Response times: log-spaced buckets, kept as counters -------------------------------------------

#: Bucket 0 holds times under a minute; bucket k (1 to `LAST_BUCKET`) holds times from
#: 60·2^((k-1)/2) up to 60·2^(k/2) seconds: each √2 wide, the last open-ended (from about
#: 515 days on).
LAST_BUCKET = 40
#: A median or 90th percentile read from the buckets is the geometric middle of the bucket
#: that holds it: within this fraction of the true value (2^(1/4) - 1, about 19%) for times
#: from a minute to 515 days, and within 30 seconds below a minute.
RELATIVE_ERROR = 2**0.25 - 1


def bucket_of(seconds: float) -> int:
    """The bucket a time falls in."""
    if seconds < 60:
        return 0
    return min(LAST_BUCKET, 1 + math.floor(2 * math.log2(seconds / 60)))


def bucket_middle(bucket: int) -> float:
    """The time a bucket stands for: 30 s for bucket 0, else its bounds' geometric middle."""
    return 30.0 if bucket == 0 else 60 * 2 ** ((2 * bucket - 1) / 4)


def quantile(counts: Mapping[int, int], q: float) -> float | None:
    """The `q` quantile (nearest rank) of the times counted per bucket, as its bucket's middle;
    None with nothing counted."""
    total = sum(counts.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0
    for bucket in sorted(counts):
        seen += counts[bucket]
        if seen >= rank:
            return bucket_middle(bucket)
    return None  # pragma: no cover - the ranks add up to the total


# Small cells ---------------------------------------------------------------------------------

#: A national count under this is shown as `<10`.
SMALL = 10
SUPPRESSED = f"<{SMALL}"


def suppressed(counts: list[int]) -> list[bool]:
    """Which of one table's counts to hide: each under `SMALL` (primary), and, where only one is
    hidden, the smallest other (complementary), so that the table's total, or its other
    counts, never give a hidden one away."""
    hidden = [0 < count < SMALL for count in counts]
    if sum(hidden) == 1:
        others = [(count, n) for n, count in enumerate(counts) if not hidden[n] and count > 0]
        if others:
            hidden[min(others)[1]] = True
    return hidden
