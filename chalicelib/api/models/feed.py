"""The event feed: the events an organisation was sent, as they went on the bus."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    Field,
    WithJsonSchema,
)

from chalicelib.api.models.common import SCHEMA_OF, Out


class EventDetail(Out):
    """An event's `detail`, as on the bus: references, never content. Which fields an event
    carries depends on its detail-type (`events/schemas/<detail-type>.json` says exactly)."""

    id: str = Field(description="De-duplicate on this: delivery is at least once")
    occurred_at: datetime
    case_id: str | None = None
    tlp: str | None = None
    urgent: bool | None = None
    kind: str | None = None
    reason: str | None = None
    priority: str | None = None
    outcome: str | None = None
    rule: str | None = None
    alert: str | None = None
    answers: str | None = None
    note_id: str | None = None
    referral_id: str | None = None
    identifier_id: str | None = None
    hit_id: str | None = None
    operation_id: str | None = None
    conflict_id: str | None = None
    alert_id: str | None = None
    tip_id: str | None = None
    preservation_id: str | None = None
    file_id: str | None = None
    request_id: str | None = None
    emergency_id: str | None = None
    window_start: datetime | None = None
    expires_at: datetime | None = None
    due_at: datetime | None = None
    nondisclosure_until: datetime | None = None
    organisations: dict[str, str]
    recipients: list[str]
    links: dict[str, str] = Field(description="Where to fetch what changed, through the API")


class FeedEvent(Out):
    """An event as it went on the bus: the same `id` and `detail`."""

    id: str
    detail_type: str
    occurred_at: datetime
    detail: Annotated[dict[str, Any], WithJsonSchema({SCHEMA_OF: "EventDetail"})]


class EventFeed(Out):
    items: list[FeedEvent]
    next_cursor: str = Field(
        description="Where to read after this page: pass it as `after` (always given: poll with it when the page is empty)"
    )
