"""Preservation requests on the stream: each step described."""

from __future__ import annotations

from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import preservations as news
from chalicelib.domain.preservations import Preservation
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def describe_preservation(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None:
        return None
    return news.preservation_changed(change.old, change.new, change.at)


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {Preservation: (describe_preservation,)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
