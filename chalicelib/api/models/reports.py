"""Reports: an audience's figures over a period (`domain.figures.reports`)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from chalicelib.api.models.common import Out
from chalicelib.domain.figures.reports import Shown


class ReportRowOut(Out):
    """One row: its labels (a value per dimension the section is shown by) and its figure."""

    labels: dict[str, str]
    count: int | None = Field(description="The count (of a share: its whole); null where it is hidden")
    shown: str = Field(description="What a reader is shown: the count, `<10` for a hidden one, a share or times")
    share_percent: float | None = None
    median_seconds: float | None = None
    p90_seconds: float | None = None


class ReportSectionOut(Out):
    title: str
    figure: str
    shown: Shown
    by: list[str]
    rows: list[ReportRowOut]
    total: ReportRowOut | None = None


class ReportPeriodOut(Out):
    name: str = Field(description="2026, 2026-H2, 2026-Q3 or 2026-11")
    starts: date
    ends: date


class ReportOut(Out):
    """A report of the caller's own figures, or for oversight the nation's."""

    report: str
    title: str
    audience: str
    period: ReportPeriodOut
    sections: list[ReportSectionOut]
    time_error: float = Field(description="A median or 90th percentile is within this fraction of the true time")
    hidden_under: int | None = Field(description="Counts under this are hidden (`<10`); null: nothing is hidden")
    gaps: list[str]
