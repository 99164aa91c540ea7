"""Quota and probe counters, and probe alerts, in the one table.

A charge is a pair of conditional counter updates that ride in the request's own
TransactWriteItems (`CaseStore._transact(charge=…)`): over its quota, the whole write is
refused and nothing of the request happens. Counters live one window and a little more
(TTL on `expires_at`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.condition import Condition

from chalicelib.domain.quotas import WINDOW, Charge, ProbeAlert, window_of
from chalicelib.storage import records
from chalicelib.storage.casework import translated
from chalicelib.storage.contracts import ConditionFailed
from chalicelib.storage.table import COUNTER_SK, CounterItem, Item, probe_pk, quota_pk


def charge_writes(charge: Charge) -> list[Callable[[Any], None]]:
    """The transaction writes that count `charge` against both its counters, if it fits."""

    def counted(name: str, limit: int) -> Callable[[Any], None]:
        key = CounterItem(quota_pk(name, charge.question.value, charge.window), COUNTER_SK)
        actions = [CounterItem.used.add(charge.units), CounterItem.expires_at.set(charge.window_ends + WINDOW)]
        fits: Condition = CounterItem.used.does_not_exist() | (CounterItem.used <= limit - charge.units)
        return lambda tw: tw.update(key, actions, condition=fits)

    return [counted(name, limit) for name, limit in charge.counters()]


def used(charge: Charge) -> dict[str, int]:
    """What each of the charge's counters holds now: read only after a refused write."""
    found: dict[str, int] = {}
    for name, _ in charge.counters():
        with translated():
            try:
                item = CounterItem.get(quota_pk(name, charge.question.value, charge.window), COUNTER_SK)
            except DoesNotExist:
                continue
        found[name] = int(item.used)
    return found


def count_probe(org: str, by_org: str, kind: str, at: datetime) -> int:
    """One more answer that `by_org`'s questions found in `org`'s data this window; the new count."""
    window = window_of(at)
    counter = CounterItem(probe_pk(org, by_org, kind, window), COUNTER_SK)
    with translated():
        counter.update(actions=[CounterItem.used.add(1), CounterItem.expires_at.set(window + 2 * WINDOW)])
    return int(counter.used)


def record_alert(alert: ProbeAlert) -> bool:
    """The alert, once per organisation, prober, kind and window: False if it was raised before."""
    try:
        with translated():
            records.alert_item(alert).save(condition=Item.pk.does_not_exist())
    except ConditionFailed:
        return False
    return True
