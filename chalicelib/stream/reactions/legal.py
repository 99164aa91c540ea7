"""Legal requests on the stream: each step described."""

from __future__ import annotations

from chalicelib.domain.legal import LegalRequest
from chalicelib.domain.notifications import legal as news
from chalicelib.stream.reactions.common import Reaction, describing

#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {LegalRequest: (describing(news.legal_request_changed),)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
