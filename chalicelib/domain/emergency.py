"""Emergency disclosure requests (18 U.S.C. 2702(b)(8), (c)(4)): an agency asks a platform to
disclose records at once because someone is in danger of death or serious injury.

Two people: one officer asks, another person of the same agency approves, and only then does
the platform see it, with both identities as the agency's identity provider asserted them
and the agency's 24/7 verification line from the registry. The platform acknowledges within
minutes and answers; a disclosure is followed by legal process, which the agency is reminded
of until a legal request names the emergency request.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain import cases, persons
from chalicelib.domain.cases import Case
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField, NotFound
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.legal import RecordCategory, in_declared_order
from chalicelib.domain.organisations import Organisation, Sending, addressed
from chalicelib.domain.people import Assurance, person_id
from chalicelib.domain.principal import Principal
from chalicelib.domain.rules import Field, Rule

MAX_ACCOUNTS = 20
MAX_TEXT = 4000
#: Files one answer may disclose (each a write of the answer's one transaction).
MAX_DISCLOSED = 40
#: How long a platform has to acknowledge, unless the stage says (`Settings.emergency_sla_minutes`).
DEFAULT_SLA = timedelta(minutes=15)
#: When, after a disclosure, the agency is reminded that legal process should follow
#: (`Settings.legal_process_due_hours`).
DEFAULT_PROCESS_DUE = timedelta(hours=48)


class EmergencyKind(StrEnum):
    OVERDOSE_RISK = "overdose_risk"
    MINOR_AT_RISK = "minor_at_risk"
    THREAT_TO_LIFE = "threat_to_life"
    KIDNAPPING = "kidnapping"
    OTHER = "other"


class EmergencyStatus(StrEnum):
    AWAITING_APPROVAL = "awaiting_approval"
    REJECTED = "rejected"
    #: Approved and so sent: on the platform's queue, not yet acknowledged.
    APPROVED = "approved"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    #: Its requester (who asked or approved it) was suspended or revoked while it was open: the
    #: platform may not act on it until the agency confirms it (back to `held_from`) or withdraws it.
    ON_HOLD = "on_hold"
    WITHDRAWN = "withdrawn"


class Disclosure(StrEnum):
    DISCLOSED = "disclosed"
    PARTIALLY_DISCLOSED = "partially_disclosed"
    DECLINED = "declined"


#: Where a request stands on the platform's 24/7 queue: unacknowledged first (`EmergencyStatus`
#: order), oldest first within each.
QUEUE_RANK = {
    EmergencyStatus.APPROVED: "1",
    EmergencyStatus.ACKNOWLEDGED: "2",
    EmergencyStatus.ANSWERED: "3",
    # Stored sort keys: a held request waits with the acknowledged ones, a withdrawn one is closed.
    EmergencyStatus.ON_HOLD: "2",
    EmergencyStatus.WITHDRAWN: "3",
}


@dataclass(frozen=True)
class Officer:
    """A person as their agency's identity provider asserted them: issuer, `sub` and name."""

    issuer: str
    subject: str
    name: str | None = None

    @classmethod
    def of(cls, principal: Principal) -> Officer:
        return cls(principal.issuer, principal.subject, principal.name)

    @property
    def person(self) -> tuple[str, str]:
        """Who the officer is, as persons are compared (`domain.persons`)."""
        return persons.person(self.issuer, self.subject)

    @property
    def person_id(self) -> str:
        """The officer's id among the persons of the registry (`domain.people.person_id`)."""
        return person_id(self.issuer, self.subject)


@dataclass(frozen=True)
class Emergency:
    """The statute's test, each question answered: what danger, why it cannot wait, what is
    needed and how it helps."""

    kind: EmergencyKind
    description: str
    why_without_delay: str
    categories: tuple[RecordCategory, ...]
    data_detail: str
    how_it_helps: str


@dataclass(frozen=True)
class EmergencyAnswer:
    outcome: Disclosure
    answered_at: datetime
    answered_by: str
    reason: str | None = None
    file_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EmergencyRequest:
    request_id: str
    case_id: str
    org: str
    platform: str
    accounts: tuple[Identifier, ...]
    emergency: Emergency
    requested_by: Officer
    requested_at: datetime
    status: EmergencyStatus = EmergencyStatus.AWAITING_APPROVAL
    approved_by: Officer | None = None
    #: When the supervisor approved it (and it reached the platform), or rejected it and why.
    decided_at: datetime | None = None
    rejected_because: str | None = None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    answer: EmergencyAnswer | None = None
    #: How many unacknowledged alerts went out (the timers carry which one they are).
    alerts: int = 0
    #: When legal process is expected after a disclosure; when the agency was reminded of it;
    #: the legal request that followed.
    process_due_at: datetime | None = None
    process_reminded_at: datetime | None = None
    followed_by: str | None = None
    version: int = 1
    #: How strongly the officer who asked, and the supervisor who approved, had signed in.
    requester_assurance: Assurance | None = None
    approver_assurance: Assurance | None = None
    #: While on hold, the status it had: what a confirmation gives back.
    held_from: EmergencyStatus | None = None

    @property
    def outcome(self) -> Disclosure | None:
        return self.answer.outcome if self.answer is not None else None

    @property
    def sent(self) -> bool:
        """Approved: the platform sees it."""
        return self.status not in (EmergencyStatus.AWAITING_APPROVAL, EmergencyStatus.REJECTED)

    def visible_to(self, org: Organisation, case: Case | None) -> bool:
        """The case's participants always; the platform once it is approved."""
        if not org.is_agency:
            return self.platform == org.code and self.sent
        return case is not None and case.visible_to(org.code)


def ask(sending: Sending, officer: Officer, accounts: tuple[Identifier, ...], emergency: Emergency) -> EmergencyRequest:
    """The request `officer` (the sending person, as their identity provider named them) asks,
    awaiting a second person's approval."""
    platform = sending.recipient("an emergency request", "emergency requests go to platforms")
    if not emergency.categories:
        raise InvalidField("emergency.data_needed.categories", "name at least one category of records")
    return EmergencyRequest(
        request_id=sending.request_id,
        case_id=sending.case_id,
        org=sending.org,
        platform=platform.code,
        accounts=accounts,
        emergency=replace(emergency, categories=in_declared_order(emergency.categories)),
        requested_by=officer,
        requested_at=sending.at,
    )


def visible_request(
    found: EmergencyRequest | None, case: Case | None, org: Organisation, request_id: str
) -> EmergencyRequest:
    if found is None or not found.visible_to(org, case):
        raise NotFound(f"no emergency request {request_id!r} is visible to you")
    return found


# The request's rules, declared once (`domain.rules`); the functions below say why one fails.
STATUS, PLATFORM, ALERTS = Field("status"), Field("platform"), Field("alerts")
#: A supervisor decides it once.
UNDECIDED: Rule = STATUS.equals(EmergencyStatus.AWAITING_APPROVAL)
#: Sent and not yet acknowledged or answered: what the unacknowledged alerts are about.
UNACKNOWLEDGED: Rule = STATUS.equals(EmergencyStatus.APPROVED)
OPEN: Rule = STATUS.is_in((EmergencyStatus.APPROVED, EmergencyStatus.ACKNOWLEDGED))
#: Held because its requester was suspended or revoked: the platform waits for the agency.
HELD: Rule = STATUS.equals(EmergencyStatus.ON_HOLD)
#: After a disclosure, legal process not yet named and the agency not yet reminded.
PROCESS_UNREMINDED: Rule = (
    STATUS.equals(EmergencyStatus.ANSWERED) & Field("followed_by").absent() & Field("process_reminded_at").absent()
)


def may_acknowledge(platform: str) -> Rule:
    return PLATFORM.equals(platform) & UNACKNOWLEDGED


def may_answer(platform: str) -> Rule:
    return PLATFORM.equals(platform) & OPEN


def may_settle(org: str) -> Rule:
    """The requesting agency confirms or withdraws a held request (`confirm`, `withdraw`)."""
    return Field("org").equals(org) & HELD


def unacknowledged_alert(n: int) -> Rule:
    """The `n`th alert is still news: the request is unacknowledged, and fewer than `n` went
    out (a scheduler that was down fires the first and the second in one run)."""
    return UNACKNOWLEDGED & ALERTS.is_in(range(n))


def followable(case_id: str, org: str, platform: str) -> Rule:
    """What a legal request may follow: a disclosure its own agency asked for on its case, by
    its platform, followed by no other request. Another agency's would show the platform two
    requesters working one matter together."""
    disclosed = Field("outcome").is_in((Disclosure.DISCLOSED, Disclosure.PARTIALLY_DISCLOSED))
    ours = Field("case_id").equals(case_id) & Field("org").equals(org) & PLATFORM.equals(platform)
    return ours & disclosed & Field("followed_by").absent()


def decide(
    found: EmergencyRequest, case: Case, approver: Principal, at: datetime, rejected_because: str | None
) -> EmergencyRequest:
    """A second person of the requesting agency approves (or rejects) it, once; an approval
    sends it to the platform, so the case must still be open and marked to reach one
    (`cases.may_reach_platform`, which the store checks again at commit time)."""
    if found.org != approver.org_code:
        raise Forbidden(f"only a supervisor of {found.org}, which asked, may decide this request")
    # As a person reads them: `Agent.DEA@example.gov` and `\u0430gent.dea@example.gov` (a Cyrillic a)
    # are the officer `agent.dea@example.gov`, not a second person.
    if approver.person == found.requested_by.person:
        raise Forbidden("a second person approves an emergency request: not the officer who asked")
    if not UNDECIDED.holds(found):
        raise Conflict(f"the request is already {found.status}")
    if rejected_because is None:
        cases.check_reaches_platform(case, "approve an emergency request on")
    if rejected_because is not None:
        return replace(
            found,
            status=EmergencyStatus.REJECTED,
            approved_by=None,
            decided_at=at,
            rejected_because=rejected_because,
            version=found.version + 1,
        )
    return replace(
        found,
        status=EmergencyStatus.APPROVED,
        approved_by=Officer.of(approver),
        decided_at=at,
        version=found.version + 1,
    )


def requested_by(found: EmergencyRequest, person_id: str) -> bool:
    """`person_id` asked for the request or approved it: it stands on their word."""
    approver = found.approved_by.person_id if found.approved_by is not None else None
    return person_id in (found.requested_by.person_id, approver)


def hold(found: EmergencyRequest) -> EmergencyRequest | None:
    """Its requester was suspended or revoked: an open request goes on hold, remembering where
    it stood; anything else (undecided, answered, already held) is left as it is (None)."""
    if not OPEN.holds(found):
        return None
    return replace(found, status=EmergencyStatus.ON_HOLD, held_from=found.status, version=found.version + 1)


def _settled_by(found: EmergencyRequest, by: Principal, what: str) -> EmergencyRequest:
    """Why `may_settle(by's organisation)` does not hold, if it does not."""
    if found.org != by.org_code:
        raise Forbidden(f"only a supervisor of {found.org}, which asked, may {what} this request")
    if not HELD.holds(found):
        raise Conflict(f"the request is {found.status}, not on hold: there is nothing to {what}")
    return found


def confirm(found: EmergencyRequest, by: Principal) -> EmergencyRequest:
    """The agency stands by a held request: back to where it stood, for the platform to act on."""
    found = _settled_by(found, by, "confirm")
    assert found.held_from is not None
    return replace(found, status=found.held_from, held_from=None, version=found.version + 1)


def withdraw(found: EmergencyRequest, by: Principal) -> EmergencyRequest:
    """The agency withdraws a held request: the platform need not answer it."""
    found = _settled_by(found, by, "withdraw")
    return replace(found, status=EmergencyStatus.WITHDRAWN, held_from=None, version=found.version + 1)


def _on_hold(found: EmergencyRequest) -> None:
    if HELD.holds(found):
        raise Conflict("the request is on hold: its requester was suspended; its agency must confirm or withdraw it")


def _addressed(found: EmergencyRequest | None, org: Organisation, request_id: str) -> EmergencyRequest:
    """Addressed to the platform once approved: until then, the platform does not know of it."""
    return addressed(found if found is not None and found.sent else None, org, "emergency request", request_id)


def acknowledge(
    found: EmergencyRequest | None, org: Organisation, request_id: str, by: str, at: datetime
) -> EmergencyRequest:
    """Why `may_acknowledge(org)` does not hold, if it does not; the request acknowledged."""
    found = _addressed(found, org, request_id)
    _on_hold(found)
    if not UNACKNOWLEDGED.holds(found):
        raise Conflict(f"the request is already {found.status}")
    return replace(
        found, status=EmergencyStatus.ACKNOWLEDGED, acknowledged_at=at, acknowledged_by=by, version=found.version + 1
    )


def answer(
    found: EmergencyRequest | None, org: Organisation, request_id: str, given: EmergencyAnswer, process_due: timedelta
) -> EmergencyRequest:
    """Why `may_answer(org)` does not hold, if it does not; the request answered. A decline or
    a partial disclosure says why; a disclosure sets when legal process is due."""
    found = _addressed(found, org, request_id)
    _on_hold(found)
    if not OPEN.holds(found):
        raise Conflict(f"the request is {found.status}: it cannot be answered")
    if given.outcome is not Disclosure.DISCLOSED and not given.reason:
        raise InvalidField("reason", f"a {given.outcome.replace('_', ' ')} request says why")
    if given.outcome is Disclosure.DECLINED and given.file_ids:
        raise InvalidField("file_ids", "a declined request discloses no files")
    due = given.answered_at + process_due if given.outcome is not Disclosure.DECLINED else None
    return replace(found, status=EmergencyStatus.ANSWERED, answer=given, process_due_at=due, version=found.version + 1)


def attachable(found: EmergencyRequest | None, org: Organisation, request_id: str) -> EmergencyRequest:
    """The platform adds files to disclose while the request is open."""
    found = _addressed(found, org, request_id)
    _on_hold(found)
    if not OPEN.holds(found):
        raise Conflict(f"the request is {found.status}: it takes no more files")
    return found
