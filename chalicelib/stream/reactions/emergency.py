"""Emergency requests on the stream: each step described, and an approved one sent to its platform."""

from __future__ import annotations

from chalicelib.domain.emergency import EmergencyRequest
from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import emergency as news
from chalicelib.stream.reactions.common import Change, Reaction, Reactors, describing


def alert_platform(change: Change, reactors: Reactors) -> Notification | None:
    """An approved emergency request is urgent news to its platform, in words of its own."""
    return news.emergency_request_sent(change.old, change.new) if change.new is not None else None


def mark_requesters(change: Change, reactors: Reactors) -> Notification | None:
    """Approved, it reached the platform: its officer and its approver have sent the platform
    a request, and the officer's emergency reached one more platform (the spray count)."""
    old, new = change.old, change.new
    if new is None or not new.sent or (old is not None and old.sent) or reactors.requesters is None:
        return None
    at = new.decided_at or change.at
    reactors.requesters.mark_sent(new.requested_by.person_id, new.platform, at, emergency=True)
    if new.approved_by is not None:
        reactors.requesters.mark_sent(new.approved_by.person_id, new.platform, at)
    return None


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {
    EmergencyRequest: (describing(news.emergency_request_changed), alert_platform, mark_requesters)
}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
