"""Routes for referrals: refer a case, the inbound and outbound boxes, and the decisions."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.problems import ValidationFailed
from chalicelib.api.routing import WRITE, Call, Resource, StoredResponse, created, json_response
from chalicelib.domain.referrals import MAX_RESPONSE_WINDOW, Referral, ReferralAction, ReferralStatus

referrals = Blueprint(__name__)
_referral = Resource(
    referrals, "/v1/referrals/{referral_id}", made_under="/v1/cases/{case_id}", shown=models.ReferralOut
)

_BOXES = {"inbound": "IN", "outbound": "OUT"}


def _referred(referral: Referral, **_: str) -> StoredResponse:
    return created(render.referral(referral), links.of("referral_id", referral.referral_id))


@_referral.creates(models.ReferralCreate, _referred, scope="referrals:write", examples=("refer-case",))
def refer_case(call: Call, case_id: str) -> Response:
    """Refer a case to another agency."""
    body: models.ReferralCreate = call.body
    if body.respond_by is not None and not call.ctx.now < body.respond_by <= call.ctx.now + MAX_RESPONSE_WINDOW:
        raise ValidationFailed(
            "respond_by must be in the future and within 90 days",
            [{"field": "respond_by", "message": "future, at most 90 days ahead"}],
        )
    referral = wiring.referral_service().refer(
        call.ctx, case_id, body.to_org, body.reason, body.priority, body.respond_by, call.idempotency
    )
    return call.created(referral)


@_referral.lists(models.ReferralList, scope="cases:read", statuses=ReferralStatus, query=("box", "limit", "cursor"))
def list_referrals(call: Call) -> Response:
    """List your inbound or outbound referrals, newest first."""
    box_name = call.query("box") or "inbound"
    if box_name not in _BOXES:
        raise ValidationFailed("box must be inbound or outbound", [{"field": "box", "message": "inbound, outbound"}])
    status = call.status()
    filters = f"{box_name}|{status.value if status else ''}"
    page = wiring.referral_service().box(call.ctx, _BOXES[box_name], status, call.limit(), call.start_key(filters))
    return call.listed(
        models.ReferralList, page, lambda found: render.referral(found, found.case_title, found.case_tlp), filters
    )


@_referral.reads(scope="cases:read")
def read_referral(call: Call, referral_id: str) -> Response:
    """Read a referral."""
    referral, title, tlp = wiring.referral_service().read(call.ctx, referral_id)
    return json_response(render.referral(referral, title, tlp))


@_referral.changes("accept", models.NoBody, models.DecisionOut, scope="referrals:write", errors=WRITE)
def accept_referral(call: Call, referral_id: str) -> Response:
    """Accept a referral (receiver)."""
    return _decide(call, referral_id, ReferralAction.ACCEPT)


@_referral.changes(
    "decline",
    models.DeclineReferral,
    models.DecisionOut,
    scope="referrals:write",
    errors=WRITE,
    examples=("decline-referral",),
)
def decline_referral(call: Call, referral_id: str) -> Response:
    """Decline a referral (receiver)."""
    return _decide(call, referral_id, ReferralAction.DECLINE, call.body.reason)


@_referral.changes("withdraw", models.NoBody, models.DecisionOut, scope="referrals:write", errors=WRITE)
def withdraw_referral(call: Call, referral_id: str) -> Response:
    """Withdraw a referral (sender)."""
    return _decide(call, referral_id, ReferralAction.WITHDRAW)


def _decide(call: Call, referral_id: str, action: ReferralAction, reason: str | None = None) -> Response:
    decision = wiring.referral_service().decide(call.ctx, referral_id, action, reason)
    return json_response(render.decision(decision))
