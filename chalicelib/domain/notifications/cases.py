"""Case and note events: a case opened, changed, closed or reopened; a note added."""

from __future__ import annotations

from chalicelib.domain.cases import Case, CaseStatus, Note
from chalicelib.domain.notifications.common import Notification, case_news

CASE_OPENED = "Case Opened"
CASE_UPDATED = "Case Updated"
CASE_CLOSED = "Case Closed"
CASE_REOPENED = "Case Reopened"
NOTE_ADDED = "Note Added"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    CASE_OPENED,
    CASE_UPDATED,
    CASE_CLOSED,
    CASE_REOPENED,
    NOTE_ADDED,
)

#: Case fields whose change is a `Case Updated`; participants changing is a referral's news.
_CONTENT_FIELDS = ("title", "summary", "substances", "platforms", "jurisdiction", "contact", "tlp")


def case_changed(old: Case | None, new: Case) -> Notification | None:
    """`Case Opened`, `Closed`, `Reopened` or `Updated`, to every participant; or nothing."""
    if old is None:
        detail_type = CASE_OPENED
    elif old.status != new.status:
        detail_type = CASE_CLOSED if new.status is CaseStatus.CLOSED else CASE_REOPENED
    elif any(getattr(old, name) != getattr(new, name) for name in _CONTENT_FIELDS):
        detail_type = CASE_UPDATED
    else:
        return None
    return case_news(new, detail_type, new.updated_at)


def note_added(note: Note, case: Case) -> Notification:
    return case_news(case, NOTE_ADDED, note.created_at, {"note_id": note.note_id}, author=note.author_org)
