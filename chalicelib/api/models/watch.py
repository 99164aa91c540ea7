"""The watch center's conflicts: what a center and the two agencies see of one, and its steps."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from chalicelib.api.models.common import Contact, Out, Reason, Strict
from chalicelib.api.models.operations import LocationOut
from chalicelib.domain.operations import OperationKind
from chalicelib.domain.watch import ConflictOutcome, ConflictState, Step, Waiver

#: What an agency is not shown of the other side's operation: who to call, and nothing else.
_CENTERS_ONLY = "Shown to the centers and to this side's agency; null to the other agency"


class ConflictSideOut(Out):
    """One side: its agency, operation kind, place, window and on-scene contact; never its case."""

    org: str
    kind: OperationKind | None = Field(description=_CENTERS_ONLY)
    location: LocationOut | None = Field(description=_CENTERS_ONLY)
    starts_at: datetime | None = Field(description=_CENTERS_ONLY)
    ends_at: datetime | None = Field(description=_CENTERS_ONLY)
    contact: Contact
    notified_at: datetime | None
    contact_confirmed_at: datetime | None
    agreed: ConflictOutcome | None = Field(description="The outcome this side's agency agreed to")
    agreed_note: str | None = Field(description="What this side's agency wrote when it agreed: the other reads it")


class WaiverOut(Out, shows=Waiver, hides=("asked_by", "concurred_by")):
    # Always present (null until a second person concurs); by name, never by person id.
    concurred_by_name: str | None
    concurred_at: datetime | None


class ConflictStepOut(Out, shows=Step, hides=("by",)):
    detail: str  # always present, empty when there is none


class WatchedConflictOut(Out):
    conflict_id: str
    state: ConflictState
    center: str = Field(description="The watch center that owns the watch of it")
    seen_by: str | None = Field(description="The other watch center serving a side, which sees it")
    first: ConflictSideOut
    second: ConflictSideOut
    detected_at: datetime
    starts_at: datetime = Field(description="The earlier start of the two operations")
    owned_by: str | None = Field(description="The person of the center who owns it")
    owned_by_name: str | None
    owned_at: datetime | None
    outcome: ConflictOutcome | None
    note: str | None
    resolved_at: datetime | None
    resolved_by_org: str | None
    waiver: WaiverOut | None
    unowned_alerts: int
    history: list[ConflictStepOut]
    version: int


class WatchedConflictList(Out):
    items: list[WatchedConflictOut]
    next_cursor: str | None


class HandOver(Strict):
    to: Annotated[str, Field(min_length=30, max_length=30, description="The person_id of the center's person")]


class ResolveConflict(Strict):
    outcome: ConflictOutcome
    note: Reason


class AskWaiver(Strict):
    reason: Reason = Field(description="The exigent circumstance")
