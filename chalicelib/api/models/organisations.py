"""The organisation registry: entries the operator proposes and approves, and the directory
every active organisation reads (`docs/concepts/organisations-and-registry.md`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, WithJsonSchema

from chalicelib.api.models.common import Line, OptionalLine, OrgCode, Out, PlatformCode, Reason, Strict
from chalicelib.domain.delivery import EVENT_BUS_ARN, QUEUE_ARN
from chalicelib.domain.organisations import (
    ONBOARDING,
    Delivery,
    Jurisdiction,
    OrgKind,
    OrgStatus,
    RegistryAction,
    Service,
    ServiceKind,
)
from chalicelib.domain.people import Assurance

StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="A state or territory code, e.g. NV")]
HttpsUrl = Annotated[str, Field(max_length=2_000, pattern=r"^https?://[^\s]+$")]


class JurisdictionIn(Strict):
    state: StateCode
    county: Line | None = None
    tribe: Line | None = None


class ServiceIn(Strict):
    code: PlatformCode
    kind: ServiceKind


#: A JSON Web Key Set, as an identity provider publishes it: its keys' members are strings.
_JWK = {
    "type": "object",
    "properties": {name: {"type": "string"} for name in ("kty", "kid", "alg", "use", "n", "e", "crv", "x", "y")},
    "additionalProperties": {"type": "string"},
}
Jwks = Annotated[
    dict[str, Any],
    WithJsonSchema(
        {
            "type": "object",
            "properties": {"keys": {"type": "array", "items": _JWK}},
            "required": ["keys"],
            "additionalProperties": False,
        }
    ),
]


class IdentityProviderIn(Strict):
    issuer: HttpsUrl
    jwks_uri: HttpsUrl | None = None
    jwks: Jwks | None = Field(default=None, description="The provider's keys inline, as a JWKS")
    claim: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_:.\-]+$")] = Field(
        default="org", description="The token claim that names the organisation"
    )
    mfa: MfaMapping | None = None


MfaMapping = Annotated[
    dict[Annotated[str, Field(min_length=1, max_length=200)], Assurance],
    Field(
        max_length=50,
        description="What its tokens' `acr` and `amr` values mean (none, aal2, phishing_resistant), over the "
        "default mapping of docs/concepts/verified-requesters.md",
    ),
]
EmailDomain = Annotated[str, Field(max_length=253, pattern=r"^([a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]


class DeliveryIn(Strict):
    webhook: HttpsUrl | None = Field(default=None, description="Where its events are posted, signed")
    event_bus_arn: Annotated[str, Field(max_length=400, pattern=EVENT_BUS_ARN)] | None = Field(
        default=None, description="An EventBridge bus in its own AWS account its events are put on"
    )
    queue_arn: Annotated[str, Field(max_length=400, pattern=QUEUE_ARN)] | None = Field(
        default=None, description="An SQS queue in its own AWS account its events are sent to"
    )


class AreaIn(Strict):
    """A box on the map, in degrees (west greater than east crosses the antimeridian)."""

    south: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    west: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
    north: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    east: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


class WatchIn(Strict):
    """What a watch center serves: agencies by code, the agencies of states, an area of the map."""

    agencies: list[OrgCode] = Field(default_factory=list, max_length=100)
    states: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(default_factory=list, max_length=60)
    area: AreaIn | None = None


class WatchOut(Out):
    agencies: list[str]
    states: list[str]
    area: AreaIn | None = None


class WatchChange(Strict):
    """What a watch center is to serve: proposed by one person of the operator, made by a second
    one sending the same."""

    watch: WatchIn
    reason: OptionalLine = ""


class OrganisationCreate(Strict):
    code: OrgCode
    name: Line
    kind: OrgKind
    ori: Annotated[str, Field(pattern=r"^[A-Z]{2}[A-Z0-9]{7}$", description="An agency's NCIC ORI")] | None = None
    jurisdiction: JurisdictionIn | None = None
    verification_line: Annotated[str, Field(pattern=r"^\+[1-9][0-9]{7,14}$", description="E.164")] | None = None
    services: list[ServiceIn] = Field(default_factory=list, max_length=50)
    email_domains: list[EmailDomain] = Field(
        default_factory=list,
        max_length=20,
        description="Its persons' work e-mail domains (an agency's are required to register persons)",
    )
    identity_providers: list[IdentityProviderIn] = Field(default_factory=list, max_length=20)
    delivery: DeliveryIn | None = None
    watch: WatchIn | None = Field(default=None, description="A watch center's: what it serves")


class RegistryChange(Strict):
    reason: OptionalLine = ""


class RegistryRefusal(Strict):
    """Why a proposal or a pending change is refused: one person of the operator stops it."""

    reason: Reason


#: What a refusal names: one enumeration, so that a client reads it as one type.
Refused = Annotated[str, WithJsonSchema({"type": "string", "enum": [ONBOARDING, *RegistryAction]})]


class RegistryRefusalOut(Out):
    """What was refused: a proposal (its entry is gone, its code and ORI free again) or the
    change pending on an entry (dropped; the entry is otherwise as it was)."""

    code: str
    refused: Refused = Field(description="`onboarding` for a proposed organisation, or the pending change's action")
    reason: str
    refused_at: datetime


class IdentityProvidersChange(Strict):
    """The list an organisation's identity providers are to become: proposed by one person of
    the operator, made by a second one sending the same list."""

    identity_providers: list[IdentityProviderIn] = Field(max_length=20)
    reason: OptionalLine = ""


class DeliveryChange(Strict):
    """The settings an organisation's delivery is to become (a channel left out is removed; `{}`
    leaves it the feed alone): proposed by one person of the operator, made by a second one
    sending the same settings."""

    delivery: DeliveryIn
    reason: OptionalLine = ""


class JurisdictionOut(Out, shows=Jurisdiction): ...


class ServiceOut(Out, shows=Service): ...


class IdentityProviderOut(Out):
    issuer: str
    jwks_uri: str | None = None
    claim: str
    mfa: dict[str, Assurance] | None = None


class DeliveryOut(Out, shows=Delivery, hides=("more",)): ...


class PendingChangeOut(Out):
    action: RegistryAction
    requested_at: datetime
    reason: str
    identity_providers: list[IdentityProviderOut] | None = Field(
        default=None, description="For `identity_providers`: the list proposed, awaiting a second person"
    )
    delivery: DeliveryOut | None = Field(
        default=None, description="For `delivery`: the settings proposed, awaiting a second person"
    )
    watch: WatchOut | None = Field(
        default=None, description="For `watch`: what it is to serve, awaiting a second person"
    )


class OrganisationOut(Out):
    """An organisation's entry, as the operator reads it."""

    code: str
    name: str
    kind: OrgKind
    status: OrgStatus
    ori: str | None = None
    jurisdiction: JurisdictionOut | None = None
    verification_line: str | None = None
    services: list[ServiceOut]
    email_domains: list[str] = Field(default_factory=list)
    identity_providers: list[IdentityProviderOut]
    webhook: str | None = None
    event_bus_arn: str | None = None
    queue_arn: str | None = None
    pending: PendingChangeOut | None = Field(
        default=None, description="A change one person of the operator asked for, awaiting a second"
    )
    watch: WatchOut | None = Field(default=None, description="A watch center's: what it serves")
    version: int


class DirectoryEntryOut(Out):
    """An active organisation, as every other one may find it."""

    code: str
    name: str
    kind: OrgKind
    jurisdiction: JurisdictionOut | None = None
    takes_referrals: bool | None = Field(default=None, description="For an agency: whether it may be referred cases")


class PendingEntries(Out):
    """The registry's entries waiting for a second person of the operator, whole (no cursor)."""

    items: list[OrganisationOut]


class DirectoryList(Out):
    items: list[DirectoryEntryOut]
    next_cursor: str | None
