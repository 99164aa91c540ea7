"""Legal process events: each step of a legal request, and its nondisclosure order's end."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.legal import LegalRequest, LegalStatus
from chalicelib.domain.notifications.common import Notification, instant, request_news

LEGAL_REQUEST_SENT = "Legal Request Sent"
LEGAL_REQUEST_ACKNOWLEDGED = "Legal Request Acknowledged"
LEGAL_REQUEST_ANSWERED = "Legal Request Answered"
LEGAL_REQUEST_WITHDRAWN = "Legal Request Withdrawn"
LEGAL_REQUEST_OVERDUE = "Legal Request Overdue"
NONDISCLOSURE_ENDING = "Nondisclosure Ending"
NONDISCLOSURE_ENDED = "Nondisclosure Ended"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    LEGAL_REQUEST_SENT,
    LEGAL_REQUEST_ACKNOWLEDGED,
    LEGAL_REQUEST_ANSWERED,
    LEGAL_REQUEST_WITHDRAWN,
    LEGAL_REQUEST_OVERDUE,
    NONDISCLOSURE_ENDING,
    NONDISCLOSURE_ENDED,
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
        references["due_at"] = instant(new.due_at)
    elif new.nondisclosure_until and old.nondisclosure_warned_for != new.nondisclosure_warned_for:
        # The agency's alone: time to seek an extension, which the platform need not know of.
        detail_type, occurred_at = NONDISCLOSURE_ENDING, at
        references["nondisclosure_until"] = instant(new.nondisclosure_until)
        recipients = frozenset({new.org})
    elif new.nondisclosure_until and old.nondisclosure_ended_for != new.nondisclosure_ended_for:
        detail_type, occurred_at = NONDISCLOSURE_ENDED, new.nondisclosure_until
        references["nondisclosure_until"] = instant(new.nondisclosure_until)
    else:
        return None
    return request_news(new, detail_type, occurred_at, recipients, references)
