"""The organisation registry on the stream: each step described, to the operator and the
organisation; a refused proposal, to the operator."""

from __future__ import annotations

from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import organisations as news
from chalicelib.domain.organisations import Organisation
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def describe_organisation(change: Change, reactors: Reactors) -> Notification | None:
    """Each step, and a proposal's removal (its refusal)."""
    return news.organisation_changed(change.old, change.new, reactors.operator, change.at)


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {Organisation: (describe_organisation,)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
