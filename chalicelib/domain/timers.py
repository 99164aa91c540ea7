"""Timers: things that must happen at a time (a referral is overdue, a preservation ends, a
file's upload URL runs out or its malware scan never answers, legal process goes unanswered
past its due date).

A timer is filed under the hour it is due in (its bucket), so the scheduler finds what is due
with one keyed Query per hour since it last ran, never a scan. Firing is a conditional
change of the timer's subject (the referral, the preservation), so a timer fires once
however many scheduler runs overlap; the subject's change is what reaches the bus.

One kind changes nothing itself: a new identifier is matched a second time a minute after it
was added (`IDENTIFIER_RECHECK`), because the blind index is a GSI and so eventually
consistent. Two organisations adding one value within the index's lag of each other can
each miss the other on the first pass; the second pass cannot, and records nothing that
either pass recorded before (one hit per pair).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from chalicelib.domain import emergency, files, legal, preservations, watch
from chalicelib.domain.deconfliction import HeldIdentifier
from chalicelib.domain.emergency import EmergencyRequest
from chalicelib.domain.files import EvidenceFile, ScanResult
from chalicelib.domain.legal import LegalRequest
from chalicelib.domain.preservations import Preservation
from chalicelib.domain.referrals import Referral, ReferralStatus
from chalicelib.domain.rules import Rule
from chalicelib.domain.watch import WatchedConflict

#: What a timer is about.
Subject = Referral | Preservation | HeldIdentifier | EvidenceFile | LegalRequest | EmergencyRequest | WatchedConflict

BUCKET = timedelta(hours=1)
#: The scheduler re-reads the bucket before its checkpoint too, so a timer written by a
#: clock slightly behind the scheduler's is still found.
OVERLAP = BUCKET
#: How far back a scheduler with no checkpoint looks (a fresh deployment).
FIRST_LOOKBACK = timedelta(days=7)
#: When a new identifier is matched again: far beyond the blind index's usual lag (well
#: under a second in AWS), and soon enough that a missed hit is still news.
RECHECK_AFTER = timedelta(minutes=1)


class TimerKind(StrEnum):
    REFERRAL_OVERDUE = "referral_overdue"
    PRESERVATION_EXPIRING = "preservation_expiring"
    PRESERVATION_EXPIRED = "preservation_expired"
    IDENTIFIER_RECHECK = "identifier_recheck"
    FILE_UPLOAD_EXPIRED = "file_upload_expired"
    #: A checked file's malware scan has not answered within `files.SCAN_WINDOW`.
    FILE_SCAN_OVERDUE = "file_scan_overdue"
    LEGAL_REQUEST_OVERDUE = "legal_request_overdue"
    NONDISCLOSURE_ENDING = "nondisclosure_ending"
    NONDISCLOSURE_ENDED = "nondisclosure_ended"
    #: An approved emergency request not acknowledged within the SLA, and within twice it.
    EMERGENCY_UNACKNOWLEDGED = "emergency_unacknowledged"
    EMERGENCY_STILL_UNACKNOWLEDGED = "emergency_still_unacknowledged"
    LEGAL_PROCESS_DUE = "legal_process_due"
    #: A watched conflict nobody of its center took, at the first and the second alert.
    CONFLICT_UNOWNED = "conflict_unowned"
    CONFLICT_STILL_UNOWNED = "conflict_still_unowned"
    #: Contact not confirmed by both sides before the earlier operation starts (less the margin).
    CONFLICT_CONTACT_OVERDUE = "conflict_contact_overdue"


#: Which unacknowledged alert each timer is.
ALERT_NUMBER = {TimerKind.EMERGENCY_UNACKNOWLEDGED: 1, TimerKind.EMERGENCY_STILL_UNACKNOWLEDGED: 2}
#: Which unowned alert each timer is.
UNOWNED_NUMBER = {TimerKind.CONFLICT_UNOWNED: 1, TimerKind.CONFLICT_STILL_UNOWNED: 2}


@dataclass(frozen=True)
class Timer:
    kind: TimerKind
    due_at: datetime
    subject_id: str
    #: The case the subject belongs to (a referral is found by it; the audit record goes there).
    case_id: str | None = None
    #: The preservation expiry the timer was set for: an extension makes it obsolete.
    expires_at: datetime | None = None


#: What a new end does to a record's timers (a preservation extended, a nondisclosure order
#: extended): the timers of the old end it retires, and those of the new end it files.
Retimed = tuple[Sequence[Timer], Sequence[Timer]]


def bucket(at: datetime) -> str:
    """The hour `at` falls in, as `YYYY-MM-DDTHH` (UTC)."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H")


def buckets_between(start: datetime, end: datetime) -> list[str]:
    """Every bucket from the one holding `start` to the one holding `end`, oldest first."""
    hour = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    found = []
    while hour <= end:
        found.append(bucket(hour))
        hour += BUCKET
    return found


def filed_under(timer: Timer, now: datetime) -> str:
    """A timer already due when written goes in the current bucket, which the scheduler reads."""
    return bucket(max(timer.due_at, now))


def referral_timers(referral: Referral) -> list[Timer]:
    return [Timer(TimerKind.REFERRAL_OVERDUE, referral.respond_by, referral.referral_id, case_id=referral.case_id)]


def preservation_timers(preservation: Preservation) -> list[Timer]:
    subject, case_id, expiry = preservation.preservation_id, preservation.case_id, preservation.expires_at
    return [
        Timer(TimerKind.PRESERVATION_EXPIRING, preservation.warn_at, subject, case_id, expiry),
        Timer(TimerKind.PRESERVATION_EXPIRED, expiry, subject, case_id, expiry),
    ]


def identifier_timers(held: HeldIdentifier) -> list[Timer]:
    return [Timer(TimerKind.IDENTIFIER_RECHECK, held.added_at + RECHECK_AFTER, held.identifier_id, held.case_id)]


def file_timers(file: EvidenceFile) -> list[Timer]:
    """A file still waiting for its bytes when its upload URL runs out expires; where the
    stage scans, a checked file still waiting for its scan `SCAN_WINDOW` later has a failed scan."""
    expiry = Timer(TimerKind.FILE_UPLOAD_EXPIRED, file.upload_expires_at, file.file_id, file.case_id)
    if file.scan is not ScanResult.PENDING:
        return [expiry]
    due = file.upload_expires_at + files.SCAN_WINDOW
    return [expiry, Timer(TimerKind.FILE_SCAN_OVERDUE, due, file.file_id, file.case_id)]


def legal_timers(request: LegalRequest) -> list[Timer]:
    """A request still unanswered on its due date is overdue, news to both sides; and its
    nondisclosure order's end (`nondisclosure_timers`)."""
    overdue = Timer(TimerKind.LEGAL_REQUEST_OVERDUE, request.due_at, request.request_id, request.case_id)
    return [overdue, *nondisclosure_timers(request)]


def nondisclosure_timers(request: LegalRequest) -> list[Timer]:
    """14 days before a nondisclosure order ends (at once, if it ends sooner) the agency is
    told; when it ends, both sides are. Each carries the end it was set for."""
    until = request.nondisclosure_until
    if until is None:
        return []
    subject, case_id = request.request_id, request.case_id
    warn_at = max(until - legal.NONDISCLOSURE_WARNING, request.sent_at)
    return [
        Timer(TimerKind.NONDISCLOSURE_ENDING, warn_at, subject, case_id, until),
        Timer(TimerKind.NONDISCLOSURE_ENDED, until, subject, case_id, until),
    ]


def alert_timers(request: EmergencyRequest, sla: timedelta, since: datetime | None = None) -> list[Timer]:
    """An approved emergency request unacknowledged at the SLA is news to both sides, urgent,
    and again at twice the SLA; the clock runs from the approval, or `since` a held request
    was confirmed (an alert that already went out does not go out again: `unacknowledged_alert`)."""
    start = since or request.decided_at
    assert start is not None, "alerts run from the approval"
    subject, case_id = request.request_id, request.case_id
    return [Timer(kind, start + sla * number, subject, case_id) for kind, number in ALERT_NUMBER.items()]


def process_due_timers(request: EmergencyRequest) -> list[Timer]:
    """After a disclosure the agency is reminded that legal process should follow, unless it did."""
    if request.process_due_at is None:
        return []
    return [Timer(TimerKind.LEGAL_PROCESS_DUE, request.process_due_at, request.request_id, request.case_id)]


def watch_timers(
    conflict: WatchedConflict, unowned_after: Sequence[timedelta], contact_before: timedelta
) -> list[Timer]:
    """A new conflict's clocks: unowned at each of `unowned_after` from when it was found, and
    contact overdue `contact_before` the earlier start (which `contact_timer` files again when
    an operation moves)."""
    subject = conflict.conflict_id
    unowned = [
        Timer(kind, conflict.detected_at + after, subject)
        for kind, after in zip(UNOWNED_NUMBER, unowned_after, strict=True)
    ]
    return [*unowned, contact_timer(conflict, contact_before)]


def contact_timer(conflict: WatchedConflict, contact_before: timedelta) -> Timer:
    """Contact overdue, set for the conflict's earlier start (a later start makes it obsolete)."""
    due = conflict.starts_at - contact_before
    return Timer(TimerKind.CONFLICT_CONTACT_OVERDUE, due, conflict.conflict_id, expires_at=conflict.starts_at)


def still_due(timer: Timer, subject: Subject | None) -> bool:
    """Whether firing `timer` is still news: its subject exists and has not moved on."""
    if isinstance(subject, HeldIdentifier):
        return True  # still on its case: match it again
    if isinstance(subject, EvidenceFile):
        return file_rule(timer).holds(subject)
    if isinstance(subject, LegalRequest):
        return legal_rule(timer).holds(subject)
    if isinstance(subject, EmergencyRequest):
        return emergency_rule(timer).holds(subject)
    if isinstance(subject, WatchedConflict):
        return watch_rule(timer).holds(subject)
    if isinstance(subject, Referral):
        return subject.status is ReferralStatus.PENDING and subject.overdue_at is None
    if isinstance(subject, Preservation):
        if subject.expires_at != timer.expires_at or not preservations.RUNNING.holds(subject):
            return False
        return timer.kind is TimerKind.PRESERVATION_EXPIRED or subject.warned_for != subject.expires_at
    return False


def file_rule(timer: Timer) -> Rule:
    """When a file's timer is still news (and the condition its firing writes under)."""
    return files.SCAN_OVERDUE if timer.kind is TimerKind.FILE_SCAN_OVERDUE else files.EXPIRABLE


def legal_rule(timer: Timer) -> Rule:
    """When a legal request's timer is still news (and the condition its firing writes under)."""
    if timer.kind is TimerKind.LEGAL_REQUEST_OVERDUE:
        return legal.OVERDUE_UNNOTICED
    assert timer.expires_at is not None, "nondisclosure timers carry the end they were set for"
    if timer.kind is TimerKind.NONDISCLOSURE_ENDING:
        return legal.nondisclosure_unwarned(timer.expires_at)
    return legal.nondisclosure_unended(timer.expires_at)


def emergency_rule(timer: Timer) -> Rule:
    """When an emergency request's timer is still news (and the condition its firing writes under)."""
    if timer.kind is TimerKind.LEGAL_PROCESS_DUE:
        return emergency.PROCESS_UNREMINDED
    return emergency.unacknowledged_alert(ALERT_NUMBER[timer.kind])


def watch_rule(timer: Timer) -> Rule:
    """When a watched conflict's timer is still news (and the condition its firing writes under)."""
    if timer.kind is TimerKind.CONFLICT_CONTACT_OVERDUE:
        assert timer.expires_at is not None, "the contact timer carries the start it was set for"
        return watch.contact_overdue(timer.expires_at)
    return watch.unowned_alert(UNOWNED_NUMBER[timer.kind])
