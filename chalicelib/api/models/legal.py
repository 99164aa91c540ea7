"""Legal process: subpoenas, orders and warrants served on a platform, and their answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
)

from chalicelib.api.models.common import (
    TEXT,
    Contact,
    ContactIn,
    IdentifierValue,
    Instant,
    Line,
    OrgCode,
    Out,
    PreservedAccountIn,
    Reason,
    Strict,
)
from chalicelib.api.models.people import RequesterOut
from chalicelib.domain.legal import MAX_ACCOUNTS as LEGAL_MAX_ACCOUNTS
from chalicelib.domain.legal import MAX_DETAIL as LEGAL_MAX_DETAIL
from chalicelib.domain.legal import (
    MAX_PRODUCED,
    Answer,
    Authority,
    LegalKind,
    LegalStatus,
    RecordCategory,
    RejectionCode,
)
from chalicelib.domain.legal import Outcome as LegalOutcome
from chalicelib.domain.people import Assurance


class DateRange(BaseModel):
    """The period the records asked for cover."""

    model_config = ConfigDict(
        extra="forbid", strict=True, defer_build=True, serialize_by_alias=True, validate_by_name=True
    )

    from_: Instant = Field(alias="from")
    to: Instant


class AuthorityIn(Strict):
    """The process itself: its docket or reference number, who issued it, when."""

    reference: Line
    issued_by: Line = Field(description="The court, grand jury or agency that issued it")
    issued_at: Instant


class LegalRequestCreate(Strict):
    platform: OrgCode
    kind: LegalKind
    accounts: Annotated[list[PreservedAccountIn], Field(min_length=1, max_length=LEGAL_MAX_ACCOUNTS)]
    categories: Annotated[
        list[RecordCategory],
        Field(
            min_length=1,
            max_length=3,
            description="subscriber with any kind; non_content with a court_order or search_warrant; "
            "content with a search_warrant only (18 U.S.C. 2703)",
        ),
    ]
    date_range: DateRange
    authority: AuthorityIn
    document_file_id: Annotated[str, Field(max_length=64)] | None = Field(
        default=None,
        description="The signed document, an available file of the case: required for a court "
        "order or a warrant. Serving it shares that one file with the platform",
    )
    preservation_id: Annotated[str, Field(max_length=64)] | None = None
    due_at: Instant | None = Field(default=None, description="Defaults per kind (30 days; 14 for a warrant)")
    nondisclosure_until: Instant | None = Field(
        default=None, description="18 U.S.C. 2705(b): the platform must not notify the account holder before then"
    )
    emergency_id: Annotated[str, Field(max_length=64)] | None = Field(
        default=None,
        description="The emergency request whose disclosure this process follows (its reminder stops)",
    )
    contact: ContactIn | None = Field(default=None, description="Defaults to the token's name, email and phone")


class AcknowledgeLegalRequest(Strict):
    platform_reference: Line


class AnswerLegalRequest(Strict):
    outcome: LegalOutcome
    reason_code: RejectionCode | None = Field(default=None, description="With `rejected` only")
    detail: Annotated[str, Field(min_length=1, max_length=LEGAL_MAX_DETAIL, json_schema_extra=TEXT)] | None = Field(
        default=None, description="Why it was rejected, or what was not produced and why"
    )
    file_ids: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=MAX_PRODUCED)] = Field(
        default_factory=list,
        description="The production: files you uploaded to this request (POST …/files), available; "
        "they join the case with the answer",
    )


class WithdrawLegalRequest(Strict):
    reason: Reason


class ExtendNondisclosure(Strict):
    """A new 2705(b) order: a later end, and the signed order (an available file of the case)."""

    until: Instant
    document_file_id: Annotated[str, Field(max_length=64)]


class AuthorityOut(Out, shows=Authority): ...


class AnswerOut(Out, shows=Answer, hides=("answered_by",)):
    # What the record says otherwise: always present (null when unset), and a list.
    reason_code: RejectionCode | None
    detail: str | None
    file_ids: list[str]


class LegalRequestOut(Out):
    """The process as served: the platform sees everything but the case."""

    request_id: str
    platform: str
    requester: str
    kind: LegalKind
    accounts: list[IdentifierValue]
    categories: list[RecordCategory]
    date_range: DateRange
    authority: AuthorityOut
    contact: Contact
    sent_at: datetime
    due_at: datetime
    document_file_id: str | None = Field(description="Downloadable by the platform served, through /v1/files")
    preservation_id: str | None
    nondisclosure_until: datetime | None
    nondisclosure_order_file_id: str | None = Field(
        description="The order that last extended the nondisclosure; downloadable by the platform served"
    )
    emergency_id: str | None = None
    status: LegalStatus
    platform_reference: str | None
    acknowledged_at: datetime | None
    answer: AnswerOut | None
    withdrawn_at: datetime | None
    withdrawn_because: str | None
    overdue_at: datetime | None
    warnings: list[str] = Field(
        default_factory=list,
        description="What the agency should act on, e.g. a preservation ending before the due date",
    )
    case_id: str | None = None
    requester_id: str | None = Field(default=None, description="The person who served it (`GET /v1/requesters/{id}`)")
    requester_assurance: Assurance | None = Field(default=None, description="How strongly they had signed in")
    requester_standing: RequesterOut | None = Field(
        default=None, description="Who served it, as the registry knows them now (on a read of one request)"
    )


class LegalRequestList(Out):
    items: list[LegalRequestOut]
    next_cursor: str | None
