"""Operations and conflicts on the stream: a moved operation reconciled against its cells, and described."""

from __future__ import annotations

from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import operations as news
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def _moved(change: Change) -> bool:
    """An operation changed (not the stream's echo of the same version)."""
    return change.new is not None and (change.old is None or change.old.version != change.new.version)


def reconcile_operation(change: Change, reactors: Reactors) -> None:
    if _moved(change):
        change.batch.operations.append((change.position, change.new))


def describe_operation(change: Change, reactors: Reactors) -> Notification | None:
    if not _moved(change):
        return None
    case = change.batch.case(change.new.case_id, reactors)
    return news.operation_changed(change.old, change.new, case) if case else None


def describe_conflict(change: Change, reactors: Reactors) -> Notification | None:
    return news.conflict_recorded(change.new) if change.created else None


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {
    Operation: (reconcile_operation, describe_operation),
    ConflictRecord: (describe_conflict,),
}
#: This area's kinds whose events name their case: read with the batch's (`Batch.read_cases`).
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset({Operation})
