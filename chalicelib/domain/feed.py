"""The event feed: every event an organisation is a recipient of, oldest first, for 30 days,
read over HTTPS (`GET /v1/events`) by whoever cannot read a queue, and to catch up or replay.

An entry's position is the time its batch's write began, its place in that batch, then its
event id: `<instant>#<place>#<event id>`, so that a batch's events keep their order. The
stream writes entries in batches processed in parallel, so a position can commit after
a later one. A reader is therefore served only positions older than `SETTLE` (the
watermark), and a writer whose write took `SLOW` or longer writes the entry again under a
fresh position: every event has one entry that committed within `SLOW` of its position, so
a cursor never passes an event it has not served. The price is a repeat, under the same
event id, after a slow write: consumers de-duplicate on the id (delivery is at least once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

#: How long the feed keeps an event (DynamoDB's TTL removes it after).
RETENTION = timedelta(days=30)
#: How far behind the present a reader is served: positions newer than this may still be
#: committing in a parallel batch.
SETTLE = timedelta(seconds=5)
#: A write that took this long is done again under a fresh position (well inside `SETTLE`,
#: leaving room for the clocks of the writer and the reader to differ).
SLOW = timedelta(seconds=2)


@dataclass(frozen=True)
class Delivered:
    """An event as it went on the bus: what each of its recipients' feeds stores."""

    detail_type: str
    detail: dict[str, Any]

    @property
    def event_id(self) -> str:
        return str(self.detail["id"])

    @property
    def recipients(self) -> list[str]:
        return list(self.detail["recipients"])

    @property
    def occurred_at(self) -> datetime:
        return datetime.fromisoformat(str(self.detail["occurred_at"]).replace("Z", "+00:00"))


@dataclass(frozen=True)
class FeedEntry:
    """An event as its recipient's feed holds it: where it stands, and the event as on the bus."""

    position: str
    event_id: str
    detail_type: str
    detail: dict[str, Any]
    occurred_at: datetime


def watermark(now: datetime) -> datetime:
    """The newest instant a reader is served at `now`."""
    return now - SETTLE
