"""Legal requests on the stream: each step described."""

from __future__ import annotations

from chalicelib.domain.legal import LegalRequest
from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import legal as news
from chalicelib.stream.reactions.common import Change, Reaction, Reactors, describing


def mark_requester(change: Change, reactors: Reactors) -> Notification | None:
    """Served: its requester has sent the platform a request (`GET /v1/requesters/{id}`)."""
    new = change.new
    if change.old is None and new is not None and new.requester_id and reactors.requesters is not None:
        reactors.requesters.mark_sent(new.requester_id, new.platform, new.sent_at)
    return None


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {LegalRequest: (describing(news.legal_request_changed), mark_requester)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
