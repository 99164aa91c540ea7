"""Routes for the watch center's conflicts: the watch floor's list (also as GeoJSON), reading
one, and each step of its life: own, hand over, notify (the center); confirm contact, agree
to an outcome, ask for and concur with an exigent waiver (the operations' agencies)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib import wiring
from chalicelib.api import models, render
from chalicelib.api.problems import ValidationFailed
from chalicelib.api.routing import Call, Resource, json_response
from chalicelib.domain.watch import ConflictState, WatchedConflict

conflicts = Blueprint(__name__)
_conflict = Resource(conflicts, "/v1/conflicts/{conflict_id}", shown=models.WatchedConflictOut)

#: A watch center's staff; an agency's officers; an agency's commanders, for a waiver.
_WATCH = "conflicts:watch"
_AGENCY = "cases:write"
_WAIVE = "deconfliction:waive"
GEOJSON = "application/geo+json"


def _answer(call: Call, found: WatchedConflict) -> Response:
    return json_response(render.watched_conflict(found, call.ctx.org))


@_conflict.lists(models.WatchedConflictList, query=("state", "starts_before", "limit", "cursor"), watch_scope=_WATCH)
def list_watched_conflicts(call: Call) -> Response:
    """List your watch center's unresolved conflicts, the most urgent (earliest start) first; `?state=` those in one
    state, `?starts_before=` those starting before it. `Accept: application/geo+json` answers a GeoJSON
    FeatureCollection, a feature per operation, for a map."""
    state = _state(call.query("state"))
    starts_before = _instant(call.query("starts_before"))
    filters = f"{state.value if state else ''}|{call.query('starts_before') or ''}"
    page = wiring.watch_service().watch_list(call.ctx, state, starts_before, call.limit(), call.start_key(filters))
    if GEOJSON in (call.request.headers.get("accept") or ""):
        cursor = call.next_cursor(page.last_key, filters)
        body = {"type": "FeatureCollection", "features": _features(page.items), "next_cursor": cursor}
        headers: dict[str, str | list[str]] = {"Content-Type": GEOJSON, "Cache-Control": "no-store"}
        return Response(body=json.dumps(body), status_code=200, headers=headers)
    return call.listed(
        models.WatchedConflictList, page, lambda found: render.watched_conflict(found, call.ctx.org), filters
    )


@_conflict.reads(scope="cases:read", watch_scope=_WATCH)
def read_watched_conflict(call: Call, conflict_id: str) -> Response:
    """Read a conflict: its centers and its two agencies (never a case; 404 for anyone else)."""
    return _answer(call, wiring.watch_service().read(call.ctx, conflict_id))


@_conflict.changes("own", models.Empty, watch_scope=_WATCH)
def own_conflict(call: Call, conflict_id: str) -> Response:
    """Take a conflict for yourself (a person of its owning center); a second taker gets 409."""
    return _answer(call, wiring.watch_service().own(call.ctx, conflict_id))


@_conflict.changes("handover", models.HandOver, watch_scope=_WATCH)
def hand_over_conflict(call: Call, conflict_id: str) -> Response:
    """Hand an owned conflict to another active person of the center; recorded in its history."""
    body: models.HandOver = call.body
    return _answer(call, wiring.watch_service().hand_over(call.ctx, conflict_id, body.to))


@_conflict.changes("notify", models.Empty, watch_scope=_WATCH)
def notify_conflict(call: Call, conflict_id: str) -> Response:
    """Notify both officers of each other; each agency learns who owns its conflict (the owning center)."""
    return _answer(call, wiring.watch_service().notify(call.ctx, conflict_id))


@_conflict.changes("contact", models.Empty, scope=_AGENCY)
def confirm_conflict_contact(call: Call, conflict_id: str) -> Response:
    """Confirm that your officer made contact with the other side (the operation's agency)."""
    return _answer(call, wiring.watch_service().confirm_contact(call.ctx, conflict_id))


@_conflict.changes("resolve", models.ResolveConflict, scope=_AGENCY, watch_scope=_WATCH)
def resolve_conflict(call: Call, conflict_id: str) -> Response:
    """Resolve a conflict with an outcome and a note: the owning center, or both agencies agreeing to the same
    outcome."""
    body: models.ResolveConflict = call.body
    return _answer(call, wiring.watch_service().resolve(call.ctx, conflict_id, body.outcome, body.note))


@_conflict.changes("waiver", models.AskWaiver, scope=_AGENCY)
def ask_conflict_waiver(call: Call, conflict_id: str) -> Response:
    """Ask to proceed with a conflict unresolved in exigent circumstances; a commander of your agency concurs."""
    body: models.AskWaiver = call.body
    return _answer(call, wiring.watch_service().ask_waiver(call.ctx, conflict_id, body.reason))


@_conflict.changes("waiver/concur", models.Empty, scope=_WAIVE)
def concur_conflict_waiver(call: Call, conflict_id: str) -> Response:
    """Concur with your agency's exigent waiver (a second person, with `deconfliction:waive`); the center and the
    other agency are told at once."""
    return _answer(call, wiring.watch_service().concur(call.ctx, conflict_id))


def _state(raw: str | None) -> ConflictState | None:
    if raw is None:
        return None
    try:
        return ConflictState(raw)
    except ValueError:
        allowed = ", ".join(state.value for state in ConflictState)
        raise ValidationFailed(f"state must be one of {allowed}", [{"field": "state", "message": allowed}]) from None


def _instant(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    found: datetime | None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        # In UTC, as the index's keys are; a day from the calendar's ends has no UTC instant.
        found = parsed.astimezone(UTC) if parsed.tzinfo is not None else None
    except (ValueError, OverflowError):
        found = None
    if found is None:
        message = "an RFC 3339 instant with its offset"
        raise ValidationFailed(f"starts_before must be {message}", [{"field": "starts_before", "message": message}])
    return found


def _features(items: list[WatchedConflict]) -> list[dict[str, Any]]:
    """A point per operation (its centre; `radius_m` for the circle), with the conflict's state."""
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [side.location.lon, side.location.lat]},
            "properties": {
                "conflict_id": found.conflict_id,
                "state": found.state.value,
                "side": name,
                "org": side.org,
                "kind": side.kind.value,
                "radius_m": side.location.radius_m,
                "starts_at": side.starts_at.isoformat(),
                "ends_at": side.ends_at.isoformat(),
                "center": found.center,
            },
        }
        for found in items
        for name, side in (("first", found.first), ("second", found.second))
    ]
