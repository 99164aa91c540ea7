"""Referrals on the stream: each step described (the stream's own stamps are no news)."""

from __future__ import annotations

from chalicelib.domain.notifications import Notification
from chalicelib.domain.notifications import referrals as news
from chalicelib.domain.referrals import Referral
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def describe_referral(change: Change, reactors: Reactors) -> Notification | None:
    earlier, referral = change.old, change.new
    if referral is None:
        return None
    if earlier is not None and earlier.status is referral.status and earlier.overdue_at == referral.overdue_at:
        return None  # the stream's own stamp of title and marking: no news
    case = change.batch.case(referral.case_id, reactors)
    return news.referral_changed(earlier, referral, case) if case else None


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {Referral: (describe_referral,)}
#: This area's kinds whose events name their case: read with the batch's (`Batch.read_cases`).
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset({Referral})
