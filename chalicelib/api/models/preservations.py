"""Preservation requests: an agency asks a platform to keep accounts' records."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    Field,
)

from chalicelib.api.models.common import (
    Contact,
    ContactIn,
    IdentifierValue,
    Line,
    OrgCode,
    Out,
    PreservedAccountIn,
    Strict,
)
from chalicelib.domain.preservations import MAX_ACCOUNTS, PreservationStatus


class PreservationCreate(Strict):
    platform: OrgCode
    accounts: Annotated[list[PreservedAccountIn], Field(min_length=1, max_length=MAX_ACCOUNTS)]
    contact: ContactIn | None = Field(default=None, description="Defaults to the token's name, email and phone")


class AcknowledgePreservation(Strict):
    platform_reference: Line


class PreservationOut(Out):
    """The request: accounts and the requesting agency's contact. `case_id` for agencies only."""

    preservation_id: str
    platform: str
    requester: str
    contact: Contact
    accounts: list[IdentifierValue]
    requested_at: datetime
    expires_at: datetime
    extended: bool
    status: PreservationStatus
    platform_reference: str | None
    acknowledged_at: datetime | None
    legal_request_ids: list[str] = Field(default_factory=list, description="Legal process that follows it")
    case_id: str | None = None


class PreservationList(Out):
    items: list[PreservationOut]
    next_cursor: str | None
