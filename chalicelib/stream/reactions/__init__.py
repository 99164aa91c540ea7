"""What each kind of change on the table's stream sets off: the table of reactions.

A stream record is one item's change, decoded into its domain record (`Change`). Its kind
(the record's type) names a row of `REACTIONS`; each reaction in the row is a small
function run in order: it projects (refreshes what copies the record), reconciles or routes
(the work casebridge does after a write commits), keeps (the audit archive), or describes
(says which event the change makes, through `domain.notifications`). Each reaction that
describes makes one event; a change may be news to different organisations in different
words (an approved emergency request: urgent to the platform, an approval to the agency),
so a row may hold several. Adding a kind of record is adding a row, in its area's module
(`stream/reactions/<area>.py`, over `common.py`: `Change`, `Reactors`, `Batch`); this module
puts the areas' rows together, a kind's rows from several areas one after the other: the
figures area (`figures.py`) ends the row of each kind a family of figures counts
(`domain.figures.families`). Reads and work that are the same for many records of a batch
are done together, at the batch's start or end (`Batch`).

What happens when a tip lands on the stream: the row `Tip` (`stream/reactions/tips.py`)
routes a new tip to its agency (`route_new_tip`: with the batch's other new tips, at its
end; the routing is the next change of the tip, and the news), brings the files of a tip
promoted or linked to its case (`carry_files`), and describes every later change of it
(`describe_tip`).

Nothing here depends on the order of records of different items: a batch's tips are
routed as a set, projections carry the case's version (an older image never overwrites a
newer one), hits and conflicts are written once whichever side comes first. So Lambda
may run several batches of a shard at once (`ParallelizationFactor`), which keeps the
order of each item's own records only.
"""

from __future__ import annotations

from chalicelib.domain.notifications import Notification
from chalicelib.stream.reactions import (
    audit,
    cases,
    deconfliction,
    emergency,
    figures,
    files,
    legal,
    operations,
    organisations,
    people,
    preservations,
    referrals,
    tips,
    watch,
)
from chalicelib.stream.reactions.common import Batch, Change, Reaction, Reactors, case_id_of

__all__ = ["AREAS", "DESCRIBED_WITH_THEIR_CASE", "REACTIONS", "Batch", "Change", "Reactors", "cases_of", "react"]

#: Every area whose records set something off on the stream.
AREAS = (
    audit,
    cases,
    referrals,
    deconfliction,
    operations,
    tips,
    preservations,
    files,
    legal,
    emergency,
    organisations,
    people,
    watch,
    figures,
)

#: Each kind of record, and what its changes set off, in order: the rows of every area that
#: reacts to it, in `AREAS`' order (figures, which count what the others did, last).
REACTIONS: dict[type, tuple[Reaction, ...]] = {}
for _area in AREAS:
    for _kind, _row in _area.REACTIONS.items():
        REACTIONS[_kind] = REACTIONS.get(_kind, ()) + _row

#: The kinds of record whose events name their case's participants and title: their cases
#: are read together at the batch's start (`Batch.read_cases`).
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset().union(*(area.DESCRIBED_WITH_THEIR_CASE for area in AREAS))


def react(change: Change, reactors: Reactors) -> list[Notification]:
    """Run the change's row; the events it makes, in the row's order."""
    return [found for reaction in REACTIONS.get(change.kind, ()) if (found := reaction(change, reactors))]


def cases_of(changes: list[Change]) -> list[str]:
    """The cases the changes are described with: to read at the batch's start, at once."""
    return [
        case_id
        for change in changes
        if change.kind in DESCRIBED_WITH_THEIR_CASE and (case_id := case_id_of(change)) is not None
    ]
