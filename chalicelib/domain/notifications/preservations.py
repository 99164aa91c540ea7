"""Preservation events: each step of a preservation request."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.notifications.common import Notification, instant, request_news
from chalicelib.domain.preservations import Preservation, PreservationStatus

PRESERVATION_REQUESTED = "Preservation Requested"
PRESERVATION_ACKNOWLEDGED = "Preservation Acknowledged"
PRESERVATION_EXTENDED = "Preservation Extended"
PRESERVATION_EXPIRING = "Preservation Expiring"
PRESERVATION_EXPIRED = "Preservation Expired"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    PRESERVATION_REQUESTED,
    PRESERVATION_ACKNOWLEDGED,
    PRESERVATION_EXTENDED,
    PRESERVATION_EXPIRING,
    PRESERVATION_EXPIRED,
)


def preservation_changed(old: Preservation | None, new: Preservation, at: datetime) -> Notification | None:
    """Each step of a preservation request, to the requesting agency and the platform.

    No case id: the platform's copy must not name the case; agencies read it from the request.
    """
    if old is None:
        detail_type, occurred_at = PRESERVATION_REQUESTED, new.requested_at
    elif old.status is not new.status and new.status is PreservationStatus.ACKNOWLEDGED:
        detail_type, occurred_at = PRESERVATION_ACKNOWLEDGED, new.acknowledged_at or at
    elif old.status is not new.status and new.status is PreservationStatus.EXPIRED:
        detail_type, occurred_at = PRESERVATION_EXPIRED, new.expires_at
    elif old.expires_at != new.expires_at:
        detail_type, occurred_at = PRESERVATION_EXTENDED, at
    elif old.warned_for != new.warned_for:
        detail_type, occurred_at = PRESERVATION_EXPIRING, at
    else:
        return None
    references = {"preservation_id": new.preservation_id, "expires_at": instant(new.expires_at)}
    return request_news(new, detail_type, occurred_at, frozenset({new.org, new.platform}), references)
