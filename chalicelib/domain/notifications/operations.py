"""Operation events: planned, changed, cancelled, and conflicts between operations."""

from __future__ import annotations

from chalicelib.domain.cases import Case
from chalicelib.domain.notifications.common import Notification, case_news, news_to
from chalicelib.domain.operations import ConflictRecord, Operation

OPERATION_PLANNED = "Operation Planned"
OPERATION_CHANGED = "Operation Changed"
OPERATION_CANCELLED = "Operation Cancelled"
OPERATION_CONFLICT = "Operation Conflict"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    OPERATION_PLANNED,
    OPERATION_CHANGED,
    OPERATION_CANCELLED,
    OPERATION_CONFLICT,
)


def operation_changed(old: Operation | None, new: Operation, case: Case) -> Notification | None:
    """`Operation Planned`, `Changed` or `Cancelled`, to the case's participants."""
    if old is None:
        detail_type = OPERATION_PLANNED
    elif old.version == new.version:
        return None
    elif not new.active:
        detail_type = OPERATION_CANCELLED
    else:
        detail_type = OPERATION_CHANGED
    return case_news(case, detail_type, new.updated_at, {"operation_id": new.operation_id}, planner=new.org)


def conflict_recorded(conflict: ConflictRecord) -> Notification:
    """`Operation Conflict`, urgent, to the one organisation whose list it is in."""
    references = {"conflict_id": conflict.conflict_id, "operation_id": conflict.operation_id}
    organisations = {"planner": conflict.org, "other": conflict.other_org}
    return news_to(
        conflict.org, OPERATION_CONFLICT, conflict.at, organisations, references, case_id=conflict.case_id, urgent=True
    )
