"""Reports of figures: a platform's transparency report, an agency's report and, for
oversight, the national picture and the Act's progress report, as JSON, CSV, an SVG chart, or
a printable HTML or PDF document."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import wiring
from chalicelib.api.models import ReportOut
from chalicelib.api.report_formats import (
    CSV,
    HTML,
    PDF,
    SVG,
    as_csv,
    as_html,
    as_model,
    as_pdf,
    as_svg,
    media_type,
)
from chalicelib.api.routing import READ, Call, endpoint, json_response

reports = Blueprint(__name__)

#: Reading reports of figures: an agency's, a platform's, or the nation's for oversight.
REPORTS_READ = "reports:read"


@endpoint(
    reports,
    "GET",
    "/v1/reports/{report}",
    scope=REPORTS_READ,
    platform_scope=REPORTS_READ,
    oversight_scope=REPORTS_READ,
    watch_scope=REPORTS_READ,
    response=ReportOut,
    errors=(400, *READ),
    query=("period",),
    also_as=(CSV, SVG, HTML, PDF),
)
def read_report(call: Call, report: str) -> Response:
    """A report of your own figures (`transparency` for a platform, `agency` for an agency, `watch` for a watch center; `national` or `progress` for oversight) over a period."""
    found = wiring.figure_service().report(call.ctx, report, call.query("period"))
    asked = media_type(call.request.headers.get("accept"))
    if asked == CSV:
        return _text(as_csv(found), "text/csv; charset=utf-8", f"{report}-{found.period.name}.csv")
    if asked == SVG:
        return _text(as_svg(found), "image/svg+xml", f"{report}-{found.period.name}.svg")
    if asked == HTML:
        return _text(as_html(found), "text/html; charset=utf-8", f"{report}-{found.period.name}.html")
    if asked == PDF:
        return _text(as_pdf(found), PDF, f"{report}-{found.period.name}.pdf")
    return json_response(as_model(found))


def _text(body: str | bytes, content_type: str, name: str) -> Response:
    headers: dict[str, str | list[str]] = {
        "Content-Type": content_type,
        "Content-Disposition": f'inline; filename="{name}"',
        "Vary": "Accept",
    }
    return Response(body=body, status_code=200, headers=headers)
