"""Referrals between agencies: who may refer what to whom, and the state machine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.cases import Case, CaseStatus, visible_case
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.organisations import Organisation, check_receives
from chalicelib.domain.record_ids import parse_referral_id
from chalicelib.domain.rules import Field, Rule


class Priority(StrEnum):
    ROUTINE = "routine"
    PRIORITY = "priority"
    URGENT = "urgent"

    @property
    def default_response_window(self) -> timedelta:
        return _RESPONSE_WINDOWS[self]


_RESPONSE_WINDOWS = {
    Priority.ROUTINE: timedelta(days=14),
    Priority.PRIORITY: timedelta(days=3),
    Priority.URGENT: timedelta(hours=24),
}

#: The latest a referral may ask to be answered by.
MAX_RESPONSE_WINDOW = timedelta(days=90)


class ReferralStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ReferralAction(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    WITHDRAW = "withdraw"

    @property
    def outcome(self) -> ReferralStatus:
        return _OUTCOMES[self]

    @property
    def by_receiver(self) -> bool:
        """Accept and decline belong to the receiving agency; withdraw to the sender."""
        return self is not ReferralAction.WITHDRAW


_OUTCOMES = {
    ReferralAction.ACCEPT: ReferralStatus.ACCEPTED,
    ReferralAction.DECLINE: ReferralStatus.DECLINED,
    ReferralAction.WITHDRAW: ReferralStatus.WITHDRAWN,
}

# The referral's rules, declared once (`domain.rules`); `decide` says why one fails.
STATUS, FROM_ORG, TO_ORG, OVERDUE_AT = Field("status"), Field("from_org"), Field("to_org"), Field("overdue_at")


def may_decide(action: ReferralAction, org: str) -> Rule:
    """The state machine's guard: pending → `action.outcome`, by the right party only."""
    actor = TO_ORG if action.by_receiver else FROM_ORG
    return STATUS.equals(ReferralStatus.PENDING) & actor.equals(org)


#: A pending referral the scheduler has not yet found overdue (`Referral Overdue`, once).
UNANSWERED = STATUS.equals(ReferralStatus.PENDING) & OVERDUE_AT.absent()


@dataclass(frozen=True)
class Referral:
    referral_id: str
    case_id: str
    from_org: str
    to_org: str
    reason: str
    priority: Priority
    respond_by: datetime
    created_at: datetime
    created_by: str
    status: ReferralStatus = ReferralStatus.PENDING
    decided_at: datetime | None = None
    decided_by: str | None = None
    decline_reason: str | None = None
    #: When the scheduler found it still pending past `respond_by` (`Referral Overdue`).
    overdue_at: datetime | None = None
    #: The case's title and TLP marking as the stream handler last stamped them, so that
    #: list entries show them; reads of one referral take both fresh from the case.
    case_title: str | None = None
    case_tlp: str | None = None

    @property
    def withdraw_reason(self) -> str | None:
        """Why casebridge withdrew the referral, when it did (`withdraw_unreferable`)."""
        withdrawn = self.status is ReferralStatus.WITHDRAWN and self.decided_by == SYSTEM
        return UNREFERABLE if withdrawn else None

    def visible_to(self, org: str, case: Case) -> bool:
        """The two ends of a referral see it, and so does every participant of its case."""
        return org in (self.from_org, self.to_org) or case.visible_to(org)


def refer(case: Case | None, case_id: str, sender: str, to: Organisation) -> None:
    """Check that `sender` may refer the case to `to`, raising the reason if not."""
    case = visible_case(case, sender, case_id)
    check_receiver(to)
    if to.code == case.owner:
        raise Conflict(f"{to.code} owns this case")
    if to.code in case.participants:
        raise Conflict(f"{to.code} already participates in this case")
    if to.code in case.pending_referrals_to:
        raise Conflict(f"a referral of this case to {to.code} is already pending")
    check_referable(case)


def check_referable(case: Case) -> None:
    """Why the case may not reach another agency now, if it may not (`Case.referable`)."""
    if not case.tlp.may_leave_owner:
        raise Conflict(
            f"the case is marked TLP:{case.tlp}; re-mark it (for example TLP:AMBER) "
            "before referring it to another agency"
        )
    if case.status is CaseStatus.CLOSED:
        raise Conflict("the case is closed; reopen it before referring it")


def check_receiver(to: Organisation) -> None:
    """What can be checked before reading anything: only agencies receive referrals."""
    if not to.is_agency:
        raise Conflict(f"{to.code} is {to.described}: cases are referred to agencies only")
    check_receives(to, "a referral")


def visible_referral(referral: Referral | None, case: Case | None, org: str, referral_id: str) -> Referral:
    if referral is None or case is None or not referral.visible_to(org, case):
        raise NotFound(f"no referral {referral_id!r} is visible to you")
    return referral


@dataclass(frozen=True)
class Decision:
    """An accept, decline or withdraw as the request states it, before the store checks it."""

    referral_id: str
    case_id: str
    to_org: str
    action: ReferralAction
    org: str
    subject: str
    at: datetime
    decline_reason: str | None = None

    @classmethod
    def on(
        cls, referral_id: str, action: ReferralAction, org: str, subject: str, at: datetime, reason: str | None = None
    ) -> Decision:
        """`action` on the referral `referral_id`, whose case and receiver its id names (404 if
        it is no referral id)."""
        case_id, to_org = parse_referral_id(referral_id)
        return cls(referral_id, case_id, to_org, action, org, subject, at, reason)

    @property
    def status(self) -> ReferralStatus:
        return self.action.outcome

    @property
    def by_system(self) -> bool:
        """casebridge withdrawing a pending referral of a case that became unreferable."""
        return self.subject == SYSTEM


def decide(referral: Referral | None, case: Case | None, action: ReferralAction, org: str, *, referral_id: str) -> None:
    """The state machine: pending → accepted | declined | withdrawn, by the right party only."""
    referral = visible_referral(referral, case, org, referral_id)
    actor = referral.to_org if action.by_receiver else referral.from_org
    if org != actor:
        role = "receiving" if action.by_receiver else "sending"
        raise Conflict(f"only the {role} agency ({actor}) can {action} this referral")
    if referral.status is not ReferralStatus.PENDING:
        raise Conflict(f"the referral is {referral.status}; only a pending referral can be {action.outcome}")
    if action is ReferralAction.ACCEPT and case is not None and not case.referable:
        # The receiver is told no more than that: it may not see the case, so not why.
        raise Conflict(UNREFERABLE)


#: Why a pending referral ended, or cannot be accepted, after its case became unreferable.
UNREFERABLE = (
    "the referring agency re-marked or closed the case after referring it, so the referral can no longer be "
    "accepted; casebridge withdraws it"
)
#: Who decided a referral that casebridge itself withdrew.
SYSTEM = "casebridge"


def case_view(referral: Referral, case: Case, org: str) -> tuple[str | None, str | None]:
    """The case title and TLP marking `org` may read on a referral.

    Participants read the case as it is now; so does the receiver of a pending referral
    while the case may still reach it. Everyone else (a receiver that declined, or whose
    referral was withdrawn, or of a case re-marked or closed since) reads what was stamped
    on the referral while it could still receive the case: never a later title.
    """
    receiving = org == referral.to_org and referral.status is ReferralStatus.PENDING and case.referable
    if case.visible_to(org) or receiving:
        return case.title, case.tlp.value
    return referral.case_title, referral.case_tlp


def followed(case: Case) -> bool:
    """Whether the case may have a referral that follows it (takes its title and marking, or
    is withdrawn when it can no longer be accepted): a pending one, or an accepted one, whose
    receiver is then a participant. A case referred to nobody yet has none to read."""
    return bool(case.pending_referrals_to or case.participants - {case.owner})


def stamp_statuses(case: Case) -> tuple[ReferralStatus, ...]:
    """Which referrals of `case` may take its current title and marking: whose receiver may see them."""
    return (ReferralStatus.PENDING, ReferralStatus.ACCEPTED) if case.referable else (ReferralStatus.ACCEPTED,)
