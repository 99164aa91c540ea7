"""Deconfliction events: identifiers added and removed, hits, and suspected probing."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.cases import Case
from chalicelib.domain.deconfliction import HeldIdentifier, HitRecord
from chalicelib.domain.notifications.common import Notification, case_news, instant, news_to
from chalicelib.domain.quotas import ProbeAlert

IDENTIFIER_ADDED = "Identifier Added"
IDENTIFIER_REMOVED = "Identifier Removed"
DECONFLICTION_HIT = "Deconfliction Hit"
DECONFLICTION_PROBING = "Deconfliction Probing"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    IDENTIFIER_ADDED,
    IDENTIFIER_REMOVED,
    DECONFLICTION_HIT,
    DECONFLICTION_PROBING,
)


def identifier_changed(held: HeldIdentifier, case: Case, at: datetime, *, removed: bool) -> Notification:
    """`Identifier Added` or `Removed`, to the case's participants: the id, never the value."""
    detail_type = IDENTIFIER_REMOVED if removed else IDENTIFIER_ADDED
    return case_news(case, detail_type, at, {"identifier_id": held.identifier_id}, by=held.added_by_org)


def hit_recorded(hit: HitRecord) -> Notification:
    """`Deconfliction Hit`, to the one organisation whose list it is in: whom to call, in the API."""
    references = {"hit_id": hit.hit_id, "reason": hit.reason.value}
    organisations = {"holder": hit.org, "other": hit.other_org}
    return news_to(hit.org, DECONFLICTION_HIT, hit.at, organisations, references, case_id=hit.case_id)


def probing_suspected(alert: ProbeAlert) -> Notification:
    """`Deconfliction Probing`, to the organisation whose data another's questions keep hitting.

    It says who, what kind of answer and how many this window, and where to read them.
    """
    references = {
        "alert_id": alert.alert_id,
        "kind": alert.kind,
        "window_start": instant(alert.window),
        "answers": str(alert.count),
    }
    organisations = {"holder": alert.org, "by": alert.by_org}
    return news_to(alert.org, DECONFLICTION_PROBING, alert.at, organisations, references, urgent=True)
