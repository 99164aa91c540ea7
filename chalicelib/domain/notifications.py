"""Which notification a change produces and who receives it: references, never content."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chalicelib.domain import files
from chalicelib.domain.cases import Case, CaseStatus, Note, Tlp
from chalicelib.domain.deconfliction import HeldIdentifier, HitRecord
from chalicelib.domain.emergency import EmergencyRequest, EmergencyStatus
from chalicelib.domain.files import EvidenceFile, FileStatus, ScanResult
from chalicelib.domain.legal import LegalRequest, LegalStatus
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.domain.organisations import Organisation, OrgStatus
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.quotas import ProbeAlert
from chalicelib.domain.record_ids import is_id
from chalicelib.domain.referrals import Referral, ReferralStatus, case_view
from chalicelib.domain.tips import Tip, TipStatus

#: The event source every casebridge notification carries on the bus.
SOURCE = "casebridge"

CASE_OPENED = "Case Opened"
CASE_UPDATED = "Case Updated"
CASE_CLOSED = "Case Closed"
CASE_REOPENED = "Case Reopened"
NOTE_ADDED = "Note Added"
REFERRAL_CREATED = "Referral Created"
REFERRAL_ACCEPTED = "Referral Accepted"
REFERRAL_DECLINED = "Referral Declined"
REFERRAL_WITHDRAWN = "Referral Withdrawn"
IDENTIFIER_ADDED = "Identifier Added"
IDENTIFIER_REMOVED = "Identifier Removed"
DECONFLICTION_HIT = "Deconfliction Hit"
OPERATION_PLANNED = "Operation Planned"
OPERATION_CHANGED = "Operation Changed"
OPERATION_CANCELLED = "Operation Cancelled"
OPERATION_CONFLICT = "Operation Conflict"
DECONFLICTION_PROBING = "Deconfliction Probing"
REFERRAL_OVERDUE = "Referral Overdue"
TIP_ROUTED = "Tip Routed"
TIP_PROMOTED = "Tip Promoted"
TIP_LINKED = "Tip Linked"
TIP_DISMISSED = "Tip Dismissed"
PRESERVATION_REQUESTED = "Preservation Requested"
PRESERVATION_ACKNOWLEDGED = "Preservation Acknowledged"
PRESERVATION_EXTENDED = "Preservation Extended"
PRESERVATION_EXPIRING = "Preservation Expiring"
PRESERVATION_EXPIRED = "Preservation Expired"
FILE_ADDED = "File Added"
FILE_REJECTED = "File Rejected"
LEGAL_REQUEST_SENT = "Legal Request Sent"
LEGAL_REQUEST_ACKNOWLEDGED = "Legal Request Acknowledged"
LEGAL_REQUEST_ANSWERED = "Legal Request Answered"
LEGAL_REQUEST_WITHDRAWN = "Legal Request Withdrawn"
LEGAL_REQUEST_OVERDUE = "Legal Request Overdue"
NONDISCLOSURE_ENDING = "Nondisclosure Ending"
NONDISCLOSURE_ENDED = "Nondisclosure Ended"
EMERGENCY_REQUEST_AWAITING_APPROVAL = "Emergency Request Awaiting Approval"
EMERGENCY_REQUEST = "Emergency Request"
EMERGENCY_REQUEST_APPROVED = "Emergency Request Approved"
EMERGENCY_REQUEST_REJECTED = "Emergency Request Rejected"
EMERGENCY_REQUEST_ACKNOWLEDGED = "Emergency Request Acknowledged"
EMERGENCY_REQUEST_ANSWERED = "Emergency Request Answered"
EMERGENCY_REQUEST_UNACKNOWLEDGED = "Emergency Request Unacknowledged"
LEGAL_PROCESS_DUE = "Legal Process Due"
ORGANISATION_PROPOSED = "Organisation Proposed"
ORGANISATION_ONBOARDED = "Organisation Onboarded"
ORGANISATION_SUSPENDED = "Organisation Suspended"
ORGANISATION_REINSTATED = "Organisation Reinstated"

CASEWORK_DETAIL_TYPES = (
    CASE_OPENED,
    CASE_UPDATED,
    CASE_CLOSED,
    CASE_REOPENED,
    NOTE_ADDED,
    REFERRAL_CREATED,
    REFERRAL_ACCEPTED,
    REFERRAL_DECLINED,
    REFERRAL_WITHDRAWN,
)
DECONFLICTION_DETAIL_TYPES = (
    IDENTIFIER_ADDED,
    IDENTIFIER_REMOVED,
    DECONFLICTION_HIT,
    OPERATION_PLANNED,
    OPERATION_CHANGED,
    OPERATION_CANCELLED,
    OPERATION_CONFLICT,
    DECONFLICTION_PROBING,
)
PLATFORM_DETAIL_TYPES = (
    REFERRAL_OVERDUE,
    TIP_ROUTED,
    TIP_PROMOTED,
    TIP_LINKED,
    TIP_DISMISSED,
    PRESERVATION_REQUESTED,
    PRESERVATION_ACKNOWLEDGED,
    PRESERVATION_EXTENDED,
    PRESERVATION_EXPIRING,
    PRESERVATION_EXPIRED,
)
EVIDENCE_DETAIL_TYPES = (FILE_ADDED, FILE_REJECTED)
LEGAL_DETAIL_TYPES = (
    LEGAL_REQUEST_SENT,
    LEGAL_REQUEST_ACKNOWLEDGED,
    LEGAL_REQUEST_ANSWERED,
    LEGAL_REQUEST_WITHDRAWN,
    LEGAL_REQUEST_OVERDUE,
    NONDISCLOSURE_ENDING,
    NONDISCLOSURE_ENDED,
)
EMERGENCY_DETAIL_TYPES = (
    EMERGENCY_REQUEST_AWAITING_APPROVAL,
    EMERGENCY_REQUEST,
    EMERGENCY_REQUEST_APPROVED,
    EMERGENCY_REQUEST_REJECTED,
    EMERGENCY_REQUEST_ACKNOWLEDGED,
    EMERGENCY_REQUEST_ANSWERED,
    EMERGENCY_REQUEST_UNACKNOWLEDGED,
    LEGAL_PROCESS_DUE,
)
REGISTRY_DETAIL_TYPES = (
    ORGANISATION_PROPOSED,
    ORGANISATION_ONBOARDED,
    ORGANISATION_SUSPENDED,
    ORGANISATION_REINSTATED,
)
DETAIL_TYPES = (
    CASEWORK_DETAIL_TYPES
    + DECONFLICTION_DETAIL_TYPES
    + PLATFORM_DETAIL_TYPES
    + EVIDENCE_DETAIL_TYPES
    + LEGAL_DETAIL_TYPES
    + EMERGENCY_DETAIL_TYPES
    + REGISTRY_DETAIL_TYPES
)

_REFERRAL_OUTCOMES = {
    ReferralStatus.ACCEPTED: REFERRAL_ACCEPTED,
    ReferralStatus.DECLINED: REFERRAL_DECLINED,
    ReferralStatus.WITHDRAWN: REFERRAL_WITHDRAWN,
}

#: Case fields whose change is a `Case Updated`; participants changing is a referral's news.
_CONTENT_FIELDS = ("title", "summary", "substances", "platforms", "jurisdiction", "contact", "tlp")


@dataclass(frozen=True)
class Notification:
    detail_type: str
    case_id: str | None
    occurred_at: datetime
    recipients: frozenset[str]
    tlp: str | None
    organisations: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)
    #: Officer safety: consumers page someone at once.
    urgent: bool = False

    def detail(self, event_id: str, links: dict[str, str]) -> dict[str, Any]:
        """The `detail` put on the bus: what happened, and where to fetch it (`links`, which
        the API knows: `links.event_links`)."""
        detail: dict[str, Any] = {"id": event_id, "occurred_at": _instant(self.occurred_at)}
        if self.case_id:
            detail["case_id"] = self.case_id
        detail.update(self.references)
        if self.tlp:
            detail["tlp"] = self.tlp
        if self.urgent:
            detail["urgent"] = True
        detail.update(organisations=self.organisations, recipients=sorted(self.recipients), links=links)
        return detail


def case_changed(old: Case | None, new: Case) -> Notification | None:
    """`Case Opened`, `Closed`, `Reopened` or `Updated`, to every participant; or nothing."""
    if old is None:
        detail_type = CASE_OPENED
    elif old.status != new.status:
        detail_type = CASE_CLOSED if new.status is CaseStatus.CLOSED else CASE_REOPENED
    elif any(getattr(old, name) != getattr(new, name) for name in _CONTENT_FIELDS):
        detail_type = CASE_UPDATED
    else:
        return None
    return Notification(
        detail_type=detail_type,
        case_id=new.case_id,
        occurred_at=new.updated_at,
        recipients=new.participants,
        tlp=new.tlp,
        organisations={"owner": new.owner},
    )


def note_added(note: Note, case: Case) -> Notification:
    return Notification(
        detail_type=NOTE_ADDED,
        case_id=note.case_id,
        occurred_at=note.created_at,
        recipients=case.participants,
        tlp=case.tlp,
        organisations={"owner": case.owner, "author": note.author_org},
        references={"note_id": note.note_id},
    )


def referral_changed(old: Referral | None, new: Referral, case: Case) -> Notification | None:
    """`Referral Created` or its outcome, to the sender, the receiver and the case owner."""
    if old is None:
        detail_type = REFERRAL_CREATED
        occurred_at = new.created_at
    elif old.overdue_at is None and new.overdue_at is not None:
        detail_type = REFERRAL_OVERDUE
        occurred_at = new.overdue_at
    elif old.status != new.status and new.status in _REFERRAL_OUTCOMES:
        detail_type = _REFERRAL_OUTCOMES[new.status]
        occurred_at = new.decided_at or new.created_at
    else:
        return None
    return Notification(
        detail_type=detail_type,
        case_id=new.case_id,
        occurred_at=occurred_at,
        recipients=frozenset({new.from_org, new.to_org, case.owner}),
        # The receiver is among the recipients: the marking it may read, never a later one.
        # Not stamped yet (decided before the stream's first pass): a case is referred at
        # most AMBER, so AMBER is never less strict than the marking it was referred under.
        tlp=case_view(new, case, new.to_org)[1] or Tlp.AMBER.value,
        organisations={"owner": case.owner, "from": new.from_org, "to": new.to_org},
        references={"referral_id": new.referral_id, "priority": new.priority},
    )


def identifier_changed(held: HeldIdentifier, case: Case, at: datetime, *, removed: bool) -> Notification:
    """`Identifier Added` or `Removed`, to the case's participants: the id, never the value."""
    return Notification(
        detail_type=IDENTIFIER_REMOVED if removed else IDENTIFIER_ADDED,
        case_id=held.case_id,
        occurred_at=at,
        recipients=case.participants,
        tlp=case.tlp,
        organisations={"owner": case.owner, "by": held.added_by_org},
        references={"identifier_id": held.identifier_id},
    )


def hit_recorded(hit: HitRecord) -> Notification:
    """`Deconfliction Hit`, to the one organisation whose list it is in: whom to call, in the API."""
    return Notification(
        detail_type=DECONFLICTION_HIT,
        case_id=hit.case_id,
        occurred_at=hit.at,
        recipients=frozenset({hit.org}),
        tlp=None,
        organisations={"holder": hit.org, "other": hit.other_org},
        references={"hit_id": hit.hit_id, "reason": hit.reason.value},
    )


def probing_suspected(alert: ProbeAlert) -> Notification:
    """`Deconfliction Probing`, to the organisation whose data another's questions keep hitting.

    It says who, what kind of answer and how many this window, and where to read them.
    """
    return Notification(
        detail_type=DECONFLICTION_PROBING,
        case_id=None,
        occurred_at=alert.at,
        recipients=frozenset({alert.org}),
        tlp=None,
        organisations={"holder": alert.org, "by": alert.by_org},
        references={
            "alert_id": alert.alert_id,
            "kind": alert.kind,
            "window_start": _instant(alert.window),
            "answers": str(alert.count),
        },
        urgent=True,
    )


def operation_changed(old: Operation | None, new: Operation, case: Case) -> Notification | None:
    """`Operation Planned`, `Changed` or `Cancelled`, to the case's participants."""
    if old is None:
        detail_type = OPERATION_PLANNED
    elif old.version == new.version:
        return None
    elif not new.active:
        detail_type = OPERATION_CANCELLED
    else:
        detail_type = OPERATION_CHANGED
    return Notification(
        detail_type=detail_type,
        case_id=new.case_id,
        occurred_at=new.updated_at,
        recipients=case.participants,
        tlp=case.tlp,
        organisations={"owner": case.owner, "planner": new.org},
        references={"operation_id": new.operation_id},
    )


def conflict_recorded(conflict: ConflictRecord) -> Notification:
    """`Operation Conflict`, urgent, to the one organisation whose list it is in."""
    return Notification(
        detail_type=OPERATION_CONFLICT,
        case_id=conflict.case_id,
        occurred_at=conflict.at,
        recipients=frozenset({conflict.org}),
        tlp=None,
        organisations={"planner": conflict.org, "other": conflict.other_org},
        references={"conflict_id": conflict.conflict_id, "operation_id": conflict.operation_id},
        urgent=True,
    )


_TRIAGE_OUTCOMES = {TipStatus.PROMOTED: TIP_PROMOTED, TipStatus.LINKED: TIP_LINKED, TipStatus.DISMISSED: TIP_DISMISSED}


def tip_changed(old: Tip | None, new: Tip) -> Notification | None:
    """`Tip Routed` (urgent when the platform escalated it) or its triage, to the agency it is with.

    The platform is not told: it reads its tips' status, and never which case a tip joined.
    """
    routed_to = new.routed_to
    if routed_to is None or (old is not None and old.status is new.status and old.routed_to == routed_to):
        return None
    organisations = {"platform": new.platform, "to": routed_to}
    if new.status is TipStatus.NEW:
        if new.rerouted_from:
            organisations["from"] = new.rerouted_from[-1]
        rule = new.route.rule if new.route else ""
        return Notification(
            detail_type=TIP_ROUTED,
            case_id=None,
            occurred_at=new.routed_at or new.received_at,
            recipients=frozenset({routed_to}),
            tlp=None,
            organisations=organisations,
            references={"tip_id": new.tip_id, "rule": rule},
            urgent=new.escalate,
        )
    if new.status not in _TRIAGE_OUTCOMES:
        return None
    return Notification(
        detail_type=_TRIAGE_OUTCOMES[new.status],
        case_id=new.case_id,
        occurred_at=new.decided_at or new.received_at,
        recipients=frozenset({routed_to}),
        tlp=None,
        organisations=organisations,
        references={"tip_id": new.tip_id},
    )


def preservation_changed(old: Preservation | None, new: Preservation, at: datetime) -> Notification | None:
    """Each step of a preservation request, to the requesting agency and the platform.

    No case id: the platform's copy must not name the case; agencies read it from the request.
    """
    if old is None:
        detail_type, occurred_at = PRESERVATION_REQUESTED, new.requested_at
    elif old.status is not new.status and new.status is PreservationStatus.ACKNOWLEDGED:
        detail_type, occurred_at = PRESERVATION_ACKNOWLEDGED, new.acknowledged_at or at
    elif old.status is not new.status and new.status is PreservationStatus.EXPIRED:
        detail_type, occurred_at = PRESERVATION_EXPIRED, new.expires_at
    elif old.expires_at != new.expires_at:
        detail_type, occurred_at = PRESERVATION_EXTENDED, at
    elif old.warned_for != new.warned_for:
        detail_type, occurred_at = PRESERVATION_EXPIRING, at
    else:
        return None
    return Notification(
        detail_type=detail_type,
        case_id=None,
        occurred_at=occurred_at,
        recipients=frozenset({new.org, new.platform}),
        tlp=None,
        organisations={"requester": new.org, "platform": new.platform},
        references={"preservation_id": new.preservation_id, "expires_at": _instant(new.expires_at)},
    )


def file_checked(
    old: EvidenceFile | None, new: EvidenceFile, at: datetime, case: Case | None, routed_to: str | None = None
) -> Notification | None:
    """`File Added` once a file may be downloaded (its bytes arrived as declared and, where
    downloads wait, its scan cleared it) or joins a case; `File Rejected` when its bytes were
    not what was declared (`mismatch`), the scan found a threat (`threat`), or a scan the
    file waits for failed (`unscanned`). References only: never its name, hash or description.

    A case's file concerns its participants: the news of a threat, all of them (any may have
    opened it); of anything else rejected, its declarer and the case's owner. A tip's file
    not yet on a case concerns the agency the tip went to and, when rejected, the platform
    that declared it, which never shares an event with an agency (it would learn who has its tip).
    A production file not yet on a case is news to nobody but the platform, when rejected.
    """
    if old is None:
        return None
    reason = _rejected_because(old, new)
    added = files.servable(new) and (not files.servable(old) or old.case_id != new.case_id)
    if reason is None and not added:
        return None
    references = {"file_id": new.file_id} | ({"reason": reason} if reason else {})
    detail_type = FILE_REJECTED if reason else FILE_ADDED
    if case is not None:
        if reason is None or reason == "threat":
            recipients = case.participants
        else:
            recipients = frozenset({new.org, case.owner}) & case.participants | {case.owner}
        return Notification(
            detail_type=detail_type,
            case_id=case.case_id,
            occurred_at=at,
            recipients=recipients,
            tlp=new.tlp or case.tlp,
            organisations={"owner": case.owner, "by": new.org},
            references=references,
        )
    if new.tip_id:
        references["tip_id"] = new.tip_id
    elif new.request_id:
        # A production or a disclosure, the platform's until the answer.
        references["emergency_id" if is_id("emer", new.request_id) else "request_id"] = new.request_id
    if reason is None or reason == "threat":
        if routed_to is None:
            return None
        recipients, organisations = frozenset({routed_to}), {"by": new.org, "to": routed_to}
    else:
        recipients, organisations = frozenset({new.org}), {"by": new.org}
    return Notification(
        detail_type=detail_type,
        case_id=None,
        occurred_at=at,
        recipients=recipients,
        tlp=None,
        organisations=organisations,
        references=references,
    )


_LEGAL_STEPS = {
    LegalStatus.ACKNOWLEDGED: LEGAL_REQUEST_ACKNOWLEDGED,
    LegalStatus.ANSWERED: LEGAL_REQUEST_ANSWERED,
    LegalStatus.WITHDRAWN: LEGAL_REQUEST_WITHDRAWN,
}


def legal_request_changed(old: LegalRequest | None, new: LegalRequest, at: datetime) -> Notification | None:
    """Each step of legal process, to the agency that served it and the platform served:
    references only (never the accounts, the categories' detail or the answer's), and no
    case id, which the platform may not learn. An answer says its `outcome`."""
    references = {"request_id": new.request_id, "kind": new.kind.value}
    recipients = frozenset({new.org, new.platform})
    if old is None:
        detail_type, occurred_at = LEGAL_REQUEST_SENT, new.sent_at
    elif old.status is not new.status and new.status in _LEGAL_STEPS:
        detail_type, occurred_at = _LEGAL_STEPS[new.status], at
        if new.answer is not None:
            references["outcome"] = new.answer.outcome.value
            occurred_at = new.answer.answered_at
    elif old.overdue_at is None and new.overdue_at is not None:
        detail_type, occurred_at = LEGAL_REQUEST_OVERDUE, new.overdue_at
        references["due_at"] = _instant(new.due_at)
    elif new.nondisclosure_until and old.nondisclosure_warned_for != new.nondisclosure_warned_for:
        # The agency's alone: time to seek an extension, which the platform need not know of.
        detail_type, occurred_at = NONDISCLOSURE_ENDING, at
        references["nondisclosure_until"] = _instant(new.nondisclosure_until)
        recipients = frozenset({new.org})
    elif new.nondisclosure_until and old.nondisclosure_ended_for != new.nondisclosure_ended_for:
        detail_type, occurred_at = NONDISCLOSURE_ENDED, new.nondisclosure_until
        references["nondisclosure_until"] = _instant(new.nondisclosure_until)
    else:
        return None
    return Notification(
        detail_type=detail_type,
        case_id=None,
        occurred_at=occurred_at,
        recipients=recipients,
        tlp=None,
        organisations={"requester": new.org, "platform": new.platform},
        references=references,
    )


_EMERGENCY_STEPS = {
    EmergencyStatus.APPROVED: EMERGENCY_REQUEST_APPROVED,
    EmergencyStatus.REJECTED: EMERGENCY_REQUEST_REJECTED,
    EmergencyStatus.ACKNOWLEDGED: EMERGENCY_REQUEST_ACKNOWLEDGED,
    EmergencyStatus.ANSWERED: EMERGENCY_REQUEST_ANSWERED,
}


def emergency_request_changed(old: EmergencyRequest | None, new: EmergencyRequest, at: datetime) -> Notification | None:
    """Each step of an emergency request. Asking, the supervisor's decision and the
    legal-process reminder are the asking agency's alone; the platform's steps and the
    unacknowledged alerts (urgent) go to both. References only: never the emergency's
    description or the accounts, and no case id, which the platform may not learn."""
    references = {"emergency_id": new.request_id, "kind": new.emergency.kind.value}
    agency, both = frozenset({new.org}), frozenset({new.org, new.platform})
    urgent = False
    if old is None:
        detail_type, occurred_at, recipients = EMERGENCY_REQUEST_AWAITING_APPROVAL, new.requested_at, agency
        urgent = True  # a supervisor must decide now
    elif old.status is not new.status and new.status in _EMERGENCY_STEPS:
        detail_type = _EMERGENCY_STEPS[new.status]
        recipients = agency if new.status in (EmergencyStatus.APPROVED, EmergencyStatus.REJECTED) else both
        occurred_at = {
            EmergencyStatus.ACKNOWLEDGED: new.acknowledged_at,
            EmergencyStatus.ANSWERED: new.answer.answered_at if new.answer else None,
        }.get(new.status, new.decided_at) or at
        if new.answer is not None:
            references["outcome"] = new.answer.outcome.value
    elif new.alerts > old.alerts:
        detail_type, occurred_at, recipients, urgent = EMERGENCY_REQUEST_UNACKNOWLEDGED, at, both, True
        references["alert"] = str(new.alerts)
    elif new.process_reminded_at is not None and old.process_reminded_at is None:
        detail_type, occurred_at, recipients = LEGAL_PROCESS_DUE, new.process_reminded_at, agency
    else:
        return None
    return Notification(
        detail_type=detail_type,
        case_id=None,
        occurred_at=occurred_at,
        recipients=recipients,
        tlp=None,
        organisations={"requester": new.org, "platform": new.platform},
        references=references,
        urgent=urgent,
    )


def emergency_request_sent(old: EmergencyRequest | None, new: EmergencyRequest) -> Notification | None:
    """`Emergency Request`, urgent, to the platform alone, the moment a supervisor approves it:
    its 24/7 desk reads it, and calls back on the agency's registered line to verify it."""
    if old is None or old.sent or not new.sent or new.decided_at is None:
        return None
    return Notification(
        detail_type=EMERGENCY_REQUEST,
        case_id=None,
        occurred_at=new.decided_at,
        recipients=frozenset({new.platform}),
        tlp=None,
        organisations={"requester": new.org, "platform": new.platform},
        references={"emergency_id": new.request_id, "kind": new.emergency.kind.value},
        urgent=True,
    )


def _rejected_because(old: EvidenceFile, new: EvidenceFile) -> str | None:
    if new.status is FileStatus.REJECTED and old.status is not FileStatus.REJECTED:
        return "mismatch"
    if new.scan is ScanResult.THREATS_FOUND and old.scan is not ScanResult.THREATS_FOUND:
        return "threat"
    if new.awaits_scan and new.scan in files.UNSCANNED and old.scan not in files.UNSCANNED:
        return "unscanned"
    return None


def _instant(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


#: Each change of status in the registry, and its event.
_REGISTRY_STEPS = {
    (OrgStatus.PROPOSED, OrgStatus.ACTIVE): ORGANISATION_ONBOARDED,
    (OrgStatus.ACTIVE, OrgStatus.SUSPENDED): ORGANISATION_SUSPENDED,
    (OrgStatus.SUSPENDED, OrgStatus.ACTIVE): ORGANISATION_REINSTATED,
}


def organisation_changed(
    old: Organisation | None, new: Organisation, operator: str, at: datetime
) -> Notification | None:
    """A proposal, and each change of status a second person made, to the operator and the
    organisation itself. A request a first person made, and the seed, are events of nobody's."""
    if old is None:
        if new.status is not OrgStatus.PROPOSED:
            return None
        detail_type = ORGANISATION_PROPOSED
    else:
        found = _REGISTRY_STEPS.get((old.status, new.status))
        if found is None:
            return None
        detail_type = found
    return Notification(
        detail_type=detail_type,
        case_id=None,
        occurred_at=at,
        recipients=frozenset({operator, new.code}),
        tlp=None,
        organisations={"operator": operator, "organisation": new.code},
        references={"kind": new.kind.value},
    )
