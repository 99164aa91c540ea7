"""Persons' events: a person of an organisation registered, verified, changed, suspended,
revoked or reinstated, to that organisation alone (its administrators' integration)."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.notifications.common import Notification, news_to
from chalicelib.domain.people import SEEDED, FraudReport, Person, PersonStatus, stopped

PERSON_REGISTERED = "Person Registered"
PERSON_VERIFIED = "Person Verified"
PERSON_CHANGED = "Person Changed"
PERSON_SUSPENDED = "Person Suspended"
PERSON_REVOKED = "Person Revoked"
PERSON_REINSTATED = "Person Reinstated"
#: To the requester's organisation and the operator: a platform reported a request as fraudulent.
REQUESTER_REPORTED = "Requester Reported"
#: To each platform the person sent a request: they may no longer act (suspended or revoked).
REQUESTER_SUSPENDED = "Requester Suspended"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    PERSON_REGISTERED,
    PERSON_VERIFIED,
    PERSON_CHANGED,
    PERSON_SUSPENDED,
    PERSON_REVOKED,
    PERSON_REINSTATED,
    REQUESTER_SUSPENDED,
    REQUESTER_REPORTED,
)

#: The status a change leads to, and its event.
_BY_STATUS = {
    PersonStatus.ACTIVE: PERSON_VERIFIED,
    PersonStatus.SUSPENDED: PERSON_SUSPENDED,
    PersonStatus.REVOKED: PERSON_REVOKED,
    PersonStatus.PENDING: PERSON_REINSTATED,
}


def person_changed(old: Person | None, new: Person, at: datetime) -> Notification | None:
    """Each change of a person, to their organisation: who (their id) and where they stand now.
    The seed's persons (the local stack's and the tests') are nobody's news."""
    if old is None:
        if new.registered_by == SEEDED:
            return None
        detail_type = PERSON_REGISTERED
    elif old.status is not new.status:
        detail_type = _BY_STATUS[new.status]
    elif old.verified_at != new.verified_at:
        detail_type = PERSON_VERIFIED
    else:
        detail_type = PERSON_CHANGED
    return news_to(
        new.org,
        detail_type,
        at,
        {"organisation": new.org},
        {"person_id": new.person_id, "status": new.status.value},
    )


#: The statuses in which a person's requests are no longer backed by their agency.


def requester_stopped(old: Person | None, new: Person, platforms: frozenset[str], at: datetime) -> Notification | None:
    """A person suspended or revoked, to every platform they sent a request (`platforms`), at
    once: urgent, as the platform may be answering one of their requests right now."""
    if old is None or not stopped(old, new) or not platforms:
        return None
    references = {"requester_id": new.person_id, "status": new.status.value}
    return news_to(platforms, REQUESTER_SUSPENDED, at, {"requester": new.org}, references, urgent=True)


def fraud_reported(report: FraudReport, operator: str, at: datetime) -> Notification:
    """A platform's report of a fraudulent request, urgent, to the requester's organisation
    (its administrators decide whether to suspend them) and the operator: who, and which request."""
    request = "emergency_id" if report.request_id.startswith("emer_") else "request_id"
    organisations = {"requester": report.org, "platform": report.platform, "operator": operator}
    references = {"person_id": report.person_id, request: report.request_id}
    return news_to(frozenset({report.org, operator}), REQUESTER_REPORTED, at, organisations, references, urgent=True)
