"""Tips from platforms: their submission, an agency's inbox and its triage."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    WithJsonSchema,
)

from chalicelib.api.models.common import (
    SCHEMA_OF,
    TEXT,
    ContactIn,
    FieldError,
    IdentifierValue,
    Instant,
    Line,
    LongText,
    OptionalLine,
    OrgCode,
    Out,
    PlatformCode,
    Reason,
    Strict,
    Token,
    Url,
    clean,
)
from chalicelib.domain.cases import Substance, Tlp
from chalicelib.domain.tips import MAX_TIPS_PER_BATCH, Delivery, Route, TipCategory, TipStatus

Reference = Annotated[str, Field(pattern=r"^[\x21-\x7e]{1,128}$", description="Visible ASCII, 1 to 128")]


class IpCaptureIn(Strict):
    ip: Annotated[str, Field(max_length=45, pattern=r"^[0-9A-Fa-f:.]{2,45}$")]
    at: Instant
    event: Literal["login", "registration", "upload", "message", "purchase", "other"] = "other"


class ReportedAccountIn(Strict):
    """At least one of `handle`, `platform_user_id` or `profile_urls` names the account."""

    service: PlatformCode | None = Field(
        default=None, description="The platform's service (INSTAGRAM, FACEBOOK); defaults to its only one"
    )
    platform_user_id: Token | None = None
    handle: Token | None = None
    display_names: Annotated[list[Line], Field(max_length=10)] = []
    profile_urls: Annotated[list[Url], Field(max_length=5)] = []
    ip_captures: Annotated[list[IpCaptureIn], Field(max_length=50)] = []
    device_ids: Annotated[list[Token], Field(max_length=10)] = []


class ContentIn(Strict):
    url: Url
    captured_at: Instant | None = None
    description: Annotated[str, Field(max_length=2_000, json_schema_extra=TEXT), AfterValidator(clean)] | None = None


class EstimatedLocationIn(Strict):
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")] | None = None
    state: OptionalLine | None = None
    city: OptionalLine | None = None


class ParcelIn(Strict):
    carrier: PlatformCode
    number: Token


class TipIn(Strict):
    """A platform's report (the platform is the caller's organisation)."""

    platform_reference: Reference = Field(description="The platform's own id for the report; a repeat is a duplicate")
    category: TipCategory
    substances: Annotated[list[Substance], Field(max_length=20)] = []
    reported_accounts: Annotated[list[ReportedAccountIn], Field(min_length=1, max_length=20)]
    content: Annotated[list[ContentIn], Field(max_length=20)] = []
    estimated_location: EstimatedLocationIn | None = None
    delivery: Annotated[list[Delivery], Field(max_length=5)] = []
    parcel_tracking: Annotated[list[ParcelIn], Field(max_length=10)] = []
    minors_involved: bool = False
    escalate: bool = Field(default=False, description="Imminent harm: the receiving agency is paged at once")
    preserved_until: Instant | None = None


class TipBatch(Strict):
    """Each item is validated on its own: one bad tip never fails the others."""

    tips: Annotated[
        list[dict[str, Any]],
        Field(min_length=1, max_length=MAX_TIPS_PER_BATCH),
        # Validated one by one as `TipIn`s (never all-or-nothing), and so described.
        WithJsonSchema(
            {
                "type": "array",
                "items": {SCHEMA_OF: "TipIn"},
                "minItems": 1,
                "maxItems": MAX_TIPS_PER_BATCH,
            }
        ),
    ]


class TipReceipt(Out):
    tip_id: str
    platform_reference: str
    result: Literal["accepted", "duplicate"]
    status: str


class TipBatchItem(Out):
    index: int
    result: Literal["accepted", "duplicate", "invalid", "unavailable"]
    tip_id: str | None = None
    platform_reference: str | None = None
    errors: list[FieldError] | None = None


class TipBatchResult(Out):
    results: list[TipBatchItem]
    accepted: int
    duplicates: int
    invalid: int
    unavailable: int


class TipStatusOut(Out):
    """What the reporting platform may know of its tip."""

    tip_id: str
    platform_reference: str
    status: Literal["received", "routed", "actioned"]
    received_at: datetime
    routed_to: str | None = Field(default=None, description="Only where the deployment discloses it")


class RouteOut(Out, shows=Route, hides=("to",)): ...


class TipSummaryOut(Out):
    tip_id: str
    platform: str
    platform_reference: str
    category: TipCategory
    status: TipStatus
    received_at: datetime
    routed_at: datetime | None
    escalate: bool
    minors_involved: bool
    route: RouteOut | None
    case_id: str | None


class TipOut(TipSummaryOut):
    """The whole tip, for the agency it is routed to."""

    report: Annotated[
        dict[str, Any],
        WithJsonSchema({SCHEMA_OF: "TipIn", "description": "The report as the platform filed it"}),
    ]
    identifiers: list[IdentifierValue]
    rerouted_from: list[str]
    decided_at: datetime | None
    dismiss_reason: str | None


class TipList(Out):
    items: list[TipSummaryOut]
    next_cursor: str | None


class PromoteTip(Strict):
    """Fields of the new case; each defaults from the tip (title, substances, platform)."""

    title: Line | None = None
    summary: LongText | None = None
    jurisdiction: OptionalLine | None = None
    contact: ContactIn | None = Field(default=None, description="Defaults to the token's name, email and phone")
    tlp: Tlp = Tlp.AMBER


class LinkTip(Strict):
    case_id: Annotated[str, Field(max_length=64)]


class DismissTip(Strict):
    reason: Reason


class RerouteTip(Strict):
    to_org: OrgCode
    reason: Reason


class TipTriaged(Out):
    tip_id: str
    status: TipStatus
    case_id: str | None = None
    routed_to: str
    at: datetime
