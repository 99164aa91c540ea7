"""The event feed's entries in the one table: one item per event and recipient, spread over
`FEED_SHARDS` partitions per organisation so that a sweep (ten thousand tips routed to one
agency) never makes one partition hot.

Writing is BatchWriteItem, 25 items to a call, the calls at once, every entry stamped with
the time the batch's write began and its event's place in the batch (`domain.feed`: a call
that committed too late is written again under a fresh time). Reading a
page is one strongly consistent Query per shard, in parallel, merged by position.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from chalicelib.domain.feed import RETENTION, SLOW, Delivered, FeedEntry
from chalicelib.storage.dynamo import Table, parallel, translated
from chalicelib.storage.keys import FEED_SHARDS, HIGH, feed_entry_keys, feed_id_pk, feed_pk, instant
from chalicelib.storage.table import FeedEntryItem

#: Items of one BatchWriteItem (DynamoDB's limit).
BATCH_ITEMS = 25
#: Writes of one chunk before the stream gives the batch back.
ATTEMPTS = 3


@dataclass
class FeedRepository:
    table: Table
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def write(self, events: Sequence[Delivered]) -> None:
        """Each event into the feed of each of its recipients, in the order given: one time
        for the whole batch, then each event's place in it, so that a page keeps the batch's
        order (a referral created before it is accepted) across the chunks written in parallel."""
        began = self.clock()
        rows = [(org, place, event) for place, event in enumerate(events) for org in event.recipients]
        chunks = [rows[start : start + BATCH_ITEMS] for start in range(0, len(rows), BATCH_ITEMS)]
        parallel(lambda chunk: self._write_chunk(chunk, began), chunks)

    def _write_chunk(self, rows: list[tuple[str, int, Delivered]], began: datetime) -> None:
        for _ in range(ATTEMPTS):
            with translated(), FeedEntryItem.batch_write() as batch:
                for org, place, event in rows:
                    batch.save(_item(org, event, began, place))
            if self.clock() - began < SLOW:
                return
            began = self.clock()
        raise TimeoutError(f"feed writes kept taking {SLOW} or longer")

    def position_of(self, org: str, event_id: str) -> str | None:
        """Where an event stands in the organisation's feed (the newest entry of it), or None."""
        items, _ = self.table.page(
            FeedEntryItem.gsi1, feed_id_pk(org, event_id), None, 1, None, forward=False, consistent=None
        )
        return str(items[0].sk) if items and isinstance(items[0], FeedEntryItem) else None

    def page(self, org: str, after: str | None, through: datetime, limit: int) -> tuple[list[FeedEntry], str]:
        """Up to `limit` entries after position `after`, at most at `through`, oldest first; and
        the position to read after next (the last one read, or `through` when none is left)."""
        upper = instant(through) + "#" + HIGH

        def query(shard: int) -> list[FeedEntryItem]:
            condition = FeedEntryItem.sk > after if after else FeedEntryItem.sk <= upper
            with translated():
                found = FeedEntryItem.query(
                    feed_pk(org, shard), condition, consistent_read=True, limit=limit, page_size=limit
                )
                return [item for item in found if isinstance(item, FeedEntryItem) and item.sk <= upper]

        merged = sorted((item for found in parallel(query, list(range(FEED_SHARDS))) for item in found), key=_sk)
        taken = merged[:limit]
        following = str(taken[-1].sk) if len(taken) == limit else max(after or "", upper)
        return [_entry(item) for item in taken], following


def _sk(item: FeedEntryItem) -> str:
    return str(item.sk)


def _item(org: str, event: Delivered, began: datetime, place: int) -> FeedEntryItem:
    return FeedEntryItem(
        **feed_entry_keys(org, event.event_id, f"{instant(began)}#{place:05d}"),
        event_id=event.event_id,
        detail_type=event.detail_type,
        detail=json.dumps(event.detail, separators=(",", ":")),
        occurred_at=event.occurred_at,
        expires_at=began + RETENTION,
    )


def _entry(item: FeedEntryItem) -> FeedEntry:
    return FeedEntry(str(item.sk), item.event_id, item.detail_type, json.loads(item.detail), item.occurred_at)
