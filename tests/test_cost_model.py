"""The cost model at national scale (docs/benchmarks.md) is what `scripts/cost_model.py` prints."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scripts.cost_model import PRICES, Model, flows, report

PAGE = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def test_the_benchmarks_page_shows_the_tables_the_model_prints() -> None:
    assert report() in PAGE.read_text(), (
        "run `python -m scripts.cost_model` and paste its tables into docs/benchmarks.md"
    )


def test_every_priced_quantity_is_counted_and_costs_follow_the_workload() -> None:
    model = Model()
    totals = model.monthly()
    assert all(totals[name] > 0 for name in PRICES), [name for name in PRICES if totals[name] <= 0]
    busier = Model([replace(flow, per_month=flow.per_month * 2) for flow in flows()])
    base, doubled = model.costs(), busier.costs()
    assert doubled["DynamoDB writes"] == 2 * base["DynamoDB writes"]
    assert doubled["KMS keys"] == base["KMS keys"]
