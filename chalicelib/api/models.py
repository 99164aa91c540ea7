"""Request and response models: they validate requests and generate the OpenAPI document."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from chalicelib.api.auth import Refusal
from chalicelib.domain import emergency, identifiers, operations, times
from chalicelib.domain.cases import CaseStatus, Substance, Tlp
from chalicelib.domain.cases import Contact as DomainContact
from chalicelib.domain.deconfliction import MAX_IDENTIFIERS_PER_CALL, HitReason
from chalicelib.domain.emergency import Disclosure, EmergencyKind, EmergencyStatus
from chalicelib.domain.files import MAX_DESCRIPTION, MAX_NAME, FilePurpose, FileStatus, ScanResult
from chalicelib.domain.identifiers import IdentifierType
from chalicelib.domain.legal import MAX_ACCOUNTS as LEGAL_MAX_ACCOUNTS
from chalicelib.domain.legal import MAX_DETAIL as LEGAL_MAX_DETAIL
from chalicelib.domain.legal import MAX_PRODUCED, LegalKind, LegalStatus, RecordCategory, RejectionCode
from chalicelib.domain.legal import Outcome as LegalOutcome
from chalicelib.domain.operations import OperationKind, OperationStatus
from chalicelib.domain.organisations import OrgKind, OrgStatus, RegistryAction, ServiceKind
from chalicelib.domain.preservations import MAX_ACCOUNTS, PreservationStatus
from chalicelib.domain.referrals import Priority, ReferralStatus
from chalicelib.domain.tips import MAX_TIPS_PER_BATCH, Delivery, TipCategory, TipStatus

#: C0/C1 controls (tab and line breaks aside) and the bidi overrides of "Trojan Source".
_FORBIDDEN = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN_CHARACTERS = re.compile(f"[{_FORBIDDEN}]")
#: The same rules in the document, so that clients (and the fuzzer) know what text is accepted.
_TEXT = {"pattern": f"^[^{_FORBIDDEN}]*$"}
_LINE = {"pattern": f"^[^\\t\\n\\r{_FORBIDDEN}]*$"}


def _clean(value: str) -> str:
    if _FORBIDDEN_CHARACTERS.search(value):
        raise ValueError("contains control or bidirectional-override characters")
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value or "\t" in value:
        raise ValueError("must be a single line")
    return _clean(value)


#: A time a client sends: with its offset, and within the span the product computes with.
Instant = Annotated[
    AwareDatetime,
    Field(description=f"RFC 3339 with offset, {times.EARLIEST:%Y} to {times.LATEST:%Y}"),
    AfterValidator(times.bounded),
]
Line = Annotated[str, Field(min_length=1, max_length=200, json_schema_extra=_LINE), AfterValidator(_single_line)]
OptionalLine = Annotated[str, Field(max_length=200, json_schema_extra=_LINE), AfterValidator(_single_line)]
LongText = Annotated[str, Field(max_length=10_000, json_schema_extra=_TEXT), AfterValidator(_clean)]
Reason = Annotated[str, Field(min_length=1, max_length=2_000, json_schema_extra=_TEXT), AfterValidator(_clean)]
OrgCode = Annotated[str, Field(pattern=r"^[A-Z0-9]{1,16}$", description="A registry code, e.g. HSI")]
PlatformCode = Annotated[str, Field(pattern=r"^[A-Z0-9_]{1,32}$", description="e.g. META, TIKTOK, TELEGRAM")]


#: A field whose values are checked elsewhere (a batch's tips, one by one) or kept as they
#: came (an event's detail) says which model describes them; the OpenAPI document turns the
#: marker into that model's `$ref` (pydantic cannot write a reference to a schema it does not hold).
SCHEMA_OF = "x-schema-of"


class Strict(BaseModel):
    # Built on first use, not at import: a cold start builds only the models it serves.
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class Out(BaseModel):
    """A response: read straight from the domain's records (`from_attributes`)."""

    model_config = ConfigDict(defer_build=True, from_attributes=True)


#: Sets of organisations leave in a stable order.
OrgList = Annotated[list[str], BeforeValidator(sorted)]


class ContactIn(Strict):
    name: OptionalLine | None = None
    phone: Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ().\-]{2,31}$")] | None = None
    email: Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None

    @staticmethod
    def over(given: ContactIn | None, default: DomainContact) -> DomainContact:
        """The fields given, and `default`'s (the token's contact) for the rest."""
        given = given or ContactIn()
        return DomainContact(
            name=given.name or default.name, phone=given.phone or default.phone, email=given.email or default.email
        )


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
    text: Annotated[str, Field(min_length=1, max_length=10_000, json_schema_extra=_TEXT), AfterValidator(_clean)]


class ReferralCreate(Strict):
    to_org: OrgCode
    reason: Reason
    priority: Priority = Priority.ROUTINE
    respond_by: Instant | None = Field(
        default=None, description="Defaults by priority: routine 14 days, priority 3 days, urgent 24 hours"
    )


class DeclineReferral(Strict):
    reason: Reason


class NoBody(Strict):
    """These routes take no body (an empty one or `{}`)."""


class Contact(Out):
    name: str | None = None
    phone: str | None = None
    email: str | None = None


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


class ReferralOut(Out):
    referral_id: str
    case_id: str
    case_title: str | None = Field(
        default=None,
        description=(
            "Fresh on reads of one referral by a participant, or by the receiver while it is pending; otherwise "
            "as it was while the receiver could still receive the case. In lists, as of the stream's last pass"
        ),
    )
    tlp: Tlp | None = Field(default=None, description="The case's TLP marking, likewise")
    from_org: str
    to_org: str
    reason: str
    priority: Priority
    respond_by: datetime
    status: ReferralStatus
    created_at: datetime
    created_by: str
    decided_at: datetime | None = None
    decided_by: str | None = None
    decline_reason: str | None = None
    withdraw_reason: str | None = Field(
        default=None, description="Set when casebridge withdrew it: the case was re-marked or closed while pending"
    )


class DecisionOut(Out):
    referral_id: str
    case_id: str
    to_org: str
    status: ReferralStatus
    decided_at: datetime
    decided_by: str
    decline_reason: str | None = None


class AuditOut(Out):
    audit_id: str
    at: datetime
    component: str
    event: str
    subject: str
    org: str
    outcome: str
    resource_id: str | None
    reason: str | None
    request_id: str | None
    identity: str = Field(description="verified, unverified (then claimed_* is what the caller claimed) or system")
    claimed_subject: str | None = None
    claimed_org: str | None = None
    source_ip: str | None = None
    user_agent: str | None = None
    blind_tokens: list[str] = Field(default=[], description="A check's blind-index tokens: never the values")
    sha256: str | None = Field(default=None, description="The SHA-256 of the evidence file the event handed over")


class CaseList(Out):
    items: list[CaseSummaryOut]
    next_cursor: str | None


class NoteList(Out):
    items: list[NoteOut]
    next_cursor: str | None
    tlp: Tlp | None = Field(default=None, description="The case's marking (first page)")


class ReferralList(Out):
    items: list[ReferralOut]
    next_cursor: str | None


class AuditList(Out):
    items: list[AuditOut]
    next_cursor: str | None
    tlp: Tlp | None = None


# deconfliction: targets -------------------------------------------------------------------

Qualifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9_]{1,32}$")]


class IdentifierIn(Strict):
    """One identifier; `platform`, `chain`, `carrier` or `service` as its type needs."""

    type: IdentifierType
    value: Annotated[str, Field(min_length=1, max_length=identifiers.MAX_VALUE_LENGTH)]
    platform: Qualifier | None = Field(default=None, description="social_handle, platform_user_id: e.g. TIKTOK")
    chain: Qualifier | None = Field(default=None, description="crypto_wallet: BITCOIN, ETHEREUM, TRON, ...")
    carrier: Qualifier | None = Field(default=None, description="parcel_tracking: USPS, UPS, FEDEX, DHL, OTHER")
    service: Qualifier | None = Field(default=None, description="payment_handle: CASHAPP, VENMO, PAYPAL, ZELLE")
    region: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = Field(
        default=None, description="phone: the region a national number is read in (default US)"
    )
    _normalised: identifiers.Identifier = PrivateAttr()

    @model_validator(mode="after")
    def _normalise(self) -> IdentifierIn:
        wanted = identifiers.QUALIFIER_FIELD[self.type]
        for name in ("platform", "chain", "carrier", "service"):
            if name != wanted and getattr(self, name) is not None:
                raise ValueError(f"{name}: does not apply to a {self.type.value}")
        qualifier = getattr(self, wanted) if wanted else None
        self._normalised = identifiers.normalise(self.type, self.value, qualifier, self.region)
        return self

    @property
    def normalised(self) -> identifiers.Identifier:
        return self._normalised


class IdentifierBatch(Strict):
    identifiers: Annotated[list[IdentifierIn], Field(min_length=1, max_length=MAX_IDENTIFIERS_PER_CALL)]


class IdentifierValue(Out):
    """A normalised identifier, its qualifier under the field it came in."""

    type: IdentifierType
    value: str
    platform: str | None = None
    chain: str | None = None
    carrier: str | None = None
    service: str | None = None


class IdentifierOut(IdentifierValue):
    identifier_id: str
    added_by_org: str
    added_at: datetime


class HitOut(Out):
    """Whom to call: the other organisation and its case's point of contact. Nothing else."""

    identifier: IdentifierValue
    org: str
    contact: Contact


class RelatedOut(Out):
    identifier: IdentifierValue
    case_id: str


class MatchesOut(Out):
    hits: list[HitOut]
    related_cases: list[RelatedOut] = Field(description="Matching cases you may already see")
    truncated: bool = Field(description="A value is held by too many cases to list every holder")


class IdentifiersAdded(MatchesOut):
    case_id: str
    identifiers: list[IdentifierOut]


class IdentifierList(Out):
    items: list[IdentifierOut]
    next_cursor: str | None


class HitRecordOut(Out):
    hit_id: str
    at: datetime
    reason: HitReason = Field(description="match: both hold it; check: you checked; checked: someone checked yours")
    case_id: str | None = Field(description="Your case that holds the identifier, if any")
    identifier: IdentifierValue | None
    other_org: str
    other_contact: Contact


class HitList(Out):
    items: list[HitRecordOut]
    next_cursor: str | None


# deconfliction: operations ----------------------------------------------------------------


def _to_centimetres(value: float) -> float:
    """7 decimal places of a degree (about 1 cm). DynamoDB refuses numbers below 1E-130, and a
    float such as 2.2e-309 once made a registration fail in the write (a 500)."""
    return round(value, 7) + 0.0  # + 0.0: no negative zero


Coordinate = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_to_centimetres)]


class LocationIn(Strict):
    lat: Annotated[Coordinate, Field(ge=-90, le=90)]
    lon: Annotated[Coordinate, Field(ge=-180, le=180)]
    radius_m: Annotated[Coordinate, Field(ge=operations.MIN_RADIUS_M, le=operations.MAX_RADIUS_M)]

    def location(self) -> operations.Location:
        return operations.Location(self.lat, self.lon, self.radius_m)

    @model_validator(mode="after")
    def _check(self) -> LocationIn:
        self.location().check()
        return self


class OperationCreate(Strict):
    case_id: Annotated[str, Field(max_length=64)]
    kind: OperationKind
    location: LocationIn
    starts_at: Instant
    ends_at: Instant
    contact: ContactIn | None = Field(default=None, description="On-scene contact; defaults to the token's")

    @model_validator(mode="after")
    def _check(self) -> OperationCreate:
        operations.check_window(self.starts_at, self.ends_at)
        return self


class OperationUpdate(Strict):
    """Any subset of kind, location, window and contact; the result is checked for conflicts."""

    kind: OperationKind | None = None
    location: LocationIn | None = None
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    contact: ContactIn | None = None


class LocationOut(Out):
    lat: float
    lon: float
    radius_m: float


class OperationOut(Out):
    operation_id: str
    case_id: str
    org: str
    kind: OperationKind
    location: LocationOut
    starts_at: datetime
    ends_at: datetime
    contact: Contact
    status: OperationStatus
    version: int
    created_at: datetime
    updated_at: datetime


class ClashOut(Out):
    """A conflicting operation of another organisation: whom to call, nothing else."""

    org: str
    contact: Contact


class OperationChecked(Out):
    operation: OperationOut
    conflicts: list[ClashOut]


class OperationList(Out):
    items: list[OperationOut]
    next_cursor: str | None


class ConflictOut(Out):
    conflict_id: str
    at: datetime
    operation_id: str = Field(description="Your operation")
    case_id: str = Field(description="Your operation's case")
    other_org: str
    other_contact: Contact


class ConflictList(Out):
    items: list[ConflictOut]
    next_cursor: str | None


# tips --------------------------------------------------------------------------------------

Reference = Annotated[str, Field(pattern=r"^[\x21-\x7e]{1,128}$", description="Visible ASCII, 1 to 128")]
Url = Annotated[str, Field(min_length=1, max_length=2048, json_schema_extra=_LINE), AfterValidator(_single_line)]
Token = Annotated[str, Field(min_length=1, max_length=512, json_schema_extra=_LINE), AfterValidator(_single_line)]


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
    description: Annotated[str, Field(max_length=2_000, json_schema_extra=_TEXT), AfterValidator(_clean)] | None = None


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


class RouteOut(Out):
    rule: str
    reason: str
    matched_case_id: str | None = None


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


# preservations -----------------------------------------------------------------------------


class PreservedAccountIn(Strict):
    service: PlatformCode | None = None
    platform_user_id: Token | None = None
    handle: Token | None = None
    profile_url: Url | None = None


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
    detail: Annotated[str, Field(min_length=1, max_length=LEGAL_MAX_DETAIL, json_schema_extra=_TEXT)] | None = Field(
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


class AuthorityOut(Out):
    reference: str
    issued_by: str
    issued_at: datetime


class AnswerOut(Out):
    outcome: LegalOutcome
    answered_at: datetime
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


class LegalRequestList(Out):
    items: list[LegalRequestOut]
    next_cursor: str | None


# emergency disclosure requests

EmergencyText = Annotated[
    str, Field(min_length=1, max_length=emergency.MAX_TEXT, json_schema_extra=_TEXT), AfterValidator(_clean)
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


class Empty(Strict):
    """No fields: the caller's verified identity is the content."""


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


class OfficerOut(Out):
    """A person as their agency's identity provider asserted them (the token's `iss`, `sub`, `name`)."""

    issuer: str
    subject: str
    name: str | None


class DataNeededOut(Out):
    categories: list[RecordCategory]
    detail: str


class EmergencyOut(Out):
    kind: EmergencyKind
    description: str
    why_without_delay: str
    data_needed: DataNeededOut
    how_it_helps: str


class EmergencyAnswerOut(Out):
    outcome: Disclosure
    answered_at: datetime
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


class EmergencyRequestList(Out):
    items: list[EmergencyRequestOut]
    next_cursor: str | None


# the event feed


class EventDetail(Out):
    """An event's `detail`, as on the bus: references, never content. Which fields an event
    carries depends on its detail-type (`events/schemas/<detail-type>.json` says exactly)."""

    id: str = Field(description="De-duplicate on this: delivery is at least once")
    occurred_at: datetime
    case_id: str | None = None
    tlp: str | None = None
    urgent: bool | None = None
    kind: str | None = None
    reason: str | None = None
    priority: str | None = None
    outcome: str | None = None
    rule: str | None = None
    alert: str | None = None
    answers: str | None = None
    note_id: str | None = None
    referral_id: str | None = None
    identifier_id: str | None = None
    hit_id: str | None = None
    operation_id: str | None = None
    conflict_id: str | None = None
    alert_id: str | None = None
    tip_id: str | None = None
    preservation_id: str | None = None
    file_id: str | None = None
    request_id: str | None = None
    emergency_id: str | None = None
    window_start: datetime | None = None
    expires_at: datetime | None = None
    due_at: datetime | None = None
    nondisclosure_until: datetime | None = None
    organisations: dict[str, str]
    recipients: list[str]
    links: dict[str, str] = Field(description="Where to fetch what changed, through the API")


class FeedEvent(Out):
    """An event as it went on the bus: the same `id` and `detail`."""

    id: str
    detail_type: str
    occurred_at: datetime
    detail: Annotated[dict[str, Any], WithJsonSchema({SCHEMA_OF: "EventDetail"})]


class EventFeed(Out):
    items: list[FeedEvent]
    next_cursor: str = Field(
        description="Where to read after this page: pass it as `after` (always given: poll with it when the page is empty)"
    )


class FieldError(Out):
    field: str
    message: str


class Problem(Out):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


class Unauthorized(Out):
    """RFC 9457 problem details of a 401: `reason` says why the token was refused, in a code a
    program can branch on (`detail` says it to a person)."""

    type: str
    title: str
    status: Literal[401]
    detail: str
    reason: Refusal


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


# evidence files

FileName = Annotated[
    str, Field(min_length=1, max_length=MAX_NAME, json_schema_extra=_LINE), AfterValidator(_single_line)
]
MediaType = Annotated[
    str,
    Field(
        max_length=127,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$",
        description="The file's media type; one of the allowed ones (others are 415)",
    ),
]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$", description="The SHA-256 of the file's bytes, hex")]


class _FileDeclaration(Strict):
    name: FileName
    media_type: MediaType
    size: Annotated[int, Field(ge=1, description="Bytes; at most 5 GiB (S3's single PUT), 413 above")]
    sha256: Sha256
    captured_at: Instant | None = Field(default=None, description="When the content was captured, if known")
    description: (
        Annotated[str, Field(max_length=MAX_DESCRIPTION, json_schema_extra=_TEXT), AfterValidator(_clean)] | None
    ) = None


class FileDeclare(_FileDeclaration):
    """A file about to be uploaded: what it is, and the SHA-256 its bytes must have."""

    tlp: Tlp | None = Field(
        default=None,
        description="The file's own marking; without one, it carries the case's. A document for legal "
        "process has its own: CLEAR, GREEN or AMBER (AMBER unless given)",
    )
    purpose: FilePurpose = Field(
        default=FilePurpose.EVIDENCE,
        description="`legal_process`: a signed document (subpoena, order, warrant) your agency will serve on "
        "platforms; only such a file can be `document_file_id`. `evidence` (default): for the case's participants",
    )


class TipFileDeclare(_FileDeclaration):
    """A file of a platform's tip, as NCMEC's CyberTipline takes them: what it is, its SHA-256,
    and whether the platform viewed it and whether it was publicly available."""

    viewed_by_platform: bool | None = Field(default=None, description="Whether the platform's staff viewed it")
    publicly_available: bool | None = Field(default=None, description="Whether it was publicly available")


class ProductionFileDeclare(_FileDeclaration):
    """A file of a production: records the platform hands over in answer to legal process or
    to an emergency request."""


class FileOut(Out):
    """An evidence file: what was declared, and what became of the bytes that arrived."""

    file_id: str
    case_id: str | None = Field(description="The case it belongs to; never shown to a platform")
    tip_id: str | None = Field(description="The tip a platform declared it on")
    name: str
    media_type: str
    size: int
    sha256: str
    status: FileStatus
    org: str = Field(description="The organisation that declared it")
    declared_at: datetime
    captured_at: datetime | None
    description: str | None
    tlp: Tlp | None = Field(description="Its own marking; null: the case's")
    purpose: FilePurpose = Field(description="`evidence`, or `legal_process`: a document to serve on platforms")
    checked_at: datetime | None = Field(description="When the bytes arrived and were checked")
    rejected_because: str | None
    scan: ScanResult = Field(
        description="The malware scan's result: `not_scanned` on a stage that does not scan, "
        "`pending` until it comes; a file with `threats_found` is never served"
    )
    scanned_at: datetime | None
    awaits_scan: bool = Field(description="Whether it is served only once its scan cleared it")
    viewed_by_platform: bool | None
    publicly_available: bool | None


class UploadOut(Out):
    """Send the bytes with `PUT` to `url`, with exactly these headers, before `expires_at`."""

    method: Literal["PUT"] = "PUT"
    url: str
    headers: dict[str, str]
    expires_at: datetime


class FileDeclared(Out):
    file: FileOut
    upload: UploadOut


class FileList(Out):
    items: list[FileOut]
    next_cursor: str | None


class CustodyOut(Out):
    """A file's chain of custody, oldest first: every hand-over, with who, when and the hash."""

    file_id: str
    sha256: str
    items: list[AuditOut]
    next_cursor: str | None


#: Models the document names only through another's schema (`SCHEMA_OF` markers).
SCHEMA_ONLY: tuple[type[BaseModel], ...] = (TipIn, EventDetail)


# The organisation registry (`docs/concepts/organisations-and-registry.md`).

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


class DeliveryIn(Strict):
    webhook: HttpsUrl | None = Field(default=None, description="Where its events are posted, signed")


class OrganisationCreate(Strict):
    code: OrgCode
    name: Line
    kind: OrgKind
    ori: Annotated[str, Field(pattern=r"^[A-Z]{2}[A-Z0-9]{7}$", description="An agency's NCIC ORI")] | None = None
    jurisdiction: JurisdictionIn | None = None
    verification_line: Annotated[str, Field(pattern=r"^\+[1-9][0-9]{7,14}$", description="E.164")] | None = None
    services: list[ServiceIn] = Field(default_factory=list, max_length=50)
    identity_providers: list[IdentityProviderIn] = Field(default_factory=list, max_length=20)
    delivery: DeliveryIn | None = None


class RegistryChange(Strict):
    reason: OptionalLine = ""


class JurisdictionOut(Out):
    state: str
    county: str | None = None
    tribe: str | None = None


class ServiceOut(Out):
    code: str
    kind: ServiceKind


class IdentityProviderOut(Out):
    issuer: str
    jwks_uri: str | None = None
    claim: str


class PendingChangeOut(Out):
    action: RegistryAction
    requested_at: datetime
    reason: str


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
    identity_providers: list[IdentityProviderOut]
    webhook: str | None = None
    pending: PendingChangeOut | None = Field(
        default=None, description="A suspension or reinstatement one person asked for, awaiting a second"
    )
    version: int


class DirectoryEntryOut(Out):
    """An active organisation, as every other one may find it."""

    code: str
    name: str
    kind: OrgKind
    jurisdiction: JurisdictionOut | None = None
    takes_referrals: bool | None = Field(default=None, description="For an agency: whether it may be referred cases")


class DirectoryList(Out):
    items: list[DirectoryEntryOut]
    next_cursor: str | None
