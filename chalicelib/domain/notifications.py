"""Which notification a change produces and who receives it: references, never content."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chalicelib.domain.cases import Case, CaseStatus, Note
from chalicelib.domain.referrals import Referral, ReferralStatus

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

DETAIL_TYPES = (
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
    case_id: str
    occurred_at: datetime
    recipients: frozenset[str]
    tlp: str
    organisations: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)

    def detail(self, event_id: str) -> dict[str, Any]:
        """The `detail` put on the bus: what happened and where to fetch it."""
        links = {"case": f"/v1/cases/{self.case_id}"}
        if "referral_id" in self.references:
            links["referral"] = f"/v1/referrals/{self.references['referral_id']}"
        if "note_id" in self.references:
            links["notes"] = f"/v1/cases/{self.case_id}/notes"
        return {
            "id": event_id,
            "occurred_at": self.occurred_at.isoformat().replace("+00:00", "Z"),
            "case_id": self.case_id,
            **self.references,
            "tlp": self.tlp,
            "organisations": self.organisations,
            "recipients": sorted(self.recipients),
            "links": links,
        }


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
        tlp=case.tlp,
        organisations={"owner": case.owner, "from": new.from_org, "to": new.to_org},
        references={"referral_id": new.referral_id, "priority": new.priority},
    )
