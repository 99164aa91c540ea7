"""Quota and probe counters, and probe alerts, in the one table.

A charge is a pair of conditional counter updates that ride in the request's own
TransactWriteItems (`charge_writes`): over its quota, the whole write is refused and nothing
of the request happens. Counters live one window and a little more (TTL on `expires_at`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action

from chalicelib.domain.quotas import WINDOW, Charge, Counter, ProbeAlert
from chalicelib.storage import records
from chalicelib.storage.contracts import ConditionFailed
from chalicelib.storage.dynamo import Table, Write, translated
from chalicelib.storage.keys import COUNTER_SK, probe_pk, quota_pk
from chalicelib.storage.table import CounterItem, Item


@dataclass
class QuotaCounters:
    table: Table

    def used(self, charge: Charge) -> dict[Counter, int]:
        """What each of the charge's counters holds now: read only after a refused write."""
        found: dict[Counter, int] = {}
        for name, _ in charge.counters():
            item = self.table.get(CounterItem, quota_pk(name, charge.question.value, charge.window), COUNTER_SK)
            if isinstance(item, CounterItem):
                found[name] = int(item.used)
        return found

    def count_probe(self, org: str, by_org: str, kind: str, window: datetime, answers: int) -> int:
        """`answers` more that `by_org`'s questions found in `org`'s data in the window; the new count."""
        counter = CounterItem(probe_pk(org, by_org, kind, window), COUNTER_SK)
        with translated():
            counter.update(actions=[CounterItem.used.add(answers), CounterItem.expires_at.set(window + 2 * WINDOW)])
        return int(counter.used)

    def record_alert(self, alert: ProbeAlert) -> bool:
        """The alert, once per organisation, prober, kind and window: False if it was raised before."""
        try:
            with translated():
                records.alert_item(alert).save(condition=Item.pk.does_not_exist())
        except ConditionFailed:
            return False
        return True


def charge_writes(charge: Charge | None) -> list[Write]:
    """The transaction writes that count `charge` against both its counters, if it fits."""
    if charge is None:
        return []

    def counted(name: Counter, limit: int) -> Write:
        key = CounterItem(quota_pk(name, charge.question.value, charge.window), COUNTER_SK)
        actions: list[Action] = [
            CounterItem.used.add(charge.units),
            CounterItem.expires_at.set(charge.window_ends + WINDOW),
        ]
        fits: Condition = CounterItem.used.does_not_exist() | (CounterItem.used <= limit - charge.units)
        return lambda tw: tw.update(key, actions, condition=fits)

    return [counted(name, limit) for name, limit in charge.counters()]
