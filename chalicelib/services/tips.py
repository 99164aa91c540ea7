"""Tip use cases: platforms submit and follow their tips; agencies triage their inbox.

Submitting is optimistic: tips are written at once, 49 to a transaction, each with a claim on
its platform reference. Only when a transaction is refused are the claims read back, to say
which tips were duplicates (and of which earlier tip) and to write the rest again. Routing
happens after the write, from the table stream (`route`), so a burst of tips costs the
platform only the writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from chalicelib.domain import cases, deconfliction, tips
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, Note
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.organisations import Directory
from chalicelib.domain.record_ids import check_case_id, is_id, new_id
from chalicelib.domain.tip_routing import RoutingRules, route_tip
from chalicelib.domain.tips import Brought, Route, Tip, TipStatus, TriageAction
from chalicelib.observability import logger
from chalicelib.services.context import (
    Auditor,
    Idempotency,
    RequestContext,
    claim,
    system_audit,
    utcnow,
)
from chalicelib.storage.contracts import ConditionFailed, Key, Page
from chalicelib.storage.tips import TIPS_PER_WRITE

if TYPE_CHECKING:
    from chalicelib.services.deconfliction import DeconflictionService
    from chalicelib.services.ports import Tips

ROUTER = "casebridge:router"
REROUTE_RULE = "reroute"


@dataclass(frozen=True)
class Filed:
    """One submitted tip's fate: accepted, duplicate (of `tip_id`) or unavailable (retry it)."""

    result: str
    tip_id: str


@dataclass
class TipService:
    tips: Tips
    audit: Auditor
    deconfliction: DeconflictionService
    #: The routing rules, read when the first tip is routed: checking the organisations they
    #: name reads the registry, which a function's cold start should not wait for.
    routing: Callable[[], RoutingRules]
    registry: Directory
    ttl: timedelta

    # the platform's side

    def submit(self, ctx: RequestContext, drafts: list[Tip]) -> list[Filed]:
        """File each tip once per platform reference; one result per draft, in order."""
        first: dict[str, int] = {}
        for position, draft in enumerate(drafts):
            first.setdefault(draft.platform_reference, position)
        fresh = [drafts[position] for position in first.values()]
        filed: dict[str, Filed] = {}
        for start in range(0, len(fresh), TIPS_PER_WRITE):
            filed.update(self._file(ctx, fresh[start : start + TIPS_PER_WRITE]))
        results = []
        for position, draft in enumerate(drafts):
            outcome = filed[draft.platform_reference]
            repeat = first[draft.platform_reference] != position
            results.append(Filed("duplicate", outcome.tip_id) if repeat else outcome)
        return results

    def _file(self, ctx: RequestContext, chunk: list[Tip]) -> dict[str, Filed]:
        """One transaction; if refused, read the claims back and write the rest once more."""
        outcomes: dict[str, Filed] = {}
        for _ in range(2):
            try:
                self.tips.file_tips(chunk, _submission_audit(ctx, chunk))
            except ConditionFailed:
                claimed = self.tips.claimed(ctx.org, [tip.platform_reference for tip in chunk])
                outcomes.update({ref: Filed("duplicate", tip_id) for ref, tip_id in claimed.items()})
                chunk = [tip for tip in chunk if tip.platform_reference not in claimed]
                if not chunk:
                    return outcomes
            except Unavailable:
                break
            else:
                return outcomes | {tip.platform_reference: Filed("accepted", tip.tip_id) for tip in chunk}
        return outcomes | {tip.platform_reference: Filed("unavailable", tip.tip_id) for tip in chunk}

    def read(self, ctx: RequestContext, tip_id: str) -> Tip:
        """A platform reads its own tip (status only, as rendered); an agency the tips routed to it."""

        def visible() -> Tip:
            found = self.tips.get_tip(tip_id) if is_id("tip", tip_id) else None
            return tips.visible_tip(found, ctx.principal.org, tip_id)

        return self.audit.read(ctx, "tip.read", tip_id, visible)

    # the agency's side

    def inbox(self, ctx: RequestContext, status: TipStatus | None, limit: int, start: Key | None) -> Page[Tip]:
        page = self.tips.inbox(ctx.org, status, limit, start)
        self.audit.record(ctx.audit("tip.list", reason=f"{len(page.items)} tips"))
        return page

    def promote(
        self, ctx: RequestContext, tip_id: str, fields: dict[str, Any], idempotency: Idempotency | None
    ) -> Case:
        """A new case owned by the caller, with the tip's identifiers and content references."""
        with self.audit.attempt(ctx, "tip.promote", tip_id) as check:
            with check.replayable(idempotency):
                tip = self._triageable(ctx, tip_id, TriageAction.PROMOTE)
            case_id = new_id("case", ctx.now)
            fields = {
                "title": tips.case_title(tip),
                "substances": tip.substances,
                "platforms": (tip.platform,),
            } | fields
            case = cases.open_case(case_id, ctx.org, ctx.principal.subject, ctx.now, **fields)
            audit = ctx.audit("tip.promote", case_id=case_id, resource_id=tip_id)
            brought = self._brought(ctx, tip, case)
            with check.refusal(idempotency, lambda: self._triageable(ctx, tip_id, TriageAction.PROMOTE)):
                self.tips.promote(tip, case, brought, audit, claim(ctx, idempotency, case.shown(), self.ttl))
        return case

    def link(self, ctx: RequestContext, tip_id: str, case_id: str) -> Tip:
        """The tip joins a case the caller participates in, with its identifiers and references."""
        with self.audit.attempt(ctx, "tip.link", tip_id) as check:
            check_case_id(case_id)
            found, check.found = self.tips.tip_and_case(tip_id, case_id) if is_id("tip", tip_id) else (None, None)
            tip = tips.check_triage(found, ctx.principal.org, tip_id, TriageAction.LINK)
            case, new_key = deconfliction.keyed(cases.visible_case(check.found, ctx.org, case_id))
            cases.check_open(case, "link a tip to")
            linked = tips.linked(tip, case_id, ctx.principal.subject, ctx.now)
            audit = ctx.audit("tip.link", case_id=case_id, resource_id=tip_id)
            brought = self._brought(ctx, tip, case)

            def classify() -> None:
                self._triageable(ctx, tip_id, TriageAction.LINK)
                cases.check_open(check.visible_case(case_id), "link a tip to")

            with check.refusal(classify=classify):
                self.tips.link(linked, ctx.org, brought, audit, new_key)
        return tip

    def dismiss(self, ctx: RequestContext, tip_id: str, reason: str) -> None:
        with self.audit.attempt(ctx, "tip.dismiss", tip_id) as check:
            audit = ctx.audit("tip.dismiss", resource_id=tip_id, reason=reason[:500])
            with check.refusal(classify=lambda: self._triageable(ctx, tip_id, TriageAction.DISMISS)):
                if not is_id("tip", tip_id):
                    raise ConditionFailed()
                self.tips.dismiss(tip_id, ctx.org, ctx.principal.subject, reason, ctx.now, audit)

    def reroute(self, ctx: RequestContext, tip_id: str, to_org: str, reason: str) -> Route:
        with self.audit.attempt(ctx, "tip.reroute", tip_id) as check:
            to = tips.check_reroute_target(self.registry.get(to_org), to_org, ctx.org)
            tip = self._triageable(ctx, tip_id, TriageAction.REROUTE)
            route = Route(to.code, REROUTE_RULE, reason)
            audit = ctx.audit("tip.reroute", resource_id=tip_id, reason=f"to {to.code}: {reason}"[:500])
            with check.refusal(classify=lambda: self._triageable(ctx, tip_id, TriageAction.REROUTE)):
                self.tips.reroute(tip, route, ctx.org, ctx.now, audit)
        return route

    def _brought(self, ctx: RequestContext, tip: Tip, case: Case) -> Brought:
        """The tip's identifiers, held on `case`, and its content references as the caller's note there."""
        held = tuple(self.deconfliction.held(ctx, case, identifier) for identifier in tip.identifiers)
        return Brought(held, _note(ctx, case.case_id, tip))

    def _triageable(self, ctx: RequestContext, tip_id: str, action: TriageAction) -> Tip:
        found = self.tips.get_tip(tip_id) if is_id("tip", tip_id) else None
        return tips.check_triage(found, ctx.principal.org, tip_id, action)

    # the stream's side

    def route(self, tip: Tip) -> Route | None:
        """Send a received tip to the agency holding one of its accounts, or where the rules say."""
        return self.route_all([tip])[0]

    def route_all(self, received: Sequence[Tip]) -> list[Route | None]:
        """`route` for a batch of tips at once: their holders read together, their routes written
        together (`Tips.route_all`). Runs from the table stream; a retried record finds its tip
        already routed and stops (None)."""
        waiting = [tip for tip in received if tip.status is TipStatus.RECEIVED]
        now = utcnow()
        found = {
            tip.tip_id: route_tip(tip, self.routing(), holders, self.receives)
            for tip, holders in zip(
                waiting, self.deconfliction.holders_of_each([tip.identifiers for tip in waiting]), strict=True
            )
        }
        routes = {tip_id: route for tip_id, route in found.items() if route is not None}
        for tip_id in found.keys() - routes.keys():
            # Every agency that would take it is suspended: it waits, received, for the operator.
            logger.error("no active agency to route a tip to", extra={"tip_id": tip_id})
        routed = self.tips.route_all(
            [(tip_id, route, _route_audit(tip_id, route, now)) for tip_id, route in routes.items()], now
        )
        return [routes[tip.tip_id] if tip.tip_id in routed else None for tip in received]

    def receives(self, code: str) -> bool:
        """Whether the agency of `code` may be routed a tip: active in the registry (read through
        the directory's cache: no round trip once warm)."""
        org = self.registry.get(code)
        return org is not None and org.is_active


def _route_audit(tip_id: str, route: Route, at: datetime) -> AuditRecord:
    return system_audit(
        "stream:tip.route",
        "tip.route",
        at,
        subject=ROUTER,
        org=route.to,
        resource_id=tip_id,
        reason=f"{route.rule}: {route.reason}"[:500],
    )


def _submission_audit(ctx: RequestContext, chunk: list[Tip]) -> AuditRecord:
    ids = ",".join(tip.tip_id for tip in chunk)
    return ctx.audit("tip.submit", resource_id=chunk[0].tip_id, reason=f"{len(chunk)} tips: {ids}"[:2000])


def _note(ctx: RequestContext, case_id: str, tip: Tip) -> Note | None:
    text = tips.content_note(tip)
    return ctx.note(case_id, text) if text is not None else None
