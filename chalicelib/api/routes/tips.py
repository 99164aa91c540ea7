"""Routes for platform tips: submit one or a batch, follow a tip; agencies triage their inbox."""

from __future__ import annotations

import json
from typing import Any

from chalice.app import Blueprint, Response
from pydantic import ValidationError

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routing import (
    WRITE,
    Call,
    Resource,
    StoredResponse,
    created,
    creates,
    endpoint,
    field_errors,
    json_response,
    stored,
)
from chalicelib.domain.cases import Case
from chalicelib.domain.errors import InvalidField, Unavailable
from chalicelib.domain.record_ids import new_id
from chalicelib.domain.tips import Tip, TipStatus, draft
from chalicelib.services.context import RequestContext
from chalicelib.settings import settings

tips = Blueprint(__name__)
_tip = Resource(tips, "/v1/tips/{tip_id}")


def _draft(ctx: RequestContext, report: models.TipIn) -> Tip:
    return draft(
        new_id("tip", ctx.now), ctx.principal.org, ctx.principal.subject, ctx.now, report.model_dump(mode="json")
    )


@endpoint(
    tips,
    "POST",
    "/v1/tips",
    platform_scope="tips:submit",
    body=models.TipIn,
    examples=("submit-tip", "submit-tip-minimal"),
    response=models.TipReceipt,
    status=201,
    errors=(400, 401, 403, 413, 415, 503),
)
def submit_tip(call: Call) -> Response:
    """Submit a tip; a repeated platform_reference answers with the first tip (platforms)."""
    tip = _draft(call.ctx, call.body)
    [filed] = wiring.tip_service().submit(call.ctx, [tip])
    if filed.result == "unavailable":
        raise Unavailable("the store is busy; retry the tip shortly")
    accepted = filed.result == "accepted"
    receipt = models.TipReceipt(
        tip_id=filed.tip_id,
        platform_reference=tip.platform_reference,
        result="accepted" if accepted else "duplicate",
        status="received" if accepted else "duplicate",
    )
    return stored(created(receipt, links.of("tip_id", filed.tip_id))) if accepted else json_response(receipt)


@endpoint(
    tips,
    "POST",
    "/v1/tips/batch",
    platform_scope="tips:submit",
    body=models.TipBatch,
    response=models.TipBatchResult,
    errors=(400, 401, 403, 413, 415),
    max_body=settings().max_batch_body_bytes,
)
def submit_tip_batch(call: Call) -> Response:
    """Submit up to 100 tips; each is accepted, a duplicate or invalid on its own (platforms)."""
    results: dict[int, models.TipBatchItem] = {}
    drafts: dict[int, Tip] = {}
    for index, raw in enumerate(call.body.tips):
        try:
            drafts[index] = _draft(call.ctx, models.TipIn.model_validate_json(json.dumps(raw)))
        except ValidationError as error:
            errors = [models.FieldError(**e) for e in field_errors(error)]
            results[index] = models.TipBatchItem(index=index, result="invalid", errors=errors)
        except InvalidField as error:
            errors = [models.FieldError(field=error.field, message=error.reason)]
            results[index] = models.TipBatchItem(index=index, result="invalid", errors=errors)
    filed = wiring.tip_service().submit(call.ctx, list(drafts.values()))
    for (index, tip), outcome in zip(drafts.items(), filed, strict=True):
        results[index] = models.TipBatchItem(
            index=index,
            result=outcome.result,  # type: ignore[arg-type]
            tip_id=outcome.tip_id if outcome.result != "unavailable" else None,
            platform_reference=tip.platform_reference,
        )
    ordered = [results[index] for index in sorted(results)]
    counts = {kind: sum(item.result == kind for item in ordered) for kind in ("accepted", "duplicate", "invalid")}
    return json_response(
        models.TipBatchResult(
            results=ordered,
            accepted=counts["accepted"],
            duplicates=counts["duplicate"],
            invalid=counts["invalid"],
            unavailable=len(ordered) - sum(counts.values()),
        )
    )


@_tip.reads(models.TipOut, scope="cases:read", platform_scope="tips:submit", platform_response=models.TipStatusOut)
def read_tip(call: Call, tip_id: str) -> Response:
    """A platform reads its tip's status; the agency it is routed to reads the whole tip."""
    found = wiring.tip_service().read(call.ctx, tip_id)
    if not call.for_agency:
        return json_response(render.tip_status(found, settings().disclose_tip_routing))
    return json_response(render.tip(found))


@_tip.lists(models.TipList, scope="cases:read", statuses=TipStatus)
def list_tips(call: Call) -> Response:
    """The tips routed to your agency, newest first; filter by status (new, promoted, ...)."""
    return call.by_status(models.TipList, wiring.tip_service().inbox, render.tip_summary)


@creates(
    tips,
    "/v1/tips/{tip_id}/promote",
    models.TipTriaged,
    scope="cases:write",
    body=models.PromoteTip,
    respond=lambda case, tip_id: _promoted(case, tip_id),
)
def promote_tip(call: Call, tip_id: str) -> Response:
    """Open a case from a new tip: its identifiers and content references are copied."""
    body: models.PromoteTip = call.body
    fields: dict[str, Any] = body.model_dump(exclude_none=True, exclude={"contact"})
    fields["contact"] = models.ContactIn.over(body.contact, call.ctx.principal.contact)
    case = wiring.tip_service().promote(call.ctx, tip_id, fields, call.idempotency)
    return call.created(case)


def _promoted(case: Case, tip_id: str) -> StoredResponse:
    """The tip, promoted to a case its routed agency (the case's owner) opened."""
    triaged = models.TipTriaged(
        tip_id=tip_id, status=TipStatus.PROMOTED, case_id=case.case_id, routed_to=case.owner, at=case.created_at
    )
    return created(triaged, links.case(case.case_id))


@_tip.changes("link", models.LinkTip, models.TipTriaged, scope="cases:write", errors=WRITE)
def link_tip(call: Call, tip_id: str) -> Response:
    """Attach a new tip to a case you participate in: its identifiers and references are copied."""
    case_id = call.body.case_id
    wiring.tip_service().link(call.ctx, tip_id, case_id)
    return _triaged(call, tip_id, TipStatus.LINKED, case_id=case_id)


@_tip.changes("dismiss", models.DismissTip, models.TipTriaged, scope="cases:write", errors=WRITE)
def dismiss_tip(call: Call, tip_id: str) -> Response:
    """Dismiss a new tip, with the reason."""
    wiring.tip_service().dismiss(call.ctx, tip_id, call.body.reason)
    return _triaged(call, tip_id, TipStatus.DISMISSED)


@_tip.changes("reroute", models.RerouteTip, models.TipTriaged, scope="cases:write", errors=WRITE)
def reroute_tip(call: Call, tip_id: str) -> Response:
    """Send a new tip to another agency, with the reason."""
    route = wiring.tip_service().reroute(call.ctx, tip_id, call.body.to_org, call.body.reason)
    return _triaged(call, tip_id, TipStatus.NEW, routed_to=route.to)


def _triaged(
    call: Call, tip_id: str, status: TipStatus, *, case_id: str | None = None, routed_to: str | None = None
) -> Response:
    return json_response(
        models.TipTriaged(
            tip_id=tip_id, status=status, case_id=case_id, routed_to=routed_to or call.ctx.org, at=call.ctx.now
        )
    )
