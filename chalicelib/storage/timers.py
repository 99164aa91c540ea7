"""Due timers, their subjects and the scheduler's checkpoint.

Finding what is due is one Query of the bucket directory for the hours since the checkpoint
that hold timers, then one Query per such hour (normally none or one), in parallel; reading
the subjects is one BatchGetItem; firing one timer is one TransactWriteItems (delete the
timer if it is still there, change its subject if it has not moved on, and the audit
record), so overlapping runs fire it once.

A timer's hour is listed in the directory by the write that files it (`save_timer`, in the
same transaction; `file_timers`, in the same batch). An entry stays when its hour is
emptied: the scheduler's Query names a range of hours, so old entries cost nothing, and a
timer filed later into that hour (a clock behind) is listed still. Timers filed before the
directory was kept are listed once by a Scan that no function runs
(`devtools.provision.list_timer_buckets`: `make run` and provisioning run it; a deployed
table, `python -m scripts.index_timers`); until the directory is marked complete, the
scheduler reads every hour as before, so none is missed.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pynamodb.transactions import TransactWrite

from chalicelib.domain import preservations, referrals
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.files import FileStatus, ScanResult
from chalicelib.domain.preservations import PreservationStatus
from chalicelib.domain.timers import (
    ALERT_NUMBER,
    UNOWNED_NUMBER,
    Subject,
    Timer,
    TimerKind,
    emergency_rule,
    file_rule,
    legal_rule,
    watch_rule,
)
from chalicelib.storage import records
from chalicelib.storage.conditions import condition
from chalicelib.storage.contracts import ConditionFailed
from chalicelib.storage.dynamo import Table, Write, delete, parallel, translated, update
from chalicelib.storage.keys import (
    EMERGENCY_SK,
    FILE_SK,
    HIGH,
    IDENTIFIER_PREFIX,
    LEGAL_SK,
    PRESERVATION_SK,
    REFERRAL_PREFIX,
    SCHEDULER_PK,
    SCHEDULER_SK,
    TIMER_BUCKETS_COMPLETE_SK,
    TIMER_BUCKETS_PK,
    TIMERS_PARTITION_PREFIX,
    WATCHED_SK,
    case_pk,
    emergency_pk,
    file_pk,
    instant,
    legal_pk,
    preservation_pk,
    status_sk,
    timer_sk,
    timers_pk,
    watched_pk,
)
from chalicelib.storage.table import (
    EmergencyRequestItem,
    FileItem,
    Item,
    LegalRequestItem,
    PreservationItem,
    ReferralItem,
    SchedulerItem,
    TimerBucketItem,
    TimerItem,
    WatchedConflictItem,
)

#: The timers whose subject is a legal request.
LEGAL_TIMERS = frozenset(
    {TimerKind.LEGAL_REQUEST_OVERDUE, TimerKind.NONDISCLOSURE_ENDING, TimerKind.NONDISCLOSURE_ENDED}
)
#: The timers whose subject is an evidence file.
FILE_TIMERS = frozenset({TimerKind.FILE_UPLOAD_EXPIRED, TimerKind.FILE_SCAN_OVERDUE})
#: The timers whose subject is an emergency request.
EMERGENCY_TIMERS = frozenset({*ALERT_NUMBER, TimerKind.LEGAL_PROCESS_DUE})
#: The timers whose subject is a watched conflict.
WATCH_TIMERS = frozenset({*UNOWNED_NUMBER, TimerKind.CONFLICT_CONTACT_OVERDUE})
#: Timers read per bucket and run; the rest wait for the next run.
MAX_DUE_PER_BUCKET = 500


@dataclass
class TimerRepository:
    table: Table

    def file_timers(self, timers: Sequence[Timer], now: datetime) -> None:
        """Timers on their own, outside a change: the stream's second-pass timers, a batch's
        together (BatchWriteItem, 25 to a call; PynamoDB resends what DynamoDB left
        unprocessed). Filing one twice (a retried stream record) writes the same item."""
        if not timers:
            return
        items = [records.timer_item(timer, now) for timer in timers]
        with translated(), TimerItem.batch_write() as batch:
            for item in items:
                batch.save(item)
            for bucket in sorted({bucket_of(item) for item in items}):
                batch.save(bucket_entry(bucket))

    def checkpoint(self) -> str | None:
        return self.table.find(SchedulerItem, SCHEDULER_PK, SCHEDULER_SK, lambda item: str(item.through))

    def advance(self, bucket: str) -> None:
        """Move the checkpoint forward to `bucket`; never back (runs may overlap)."""
        condition = SchedulerItem.pk.does_not_exist() | (SchedulerItem.through < bucket)
        try:
            with translated():
                SchedulerItem(SCHEDULER_PK, SCHEDULER_SK, through=bucket).save(condition=condition)
        except ConditionFailed:
            return

    def due(self, buckets: Sequence[str], now: datetime) -> list[tuple[str, Timer]]:
        """The timers due by `now` in each bucket (with the bucket), oldest first: in the
        buckets the directory lists, or in every one while it is not complete."""
        latest = instant(now) + "#" + HIGH

        def query(bucket: str) -> list[tuple[str, Timer]]:
            with translated():
                result = TimerItem.query(
                    timers_pk(bucket), TimerItem.sk <= latest, consistent_read=True, limit=MAX_DUE_PER_BUCKET
                )
                return [(bucket, records.timer_record(item)) for item in result if isinstance(item, TimerItem)]

        filled = self._filled(buckets)
        return [found for answer in parallel(query, [b for b in buckets if b in filled]) for found in answer]

    def _filled(self, buckets: Sequence[str]) -> set[str]:
        """Which of `buckets` (oldest first) hold timers, as the directory lists them (one Query
        for the range, beside one GetItem of its mark); all of them while it is not complete."""
        if not buckets:
            return set()

        def listing() -> set[str]:
            with translated():
                entries = TimerBucketItem.query(
                    TIMER_BUCKETS_PK, TimerBucketItem.sk.between(buckets[0], buckets[-1]), consistent_read=True
                )
                return {str(entry.sk) for entry in entries}

        def complete() -> bool:
            return self.table.get(TimerBucketItem, TIMER_BUCKETS_PK, TIMER_BUCKETS_COMPLETE_SK) is not None

        reads: list[Callable[[], Any]] = [listing, complete]
        listed, is_complete = parallel(lambda read: read(), reads)
        return set(listed) if is_complete else set(buckets)

    def subjects(self, timers: Sequence[Timer]) -> dict[str, Subject]:
        """What the timers are about, by subject id: one BatchGetItem per 100."""
        subject_ids = {_subject_key(timer): timer.subject_id for timer in timers}
        keys = list(subject_ids)
        found: dict[str, Subject] = {}
        for start in range(0, len(keys), 100):
            with translated():
                for item in Item.batch_get(keys[start : start + 100], consistent_read=True):
                    if (subject := records.record_of(item)) is not None:
                        found[subject_ids[item.pk, item.sk]] = subject
        return found

    def fire(self, bucket: str, timer: Timer, at: datetime, audit: AuditRecord) -> bool:
        """Fire once: False if another run fired it or its subject moved on meanwhile."""
        try:
            self.table.transact(_delete(bucket, timer), _change(timer, at), audit=audit)
        except ConditionFailed:
            return False
        return True

    def drop(self, bucket: str, timer: Timer) -> None:
        """A timer whose subject moved on (answered, extended, gone), or whose work is done, leaves."""
        with translated():
            TimerItem(timers_pk(bucket), timer_sk(timer.due_at, timer.kind.value, timer.subject_id)).delete()


def _subject_key(timer: Timer) -> tuple[str, str]:
    if timer.kind is TimerKind.REFERRAL_OVERDUE:
        return case_pk(str(timer.case_id)), REFERRAL_PREFIX + timer.subject_id
    if timer.kind is TimerKind.IDENTIFIER_RECHECK:
        return case_pk(str(timer.case_id)), IDENTIFIER_PREFIX + timer.subject_id
    if timer.kind in FILE_TIMERS:
        return file_pk(timer.subject_id), FILE_SK
    if timer.kind in LEGAL_TIMERS:
        return legal_pk(timer.subject_id), LEGAL_SK
    if timer.kind in EMERGENCY_TIMERS:
        return emergency_pk(timer.subject_id), EMERGENCY_SK
    if timer.kind in WATCH_TIMERS:
        return watched_pk(timer.subject_id), WATCHED_SK
    return preservation_pk(timer.subject_id), PRESERVATION_SK


#: The buckets each open transaction lists already: one entry per bucket, however many of its
#: timers the transaction files (DynamoDB refuses a transaction that names an item twice).
_LISTED: weakref.WeakKeyDictionary[TransactWrite, set[str]] = weakref.WeakKeyDictionary()


def save_timer(timer: Timer, now: datetime) -> Write:
    """A transaction write filing `timer`, as written at `now` (beside the change that sets it),
    and listing its bucket in the directory."""
    item = records.timer_item(timer, now)
    bucket = bucket_of(item)

    def write(tw: TransactWrite) -> None:
        tw.save(item)
        listed = _LISTED.setdefault(tw, set())
        if bucket not in listed:
            listed.add(bucket)
            tw.save(bucket_entry(bucket))

    return write


def bucket_entry(bucket: str) -> TimerBucketItem:
    """The directory's entry for an hour that holds timers."""
    return TimerBucketItem(TIMER_BUCKETS_PK, bucket)


def bucket_of(item: Item) -> str:
    """The hour a timer's item is filed under."""
    return str(item.pk).removeprefix(TIMERS_PARTITION_PREFIX)


def delete_timer(timer: Timer, filed_at: datetime) -> Write:
    return delete(records.timer_item(timer, filed_at))


def _delete(bucket: str, timer: Timer) -> Write:
    """The timer leaves its bucket, if no other run took it first."""
    key = TimerItem(timers_pk(bucket), timer_sk(timer.due_at, timer.kind.value, timer.subject_id))
    return delete(key, TimerItem.pk.exists())


def _change(timer: Timer, at: datetime) -> Write:
    """The subject's change that the stream turns into the timer's event, if the subject has
    not moved on (the domain's rules: `referrals.UNANSWERED`, `preservations.unwarned_for`,
    `preservations.running_until`, `files.EXPIRABLE`, `files.SCAN_OVERDUE`, `legal.OVERDUE_UNNOTICED`)."""
    if timer.kind is TimerKind.REFERRAL_OVERDUE:
        referral = ReferralItem(*_subject_key(timer))
        return update(referral, [ReferralItem.overdue_at.set(at)], condition(referrals.UNANSWERED, ReferralItem))
    if timer.kind in FILE_TIMERS:
        # The version stays: an upload that started in time and lands now is still checked,
        # and a scan's result that comes after all replaces the failure.
        file = FileItem(*_subject_key(timer))
        changed: list[Any] = (
            [FileItem.malware_scan.set(ScanResult.FAILED.value), FileItem.scanned_at.set(at)]
            if timer.kind is TimerKind.FILE_SCAN_OVERDUE
            else [FileItem.status.set(FileStatus.EXPIRED.value)]
        )
        return update(file, changed, condition(file_rule(timer), FileItem))
    if timer.kind in LEGAL_TIMERS:
        request = LegalRequestItem(*_subject_key(timer))
        # Overdue: when it was noticed; a nondisclosure end: which end (an extension sets another).
        attribute, value = {
            TimerKind.LEGAL_REQUEST_OVERDUE: (LegalRequestItem.overdue_at, at),
            TimerKind.NONDISCLOSURE_ENDING: (LegalRequestItem.nondisclosure_warned_for, timer.expires_at),
            TimerKind.NONDISCLOSURE_ENDED: (LegalRequestItem.nondisclosure_ended_for, timer.expires_at),
        }[timer.kind]
        assert value is not None
        return update(request, [attribute.set(value)], condition(legal_rule(timer), LegalRequestItem))
    if timer.kind in EMERGENCY_TIMERS:
        # An alert: how many went out; the reminder: when it did.
        emergency = EmergencyRequestItem(*_subject_key(timer))
        noticed: Any = (
            EmergencyRequestItem.process_reminded_at.set(at)
            if timer.kind is TimerKind.LEGAL_PROCESS_DUE
            else EmergencyRequestItem.alerts.set(ALERT_NUMBER[timer.kind])
        )
        return update(emergency, [noticed], condition(emergency_rule(timer), EmergencyRequestItem))
    if timer.kind in WATCH_TIMERS:
        # Unowned: how many alerts went out; contact overdue: for which start.
        watched = WatchedConflictItem(*_subject_key(timer))
        assert timer.expires_at is not None or timer.kind is not TimerKind.CONFLICT_CONTACT_OVERDUE
        alerted: Any = (
            WatchedConflictItem.contact_overdue_for.set(timer.expires_at)  # type: ignore[arg-type]
            if timer.kind is TimerKind.CONFLICT_CONTACT_OVERDUE
            else WatchedConflictItem.unowned_alerts.set(UNOWNED_NUMBER[timer.kind])
        )
        return update(watched, [alerted], condition(watch_rule(timer), WatchedConflictItem))
    expiry = timer.expires_at
    assert expiry is not None, "preservation timers carry the expiry they were set for"
    preservation = PreservationItem(*_subject_key(timer))
    if timer.kind is TimerKind.PRESERVATION_EXPIRING:
        rule = preservations.unwarned_for(expiry)
        actions: list[Any] = [PreservationItem.warned_for.set(expiry)]
    else:
        rule = preservations.running_until(expiry)
        expired = PreservationStatus.EXPIRED.value
        actions = [
            PreservationItem.status.set(expired),
            PreservationItem.gsi1sk.set(status_sk(expired, timer.subject_id)),
            PreservationItem.gsi2sk.set(status_sk(expired, timer.subject_id)),
        ]
    return update(preservation, actions, condition(rule, PreservationItem))
