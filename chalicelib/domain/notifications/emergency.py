"""Emergency request events: asking, the supervisor's decision, the platform's steps and the reminders."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.emergency import EmergencyRequest, EmergencyStatus
from chalicelib.domain.notifications.common import Notification, request_news

EMERGENCY_REQUEST_AWAITING_APPROVAL = "Emergency Request Awaiting Approval"
EMERGENCY_REQUEST = "Emergency Request"
EMERGENCY_REQUEST_APPROVED = "Emergency Request Approved"
EMERGENCY_REQUEST_REJECTED = "Emergency Request Rejected"
EMERGENCY_REQUEST_ACKNOWLEDGED = "Emergency Request Acknowledged"
EMERGENCY_REQUEST_ANSWERED = "Emergency Request Answered"
EMERGENCY_REQUEST_UNACKNOWLEDGED = "Emergency Request Unacknowledged"
EMERGENCY_REQUEST_HELD = "Emergency Request Held"
EMERGENCY_REQUEST_CONFIRMED = "Emergency Request Confirmed"
EMERGENCY_REQUEST_WITHDRAWN = "Emergency Request Withdrawn"
LEGAL_PROCESS_DUE = "Legal Process Due"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    EMERGENCY_REQUEST_AWAITING_APPROVAL,
    EMERGENCY_REQUEST,
    EMERGENCY_REQUEST_APPROVED,
    EMERGENCY_REQUEST_REJECTED,
    EMERGENCY_REQUEST_ACKNOWLEDGED,
    EMERGENCY_REQUEST_ANSWERED,
    EMERGENCY_REQUEST_UNACKNOWLEDGED,
    EMERGENCY_REQUEST_HELD,
    EMERGENCY_REQUEST_CONFIRMED,
    EMERGENCY_REQUEST_WITHDRAWN,
    LEGAL_PROCESS_DUE,
)

_EMERGENCY_STEPS = {
    EmergencyStatus.APPROVED: EMERGENCY_REQUEST_APPROVED,
    EmergencyStatus.REJECTED: EMERGENCY_REQUEST_REJECTED,
    EmergencyStatus.ACKNOWLEDGED: EMERGENCY_REQUEST_ACKNOWLEDGED,
    EmergencyStatus.ANSWERED: EMERGENCY_REQUEST_ANSWERED,
    EmergencyStatus.ON_HOLD: EMERGENCY_REQUEST_HELD,
    EmergencyStatus.WITHDRAWN: EMERGENCY_REQUEST_WITHDRAWN,
}


def emergency_request_changed(old: EmergencyRequest | None, new: EmergencyRequest, at: datetime) -> Notification | None:
    """Each step of an emergency request. Asking, the supervisor's decision and the
    legal-process reminder are the asking agency's alone; the platform's steps and the
    unacknowledged alerts (urgent) go to both. References only: never the emergency's
    description or the accounts, and no case id, which the platform may not learn."""
    references = {"emergency_id": new.request_id, "kind": new.emergency.kind.value}
    agency, both = frozenset({new.org}), frozenset({new.org, new.platform})
    urgent = False
    if old is not None and old.status is EmergencyStatus.ON_HOLD and new.status is not EmergencyStatus.WITHDRAWN:
        # Confirmed: back where it stood, for the platform to act on again, now.
        detail_type, occurred_at, recipients, urgent = EMERGENCY_REQUEST_CONFIRMED, at, both, True
    elif old is None:
        detail_type, occurred_at, recipients = EMERGENCY_REQUEST_AWAITING_APPROVAL, new.requested_at, agency
        urgent = True  # a supervisor must decide now
    elif old.status is not new.status and new.status in _EMERGENCY_STEPS:
        detail_type = _EMERGENCY_STEPS[new.status]
        recipients = agency if new.status in (EmergencyStatus.APPROVED, EmergencyStatus.REJECTED) else both
        occurred_at = {
            EmergencyStatus.ACKNOWLEDGED: new.acknowledged_at,
            EmergencyStatus.ANSWERED: new.answer.answered_at if new.answer else None,
            EmergencyStatus.ON_HOLD: at,
            EmergencyStatus.WITHDRAWN: at,
        }.get(new.status, new.decided_at) or at
        urgent = new.status is EmergencyStatus.ON_HOLD  # the platform must stop working on it
        if new.answer is not None:
            references["outcome"] = new.answer.outcome.value
    elif new.alerts > old.alerts:
        detail_type, occurred_at, recipients, urgent = EMERGENCY_REQUEST_UNACKNOWLEDGED, at, both, True
        references["alert"] = str(new.alerts)
    elif new.process_reminded_at is not None and old.process_reminded_at is None:
        detail_type, occurred_at, recipients = LEGAL_PROCESS_DUE, new.process_reminded_at, agency
    else:
        return None
    return request_news(new, detail_type, occurred_at, recipients, references, urgent=urgent)


def emergency_request_sent(old: EmergencyRequest | None, new: EmergencyRequest) -> Notification | None:
    """`Emergency Request`, urgent, to the platform alone, the moment a supervisor approves it:
    its 24/7 desk reads it, and calls back on the agency's registered line to verify it."""
    if old is None or old.sent or not new.sent or new.decided_at is None:
        return None
    references = {"emergency_id": new.request_id, "kind": new.emergency.kind.value}
    return request_news(new, EMERGENCY_REQUEST, new.decided_at, frozenset({new.platform}), references, urgent=True)
