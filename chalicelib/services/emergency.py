"""Emergency disclosure use cases: ask (an officer of a participant, `emergency:request`),
approve or reject (another person of the same agency, `emergency:approve`), read and list
(the case's participants; the platform once approved), acknowledge and answer (the platform).

Every step is audited on the case's trail, the platform's reads included: the case's owner
sees who at the platform read the request, and when.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from chalicelib.domain import emergency
from chalicelib.domain.emergency import (
    Emergency,
    EmergencyAnswer,
    EmergencyRequest,
    EmergencyStatus,
    Officer,
)
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.organisations import Directory, Organisation, check_addressee
from chalicelib.domain.people import Act
from chalicelib.domain.principal import Principal
from chalicelib.domain.record_ids import is_id
from chalicelib.domain.timers import alert_timers, process_due_timers
from chalicelib.services.context import Auditor, FailureAudit, Idempotency, RequestContext, claim
from chalicelib.services.legal import decided_on, production
from chalicelib.storage.contracts import Key, Page

if TYPE_CHECKING:
    from chalicelib.services.people import Standing
    from chalicelib.services.ports import Emergencies, Files


@dataclass
class EmergencyService:
    requests: Emergencies
    files: Files
    audit: Auditor
    registry: Directory
    ttl: timedelta
    #: How long the platform has to acknowledge (alerts at once and at twice it).
    sla: timedelta
    #: When, after a disclosure, the agency is reminded that legal process should follow.
    process_due: timedelta
    #: Who may ask, decide and answer: a verified person, signed in with MFA (`services.people`).
    people: Standing

    def ask(
        self,
        ctx: RequestContext,
        case_id: str,
        platform: str,
        accounts: tuple[Identifier, ...],
        asked: Emergency,
        idempotency: Idempotency | None,
    ) -> EmergencyRequest:
        """The officer's request, awaiting a second person's approval; the platform sees nothing yet."""
        with self.audit.attempt(ctx, "emergency.ask", case_id) as check:
            sending = ctx.sending("emer", case_id, self.registry.get(platform), platform)
            with check.replayable(idempotency):  # a request made before its platform was suspended is a replay
                found = emergency.ask(sending, Officer.of(ctx.principal), accounts, asked)
            audit = ctx.audit("emergency.ask", case_id=case_id, resource_id=found.request_id)
            self.people.standing(ctx, Act.ASK_EMERGENCY)
            found = replace(found, requester_assurance=ctx.principal.assurance)

            reaching = check.reaching_platform(case_id, "ask for an emergency disclosure on")
            with check.refusal(idempotency, reaching):
                self.requests.ask(found, audit, claim(ctx, idempotency, found, self.ttl))
        return found

    def decide(self, ctx: RequestContext, request_id: str, rejected_because: str | None) -> EmergencyRequest:
        """A second person of the asking agency approves it (it reaches the platform, and its
        acknowledgement clock starts) or rejects it. The officer who asked, another agency
        and a caller without `emergency:approve` are refused, and each refusal is audited."""
        event = "emergency.approve" if rejected_because is None else "emergency.reject"
        with self.audit.attempt(ctx, event, request_id) as check:
            found = self._visible(check, request_id)
            assert check.found is not None  # an agency's caller, who sees the case
            decided = emergency.decide(found, check.found, ctx.principal, ctx.now, rejected_because)
            self.people.standing(ctx, Act.APPROVE_EMERGENCY if rejected_because is None else Act.REJECT_EMERGENCY)
            if decided.sent:  # the approval sends it: not to a platform suspended since it was asked
                check_addressee(self.registry, found.platform, "an emergency request")
                if self.people.withdrawn_from_acting(found.requested_by.person_id):
                    raise Conflict("the officer who asked was suspended or revoked since: reject it, or ask again")
                decided = replace(decided, approver_assurance=ctx.principal.assurance)
            timers = alert_timers(decided, self.sla) if decided.sent else []
            audit = ctx.audit(event, case_id=found.case_id, resource_id=request_id, reason=rejected_because)

            def classify() -> None:
                again = self._visible(check, request_id)
                assert check.found is not None
                emergency.decide(again, check.found, ctx.principal, ctx.now, rejected_because)

            with check.refusal(classify=classify):
                self.requests.decide(found, decided, timers, audit)
        return decided

    def confirm(self, ctx: RequestContext, request_id: str) -> EmergencyRequest:
        """A supervisor of the asking agency stands by a request held because its requester was
        suspended: it goes back to where it stood, and the platform is told (same standing as approving)."""
        return self._settle(ctx, request_id, "emergency.confirm", emergency.confirm, Act.APPROVE_EMERGENCY)

    def withdraw(self, ctx: RequestContext, request_id: str) -> EmergencyRequest:
        """A supervisor of the asking agency withdraws a held request; the platform is told
        (same standing as rejecting)."""
        return self._settle(ctx, request_id, "emergency.withdraw", emergency.withdraw, Act.REJECT_EMERGENCY)

    def _settle(
        self,
        ctx: RequestContext,
        request_id: str,
        event: str,
        step: Callable[[EmergencyRequest, Principal], EmergencyRequest],
        act: Act,
    ) -> EmergencyRequest:
        with self.audit.attempt(ctx, event, request_id) as check:
            found = self._visible(check, request_id)
            settled = step(found, ctx.principal)
            self.people.standing(ctx, act)
            audit = ctx.audit(event, case_id=found.case_id, resource_id=request_id)
            # Confirmed back onto the unacknowledged queue: its clock runs again from now.
            unacknowledged = settled.status is EmergencyStatus.APPROVED
            timers = alert_timers(settled, self.sla, since=ctx.now) if unacknowledged else []
            decided_on(request_id, lambda: self.requests.settle(found, settled, timers, audit, ctx.now))
        return settled

    def read(self, ctx: RequestContext, request_id: str) -> EmergencyRequest:
        """A participant of its case; the platform once it is approved."""
        return self.audit.read_apart(ctx, "emergency.read", request_id, lambda check: self._visible(check, request_id))

    def box(
        self, ctx: RequestContext, status: EmergencyStatus | None, limit: int, start: Key | None
    ) -> Page[EmergencyRequest]:
        """A platform's 24/7 queue (unacknowledged first, oldest first); an agency's requests, newest first."""
        if ctx.principal.org.is_agency:
            page = self.requests.agency_box(ctx.org, status, limit, start)
            event = "emergency.list.out"
        else:
            page = self.requests.queue(ctx.org, status, limit, start)
            event = "emergency.list.in"
        self.audit.record(ctx.audit(event, reason=f"{len(page.items)} requests"))
        return page

    def acknowledge(self, ctx: RequestContext, request_id: str) -> EmergencyRequest:
        with self.audit.attempt(ctx, "emergency.acknowledge", request_id):
            found = self.requests.get_emergency(request_id) if is_id("emer", request_id) else None
            acknowledged = emergency.acknowledge(found, ctx.principal.org, request_id, ctx.principal.subject, ctx.now)
            self.people.standing(ctx, Act.ANSWER_EMERGENCY)
            audit = ctx.audit("emergency.acknowledge", case_id=acknowledged.case_id, resource_id=request_id)
            assert found is not None
            decided_on(request_id, lambda: self.requests.acknowledge(found, acknowledged, audit))
        return acknowledged

    def answer(self, ctx: RequestContext, request_id: str, given: EmergencyAnswer) -> EmergencyRequest:
        """The platform's answer; the files it names join the case, each handed over on its
        chain of custody; a disclosure files the agency's legal-process reminder."""
        with self.audit.attempt(ctx, "emergency.answer", request_id):
            found = self.requests.get_emergency(request_id) if is_id("emer", request_id) else None
            answered = emergency.answer(found, ctx.principal.org, request_id, given, self.process_due)
            self.people.standing(ctx, Act.ANSWER_EMERGENCY)
            reason = given.outcome.value
            audit = ctx.audit("emergency.answer", case_id=answered.case_id, resource_id=request_id, reason=reason)
            disclosed = [
                production(ctx, self.files, answered.case_id, request_id, answered.platform, file_id)
                for file_id in given.file_ids
            ]
            timers = process_due_timers(answered)
            assert found is not None
            decided_on(request_id, lambda: self.requests.answer(found, answered, timers, audit, disclosed))
        return answered

    def verification_line(self, org: str) -> str | None:
        """The asking agency's 24/7 line, from the registry: what the platform calls back on."""
        found: Organisation | None = self.registry.get(org)
        return found.verification_line if found is not None else None

    def _visible(self, check: FailureAudit, request_id: str) -> EmergencyRequest:
        found = self.requests.get_emergency(request_id) if is_id("emer", request_id) else None
        return check.visible_apart(found, request_id, emergency.visible_request)
