"""Cases and notes on the stream: case lists are projected, changes described."""

from __future__ import annotations

from chalicelib.domain.cases import Case, Note
from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import cases as news
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def project_case(change: Change, reactors: Reactors) -> None:
    """Case lists and referral boxes show a projection of the case: from the batch's newest
    image of it, at the batch's end."""
    case: Case | None = change.new
    if case is not None:
        first, newest = change.batch.changed_cases.get(case.case_id, (change.position, change))
        change.batch.changed_cases[case.case_id] = (first, change if case.version >= newest.new.version else newest)


def describe_case(change: Change, reactors: Reactors) -> Notification | None:
    return news.case_changed(change.old, change.new) if change.new is not None else None


def describe_note(change: Change, reactors: Reactors) -> Notification | None:
    if not change.created:
        return None
    case = change.batch.case(change.new.case_id, reactors)
    return news.note_added(change.new, case) if case else None


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {Case: (project_case, describe_case), Note: (describe_note,)}
#: This area's kinds whose events name their case: read with the batch's (`Batch.read_cases`).
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset({Note})
