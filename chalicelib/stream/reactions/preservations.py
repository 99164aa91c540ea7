"""Preservation requests on the stream: each step described."""

from __future__ import annotations

from chalicelib.domain.notifications import preservations as news
from chalicelib.domain.preservations import Preservation
from chalicelib.stream.reactions.common import Reaction, describing

#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {Preservation: (describing(news.preservation_changed),)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
