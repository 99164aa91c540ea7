"""Legal process use cases: serve (participants of an open case), read and list (the
platform served, and the case's participants), acknowledge and answer (the platform),
withdraw (participants, until it is answered).

Serving a court order or a warrant shares its signed document, one file of the case, with
the platform: a hand-over on that file's chain of custody, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from chalicelib.domain import cases, emergency, legal, preservations
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import Conflict, Unavailable
from chalicelib.domain.legal import Answer, LegalKind, LegalRequest, LegalStatus, Served
from chalicelib.domain.organisations import Directory, check_addressee
from chalicelib.domain.people import Act
from chalicelib.domain.preservations import Preservation
from chalicelib.domain.record_ids import is_id
from chalicelib.domain.timers import legal_timers, nondisclosure_timers
from chalicelib.services.context import Auditor, FailureAudit, Idempotency, RequestContext, claim
from chalicelib.storage.contracts import ConditionFailed, Key, Page

if TYPE_CHECKING:
    from chalicelib.services.people import Standing
    from chalicelib.services.ports import EmergencyReader, Files, LegalRequests, PreservationReader


@dataclass
class LegalService:
    requests: LegalRequests
    files: Files
    preservations: PreservationReader
    emergencies: EmergencyReader
    audit: Auditor
    registry: Directory
    ttl: timedelta
    #: When an answer is due by default, per kind (`legal.DEFAULT_DUE`, or the stage's).
    due_after: Mapping[LegalKind, timedelta]
    #: Who may serve and answer: a verified person, signed in with MFA (`services.people`).
    people: Standing

    def send(
        self, ctx: RequestContext, case_id: str, platform: str, served: Served, idempotency: Idempotency | None
    ) -> LegalRequest:
        with self.audit.attempt(ctx, "legal.send", case_id) as check:
            sending = ctx.sending("legal", case_id, self.registry.get(platform), platform)
            with check.replayable(idempotency):  # a request made before its platform was suspended is a replay
                found = legal.send(sending, served, self.due_after[served.kind])
            audit = ctx.audit("legal.send", case_id=case_id, resource_id=found.request_id)
            requester = self.people.standing(ctx, Act.SERVE_LEGAL_PROCESS)
            found = replace(found, requester_id=requester.person_id, requester_assurance=ctx.principal.assurance)
            # A repeat of a request that succeeded may fail these now (its preservation fulfilled): a replay.
            with check.replayable(idempotency):
                if found.document_file_id or found.preservation_id or found.emergency_id:
                    # Nothing of a file or a preservation is told before the caller is known to work on the case.
                    cases.check_reaches_platform(check.visible_case(case_id), "serve legal process on")
                document = self._served_document(ctx, found)
                found = self._following(found)
                self._after_emergency(found)

            def classify() -> None:
                cases.check_reaches_platform(check.visible_case(case_id), "serve legal process on")
                self._served_document(ctx, found)  # it changed meanwhile
                self._following(found)
                self._after_emergency(found)

            with check.refusal(idempotency, classify):
                self.requests.send(
                    found, legal_timers(found), audit, document, claim(ctx, idempotency, found, self.ttl)
                )
        return found

    def read(self, ctx: RequestContext, request_id: str) -> LegalRequest:
        """The platform served, or a participant of its case."""
        return self.audit.read_apart(ctx, "legal.read", request_id, lambda check: self._visible(check, request_id))

    def box(self, ctx: RequestContext, status: LegalStatus | None, limit: int, start: Key | None) -> Page[LegalRequest]:
        """A platform's requests served on it; an agency's requests it served."""
        return self.audit.box(ctx, "legal", lambda box: self.requests.request_box(ctx.org, box, status, limit, start))

    def acknowledge(self, ctx: RequestContext, request_id: str, reference: str) -> LegalRequest:
        with self.audit.attempt(ctx, "legal.acknowledge", request_id):
            found = self._get(request_id)
            acknowledged = legal.acknowledge(found, ctx.principal.org, request_id, reference, ctx.now)
            self.people.standing(ctx, Act.ANSWER_LEGAL_PROCESS)
            audit = ctx.audit("legal.acknowledge", case_id=acknowledged.case_id, resource_id=request_id)
            assert found is not None
            decided_on(request_id, lambda: self.requests.acknowledge(found, acknowledged, audit))
        return acknowledged

    def answer(self, ctx: RequestContext, request_id: str, given: Answer) -> LegalRequest:
        """The platform's answer; the files it names join the case, each handed over on its chain of custody."""
        with self.audit.attempt(ctx, "legal.answer", request_id):
            found = self._get(request_id)
            answered = legal.answer(found, ctx.principal.org, request_id, given)
            self.people.standing(ctx, Act.ANSWER_LEGAL_PROCESS)
            reason = given.outcome.value
            audit = ctx.audit("legal.answer", case_id=answered.case_id, resource_id=request_id, reason=reason)
            produced = [
                production(ctx, self.files, answered.case_id, answered.request_id, answered.platform, file_id)
                for file_id in given.file_ids
            ]
            fulfilled = self._fulfilled(answered)
            assert found is not None
            decided_on(request_id, lambda: self.requests.answer(found, answered, audit, produced, fulfilled))
        return answered

    def extend_nondisclosure(
        self, ctx: RequestContext, request_id: str, until: datetime, document_file_id: str
    ) -> LegalRequest:
        """A later nondisclosure end, on a new order (a document the agency declared on the case
        for legal process, served on the platform like the first): the agency that served the
        request, whatever the request's state, while the case may reach the platform and the
        platform is active."""
        with self.audit.attempt(ctx, "legal.nondisclosure", request_id) as check:
            found = self._visible(check, request_id)
            extended = legal.extended_by(legal.extend_nondisclosure(found, ctx.org, until, ctx.now), document_file_id)
            assert check.found is not None  # the serving agency, which sees the case
            cases.check_reaches_platform(check.found, "extend a nondisclosure order of")
            check_addressee(self.registry, found.platform, "a nondisclosure order")
            served = self._served_document(ctx, replace(extended, document_file_id=document_file_id))
            assert served is not None
            timers = (nondisclosure_timers(found), nondisclosure_timers(replace(extended, sent_at=ctx.now)))
            reason = f"until {until.isoformat()}"
            audit = ctx.audit("legal.nondisclosure", case_id=found.case_id, resource_id=request_id, reason=reason)

            def classify() -> None:
                again = self._visible(check, request_id)
                assert check.found is not None
                cases.check_reaches_platform(check.found, "extend a nondisclosure order of")
                self._served_document(ctx, replace(again, document_file_id=document_file_id))

            with check.refusal(classify=classify):
                self.requests.extend_nondisclosure(found, extended, timers, served, audit)
        return extended

    def _following(self, found: LegalRequest) -> LegalRequest:
        """The request with the end of the preservation it follows, if it names one (409 if
        that is no running preservation of the case on the same platform)."""
        if found.preservation_id is None:
            return found
        followed = self._preservation(found.preservation_id)
        followed = preservations.check_followed(
            followed, found.case_id, found.org, found.platform, found.preservation_id
        )
        return replace(found, preservation_ends_at=followed.expires_at)

    def _after_emergency(self, found: LegalRequest) -> None:
        """409 unless the emergency request it names is its own agency's, on its case, which its
        platform answered with a disclosure, and no other legal request follows it yet (another
        agency's is answered as an absent one)."""
        if found.emergency_id is None:
            return
        asked = self.emergencies.get_emergency(found.emergency_id) if is_id("emer", found.emergency_id) else None
        if asked is None or not emergency.followable(found.case_id, found.org, found.platform).holds(asked):
            raise Conflict(
                f"emergency_id {found.emergency_id!r} is no disclosure {found.platform} made to {found.org} on this "
                "case awaiting its legal process"
            )

    def _fulfilled(self, answered: LegalRequest) -> Preservation | None:
        """The preservation the answered request follows, if it still runs: the answer fulfils it."""
        followed = self._preservation(answered.preservation_id) if answered.preservation_id else None
        return followed if followed is not None and preservations.RUNNING.holds(followed) else None

    def _preservation(self, preservation_id: str) -> Preservation | None:
        return self.preservations.get_preservation(preservation_id) if is_id("pres", preservation_id) else None

    def withdraw(self, ctx: RequestContext, request_id: str, reason: str) -> LegalRequest:
        """The agency that served it takes it back, until it is answered (participants see it)."""
        with self.audit.attempt(ctx, "legal.withdraw", request_id) as check:
            found = self._visible(check, request_id)
            withdrawn = legal.withdraw(found, ctx.org, reason, ctx.now)
            audit = ctx.audit("legal.withdraw", case_id=found.case_id, resource_id=request_id, reason=reason)
            decided_on(request_id, lambda: self.requests.withdraw(found, withdrawn, audit))
        return withdrawn

    def _get(self, request_id: str) -> LegalRequest | None:
        return self.requests.get_request(request_id) if is_id("legal", request_id) else None

    def _visible(self, check: FailureAudit, request_id: str) -> LegalRequest:
        return check.visible_apart(self._get(request_id), request_id, legal.visible_request)

    def _served_document(self, ctx: RequestContext, found: LegalRequest) -> AuditRecord | None:
        """The signed document's hand-over to the platform, a custody entry of the file, if
        the request names one: a document its agency declared on the case for legal process,
        available (`legal.servable_document`; 409 otherwise)."""
        if found.document_file_id is None:
            return None
        file_id = found.document_file_id
        read = self.files.get_file(file_id) if is_id("file", file_id) else None
        document = legal.check_document(read, found.case_id, found.org, file_id)
        reason = f"served on {found.platform} with {found.request_id}"
        return ctx.audit(
            "file.serve", case_id=found.case_id, resource_id=file_id, reason=reason, sha256=document.sha256
        )


def production(
    ctx: RequestContext, files: Files, case_id: str, request_id: str, platform: str, file_id: str
) -> AuditRecord:
    """A file the platform uploaded to `request_id` handed over to the case, as its answer
    names it: that custody entry (409 if it is not a file the answer may name)."""
    found = files.get_file(file_id) if is_id("file", file_id) else None
    legal.check_production(request_id, platform, file_id, found)
    assert found is not None
    reason = f"produced on {request_id}"
    return ctx.audit("file.transfer", case_id=case_id, resource_id=file_id, reason=reason, sha256=found.sha256)


def decided_on(request_id: str, write: Callable[[], None]) -> None:
    """A change decided on a request as read: if it moved meanwhile, the caller reads it again."""
    try:
        write()
    except ConditionFailed:
        raise Unavailable(f"request {request_id} changed while writing; read it again") from None
