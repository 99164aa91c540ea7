"""Each organisation's persons: what its administrators register and change, and a person as
they read it (`docs/concepts/verified-requesters.md`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from chalicelib.api.models.common import Line, OptionalLine, Out, Reason, Strict
from chalicelib.api.models.organisations import JurisdictionOut
from chalicelib.domain.errors import InvalidField
from chalicelib.domain.organisations import OrgKind
from chalicelib.domain.people import FraudReport, PersonRole, PersonStatus
from chalicelib.domain.persons import unreadable


def _readable(subject: str) -> str:
    why = unreadable(subject)
    if why is not None:
        raise InvalidField("subject", f"the subject {why}: register it as the identity provider signs it")
    return subject


Subject = Annotated[
    str,
    Field(min_length=1, max_length=256, description="The identity provider's `sub` for the person"),
    AfterValidator(_readable),
]
WorkEmail = Annotated[
    str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="On one of its e-mail domains")
]
WorkPhone = Annotated[str, Field(pattern=r"^\+[1-9][0-9]{7,14}$", description="E.164")]
Roles = Annotated[list[PersonRole], Field(min_length=1, max_length=4)]


class PersonCreate(Strict):
    """A person of the caller's organisation, as its administrator registers them."""

    issuer: Annotated[str, Field(max_length=2_000, pattern=r"^https?://[^\s]+$")] = Field(
        description="The identity provider that signs their tokens (`iss`)"
    )
    subject: Subject
    name: Line
    email: WorkEmail
    roles: Roles
    title: Line | None = None
    badge: Line | None = Field(default=None, description="Badge or employee number")
    phone: WorkPhone | None = None


class PersonUpdate(Strict):
    """Any subset of what an administrator may change of a person."""

    name: Line | None = None
    title: Line | None = None
    badge: Line | None = None
    phone: WorkPhone | None = None
    email: WorkEmail | None = None
    roles: Roles | None = None


class PersonStatusChange(Strict):
    reason: OptionalLine = ""


class PersonOut(Out):
    """A person of an organisation, as its administrators (and the operator) read them."""

    person_id: str
    org: str
    issuer: str
    subject: str
    name: str
    title: str | None = None
    badge: str | None = None
    email: str
    phone: str | None = None
    roles: list[PersonRole]
    status: PersonStatus
    registered_at: datetime
    registered_by: str = Field(description="The person id of the administrator (or operator) who registered them")
    verified_at: datetime | None = None
    verified_by: str | None = Field(default=None, description="The person id of the administrator who verified them")
    verified_by_name: str | None = None
    reverify_by: datetime | None = Field(default=None, description="Their acts are refused after it")
    status_reason: str | None = None
    changed_at: datetime | None = None
    version: int


class PersonList(Out):
    items: list[PersonOut]
    next_cursor: str | None


class RequesterOrganisationOut(Out):
    code: str
    name: str
    kind: OrgKind
    jurisdiction: JurisdictionOut | None = None


class RequesterOut(Out):
    """A person who sent the platform a request, as the registry knows them now: who they are,
    for whom, where they stand and who verified them; with the spray signal on
    `GET /v1/requesters/{person_id}` (numbers only, never which platforms)."""

    person_id: str
    name: str
    title: str | None = None
    roles: list[PersonRole]
    status: PersonStatus
    organisation: RequesterOrganisationOut
    verified_at: datetime | None = None
    verified_by: str | None = Field(default=None, description="The name of the administrator who verified them")
    reverify_by: datetime | None = None
    verification_line: str | None = Field(default=None, description="Their agency's 24/7 line, from the registry")
    emergency_platforms_24h: int | None = Field(
        default=None, description="How many platforms their emergency requests reached in the last 24 hours"
    )
    emergency_platforms_30d: int | None = Field(
        default=None, description="How many platforms their emergency requests reached in the last 30 days"
    )
    fraud_reports: int | None = Field(
        default=None, description="How many of their requests platforms reported as fraudulent"
    )


class FraudReportIn(Strict):
    reason: Reason


class FraudReportOut(Out, shows=FraudReport, hides=("reported_by",)):
    """A platform's report of a request as fraudulent: told at once to the requester's
    organisation and the operator (`Requester Reported`)."""
