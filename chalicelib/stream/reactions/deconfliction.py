"""Identifiers, hits and probe alerts on the stream: identifiers matched, checks counted, news described."""

from __future__ import annotations

from chalicelib.domain.deconfliction import HeldIdentifier, HitReason, HitRecord
from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import deconfliction as news
from chalicelib.domain.quotas import Answer, Probe, ProbeAlert
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def _reindexed(change: Change) -> bool:
    """The identifier was written again under the token it had: nothing to match anew."""
    return change.old is not None and change.new is not None and change.old.token == change.new.token


def match_identifier(change: Change, reactors: Reactors) -> None:
    """A new identifier (or one re-indexed under a new key) is matched again, now and a minute later."""
    if change.new is not None and not _reindexed(change):
        change.batch.identifiers.append((change.position, change.new))


def describe_identifier(change: Change, reactors: Reactors) -> Notification | None:
    """Adds and removals are news; a re-index is not."""
    if change.new is not None and change.old is not None:
        return None
    held: HeldIdentifier = change.new if change.new is not None else change.old
    # A removal happened when the stream saw it, not when the identifier was added.
    at = held.added_at if change.new is not None else change.at
    case = change.batch.case(held.case_id, reactors)
    return news.identifier_changed(held, case, at, removed=change.new is None) if case else None


def watch_probing(change: Change, reactors: Reactors) -> None:
    """A holder told of a check counts towards the checker's probing of it."""
    hit: HitRecord = change.new
    if change.created and hit.reason is HitReason.CHECKED:
        change.batch.answers.append((change.position, Answer(hit.org, hit.other_org, Probe.CHECKED, hit.at)))


def describe_hit(change: Change, reactors: Reactors) -> Notification | None:
    return news.hit_recorded(change.new) if change.created else None


def describe_alert(change: Change, reactors: Reactors) -> Notification | None:
    return news.probing_suspected(change.new) if change.created else None


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {
    HeldIdentifier: (match_identifier, describe_identifier),
    HitRecord: (watch_probing, describe_hit),
    ProbeAlert: (describe_alert,),
}
#: This area's kinds whose events name their case: read with the batch's (`Batch.read_cases`).
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset({HeldIdentifier})
