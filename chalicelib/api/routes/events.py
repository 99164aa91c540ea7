"""The event feed over HTTPS: every event the caller's organisation received, oldest first,
kept 30 days, for integrators who cannot read an SQS queue and for catching up after an outage."""

from __future__ import annotations

import re

from chalice.app import Blueprint, Response

from chalicelib import wiring
from chalicelib.api import models
from chalicelib.api.problems import ValidationFailed
from chalicelib.api.routes.organisations import REGISTRY_ADMIN
from chalicelib.api.routing import Call, endpoint, json_response
from chalicelib.domain.notifications import DETAIL_TYPES

events = Blueprint(__name__)

#: A feed position: `<instant>#<place>#<event id>`, or an instant closed with `#~` (the watermark).
_POSITION = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z#(\d{5}#evt_[0-9A-HJKMNP-TV-Z]{26}|~)")
_EVENT_ID = re.compile(r"evt_[0-9A-HJKMNP-TV-Z]{26}")


@endpoint(
    events,
    "GET",
    "/v1/events",
    scope="cases:read",
    platform_scope=("tips:submit", "preservations:respond", "legal:respond"),
    operator_scope=REGISTRY_ADMIN,
    watch_scope="conflicts:watch",
    response=models.EventFeed,
    errors=(400, 401, 403, 404),
    query=("after", "types", "limit"),
)
def read_events(call: Call) -> Response:
    """Every event your organisation received, oldest first (kept 30 days): the same id and detail as on the bus."""
    after, after_event = _after(call)
    page = wiring.feed_service().read(call.ctx, after, after_event, _types(call.query("types")), call.limit())
    items = [
        models.FeedEvent(id=e.event_id, detail_type=e.detail_type, occurred_at=e.occurred_at, detail=e.detail)
        for e in page.entries
    ]
    following = call.next_cursor({"position": page.following})
    assert following is not None  # a position always encodes: the feed always answers where to go on
    return json_response(models.EventFeed(items=items, next_cursor=following))


def _after(call: Call) -> tuple[str | None, str | None]:
    """A position (from a cursor) or an event id; 400 for anything else.

    The cursor is signed like every list's (`api.cursors`) and bound to the caller's
    organisation and the feed, not to `types`: a position is one in the whole feed. An
    edited one is a 400, never a read from a position the feed did not answer.
    """
    raw = call.query("after")
    if raw is not None and _EVENT_ID.fullmatch(raw):
        return None, raw
    key = call.start_key(parameter="after")
    if key is None:
        return None, None
    position = key.get("position")
    if not isinstance(position, str) or not _POSITION.fullmatch(position):
        raise ValidationFailed(
            "after must be a next_cursor of the feed or an event id", [{"field": "after", "message": "cursor or evt_…"}]
        )
    return position, None


def _types(raw: str | None) -> frozenset[str]:
    if not raw:
        return frozenset()
    wanted = frozenset(name.strip() for name in raw.split(","))
    unknown = sorted(wanted - set(DETAIL_TYPES))
    if unknown:
        raise ValidationFailed(
            f"unknown detail-types: {', '.join(unknown)}",
            [{"field": "types", "message": "detail-types, comma-separated"}],
        )
    return wanted
