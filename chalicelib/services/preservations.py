"""Preservation use cases: request (agencies), read, list, acknowledge (the platform), extend."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from chalicelib.domain import cases, preservations
from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.organisations import Directory, check_addressee
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.record_ids import is_id
from chalicelib.domain.timers import preservation_timers
from chalicelib.services.context import Auditor, FailureAudit, Idempotency, RequestContext, claim
from chalicelib.storage.contracts import ConditionFailed, Key, Page

if TYPE_CHECKING:
    from chalicelib.services.ports import Preservations


@dataclass
class PreservationService:
    preservations: Preservations
    audit: Auditor
    registry: Directory
    ttl: timedelta

    def request(
        self,
        ctx: RequestContext,
        case_id: str,
        platform: str,
        accounts: list[Identifier],
        contact: Contact,
        idempotency: Idempotency | None,
    ) -> Preservation:
        with self.audit.attempt(ctx, "preservation.request", case_id) as check:
            sending = ctx.sending("pres", case_id, self.registry.get(platform), platform)
            with check.replayable(idempotency):  # a request made before its platform was suspended is a replay
                found = preservations.request(sending, tuple(dict.fromkeys(accounts)), contact)
            audit = ctx.audit("preservation.request", case_id=case_id, resource_id=found.preservation_id)

            with check.refusal(idempotency, check.reaching_platform(case_id, "request preservation for")):
                self.preservations.request_preservation(
                    found, preservation_timers(found), audit, claim(ctx, idempotency, found, self.ttl)
                )
        return found

    def read(self, ctx: RequestContext, preservation_id: str) -> Preservation:
        """The platform it is addressed to, or a participant of its case."""
        return self.audit.read_apart(
            ctx, "preservation.read", preservation_id, lambda check: self._visible(check, preservation_id)
        )

    def box(
        self, ctx: RequestContext, status: PreservationStatus | None, limit: int, start: Key | None
    ) -> Page[Preservation]:
        """A platform's requests addressed to it; an agency's requests it sent."""
        return self.audit.box(
            ctx, "preservation", lambda box: self.preservations.preservation_box(ctx.org, box, status, limit, start)
        )

    def acknowledge(self, ctx: RequestContext, preservation_id: str, reference: str) -> Preservation:
        with self.audit.attempt(ctx, "preservation.acknowledge", preservation_id):
            found = self.preservations.get_preservation(preservation_id) if is_id("pres", preservation_id) else None
            preservations.acknowledge(found, ctx.principal.org, preservation_id)
            assert found is not None
            audit = ctx.audit("preservation.acknowledge", case_id=found.case_id, resource_id=preservation_id)
            try:
                self.preservations.acknowledge(found, reference, ctx.now, audit)
            except ConditionFailed:
                again = self.preservations.get_preservation(preservation_id)
                preservations.acknowledge(again, ctx.principal.org, preservation_id)
                raise Unavailable("the request changed while writing; retry") from None
        return replace(
            found, status=PreservationStatus.ACKNOWLEDGED, platform_reference=reference, acknowledged_at=ctx.now
        )

    def extend(self, ctx: RequestContext, preservation_id: str) -> Preservation:
        """One more 90 days, asked by the agency that sent it before the period ends, while the
        case is open and marked to reach a platform (`cases.may_reach_platform`, at commit time)
        and the platform is active."""
        with self.audit.attempt(ctx, "preservation.extend", preservation_id) as check:
            found = self._visible(check, preservation_id)
            extended = preservations.extend(found, ctx.org, ctx.now)
            assert check.found is not None
            cases.check_reaches_platform(check.found, "extend a preservation of")
            check_addressee(self.registry, found.platform, "a preservation's extension")
            audit = ctx.audit("preservation.extend", case_id=found.case_id, resource_id=preservation_id)
            timers = (preservation_timers(found), preservation_timers(extended))

            def again() -> None:
                preservations.extend(self._visible(check, preservation_id), ctx.org, ctx.now)
                assert check.found is not None
                cases.check_reaches_platform(check.found, "extend a preservation of")

            with check.refusal(classify=again):
                self.preservations.extend(found, extended, ctx.org, timers, ctx.now, audit)
        return extended

    def _visible(self, check: FailureAudit, preservation_id: str) -> Preservation:
        found = self.preservations.get_preservation(preservation_id) if is_id("pres", preservation_id) else None
        return check.visible_apart(found, preservation_id, preservations.visible_preservation)
