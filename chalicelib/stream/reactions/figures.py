"""Figures: every change of a kind some family counts leaves its facts for the batch's end,
where they are counted together (`Batch.finish`, `services.figures.FigureService.count`)."""

from __future__ import annotations

from chalicelib.domain.figures.families import BY_KIND
from chalicelib.domain.notifications import Notification
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def count_figures(change: Change, reactors: Reactors) -> Notification | None:
    """The change's facts (`domain.figures.families`), for the batch to count at its end."""
    if reactors.figures is not None:
        change.batch.figures += [(change.position, fact) for fact in reactors.figures.facts_of(change.old, change.new)]
    return None


#: Each kind some family counts: its row ends with counting (the areas' rows run first).
REACTIONS: dict[type, tuple[Reaction, ...]] = {kind: (count_figures,) for kind in BY_KIND}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
