"""Tips on the stream: a new tip routed, a promoted or linked tip's files carried to its case, news described."""

from __future__ import annotations

from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import tips as news
from chalicelib.domain.tips import Tip
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def route_new_tip(change: Change, reactors: Reactors) -> None:
    """A new tip is routed: its routing is the tip's next change, and the news."""
    if change.created:
        change.batch.tips.append((change.position, change.new))


def carry_files(change: Change, reactors: Reactors) -> None:
    """A tip promoted to or linked with a case brings its files along."""
    old, new = change.old, change.new
    if reactors.files is not None and old is not None and new is not None and new.case_id and old.case_id is None:
        reactors.files.carry_from_tip(new, change.at)


def describe_tip(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None or change.old is None:
        return None
    return news.tip_changed(change.old, change.new)


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {Tip: (route_new_tip, carry_files, describe_tip)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
