"""Reading the event feed: the caller's organisation's events, oldest first, from a position
or an event id, only as far as the watermark (`domain.feed`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chalicelib.domain.errors import NotFound
from chalicelib.domain.feed import FeedEntry, watermark
from chalicelib.services.context import Auditor, RequestContext

if TYPE_CHECKING:
    from chalicelib.services.ports import Feed


@dataclass(frozen=True)
class FeedPage:
    entries: Sequence[FeedEntry]
    #: Where to read after next: the last entry read, or the watermark when the feed was read to it.
    following: str


@dataclass
class FeedService:
    feed: Feed
    audit: Auditor

    def read(
        self, ctx: RequestContext, after: str | None, after_event: str | None, types: frozenset[str], limit: int
    ) -> FeedPage:
        """A page of the caller's feed after position `after`, or after event `after_event`,
        keeping only `types` (all when empty). The page's position moves past what it filtered out."""
        with self.audit.attempt(ctx, "events.list", after_event):
            if after_event is not None:
                after = self.feed.position_of(ctx.org, after_event)
                if after is None:
                    raise NotFound(f"no event {after_event!r} is in your feed (it keeps 30 days)")
        entries, following = self.feed.page(ctx.org, after, watermark(ctx.now), limit)
        kept = [entry for entry in entries if not types or entry.detail_type in types]
        self.audit.record(ctx.audit("events.list", reason=f"{len(kept)} events"))
        return FeedPage(kept, following)
