"""Figures (issue 34): periods add up months, response times are read from log-spaced buckets
within their stated error, small national cells are hidden with their complement, and the
stream counts each fact once, a batch's facts in few transactions."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import InvalidField
from chalicelib.domain.figures import (
    NATIONAL,
    RELATIVE_ERROR,
    Fact,
    Period,
    Tally,
    bucket_of,
    dims,
    quantile,
    suppressed,
)
from chalicelib.domain.figures.families import BY_KIND, FAMILIES
from chalicelib.domain.tips import ACTIVITY, TipCategory, activity

AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("2026", [f"2026-{m:02d}" for m in range(1, 13)]),
        ("2026-H2", [f"2026-{m:02d}" for m in range(7, 13)]),
        ("2026-Q3", ["2026-07", "2026-08", "2026-09"]),
        ("2026-11", ["2026-11"]),
    ],
)
def test_a_period_is_the_months_it_adds_up(text, months):
    assert Period.parse(text).months == months


def test_a_half_starts_and_ends_on_its_first_and_last_day():
    half = Period.parse("2026-H2")
    assert (half.starts.isoformat(), half.ends.isoformat()) == ("2026-07-01", "2026-12-31")


@pytest.mark.parametrize("text", [None, "", "2026-H3", "2026-Q5", "2026-13", "26", "2026-11-01", "2026-h2"])
def test_anything_else_is_no_period(text):
    with pytest.raises(InvalidField):
        Period.parse(text)


def true_quantile(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


@pytest.mark.parametrize("q", [0.5, 0.9])
@pytest.mark.parametrize("spread", [(90, 1.05), (3600, 1.04), (86400, 1.01), (61, 1.06)])
def test_a_percentile_read_from_the_buckets_is_within_its_stated_error(q, spread):
    """Times from a minute to months: the middle of the bucket read is within 2^(1/4) of the truth."""
    start, ratio = spread
    times = [start * ratio**n for n in range(200)]
    counts: dict[int, int] = {}
    for time in times:
        counts[bucket_of(time)] = counts.get(bucket_of(time), 0) + 1
    read, truth = quantile(counts, q), true_quantile(times, q)
    assert read is not None
    assert abs(read - truth) / truth <= RELATIVE_ERROR + 1e-9


def test_a_time_under_a_minute_is_read_within_30_seconds():
    counts = {bucket_of(seconds): 1 for seconds in (5,)}
    assert quantile(counts, 0.5) == 30.0 and abs(30.0 - 5) <= 30


def test_nothing_counted_has_no_percentile():
    assert quantile({}, 0.5) is None


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([3, 50, 40], [True, False, True]),  # one small cell: the smallest other is hidden with it
        ([3, 4, 50], [True, True, False]),  # two small cells: nothing more to hide
        ([0, 50, 12], [False, False, False]),  # nothing counted is no small cell
        ([9, 10], [True, True]),
        ([], []),
    ],
)
def test_a_small_national_cell_is_hidden_and_so_is_its_complement(counts, hidden):
    assert suppressed(counts) == hidden


def test_each_earlier_tip_category_is_counted_as_one_of_the_acts():
    acts = {
        TipCategory.RECRUITMENT,
        TipCategory.DRUGS_AND_PRECURSORS,
        TipCategory.FIREARMS,
        TipCategory.HUMAN_SMUGGLING_OR_TRAFFICKING,
        TipCategory.CHILD_EXPLOITATION,
        TipCategory.BULK_CASH,
        TipCategory.LAUNDERING,
    }
    assert {activity(category) for category in TipCategory} == acts | {TipCategory.OTHER}
    assert set(ACTIVITY.values()) <= acts
    assert TipCategory("counterfeit_pills") is TipCategory.COUNTERFEIT_PILLS  # stored tips still decode


def test_every_family_is_counted_by_the_stream_after_its_areas_reactions():
    from chalicelib.stream.reactions import REACTIONS
    from chalicelib.stream.reactions.figures import count_figures

    for family in FAMILIES:
        assert REACTIONS[family.kind][-1] is count_figures, family.name
    assert set(BY_KIND) == {family.kind for family in FAMILIES}


def fact(n: int, figure: str = "requests") -> Fact:
    return Fact(f"test:{n}:sent", AT, (Tally(NATIONAL, figure, dims(kind="subpoena")), Tally("AGENCY:DEA", figure)))


def test_a_fact_is_counted_once_however_often_it_comes(aws, dynamo_calls):
    from chalicelib.wiring import figure_service

    figures = figure_service()
    dynamo_calls.reset()
    assert figures.count([fact(n) for n in range(40)]) == [True] * 40
    # 40 claims and the 2 counters they add to: one transaction.
    assert dynamo_calls.operations == ["TransactWriteItems"]
    assert figures.count([fact(n) for n in range(38, 42)]) == [False, False, True, True]
    cells = figures.counters.cells(NATIONAL, Period.parse("2026-11"))
    assert list(cells.values()) == [42]


def test_a_batchs_facts_fill_transactions_of_100_items(aws, dynamo_calls):
    from chalicelib.wiring import figure_service

    dynamo_calls.reset()
    figure_service().count([fact(n) for n in range(250)])
    # Each transaction: up to 98 claims and their 2 counters.
    assert dynamo_calls.operations == ["TransactWriteItems"] * 3


def test_a_report_reads_its_period_in_one_query_whatever_was_counted(aws, dynamo_calls):
    from chalicelib.wiring import figure_service

    figures = figure_service()
    figures.count([fact(n) for n in range(30)])
    earlier = [Fact(f"test:{n}:old", AT - timedelta(days=200), fact(n).tallies) for n in range(5)]
    figures.count(earlier)
    dynamo_calls.reset()
    cells = figures.counters.cells(NATIONAL, Period.parse("2026-H2"))
    assert dynamo_calls.operations == ["Query"]
    assert sum(cells.values()) == 30  # May's are another half's


def test_a_stream_batch_delivered_twice_counts_its_tips_once(api, aws):
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import figure_service, stream_handler
    from tests.test_stream_batches import Capture

    tips = [
        {"platform_reference": f"R-{n}", "reported_accounts": [{"handle": f"v_{n}"}], "category": "drug_sale"}
        for n in range(5)
    ]
    assert api.call("POST", "/v1/tips/batch", "TIKTOK", {"tips": tips}).status_code in (200, 201)
    capture = Capture()
    StreamPump(aws.table_stream_arn, capture, batch_size=1000).drain(rounds=1)
    batch = {"Records": capture.records}
    for _ in range(2):  # as Lambda retries a batch it was not told succeeded
        assert stream_handler().handle(batch) == {"batchItemFailures": []}
    year = Period.parse(f"{datetime.now(UTC):%Y}")
    counted = figure_service().counters.cells(NATIONAL, year)
    assert {cell.figure: n for cell, n in counted.items()} == {"tips": 5, "tips_by_service": 5}
    assert {dict(cell.dims).get("activity") for cell in counted} == {"drugs_and_precursors", None}
