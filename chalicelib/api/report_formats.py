"""A report as the caller asks for it (`Accept`): JSON, CSV, an SVG chart drawn by pygal, or a
printable HTML or PDF document with its tables and charts (the PDF written by fpdf2).

pygal is imported only when a chart is asked for, and fpdf2 only when a PDF is: no other
request, and no cold start, pays for them.
"""

from __future__ import annotations

import csv
import html
import io
import re
from typing import TYPE_CHECKING, Any

from chalicelib.api import models
from chalicelib.domain.figures import SMALL
from chalicelib.domain.figures.reports import Report, Row, Shown, Table

if TYPE_CHECKING:
    from fpdf import FPDF

CSV = "text/csv"
SVG = "image/svg+xml"
HTML = "text/html"
PDF = "application/pdf"
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
    """What the `Accept` header asks for, of JSON, CSV, SVG, HTML and PDF (JSON unless it names another)."""
    asked = [part.split(";")[0].strip().lower() for part in (accept or "").split(",")]
    return next((media for media in asked if media in (CSV, SVG, HTML, PDF, JSON)), JSON)


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
    return [_XML_DECLARATION.sub("", _chart(report, table).render(is_unicode=True)) for table in report.tables]


def _chart(report: Report, table: Table) -> Any:
    import pygal

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
    return chart


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


def _preface(report: Report, model: models.ReportOut) -> str:
    """Whose report, which period, and how times and small cells are shown."""
    text = (
        f"{report.audience}: {model.period.starts} to {model.period.ends} ({model.period.name})."
        f" Times are medians and 90th percentiles, within {model.time_error:.0%} of the true time."
    )
    return text + (f" Counts under {SMALL} are shown as <{SMALL}." if report.kind.suppress else "")


def _cells(section: models.ReportSectionOut) -> list[list[str]]:
    """A section's table: its header (its dimensions, then the figure) and a line per row, then its total."""
    lines = [*section.rows, *([section.total] if section.total else [])]
    return [
        [*section.by, "figure"],
        *(
            [*(row.labels.get(name, "total" if row is section.total else "") for name in section.by), row.shown]
            for row in lines
        ),
    ]


def as_html(report: Report) -> str:
    """One printable document: the report's title and period, each section's table and chart,
    how small cells and times are shown, and what is not counted yet."""
    model = as_model(report)
    parts = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(_title(report))}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(report.kind.title)}</h1>",
        f"<p>{html.escape(_preface(report, model))}</p>",
    ]
    for section, chart in zip(model.sections, charts(report), strict=True):
        header, *lines = _cells(section)
        head = "".join(f"<th>{html.escape(column)}</th>" for column in header)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line) + "</tr>" for line in lines)
        parts.append(
            f"<section><h2>{html.escape(section.title)}</h2><table><tr>{head}</tr>{body}</table>{chart}</section>"
        )
    if report.kind.gaps:
        parts.append("<section><h2>Not counted yet</h2><ul>")
        parts += [f"<li>{html.escape(gap)}</li>" for gap in report.kind.gaps]
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "".join(parts)


#: The PDF's core font (Helvetica) writes Latin-1 only: quotes, dashes and pygal's ellipsis
#: (a long label cut short) are written in ASCII, and what else a label holds is printed as `?`.
_LATIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "..."}
)


def _latin(text: str) -> str:
    return text.translate(_LATIN).encode("latin-1", "replace").decode("latin-1")


def as_pdf(report: Report) -> bytes:
    """The printable document as PDF, written by fpdf2: the same title, preface, tables, charts
    and gaps as the HTML, each section's chart drawn by pygal and embedded as vector graphics."""
    from fpdf import FPDF

    model = as_model(report)
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(_title(report)))
    pdf.set_creator("casebridge")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    _heading(pdf, report.kind.title, 16)
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 5, _latin(_preface(report, model)), new_x="LMARGIN", new_y="NEXT")
    for section, table in zip(model.sections, report.tables, strict=True):
        pdf.ln(6)
        _heading(pdf, section.title, 13)
        pdf.set_font("helvetica", size=9)
        with pdf.table(text_align="LEFT", line_height=5, first_row_as_headings=True) as grid:
            for line in _cells(section):
                grid.row([_latin(cell) for cell in line])
        pdf.ln(2)
        pdf.image(io.BytesIO(_printable(_chart(report, table))), w=pdf.epw)
    if report.kind.gaps:
        pdf.ln(6)
        _heading(pdf, "Not counted yet", 13)
        pdf.set_font("helvetica", size=10)
        for gap in report.kind.gaps:
            pdf.multi_cell(0, 5, _latin(f"- {gap}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: int) -> None:
    pdf.set_font("helvetica", "B", size)
    pdf.multi_cell(0, size * 0.5, _latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _printable(chart: Any) -> bytes:
    """A pygal chart as SVG that fpdf2 draws as the browser would. pygal paints with a
    stylesheet scoped by the chart's id (`#chart-… .background`), and fpdf2 reads only plain
    `.class` rules, so it would paint every shape black: the series take pygal's own colours
    (its `Style`) as attributes instead, on a white ground. The script and the tooltips' titles are left out."""
    from pygal.etree import etree

    style = chart.config.style
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if str(child.tag).rsplit("}", 1)[-1] in ("script", "title", "desc", "style"):
                parent.remove(child)
    for element in tree.iter():
        classes = (element.get("class") or "").split()
        tag = str(element.tag).rsplit("}", 1)[-1]
        if "background" in classes:
            element.set("fill", "white")  # pygal's is rgba(), which fpdf2 does not read
        elif tag in ("path", "line") and ("guide" in classes or "axis" in classes):
            element.set("fill", "none")
        colour = next((c for c in classes if c.startswith("color-")), None)
        if colour is not None:
            fill = style.colors[int(colour.removeprefix("color-")) % len(style.colors)]
            for shape in element.iter():
                if str(shape.tag).rsplit("}", 1)[-1] in ("rect", "path"):
                    shape.set("fill", fill)
        if "axis" in classes:  # the axes' labels: under the x axis, left of the y axis
            anchor = "middle" if "x" in classes else "end"
            for label in element.iter():
                if str(label.tag).rsplit("}", 1)[-1] == "text":
                    label.set("text-anchor", anchor)
        if tag == "text":
            if classes and {"title", "no_data", "centered"} & set(classes):
                element.set("text-anchor", "middle")
            element.set("fill", "black")
            element.set("font-size", str(style.title_font_size if "title" in classes else style.label_font_size))
            element.text = _latin(element.text or "")
    return bytes(etree.tostring(tree))


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 3)
