"""The timer scheduler: fires what is due, once, however many runs overlap.

Each run reads the hour buckets from the one before its checkpoint to the current one,
asks the domain whether each due timer is still news, fires it (a conditional change of
its subject, which the stream turns into the event) or drops it, and moves the
checkpoint to the current bucket, which the next run reads again. An identifier's
recheck is not fired but done: the identifier is matched again, then the timer dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from chalicelib.domain import timers
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.deconfliction import HeldIdentifier
from chalicelib.domain.timers import FIRST_LOOKBACK, OVERLAP, Timer, TimerKind
from chalicelib.observability import logger
from chalicelib.services.context import system_audit

if TYPE_CHECKING:
    from chalicelib.services.deconfliction import DeconflictionService
    from chalicelib.services.ports import Timers

SCHEDULER = "casebridge:scheduler"


@dataclass(frozen=True)
class Run:
    buckets: int
    fired: int
    dropped: int
    rechecked: int = 0


@dataclass
class TimerScheduler:
    timers: Timers
    deconfliction: DeconflictionService

    def run(self, now: datetime) -> Run:
        checkpoint = self.timers.checkpoint()
        start = datetime.strptime(checkpoint, "%Y-%m-%dT%H").replace(tzinfo=now.tzinfo) if checkpoint else None
        buckets = timers.buckets_between(start - OVERLAP if start else now - FIRST_LOOKBACK, now)
        due = self.timers.due(buckets, now)
        subjects = self.timers.subjects([timer for _, timer in due])
        fired = dropped = rechecked = 0
        for bucket, timer in due:
            subject = subjects.get(timer.subject_id)
            if not timers.still_due(timer, subject):
                self.timers.drop(bucket, timer)
                dropped += 1
            elif timer.kind is TimerKind.IDENTIFIER_RECHECK and isinstance(subject, HeldIdentifier):
                # One hit per pair: an overlapping run that rechecks too records nothing twice.
                self.deconfliction.reconcile(subject)
                self.timers.drop(bucket, timer)
                rechecked += 1
            else:
                fired += self.timers.fire(bucket, timer, now, _audit(timer, now))
        self.timers.advance(timers.bucket(now))
        run = Run(len(buckets), fired, dropped, rechecked)
        if due:
            logger.info(
                "timers",
                extra={"buckets": run.buckets, "fired": fired, "dropped": dropped, "rechecked": rechecked},
            )
        return run


def _audit(timer: Timer, now: datetime) -> AuditRecord:
    return system_audit(
        "schedule:timers",
        f"timer.{timer.kind.value}",
        now,
        subject=SCHEDULER,
        case_id=timer.case_id,
        resource_id=timer.subject_id,
        reason=f"due {timer.due_at.isoformat()}",
    )
