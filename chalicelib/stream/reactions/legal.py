"""Legal requests on the stream: each step described."""

from __future__ import annotations

from chalicelib.domain.legal import LegalRequest
from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import legal as news
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def describe_legal_request(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None:
        return None
    return news.legal_request_changed(change.old, change.new, change.at)


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {LegalRequest: (describe_legal_request,)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
