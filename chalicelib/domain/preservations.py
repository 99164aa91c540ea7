"""Preservation requests (18 U.S.C. 2703(f)): an agency asks a platform to preserve records.

The platform must preserve for 90 days, and the period can be extended once by another 90
on request. casebridge keeps the clock: it warns both sides 14 days before the end, and
again when the period has run out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.cases import Case, Contact
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.organisations import Organisation, Sending, addressed
from chalicelib.domain.rules import Field, Rule

PRESERVATION_PERIOD = timedelta(days=90)
EXTENSION = timedelta(days=90)
WARNING = timedelta(days=14)
MAX_ACCOUNTS = 50


class PreservationStatus(StrEnum):
    REQUESTED = "requested"
    ACKNOWLEDGED = "acknowledged"
    EXPIRED = "expired"
    #: Legal process that named it was answered: the records were handed over.
    FULFILLED = "fulfilled"


@dataclass(frozen=True)
class Preservation:
    preservation_id: str
    case_id: str
    org: str
    platform: str
    accounts: tuple[Identifier, ...]
    contact: Contact
    requested_at: datetime
    requested_by: str
    expires_at: datetime
    extended: bool = False
    status: PreservationStatus = PreservationStatus.REQUESTED
    platform_reference: str | None = None
    acknowledged_at: datetime | None = None
    #: The expiry the 14-day warning was sent for, so it goes out once per period.
    warned_for: datetime | None = None
    #: Legal process that names it (`legal.LegalRequest.preservation_id`).
    legal_request_ids: tuple[str, ...] = ()
    version: int = 1

    @property
    def warn_at(self) -> datetime:
        return self.expires_at - WARNING

    def visible_to(self, org: Organisation, case: Case | None) -> bool:
        """The platform it is addressed to, and the participants of its case."""
        if not org.is_agency:
            return self.platform == org.code
        return case is not None and case.visible_to(org.code)


def request(sending: Sending, accounts: tuple[Identifier, ...], contact: Contact) -> Preservation:
    """A request to the platform, running 90 days from when it is sent."""
    platform = sending.recipient("a preservation request", "preservation requests go to platforms")
    return Preservation(
        preservation_id=sending.request_id,
        case_id=sending.case_id,
        org=sending.org,
        platform=platform.code,
        accounts=accounts,
        contact=contact,
        requested_at=sending.at,
        requested_by=sending.subject,
        expires_at=sending.at + PRESERVATION_PERIOD,
    )


def visible_preservation(
    found: Preservation | None, case: Case | None, org: Organisation, preservation_id: str
) -> Preservation:
    if found is None or not found.visible_to(org, case):
        raise NotFound(f"no preservation request {preservation_id!r} is visible to you")
    return found


# The request's rules, declared once (`domain.rules`); `acknowledge` says why one fails.
STATUS, PLATFORM = Field("status"), Field("platform")
EXPIRES_AT, WARNED_FOR = Field("expires_at"), Field("warned_for")


def may_acknowledge(platform: str) -> Rule:
    """Only the platform it is addressed to, and only once, while it runs."""
    return PLATFORM.equals(platform) & STATUS.equals(PreservationStatus.REQUESTED)


#: A preservation still running: neither expired nor fulfilled.
RUNNING: Rule = STATUS.is_in((PreservationStatus.REQUESTED, PreservationStatus.ACKNOWLEDGED))


def running_until(expiry: datetime) -> Rule:
    """The period a timer was set for still runs: not extended since, not expired or fulfilled."""
    return EXPIRES_AT.equals(expiry) & RUNNING


def followed_by(case_id: str, org: str, platform: str) -> Rule:
    """A preservation legal process may name: one its own agency sent, of its case, on its
    platform, still running. Another agency's would show the platform two requesters
    working one matter together."""
    return Field("case_id").equals(case_id) & Field("org").equals(org) & PLATFORM.equals(platform) & RUNNING


def check_followed(
    found: Preservation | None, case_id: str, org: str, platform: str, preservation_id: str
) -> Preservation:
    """Why `followed_by` does not hold, if it does not: another agency's preservation is
    answered as an absent one."""
    if found is None or (found.case_id, found.org, found.platform) != (case_id, org, platform):
        raise Conflict(
            f"preservation_id {preservation_id!r} is not a preservation request {org} sent on this case to {platform}"
        )
    if not RUNNING.holds(found):
        raise Conflict(f"the preservation is {found.status}: legal process follows a running preservation")
    return found


def unwarned_for(expiry: datetime) -> Rule:
    """The 14-day warning goes out once per period."""
    return running_until(expiry) & (WARNED_FOR.absent() | ~WARNED_FOR.equals(expiry))


def acknowledge(found: Preservation | None, org: Organisation, preservation_id: str) -> None:
    """Why `may_acknowledge(org)` does not hold, if it does not."""
    found = addressed(found, org, "preservation request", preservation_id)
    if found.status is not PreservationStatus.REQUESTED:
        raise Conflict(f"the request is already {found.status}")


def extend(found: Preservation, org: str, at: datetime) -> Preservation:
    """One extension of 90 days, asked for by the agency that sent the request (2703(f)(2): a
    renewed request of the same governmental entity) before the period runs out."""
    if found.org != org:
        raise Forbidden(f"only {found.org}, which sent it, may extend this preservation request")
    if found.extended:
        raise Conflict("the preservation was already extended once; 2703(f) allows one extension")
    if found.status is PreservationStatus.FULFILLED:
        raise Conflict("the preservation was fulfilled: the legal process that followed it was answered")
    if found.status is PreservationStatus.EXPIRED or found.expires_at <= at:
        raise Conflict("the preservation period has ended; send a new request")
    return replace(found, expires_at=found.expires_at + EXTENSION, extended=True, version=found.version + 1)
