"""Watched conflicts on the stream: each step and each alert described."""

from __future__ import annotations

from chalicelib.domain.notifications import watch as news
from chalicelib.domain.watch import WatchedConflict
from chalicelib.stream.reactions.common import Reaction, describing

#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {WatchedConflict: (describing(news.watched_conflict_changed),)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
