"""Deconfliction of targets: identifiers, their checks, and the hits."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    Field,
    PrivateAttr,
    model_validator,
)

from chalicelib.api.models.common import Contact, IdentifierValue, Out, Strict
from chalicelib.domain import identifiers
from chalicelib.domain.deconfliction import MAX_IDENTIFIERS_PER_CALL, HitReason
from chalicelib.domain.identifiers import IdentifierType

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
