"""Emergency disclosure requests: asked by an officer, approved by a supervisor, answered by a platform."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
)

from chalicelib.api.models.common import TEXT, IdentifierValue, OrgCode, Out, PreservedAccountIn, Reason, Strict, clean
from chalicelib.api.models.people import RequesterOut
from chalicelib.domain import emergency
from chalicelib.domain.emergency import Disclosure, EmergencyAnswer, EmergencyKind, EmergencyStatus, Officer
from chalicelib.domain.legal import RecordCategory
from chalicelib.domain.people import Assurance

EmergencyText = Annotated[
    str, Field(min_length=1, max_length=emergency.MAX_TEXT, json_schema_extra=TEXT), AfterValidator(clean)
]


class DataNeededIn(Strict):
    categories: Annotated[list[RecordCategory], Field(min_length=1, max_length=3)]
    detail: EmergencyText = Field(description="Exactly which records, for which period")


class EmergencyIn(Strict):
    """The statute's test (18 U.S.C. 2702(b)(8)), every question answered."""

    kind: EmergencyKind
    description: EmergencyText = Field(description="The danger of death or serious physical injury")
    why_without_delay: EmergencyText = Field(description="Why it cannot wait for legal process")
    data_needed: DataNeededIn
    how_it_helps: EmergencyText = Field(description="How the records would help avert the danger")


class EmergencyRequestCreate(Strict):
    platform: OrgCode
    accounts: Annotated[list[PreservedAccountIn], Field(min_length=1, max_length=emergency.MAX_ACCOUNTS)]
    emergency: EmergencyIn


class RejectEmergencyRequest(Strict):
    reason: Reason


class AnswerEmergencyRequest(Strict):
    outcome: Disclosure
    reason: Reason | None = Field(
        default=None, description="Why it was declined, or what was not disclosed and why (not with `disclosed`)"
    )
    file_ids: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=emergency.MAX_DISCLOSED)] = Field(
        default_factory=list,
        description="The disclosure: files you uploaded to this request (POST …/files), available; "
        "they join the case with the answer",
    )


class OfficerOut(Out, shows=Officer):
    """A person as their agency's identity provider asserted them (the token's `iss`, `sub`, `name`)."""

    name: str | None  # always present, null when the token named nobody


class DataNeededOut(Out):
    categories: list[RecordCategory]
    detail: str


class EmergencyOut(Out):
    kind: EmergencyKind
    description: str
    why_without_delay: str
    data_needed: DataNeededOut
    how_it_helps: str


class EmergencyAnswerOut(Out, shows=EmergencyAnswer, hides=("answered_by",)):
    # What the record says otherwise: always present (null when unset), and a list.
    reason: str | None
    file_ids: list[str]


class EmergencyRequestOut(Out):
    """The request as its platform's 24/7 desk verifies it: who asked and who approved, as the
    agency's identity provider asserted them, and the agency's registered line to call back."""

    request_id: str
    platform: str
    requester: str
    accounts: list[IdentifierValue]
    emergency: EmergencyOut
    requested_by: OfficerOut
    requested_at: datetime
    status: EmergencyStatus
    approved_by: OfficerOut | None
    decided_at: datetime | None = Field(description="When it was approved (and reached the platform) or rejected")
    rejected_because: str | None
    verification_line: str | None = Field(
        description="The requesting agency's 24/7 line from the organisation registry (never from the request)"
    )
    acknowledged_at: datetime | None
    answer: EmergencyAnswerOut | None
    acknowledge_by: datetime | None = Field(description="When the acknowledgement is due (the stage's SLA)")
    legal_process_due_at: datetime | None = Field(description="After a disclosure: when legal process should follow")
    followed_by: str | None = Field(description="The legal request that followed the disclosure")
    case_id: str | None = None
    requester_id: str | None = Field(default=None, description="The officer who asked (`GET /v1/requesters/{id}`)")
    requester_assurance: Assurance | None = Field(default=None, description="How strongly the officer had signed in")
    requester_standing: RequesterOut | None = Field(
        default=None, description="The officer as the registry knows them now (on a read of one request)"
    )
    approver_id: str | None = Field(default=None, description="The supervisor who approved it")
    approver_assurance: Assurance | None = Field(default=None, description="How strongly the supervisor had signed in")
    approver_standing: RequesterOut | None = Field(
        default=None, description="The supervisor as the registry knows them now (on a read of one request)"
    )


class EmergencyRequestList(Out):
    items: list[EmergencyRequestOut]
    next_cursor: str | None
