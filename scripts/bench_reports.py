"""Reports at 1,000 and 100,000 records: a report reads its counters, never the records.

For each size, the counters that many legal requests would have left (served, acknowledged,
answered; on 4 platforms by 4 agencies, over 2026) are written straight to the table, as the
stream would have added them up (`domain.figures.families`), and each report is read through
the API: its DynamoDB round trips, the counters its Query examined, and the rows it shows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.figures import Cell, Fact, dims
from chalicelib.domain.figures.families import answered, platform_and_agency, received, timed

PLATFORMS = ("META", "TIKTOK", "X", "YOUTUBE")
AGENCIES = ("DEA", "HSI", "USPIS", "ATF")
KINDS = ("subpoena", "court_order", "search_warrant", "emergency")
OUTCOMES = ("produced", "partially_produced", "rejected")
#: Each report, as whom it is read.
READERS = (("transparency", "META"), ("agency", "DEA"), ("national", "ONDCP"))
YEAR = 2026


def facts_of(rng: random.Random, n: int) -> list[Fact]:
    """What one legal request of the year counted: served, acknowledged within hours, answered within weeks."""
    platform, org, kind = rng.choice(PLATFORMS), rng.choice(AGENCIES), rng.choice(KINDS)
    sent = datetime(YEAR, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(360 * 24 * 60))
    acknowledged = sent + timedelta(seconds=rng.lognormvariate(8, 1.5))
    done = acknowledged + timedelta(seconds=rng.lognormvariate(13, 1))
    scopes, cell = platform_and_agency(platform, org), dims(kind=kind, platform=platform)
    counted = received(scopes, cell, rng.randint(1, 5), nondisclosure=rng.random() < 0.6)
    return [
        Fact(f"bench:{n}:sent", sent, counted),
        Fact(f"bench:{n}:acknowledged", acknowledged, timed(scopes, "ack_time", cell, sent, acknowledged)),
        Fact(f"bench:{n}:answered", done, answered(scopes, kind, platform, rng.choice(OUTCOMES), sent, done)),
    ]


def report_reports_scaling(client: Any, call: Callable[..., Any], targets: tuple[int, ...]) -> None:
    """Each report's cost with `targets` legal requests counted, growing in turn."""
    from chalicelib.storage.keys import figure_pk, figure_sk
    from chalicelib.storage.table import FigureItem, Item
    from scripts.bench_deconfliction import Meter

    meter = Meter()
    events = Item._get_connection().connection.client.meta.events
    rng = random.Random(34)  # noqa: S311 - reproducible background data, not secrets
    counters: dict[Cell, int] = {}
    loaded = 0
    rows = []
    for target in targets:
        for n in range(loaded, target):
            for fact in facts_of(rng, n):
                for cell, amount in fact.cells().items():
                    counters[cell] = counters.get(cell, 0) + amount
        loaded = target
        with FigureItem.batch_write() as batch:
            for cell, amount in counters.items():
                key = figure_pk(cell.scope, cell.month[:4]), figure_sk(cell.month, cell.figure, cell.dims)
                batch.save(FigureItem(*key, amount=amount))
        for name, org in READERS:
            call(client, "GET", f"/v1/reports/{name}?period={YEAR}-H1", org)  # the registry's cache warmed
            events.register("before-call.dynamodb", meter.before)
            events.register("after-call.dynamodb", meter.after)
            meter.reset()
            answer = call(client, "GET", f"/v1/reports/{name}?period={YEAR}-H2", org)
            events.unregister("before-call.dynamodb", meter.before)
            events.unregister("after-call.dynamodb", meter.after)
            assert answer.status_code == 200, answer.body
            shown = sum(len(section["rows"]) for section in answer.json_body["sections"])
            rows.append((target, name, len(meter.calls), meter.examined, shown, ", ".join(sorted(set(meter.calls)))))
    print("Reports as records grow (2026-H2; the counters of that many legal requests, written directly)")
    print(f"  {'records':>8}  {'report':<13} {'calls':>5} {'examined':>8} {'rows':>5}  calls made")
    for target, name, calls, examined, shown, made in rows:
        print(f"  {target:>8}  {name:<13} {calls:>5} {examined:>8} {shown:>5}  {made}")
    first, last = rows[: len(READERS)], rows[-len(READERS) :]
    ratios = ", ".join(
        f"{a[1]} {b[2] / a[2]:.2f} calls, {b[3] / max(a[3], 1):.2f} examined" for a, b in zip(first, last, strict=True)
    )
    print(f"  ratio {rows[-1][0]:,}/{rows[0][0]:,}: {ratios}")
    print("  (a report: one Query of its audience's year, a page per 1 MB of counters (national: and one of")
    print("   the services' first sightings), and its audit record;")
    print("   the counters it examines grow only while a period's cells fill, never past its cells: for H2,")
    cells = len(PLATFORMS) * len(KINDS) * 6 * (2 + 1 + 2 + 2 * 41)
    print(f"   {cells} per audience here, 4 platforms x 4 kinds x 6 months x (requests with and without an")
    print("   order, accounts, answers with and without data, 41 buckets of each of the two times))")
    print()


def draw_pictures(folder: str, records: int = 2_000) -> list[str]:
    """The documentation's picture of each report: `records` synthetic legal requests' counters
    (as `make bench` loads them), each report of 2026-H2 drawn as its SVG, and the progress
    report printed as PDF. The files written."""
    from pathlib import Path

    from chalicelib.api.report_formats import as_pdf, as_svg
    from chalicelib.domain.figures import Audience, Period, scope
    from chalicelib.domain.figures.reports import REPORTS, report

    rng = random.Random(34)  # noqa: S311 - reproducible pictures, not secrets
    counters: dict[Cell, int] = {}
    for n in range(records):
        for fact in facts_of(rng, n):
            for cell, amount in fact.cells().items():
                counters[cell] = counters.get(cell, 0) + amount
    period = Period.parse(f"{YEAR}-H2")
    audiences = {
        "transparency": scope(Audience.PLATFORM, "META"),
        "agency": scope(Audience.AGENCY, "DEA"),
        "national": scope(Audience.NATIONAL),
        "progress": scope(Audience.NATIONAL),
    }
    written = []
    for name, kind in REPORTS.items():
        mine = {
            cell: n for cell, n in counters.items() if cell.scope == audiences[name] and cell.month in period.months
        }
        found = report(kind, audiences[name], period, mine)
        path = Path(folder) / f"{name}.svg"
        path.write_text(as_svg(found), encoding="utf-8")
        written.append(str(path))
        if name == "progress":
            printed = Path(folder) / f"{name}.pdf"
            printed.write_bytes(as_pdf(found))
            written.append(str(printed))
    return written


if __name__ == "__main__":
    import sys

    print("\n".join(draw_pictures(sys.argv[1] if len(sys.argv) > 1 else "docs/concepts/figures")))
