"""Tip events: a tip routed to an agency, and the agency's triage of it."""

from __future__ import annotations

from chalicelib.domain.notifications.common import Notification, news_to
from chalicelib.domain.tips import Tip, TipStatus

TIP_ROUTED = "Tip Routed"
TIP_PROMOTED = "Tip Promoted"
TIP_LINKED = "Tip Linked"
TIP_DISMISSED = "Tip Dismissed"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    TIP_ROUTED,
    TIP_PROMOTED,
    TIP_LINKED,
    TIP_DISMISSED,
)

_TRIAGE_OUTCOMES = {TipStatus.PROMOTED: TIP_PROMOTED, TipStatus.LINKED: TIP_LINKED, TipStatus.DISMISSED: TIP_DISMISSED}


def tip_changed(old: Tip | None, new: Tip) -> Notification | None:
    """`Tip Routed` (urgent when the platform escalated it) or its triage, to the agency it is with.

    The platform is not told: it reads its tips' status, and never which case a tip joined.
    """
    routed_to = new.routed_to
    if routed_to is None or (old is not None and old.status is new.status and old.routed_to == routed_to):
        return None
    organisations = {"platform": new.platform, "to": routed_to}
    if new.status is TipStatus.NEW:
        if new.rerouted_from:
            organisations["from"] = new.rerouted_from[-1]
        rule = new.route.rule if new.route else ""
        at = new.routed_at or new.received_at
        references = {"tip_id": new.tip_id, "rule": rule}
        return news_to(routed_to, TIP_ROUTED, at, organisations, references, urgent=new.escalate)
    if new.status not in _TRIAGE_OUTCOMES:
        return None
    at = new.decided_at or new.received_at
    references = {"tip_id": new.tip_id}
    return news_to(routed_to, _TRIAGE_OUTCOMES[new.status], at, organisations, references, case_id=new.case_id)
