"""Referral events: a case referred, the receiver's answer, the sender's withdrawal, a referral overdue."""

from __future__ import annotations

from chalicelib.domain.cases import Case, Tlp
from chalicelib.domain.notifications.common import Notification
from chalicelib.domain.referrals import Referral, ReferralStatus, case_view

REFERRAL_CREATED = "Referral Created"
REFERRAL_ACCEPTED = "Referral Accepted"
REFERRAL_DECLINED = "Referral Declined"
REFERRAL_WITHDRAWN = "Referral Withdrawn"
REFERRAL_OVERDUE = "Referral Overdue"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    REFERRAL_CREATED,
    REFERRAL_ACCEPTED,
    REFERRAL_DECLINED,
    REFERRAL_WITHDRAWN,
    REFERRAL_OVERDUE,
)

_REFERRAL_OUTCOMES = {
    ReferralStatus.ACCEPTED: REFERRAL_ACCEPTED,
    ReferralStatus.DECLINED: REFERRAL_DECLINED,
    ReferralStatus.WITHDRAWN: REFERRAL_WITHDRAWN,
}


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
