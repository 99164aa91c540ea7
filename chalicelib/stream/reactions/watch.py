"""Watched conflicts on the stream: each step and each alert described, and each alert copied
to the centers' lists (a step writes its entries itself; a timer's alert sets the conflict alone)."""

from __future__ import annotations

from chalicelib.domain.notifications import watch as news
from chalicelib.domain.watch import WatchedConflict
from chalicelib.stream.reactions.common import Change, Reaction, Reactors, describing


def copy_alerts(change: Change, reactors: Reactors) -> None:
    """A conflict a timer alerted on (its version unchanged): its entries, at the batch's end."""
    old, new = change.old, change.new
    if old is None or new is None or old.version != new.version:
        return
    if (old.unowned_alerts, old.contact_overdue_for) != (new.unowned_alerts, new.contact_overdue_for):
        change.batch.alerted.append((change.position, new))


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {
    WatchedConflict: (describing(news.watched_conflict_changed), copy_alerts),
}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
