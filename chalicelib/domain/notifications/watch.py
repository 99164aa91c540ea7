"""Watch center events: each step of a watched conflict's life, its alerts and its waivers.

Every step goes to both agencies and the conflict's centers, with the times the watch floor's
figures are counted from (`detected_at`, `owned_at`, `contact_confirmed_at`, `resolved_at`,
`outcome`): references and times, never a case, an operation id or a note.
"""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.notifications.common import Notification, instant, news_to
from chalicelib.domain.watch import WatchedConflict

CONFLICT_OPENED = "Conflict Opened"
CONFLICT_OWNED = "Conflict Owned"
CONFLICT_HANDED_OVER = "Conflict Handed Over"
CONFLICT_NOTIFIED = "Conflict Notified"
CONFLICT_CONTACT_CONFIRMED = "Conflict Contact Confirmed"
CONFLICT_OUTCOME_AGREED = "Conflict Outcome Agreed"
CONFLICT_RESOLVED = "Conflict Resolved"
CONFLICT_MOVED = "Conflict Moved"
CONFLICT_CLEARED = "Conflict Cleared"
CONFLICT_WAIVER_ASKED = "Conflict Waiver Asked"
CONFLICT_WAIVED = "Conflict Waived"
CONFLICT_UNOWNED = "Conflict Unowned"
CONFLICT_CONTACT_OVERDUE = "Conflict Contact Overdue"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    CONFLICT_OPENED,
    CONFLICT_OWNED,
    CONFLICT_HANDED_OVER,
    CONFLICT_NOTIFIED,
    CONFLICT_CONTACT_CONFIRMED,
    CONFLICT_OUTCOME_AGREED,
    CONFLICT_RESOLVED,
    CONFLICT_MOVED,
    CONFLICT_CLEARED,
    CONFLICT_WAIVER_ASKED,
    CONFLICT_WAIVED,
    CONFLICT_UNOWNED,
    CONFLICT_CONTACT_OVERDUE,
)

#: The step a change of version records (its history's last line), and the event it makes.
_STEPS = {
    "opened": CONFLICT_OPENED,
    "owned": CONFLICT_OWNED,
    "handed_over": CONFLICT_HANDED_OVER,
    "notified": CONFLICT_NOTIFIED,
    "contact_confirmed": CONFLICT_CONTACT_CONFIRMED,
    "agreed": CONFLICT_OUTCOME_AGREED,
    "resolved": CONFLICT_RESOLVED,
    "moved": CONFLICT_MOVED,
    "cleared": CONFLICT_CLEARED,
    "waiver_asked": CONFLICT_WAIVER_ASKED,
    "waived": CONFLICT_WAIVED,
}
#: Officer safety: what must page someone at once.
_URGENT = frozenset(
    {CONFLICT_OPENED, CONFLICT_WAIVER_ASKED, CONFLICT_WAIVED, CONFLICT_UNOWNED, CONFLICT_CONTACT_OVERDUE}
)


def watched_conflict_changed(old: WatchedConflict | None, new: WatchedConflict, at: datetime) -> Notification | None:
    """The step the change made, to both agencies and the centers; an alert the timers fired:
    `Conflict Unowned` to the centers (for their supervisors), `Conflict Contact Overdue` to all."""
    recipients = frozenset({*new.orgs, *new.centers})
    references: dict[str, str] = {}
    if old is None or old.version != new.version:
        last = new.history[-1]
        detail_type = _STEPS[last.step]
        occurred_at = datetime.fromisoformat(last.at.replace("Z", "+00:00"))
        references["step_by"] = last.org or "casebridge"
    elif new.unowned_alerts > old.unowned_alerts:
        detail_type, occurred_at = CONFLICT_UNOWNED, at
        recipients = frozenset(new.centers)
        references |= {"alert": str(new.unowned_alerts), "audience": "supervisors"}
    elif new.contact_overdue_for is not None and old.contact_overdue_for is None:
        detail_type, occurred_at = CONFLICT_CONTACT_OVERDUE, at
    else:
        return None
    references |= _times(new)
    organisations = {"center": new.center, "first": new.first.org, "second": new.second.org}
    if new.seen_by:
        organisations["seen_by"] = new.seen_by
    return news_to(recipients, detail_type, occurred_at, organisations, references, urgent=detail_type in _URGENT)


def _times(conflict: WatchedConflict) -> dict[str, str]:
    """The conflict's id and state, and the times its figures are counted from."""
    found = {
        "watched_conflict_id": conflict.conflict_id,
        "state": conflict.state.value,
        "detected_at": instant(conflict.detected_at),
        "starts_at": instant(conflict.starts_at),
    }
    times = {
        "owned_at": conflict.owned_at,
        "contact_confirmed_at": conflict.contact_confirmed_at,
        "resolved_at": conflict.resolved_at,
    }
    found |= {name: instant(value) for name, value in times.items() if value is not None}
    for side_name, side in (("first", conflict.first), ("second", conflict.second)):
        if side.contact_confirmed_at is not None:
            found[f"{side_name}_contact_confirmed_at"] = instant(side.contact_confirmed_at)
    if conflict.outcome is not None:
        found["outcome"] = conflict.outcome.value
    if conflict.waiver is not None:
        found["waiver_by"] = conflict.waiver.org
    return found
