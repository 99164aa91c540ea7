"""A report as the caller asks for it (`Accept`): JSON, CSV, an SVG chart drawn by pygal, or a
printable HTML document with its tables and charts.

pygal is imported only when a chart is asked for: no other request, and no cold start, pays
for it.
"""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

from chalicelib.api import models
from chalicelib.domain.figures import SMALL
from chalicelib.domain.figures.reports import Report, Row, Shown

CSV = "text/csv"
SVG = "image/svg+xml"
HTML = "text/html"
JSON = "application/json"
#: The columns of a report's CSV: one line per row of each section (and its total).
CSV_COLUMNS = (
    "section",
    "figure",
    "labels",
    "count",
    "shown",
    "share_percent",
    "median_seconds",
    "p90_seconds",
)
_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>\s*")
#: How tall each section's chart is in the SVG, and how wide the SVG.
_CHART_HEIGHT, _WIDTH = 360, 900


def media_type(accept: str | None) -> str:
    """What the `Accept` header asks for, of JSON, CSV, SVG and HTML (JSON unless it names another)."""
    asked = [part.split(";")[0].strip().lower() for part in (accept or "").split(",")]
    return next((media for media in asked if media in (CSV, SVG, HTML, JSON)), JSON)


def _row(row: Row) -> models.ReportRowOut:
    return models.ReportRowOut(
        labels=dict(row.labels),
        count=row.count,
        shown=row.shown,
        share_percent=row.share,
        median_seconds=row.median_seconds,
        p90_seconds=row.p90_seconds,
    )


def as_model(report: Report) -> models.ReportOut:
    return models.ReportOut(
        report=report.kind.name,
        title=report.kind.title,
        audience=report.audience,
        period=models.ReportPeriodOut(name=report.period.name, starts=report.period.starts, ends=report.period.ends),
        sections=[
            models.ReportSectionOut(
                title=table.section.title,
                figure=table.section.figure,
                shown=table.section.shown,
                by=list(table.section.by),
                rows=[_row(row) for row in table.rows],
                total=_row(table.total) if table.total is not None else None,
            )
            for table in report.tables
        ],
        time_error=round(report.relative_error, 4),
        hidden_under=SMALL if report.kind.suppress else None,
        gaps=list(report.kind.gaps),
    )


def _labels(row: Row) -> str:
    return "; ".join(f"{name}={value}" for name, value in row.labels)


def as_csv(report: Report) -> str:
    """Every row of every section, one line each; a section's total is the line labelled `total`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for table in report.tables:
        rows = [*table.rows, *([table.total] if table.total is not None else [])]
        for row in rows:
            labels = _labels(row) if row is not table.total else "total"
            values: list[Any] = [row.count, row.shown, row.share, row.median_seconds, row.p90_seconds]
            writer.writerow(
                [table.section.title, table.section.figure, labels, *["" if v is None else v for v in values]]
            )
    return out.getvalue()


def charts(report: Report) -> list[str]:
    """One horizontal bar chart per section, each an `<svg>` of its own; a hidden count is
    drawn as no bar. Times are in hours, on a log scale."""
    import pygal

    drawn = []
    for table in report.tables:
        section = table.section
        chart = pygal.HorizontalBar(
            title=f"{section.title} ({report.period.name})",
            width=_WIDTH,
            height=_CHART_HEIGHT,
            logarithmic=section.shown is Shown.TIMES,
            show_legend=section.shown is Shown.TIMES,
            disable_xml_declaration=True,
            explicit_size=True,
            js=[],  # no script from another origin: the chart is a picture
            no_data_text="no figures in this period",
        )
        chart.x_labels = [_labels(row) or "all" for row in table.rows]
        if section.shown is Shown.COUNTS:
            chart.add(section.figure, [row.count for row in table.rows])
        elif section.shown is Shown.SHARE:
            chart.add(f"{section.figure} (%)", [row.share for row in table.rows])
        elif section.shown is Shown.FIRSTS:
            chart.add("first reported in the period", [1 for _ in table.rows])
        else:
            chart.add("median (h)", [_hours(row.median_seconds) for row in table.rows])
            chart.add("90th percentile (h)", [_hours(row.p90_seconds) for row in table.rows])
        drawn.append(_XML_DECLARATION.sub("", chart.render(is_unicode=True)))
    return drawn


def _title(report: Report) -> str:
    return f"{report.kind.title}: {report.audience}, {report.period.name}"


def as_svg(report: Report) -> str:
    """Every section's chart, stacked in one SVG document whose title names the report and its period."""
    placed = [
        f'<g transform="translate(0,{40 + n * _CHART_HEIGHT})">{chart}</g>' for n, chart in enumerate(charts(report))
    ]
    height = 40 + len(placed) * _CHART_HEIGHT
    title = html.escape(_title(report))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{_WIDTH}" height="{height}" viewBox="0 0 {_WIDTH} {height}">'
        f"<title>{title}</title>"
        f'<text x="10" y="26" font-family="sans-serif" font-size="18">{title}</text>' + "".join(placed) + "</svg>"
    )


#: A printed page: each section on its own, tables in the page's width.
_STYLE = (
    "body{font-family:sans-serif;max-width:960px;margin:2em auto}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.2em .6em;text-align:left}"
    "section{page-break-inside:avoid;margin-bottom:2em}@media print{section{page-break-after:always}}"
)


def as_html(report: Report) -> str:
    """One printable document: the report's title and period, each section's table and chart,
    how small cells and times are shown, and what is not counted yet."""
    model = as_model(report)
    parts = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(_title(report))}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(report.kind.title)}</h1>",
        f"<p>{html.escape(report.audience)}: {model.period.starts} to {model.period.ends} ({html.escape(model.period.name)}).",
        f" Times are medians and 90th percentiles, within {model.time_error:.0%} of the true time.",
        f" Counts under {SMALL} are shown as &lt;{SMALL}.</p>" if report.kind.suppress else "</p>",
    ]
    for section, chart in zip(model.sections, charts(report), strict=True):
        columns = [*section.by, "figure"]
        header = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
        lines = [*section.rows, *([section.total] if section.total else [])]
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(row.labels.get(name, 'total' if row is section.total else ''))}</td>"
                for name in section.by
            )
            + f"<td>{html.escape(row.shown)}</td></tr>"
            for row in lines
        )
        parts.append(
            f"<section><h2>{html.escape(section.title)}</h2><table><tr>{header}</tr>{body}</table>{chart}</section>"
        )
    if report.kind.gaps:
        parts.append("<section><h2>Not counted yet</h2><ul>")
        parts += [f"<li>{html.escape(gap)}</li>" for gap in report.kind.gaps]
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "".join(parts)


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 3)
