"""Counting figures from the stream's changes, and reading a report for its audience."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from chalicelib.domain.errors import InvalidField, NotFound
from chalicelib.domain.figures import Audience, Fact, Period, scope
from chalicelib.domain.figures.families import facts
from chalicelib.domain.figures.reports import REPORTS, Report, ReportKind, Shown, report
from chalicelib.domain.organisations import Organisation, OrgKind, WatchDirectory
from chalicelib.services.context import Auditor, RequestContext, utcnow

if TYPE_CHECKING:
    from chalicelib.storage.figures import FigureCounters


def audience_of(kind: ReportKind, org: Organisation) -> str:
    """Whose counters `org` reads in the report: its own, or the nation's for oversight."""
    if org.kind is OrgKind.OVERSIGHT:
        return scope(Audience.NATIONAL)
    if org.kind is OrgKind.WATCH_CENTER:
        return scope(Audience.CENTER, org.code)
    return scope(Audience.PLATFORM if org.is_platform else Audience.AGENCY, org.code)


class FigureService:
    def __init__(
        self,
        counters: FigureCounters,
        registry: WatchDirectory,
        auditor: Auditor | None = None,
    ) -> None:
        self.counters = counters
        #: Kept a minute (`CachedDirectory`): a stream batch reads the watch centers once, not once an operation.
        self.registry = registry
        self.audit = auditor

    def facts_of(self, old: Any, new: Any) -> list[Fact]:
        """What a change counts (`domain.figures.families`)."""
        return facts(old, new, self.registry)

    def count(self, found: Sequence[Fact]) -> list[bool]:
        """A stream batch's facts, each counted once: which were counted now."""
        return self.counters.add(found, utcnow())

    def report(self, ctx: RequestContext, name: str, period: str | None) -> Report:
        """The report `name` of the caller's own figures (the nation's for oversight), over the
        period: a report the caller's kind does not read is answered as one that does not exist."""
        kind = REPORTS.get(name)
        org = ctx.principal.org
        if kind is None or org.kind not in kind.readers:
            raise NotFound(f"no report {name!r} is visible to you")
        asked = Period.parse(period)
        if kind.suppress and not asked.is_half:
            raise InvalidField(
                "period",
                "a half (2026-H2): this report hides small cells, and a cell hidden in one period "
                "could be recovered by subtracting periods that overlap it",
            )
        audience = audience_of(kind, org)
        sighted = any(section.shown is Shown.FIRSTS for section in kind.sections)
        seen = self.counters.firsts(audience) if sighted else None
        found = report(kind, audience, asked, self.counters.cells(audience, asked), seen)
        if self.audit is not None:
            self.audit.record(ctx.audit("report.read", resource_id=f"{name}/{asked.name}"))
        return found
