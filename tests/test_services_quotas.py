"""Quotas and probe alerts (`services.quotas`) as specifications, on the counters' twin
(`tests/twins.py`): no moto, no HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.quotas import PROBE_ALERT_AFTER, Answer, Probe, Question, Quota, QuotaExceeded
from chalicelib.services.quotas import Quotas
from tests.twins import NOW, CountersTwin, MemoryTable, caller, count, fits

DEA, ATF = caller("DEA"), caller("ATF")
LIMITS = {question: Quota(per_person=5, per_org=8) for question in Question}


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def quotas(table: MemoryTable) -> Quotas:
    return Quotas(LIMITS, CountersTwin(table))


def test_a_request_larger_than_a_quota_is_refused_before_anything_is_written(quotas: Quotas) -> None:
    with pytest.raises(QuotaExceeded):
        quotas.charge(DEA, Question.CHECKED_IDENTIFIERS, 6)


def test_a_charge_fits_until_the_persons_quota_is_spent_and_then_says_why(quotas: Quotas, table: MemoryTable) -> None:
    first = quotas.charge(DEA, Question.CHECKED_IDENTIFIERS, 3)
    assert fits(table, first)
    count(table, first)
    second = quotas.charge(DEA, Question.CHECKED_IDENTIFIERS, 3)

    assert not fits(table, second)
    with pytest.raises(QuotaExceeded, match="you may ask for 5") as refused:
        quotas.explain(second)
    assert 0 < refused.value.retry_after <= 3600
    assert fits(table, quotas.charge(caller("DEA", "another.officer"), Question.CHECKED_IDENTIFIERS, 3))


def test_an_organisation_is_told_once_a_window_that_another_probes_its_data(quotas: Quotas, table: MemoryTable) -> None:
    threshold = PROBE_ALERT_AFTER[Probe.CONFLICT]
    answers = [Answer("DEA", "ATF", Probe.CONFLICT, NOW + timedelta(seconds=n)) for n in range(threshold)]

    assert quotas.watch(answers[:-1]) == 0
    assert quotas.watch(answers[-1:]) == 1
    assert quotas.watch(answers[-1:]) == 0  # the same window: told once
    assert quotas.watch([Answer("DEA", "DEA", Probe.CONFLICT, NOW)] * threshold) == 0  # its own questions
    [alert] = table.alerts.values()
    assert (alert.org, alert.by_org, alert.count) == ("DEA", "ATF", threshold)
