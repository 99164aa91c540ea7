"""Cases and their notes: what a request sends, what a response holds."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
)

from chalicelib.api.models.common import (
    TEXT,
    Contact,
    ContactIn,
    Line,
    LongText,
    OptionalLine,
    OrgList,
    Out,
    PlatformCode,
    Strict,
    clean,
)
from chalicelib.domain.cases import CaseStatus, Substance, Tlp


class CaseCreate(Strict):
    title: Line
    summary: LongText = ""
    substances: Annotated[list[Substance], Field(max_length=20)] = []
    platforms: Annotated[list[PlatformCode], Field(max_length=20)] = []
    jurisdiction: OptionalLine | None = None
    contact: ContactIn | None = Field(default=None, description="Defaults to the token's name, email and phone")
    tlp: Tlp = Tlp.AMBER


class CaseUpdate(Strict):
    """Any subset of the mutable fields; `null` clears an optional one."""

    title: Line | None = None
    summary: LongText | None = None
    substances: Annotated[list[Substance], Field(max_length=20)] | None = None
    platforms: Annotated[list[PlatformCode], Field(max_length=20)] | None = None
    jurisdiction: OptionalLine | None = None
    contact: ContactIn | None = None
    tlp: Tlp | None = None


class NoteCreate(Strict):
    text: Annotated[str, Field(min_length=1, max_length=10_000, json_schema_extra=TEXT), AfterValidator(clean)]


class CaseOut(Out):
    case_id: str
    title: str
    summary: str
    substances: list[str]
    platforms: list[str]
    jurisdiction: str | None
    contact: Contact
    tlp: Tlp
    status: CaseStatus
    owner: str
    participants: OrgList
    pending_referrals_to: OrgList
    version: int
    created_at: datetime
    updated_at: datetime
    created_by: str


class CaseSummaryOut(Out):
    case_id: str
    title: str
    status: CaseStatus
    tlp: Tlp
    owner: str
    role: str = Field(description="owner or participant")
    updated_at: datetime


class CaseChangeOut(Out):
    """What a write changed. DynamoDB transactions return no item: GET the case for the rest."""

    case_id: str
    updated_at: datetime
    status: CaseStatus | None = None
    version: int | None = None


class NoteOut(Out):
    note_id: str
    case_id: str
    text: str
    author_org: str
    author_subject: str
    author_name: str | None
    created_at: datetime


class CaseList(Out):
    items: list[CaseSummaryOut]
    next_cursor: str | None


class NoteList(Out):
    items: list[NoteOut]
    next_cursor: str | None
    tlp: Tlp | None = Field(default=None, description="The case's marking (first page)")
