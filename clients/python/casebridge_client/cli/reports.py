"""`casebridge reports`: your organisation's figures over a period (oversight: the nation's)."""

from __future__ import annotations

from typing import Annotated

import typer

from casebridge_client.cli.terminal import Json, operation, run, show

app = typer.Typer(no_args_is_help=True, help="Reports: transparency (a platform), agency, national (oversight)")

Report = Annotated[str, typer.Argument(help="transparency (a platform), agency (an agency) or national (oversight)")]
PeriodArgument = Annotated[str, typer.Argument(help="2026, 2026-H2, 2026-Q3 or 2026-11")]
_COLUMNS = ("section", "labels", "shown")


@app.command("show")
def show_report(report: Report, period: PeriodArgument, as_json: Json = False) -> None:
    """A report of your figures over a period: each section's rows (`<10`: hidden, a small national cell)."""
    found = run(operation("reports", "read_report"), report=report, period=period)
    if as_json:
        show(found, True)
        return
    rows = [
        {
            "section": section.title,
            "labels": ", ".join(f"{k}={v}" for k, v in row.labels.additional_properties.items()) or "all",
            "shown": row.shown,
        }
        for section in found.sections
        for row in [*section.rows, *([section.total] if section.total else [])]
    ]
    show(rows, False, _COLUMNS)
