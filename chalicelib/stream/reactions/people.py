"""Each organisation's persons on the stream: each change described, to the organisation; a
suspension or revocation, to every platform the person sent a request; a platform's fraud
report, to the requester's organisation and the operator."""

from __future__ import annotations

from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import people as news
from chalicelib.domain.people import FraudReport, Person, stopped
from chalicelib.stream.reactions.common import Change, Reaction, Reactors, describing


def tell_platforms(change: Change, reactors: Reactors) -> Notification | None:
    """`Requester Suspended` to the platforms the person sent requests (one Query of theirs)."""
    old, new = change.old, change.new
    if new is None or old is None or old.status is new.status or reactors.requesters is None:
        return None
    platforms = frozenset(reactors.requesters.platforms_sent_to(new.person_id))
    return news.requester_stopped(old, new, platforms, change.at)


def hold_requests(change: Change, reactors: Reactors) -> Notification | None:
    """A person suspended or revoked: their organisation's open emergency requests that they
    asked for or approved go on hold (each a change of its own, which tells its platform)."""
    old, new = change.old, change.new
    if new is None or old is None or reactors.emergencies is None or not stopped(old, new):
        return None
    reactors.emergencies.hold_requests_of(new.person_id, new.org)
    return None


def describe_report(change: Change, reactors: Reactors) -> Notification | None:
    """A new fraud report, to the requester's organisation and the operator."""
    if change.old is not None or change.new is None:
        return None
    return news.fraud_reported(change.new, reactors.operator, change.at)


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {
    Person: (describing(news.person_changed), tell_platforms, hold_requests),
    FraudReport: (describe_report,),
}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
