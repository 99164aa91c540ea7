"""Each organisation's persons on the stream: each change described, to the organisation."""

from __future__ import annotations

from chalicelib.domain.notifications import people as news
from chalicelib.domain.people import Person
from chalicelib.stream.reactions.common import Reaction, describing

#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {Person: (describing(news.person_changed),)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
