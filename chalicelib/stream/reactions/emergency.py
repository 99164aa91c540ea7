"""Emergency requests on the stream: each step described, and an approved one sent to its platform."""

from __future__ import annotations

from chalicelib.domain.emergency import EmergencyRequest
from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import emergency as news
from chalicelib.stream.reactions.common import Change, Reaction, Reactors, describing


def alert_platform(change: Change, reactors: Reactors) -> Notification | None:
    """An approved emergency request is urgent news to its platform, in words of its own."""
    return news.emergency_request_sent(change.old, change.new) if change.new is not None else None


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {
    EmergencyRequest: (describing(news.emergency_request_changed), alert_platform)
}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
