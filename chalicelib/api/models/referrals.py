"""Referrals: sending a case to another organisation, and its answer."""

from __future__ import annotations

from datetime import datetime

from pydantic import (
    Field,
)

from chalicelib.api.models.common import Instant, OrgCode, Out, Reason, Strict
from chalicelib.domain.cases import Tlp
from chalicelib.domain.referrals import Priority, ReferralStatus


class ReferralCreate(Strict):
    to_org: OrgCode
    reason: Reason
    priority: Priority = Priority.ROUTINE
    respond_by: Instant | None = Field(
        default=None, description="Defaults by priority: routine 14 days, priority 3 days, urgent 24 hours"
    )


class DeclineReferral(Strict):
    reason: Reason


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


class ReferralList(Out):
    items: list[ReferralOut]
    next_cursor: str | None
