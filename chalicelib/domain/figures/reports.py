"""The reports, each a list of sections over its audience's counters, and who may read which.

A section names a figure and the dimensions it is shown by (the others are added up, as the
months of the period are): a table of counts, a share (the part of a figure whose cells have
given values), or response times (median and 90th percentile, read from the buckets). The
national report hides small cells (`domain.figures.suppressed`); a platform's and an agency's
count only their own requests, so they hide nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.figures import RELATIVE_ERROR, SMALL, SUPPRESSED, Cell, Dims, Period, quantile, suppressed
from chalicelib.domain.organisations import OrgKind


class Shown(StrEnum):
    COUNTS = "counts"
    SHARE = "share"
    TIMES = "times"
    #: The cells first seen in the period (`Tally.first`), each with its month.
    FIRSTS = "firsts"


@dataclass(frozen=True)
class Section:
    """One table of a report: `figure` by the dimensions `by`, of the cells that hold `where`.

    A share is the part of the figure whose cells also hold `part`; times are read from the
    figure's `bucket` dimension."""

    title: str
    figure: str
    shown: Shown = Shown.COUNTS
    by: tuple[str, ...] = ()
    where: Dims = ()
    part: Dims = ()


def counts(title: str, figure: str, *by: str) -> Section:
    return Section(title, figure, Shown.COUNTS, by)


def share(title: str, figure: str, part: Dims, *by: str) -> Section:
    return Section(title, figure, Shown.SHARE, by, part=part)


def times(title: str, figure: str, *by: str) -> Section:
    return Section(title, figure, Shown.TIMES, by)


def firsts(title: str, figure: str, *by: str) -> Section:
    return Section(title, figure, Shown.FIRSTS, by)


@dataclass(frozen=True)
class ReportKind:
    """A report: its name in `/v1/reports/{name}`, the kind of organisation it is for, its sections."""

    name: str
    title: str
    #: The kinds of organisation that read it, each its own figures (the nation's: oversight).
    readers: frozenset[OrgKind]
    sections: tuple[Section, ...]
    #: Small cells are hidden (`domain.figures.suppressed`), and the report is read by half-year
    #: only (`Period.is_half`): a month's hidden cell would otherwise be its quarter less the
    #: other two months.
    suppress: bool = False
    #: What it does not count yet.
    gaps: tuple[str, ...] = ()


SOME_DATA = (("data", "yes"),)
ACCEPTED = (("outcome", "accepted"),)
_AGENCIES = frozenset(
    {OrgKind.FEDERAL_AGENCY, OrgKind.STATE_AGENCY, OrgKind.LOCAL_AGENCY, OrgKind.TRIBAL_AGENCY, OrgKind.TASK_FORCE}
)

TRANSPARENCY = ReportKind(
    "transparency",
    "Transparency report: the requests this platform received",
    frozenset({OrgKind.PLATFORM}),
    (
        counts("Requests received, by kind", "requests", "kind"),
        counts("Accounts named, by kind of request", "accounts", "kind"),
        share("Answered with some data produced or disclosed, by kind", "answered", SOME_DATA, "kind"),
        share("Under a nondisclosure order, by kind", "requests", (("nondisclosure", "yes"),), "kind"),
        counts("Preservation requests", "preservations"),
        counts("Accounts named in preservation requests", "preserved_accounts"),
        times("Time to acknowledge, by kind", "ack_time", "kind"),
        times("Time to answer, by kind", "answer_time", "kind"),
    ),
)
AGENCY = ReportKind(
    "agency",
    "Agency report: what this agency sent and received",
    _AGENCIES,
    (
        counts("Requests sent, by kind and platform", "requests", "kind", "platform"),
        share("Answered with some data, by kind and platform", "answered", SOME_DATA, "kind", "platform"),
        times("Time to acknowledge, by kind", "ack_time", "kind"),
        times("Time to answer, by kind", "answer_time", "kind"),
        counts("Preservation requests, by platform", "preservations", "platform"),
        counts("Referrals sent, by the kind of agency they went to", "referrals_sent", "to_kind"),
        counts("Referrals received, by the kind of agency they came from", "referrals_received", "from_kind"),
        counts("Referrals decided, sent and received, by outcome", "referrals_decided", "side", "outcome"),
        times("Time to decide a referral, sent and received", "decide_time", "side"),
        counts("Hits, by reason", "hits", "reason"),
        counts("Conflicts between operations", "conflicts"),
        counts("Tips received, by how they were routed", "tips_received", "rule"),
        counts("Tips ended, by outcome", "tips_ended", "outcome"),
    ),
)
NATIONAL_PICTURE = ReportKind(
    "national",
    "The national picture",
    frozenset({OrgKind.OVERSIGHT}),
    (
        counts("Tips, by platform", "tips", "platform"),
        counts("Tips, by the Act's activity category", "tips", "activity"),
        counts("Tips, by the kind of service reported", "tips_by_service", "service_kind"),
        counts("Referrals, between kinds of agency", "referrals", "from_kind", "to_kind"),
        share("Referrals accepted, between kinds of agency", "referrals_decided", ACCEPTED, "from_kind", "to_kind"),
        times("Time to decide a referral, between kinds of agency", "decide_time", "from_kind", "to_kind"),
        counts("Requests to platforms, by platform", "requests", "platform"),
        counts("Requests to platforms, by kind", "requests", "kind"),
        times("Time to acknowledge, by platform", "ack_time", "platform"),
        times("Time to answer, by platform", "answer_time", "platform"),
        firsts("Services first reported in the period", "services", "platform", "service", "service_kind"),
        counts("Watch centers: operations entered, by center", "watched_operations", "center"),
        counts("Watch centers: conflicts found, by center", "watched_conflicts", "center"),
        times("Watch centers: time to ownership, by center", "own_time", "center"),
        times("Watch centers: time to contact by both sides, by center", "contact_time", "center"),
        counts("Watch centers: outcomes, by center", "watch_outcomes", "center", "outcome"),
        counts("Watch centers: exigent waivers", "waivers"),
    ),
    suppress=True,
)
#: The Combating Cartels on Social Media Act's progress report, every six months: the national
#: figures in the order of the Act's assessment (ask for `Accept: text/html` to print it).
PROGRESS = ReportKind(
    "progress",
    "Semiannual progress report: cartels' use of covered services",
    frozenset({OrgKind.OVERSIGHT}),
    (
        counts("Use of covered services, by the Act's activity category", "tips", "activity"),
        counts("Reports received, by covered service's kind", "tips_by_service", "service_kind"),
        counts("Reports received, by platform", "tips", "platform"),
        counts("Interagency posture: referrals between kinds of agency", "referrals", "from_kind", "to_kind"),
        share("Interagency posture: referrals accepted", "referrals_decided", ACCEPTED, "from_kind", "to_kind"),
        times("Interagency posture: time to decide a referral", "decide_time", "from_kind", "to_kind"),
        counts("Interagency posture: operations deconflicted by watch centers", "watched_operations", "center"),
        counts("Interagency posture: conflicts between operations, by outcome", "watch_outcomes", "outcome"),
        counts("Requests to platforms, by kind", "requests", "kind"),
        times("Platforms' time to answer, by platform", "answer_time", "platform"),
        firsts("New and emerging services: first reported in the period", "services", "platform", "service"),
    ),
    suppress=True,
)
#: What the Partner Deconfliction Interface reports of a watch center every quarter (read it
#: with `period=2026-Q3`): operations entered, conflicts found, time to ownership and to
#: contact, and the outcomes. A center counts each conflict it watches, owned or only seen.
WATCH = ReportKind(
    "watch",
    "Watch center report: operations entered, conflicts found and how they ended",
    frozenset({OrgKind.WATCH_CENTER}),
    (
        counts("Operations entered, by kind", "operations", "kind"),
        counts("Conflicts found, owned or seen", "conflicts", "role"),
        times("Time to ownership", "own_time"),
        times("Time to contact by both sides", "contact_time"),
        counts("Outcomes", "outcomes", "outcome"),
        counts("Exigent waivers", "waivers"),
    ),
)
REPORTS: dict[str, ReportKind] = {
    report.name: report for report in (TRANSPARENCY, AGENCY, NATIONAL_PICTURE, PROGRESS, WATCH)
}


@dataclass(frozen=True)
class Row:
    """One row of a section: its labels; a count, share or times; and what the reader is shown."""

    labels: Dims
    count: int | None
    shown: str
    share: float | None = None
    median_seconds: float | None = None
    p90_seconds: float | None = None


@dataclass(frozen=True)
class Table:
    section: Section
    rows: tuple[Row, ...]
    total: Row | None = None


@dataclass(frozen=True)
class Report:
    kind: ReportKind
    audience: str
    period: Period
    tables: tuple[Table, ...]

    @property
    def relative_error(self) -> float:
        return RELATIVE_ERROR


def _summed(cells: Mapping[Cell, int], section: Section, extra: tuple[str, ...] = ()) -> dict[Dims, dict[Dims, int]]:
    """The section's cells added up over the months and the dimensions it is not shown by:
    per row (its `by` labels), per the values of `extra` dimensions."""
    rows: dict[Dims, dict[Dims, int]] = {}
    for cell, count in cells.items():
        values = dict(cell.dims)
        if cell.figure != section.figure or any(values.get(name) != value for name, value in section.where):
            continue
        labels = tuple((name, values.get(name, "")) for name in section.by)
        inner = tuple((name, values.get(name, "")) for name in extra)
        rows.setdefault(labels, {})
        rows[labels][inner] = rows[labels].get(inner, 0) + count
    return dict(sorted(rows.items()))


def _count_table(cells: Mapping[Cell, int], section: Section, suppress: bool) -> Table:
    summed = {labels: sum(found.values()) for labels, found in _summed(cells, section).items()}
    hidden = suppressed(list(summed.values())) if suppress else [False] * len(summed)
    rows = tuple(
        Row(labels, None if hide else count, SUPPRESSED if hide else str(count))
        for (labels, count), hide in zip(summed.items(), hidden, strict=True)
    )
    total = sum(summed.values())
    hide_total = suppress and 0 < total < SMALL
    return Table(section, rows, Row((), None if hide_total else total, SUPPRESSED if hide_total else str(total)))


def _share_table(cells: Mapping[Cell, int], section: Section, suppress: bool) -> Table:
    part = tuple(name for name, _ in section.part)
    rows = []
    for labels, found in _summed(cells, section, part).items():
        whole = sum(found.values())
        numerator = found.get(section.part, 0)
        if suppress and whole < SMALL:
            rows.append(Row(labels, None, SUPPRESSED))
        else:
            value = round(100 * numerator / whole, 1) if whole else None
            rows.append(Row(labels, whole, "" if value is None else f"{value}%", share=value))
    return Table(section, tuple(rows))


def _times_table(cells: Mapping[Cell, int], section: Section, suppress: bool) -> Table:
    rows = []
    for labels, found in _summed(cells, section, ("bucket",)).items():
        buckets = {int(inner[0][1]): count for inner, count in found.items() if inner[0][1].isdigit()}
        total = sum(buckets.values())
        if suppress and total < SMALL:
            rows.append(Row(labels, None, SUPPRESSED))
            continue
        median, p90 = quantile(buckets, 0.5), quantile(buckets, 0.9)
        shown = f"median {_duration(median)}, 90th {_duration(p90)}"
        rows.append(Row(labels, total, shown, median_seconds=median, p90_seconds=p90))
    return Table(section, tuple(rows))


def _firsts_table(seen: Mapping[Cell, str], section: Section, period: Period) -> Table:
    """The cells of the section's figure first seen in the period: names, not counts, so none is hidden."""
    found = sorted(
        (tuple((name, cell.get(name) or "") for name in section.by), month)
        for cell, month in seen.items()
        if cell.figure == section.figure and month in period.months
    )
    return Table(section, tuple(Row(labels, None, f"first seen {month}") for labels, month in found))


_TABLES = {Shown.COUNTS: _count_table, Shown.SHARE: _share_table, Shown.TIMES: _times_table}


def report(
    kind: ReportKind, audience: str, period: Period, cells: Mapping[Cell, int], seen: Mapping[Cell, str] | None = None
) -> Report:
    """The report of `audience`'s counters in the period (and, for its `firsts` sections, when
    each of its sighted cells was first seen)."""
    tables = tuple(
        _firsts_table(seen or {}, section, period)
        if section.shown is Shown.FIRSTS
        else _TABLES[section.shown](cells, section, kind.suppress)
        for section in kind.sections
    )
    return Report(kind, audience, period, tables)


def _duration(seconds: float | None) -> str:
    """A time as a reader takes it in: `40 s`, `12 min`, `5.2 h`, `9.1 d`."""
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"
