"""Charging deconfliction questions to quotas, and telling an organisation it is being probed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from chalicelib.domain.quotas import PROBE_ALERT_AFTER, Answer, Charge, Probe, ProbeAlert, Question, Quota, window_of
from chalicelib.domain.record_ids import derived_id
from chalicelib.services.context import RequestContext

if TYPE_CHECKING:
    from chalicelib.services.ports import Counters


class Quotas:
    def __init__(self, limits: Mapping[Question, Quota], counters: Counters) -> None:
        #: The quotas in force, per question (settings; tests lower them).
        self.limits = dict(limits)
        self._counters = counters

    def charge(self, ctx: RequestContext, question: Question, units: int) -> Charge:
        """What the request costs; refused at once if it alone asks more than a quota allows."""
        charge = Charge(question, ctx.org, "\x1f".join(ctx.principal.person), units, ctx.now, self.limits[question])
        too_large = charge.refused({})
        if too_large is not None:
            raise too_large
        return charge

    def explain(self, charge: Charge) -> None:
        """After a refused write: raise `QuotaExceeded` if the quota refused it (one GetItem per counter)."""
        refused = charge.refused(self._counters.used(charge))
        if refused is not None:
            raise refused

    def watch(self, answers: Iterable[Answer]) -> int:
        """Count answers organisations got from others' data (a batch's, together: each
        counter once, by how many it got); alert an organisation once a window past the
        threshold. How many alerts it raised."""
        counted: dict[tuple[str, str, Probe, datetime], list[datetime]] = {}
        for answer in answers:
            if answer.org != answer.by_org:
                counted.setdefault((answer.org, answer.by_org, answer.kind, window_of(answer.at)), []).append(answer.at)
        raised = 0
        for (org, by_org, kind, window), times in counted.items():
            count = self._counters.count_probe(org, by_org, kind, window, len(times))
            if count >= PROBE_ALERT_AFTER[kind]:
                alert_id = derived_id("alr", window, f"{org}|{by_org}|{kind}|{window.isoformat()}")
                raised += self._counters.record_alert(
                    ProbeAlert(alert_id, org, by_org, kind, window, count, max(times))
                )
        return raised
