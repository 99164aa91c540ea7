"""Evidence files on the stream: a checked, scanned or moved file described, to whom it concerns."""

from __future__ import annotations

from chalicelib.domain.files import EvidenceFile
from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import files as news
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def describe_file(change: Change, reactors: Reactors) -> Notification | None:
    """A file's bytes were checked or scanned, or it joined a case: the news, to whom it concerns."""
    file: EvidenceFile | None = change.new
    if file is None or change.old is None:
        return None
    if file.case_id is not None:
        case = change.batch.case(file.case_id, reactors)
        return news.file_checked(change.old, file, change.at, case) if case else None
    tip = reactors.tips.tips.get_tip(file.tip_id) if file.tip_id else None
    return news.file_checked(change.old, file, change.at, None, tip.routed_to if tip else None)


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {EvidenceFile: (describe_file,)}
#: This area's kinds whose events name their case: read with the batch's (`Batch.read_cases`).
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset({EvidenceFile})
