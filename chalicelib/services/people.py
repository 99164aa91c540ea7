"""The persons use cases: an organisation's administrators register, verify, change, suspend,
revoke and reinstate its persons; the operator registers an organisation's administrators
and may suspend or revoke anyone; and every sensitive act asks `standing` first.

`PeopleService.standing` is what legal process and emergency requests check before they
write (`services/legal.py`, `services/emergency.py`): the caller's person, by the id their
token's identity makes (one GetItem), active, verified within the year, with the role of
the act, signed in strongly enough (`domain.people.check_standing`). A refusal is a 403
that says what is missing, audited as the act's failure by the use case that asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from chalicelib.domain import people
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import Conflict, NotFound, check_version
from chalicelib.domain.organisations import Directory, Organisation, OrgRole
from chalicelib.domain.people import (
    Act,
    Actor,
    Changes,
    FraudReport,
    Person,
    PersonAction,
    PersonStatus,
    Registration,
    RequestsSent,
)
from chalicelib.services.context import Auditor, FailureAudit, Idempotency, RequestContext, claim
from chalicelib.storage.contracts import IdempotencyClaim, Key, Page


class PeopleStore(Protocol):
    """What the persons' use cases need of the table (`storage.people`)."""

    def get_person(self, person_id: str) -> Person | None: ...

    def register(self, person: Person, audit: AuditRecord, claim: IdempotencyClaim | None = None) -> None: ...

    def change(self, before: Person, after: Person, audit: AuditRecord) -> None: ...

    def people_of(self, org: str, limit: int, start: Key | None) -> Page[Person]: ...

    def requests_sent(self, person_id: str) -> RequestsSent: ...

    def report(self, report: FraudReport, audit: AuditRecord) -> None: ...


@dataclass(frozen=True)
class Requester:
    """A person as a platform sees them: as the registry knows them now, their organisation,
    and (on `GET /v1/requesters/{id}`) how many platforms their emergency requests reached."""

    person: Person
    organisation: Organisation
    #: Platforms reached in the last 24 hours and 30 days (`people.spray`); None in a request's view.
    spray: tuple[int, ...] | None = None
    #: How many of their requests platforms reported as fraudulent; None in a request's view.
    fraud_reports: int | None = None


class Standing(Protocol):
    """Whether the caller may do a sensitive act (`PeopleService.standing`)."""

    def standing(self, ctx: RequestContext, act: Act) -> Person: ...

    def withdrawn_from_acting(self, person_id: str) -> bool:
        """Whether the person was suspended or revoked: what they asked for goes no further."""
        ...


@dataclass
class PeopleService:
    store: PeopleStore
    audit: Auditor
    registry: Directory
    #: When a verified person must be verified again (`Settings.reverify_after`, a year).
    reverify_after: timedelta
    ttl: timedelta

    def standing(self, ctx: RequestContext, act: Act) -> Person:
        """The caller's person, if they may do `act` now; `PersonRefused` (403) otherwise."""
        found = self.store.get_person(ctx.principal.person_id)
        return people.check_standing(found, ctx.org, act, ctx.principal.assurance, ctx.now)

    def withdrawn_from_acting(self, person_id: str) -> bool:
        found = self.store.get_person(person_id)
        return found is not None and found.status in (PersonStatus.SUSPENDED, PersonStatus.REVOKED)

    def acting_person(self, person_id: str, org: str) -> Person | None:
        """The person, if they are an active person of `org`: whom something may be handed to."""
        found = self.store.get_person(person_id) if people.is_person_id(person_id) else None
        return found if found is not None and found.org == org and found.status is PersonStatus.ACTIVE else None

    def register(self, ctx: RequestContext, given: Registration, idempotency: Idempotency | None) -> Person:
        """A person of the caller's organisation, pending until a second administrator verifies them."""
        with self.audit.attempt(ctx, "person.register", None) as check:
            with check.replayable(idempotency):
                by = self._administrator(ctx)
            person = people.register(self._org(ctx.org), given, by, ctx.now)
            self._write_new(ctx, person, idempotency, check)
        return person

    def register_administrator(
        self, ctx: RequestContext, code: str, given: Registration, idempotency: Idempotency | None
    ) -> Person:
        """The operator registers an organisation's administrator, verified at once (the
        operator checked them on the organisation's own line when onboarding it)."""
        with self.audit.attempt(ctx, "person.register", code) as check:
            org = self._org(code)
            by = Actor(ctx.principal.person_id, ctx.principal.name, ctx.org)
            person = people.register_first_administrator(org, given, by, ctx.now, self.reverify_after)
            self._write_new(ctx, person, idempotency, check)
        return person

    def _write_new(
        self, ctx: RequestContext, person: Person, idempotency: Idempotency | None, check: FailureAudit
    ) -> None:
        def classify() -> None:
            if self.store.get_person(person.person_id) is not None:
                raise Conflict("this identity is registered already (in some spelling of its subject)")

        audit = ctx.audit("person.register", resource_id=person.person_id, reason=person.org)
        with check.refusal(idempotency, classify):
            self.store.register(person, audit, claim(ctx, idempotency, person, self.ttl))

    def read(self, ctx: RequestContext, person_id: str) -> Person:
        """A person of the caller's organisation (the operator: of any)."""

        def visible() -> Person:
            if not self._is_operator(ctx):
                self._administrator(ctx)
            return self._visible(ctx, person_id)

        return self.audit.read(ctx, "person.read", person_id, visible)

    def people_of(self, ctx: RequestContext, limit: int, start: Key | None) -> Page[Person]:
        with self.audit.attempt(ctx, "person.list", None):
            self._administrator(ctx)
        page = self.store.people_of(ctx.org, limit, start)
        self.audit.record(ctx.audit("person.list", reason=f"{len(page.items)} persons"))
        return page

    def update(self, ctx: RequestContext, person_id: str, changes: Changes, version: int) -> Person:
        return self._step(
            ctx,
            person_id,
            "person.update",
            lambda found, by: people.update(found, self._org(ctx.org), changes, by, ctx.now),
            version,
        )

    def verify(self, ctx: RequestContext, person_id: str, version: int) -> Person:
        """Verify them as their administrator read them (`version`): what another changed since
        (roles, e-mail) is never verified unseen."""
        return self._step(
            ctx,
            person_id,
            "person.verify",
            lambda found, by: people.verify(found, by, ctx.now, self.reverify_after),
            version=version,
        )

    def change_status(self, ctx: RequestContext, person_id: str, action: PersonAction, reason: str) -> Person:
        """Suspend, revoke or reinstate: their administrators; the operator may suspend or revoke anyone."""
        return self._step(
            ctx,
            person_id,
            f"person.{action.value}",
            lambda found, by: people.change_status(found, action, by, ctx.now, reason),
            operator_may=action is not PersonAction.REINSTATE,
        )

    def _step(
        self,
        ctx: RequestContext,
        person_id: str,
        event: str,
        decide: Callable[[Person, Actor], Person],
        version: int | None = None,
        *,
        operator_may: bool = False,
    ) -> Person:
        with self.audit.attempt(ctx, event, person_id) as check:
            if operator_may and self._is_operator(ctx):
                by = Actor(ctx.principal.person_id, ctx.principal.name, ctx.org)
            else:
                by = self._administrator(ctx)
            found = self._visible(ctx, person_id)
            check_version(person_id, found.version, version)
            after = decide(found, by)

            def classify() -> None:
                raise Conflict(f"{person_id} changed while this was decided; read them again")

            with check.refusal(None, classify):
                self.store.change(found, after, ctx.audit(event, resource_id=person_id, reason=found.org))
        return after

    def requester(self, ctx: RequestContext, person_id: str) -> Requester:
        """A person who sent the calling platform a request, as the registry knows them now,
        with the spray signal: 404 for anyone else, as for a person who does not exist."""
        with self.audit.attempt(ctx, "requester.read", person_id):
            sent = self.store.requests_sent(person_id)
            found = self.store.get_person(person_id) if ctx.org in sent.platforms else None
            shown = self._as_requester(found) if found is not None else None
            if shown is None:
                raise NotFound(f"no requester {person_id!r} is visible to you")
        self.audit.record(ctx.audit("requester.read", resource_id=person_id))
        return Requester(shown.person, shown.organisation, people.spray(sent.emergencies, ctx.now), sent.fraud_reports)

    def report_fraud(
        self, ctx: RequestContext, request_id: str, person_id: str | None, org: str, reason: str
    ) -> FraudReport:
        """The calling platform reports a request it received (`request_id`, by `person_id` of
        `org`) as fraudulent: once per request, by its legal desk."""
        with self.audit.attempt(ctx, "requester.report", request_id) as check:
            self.standing(ctx, Act.REPORT_FRAUD)
            if person_id is None:
                raise Conflict(f"{request_id} names no registered requester: it was sent before persons were")
            report = FraudReport(person_id, org, ctx.org, request_id, reason, ctx.now, ctx.principal.subject)

            def classify() -> None:
                raise Conflict(f"{ctx.org} reported {request_id} already")

            with check.refusal(None, classify):
                self.store.report(report, ctx.audit("requester.report", resource_id=request_id, reason=reason))
        return report

    def requesters(self, *person_ids: str | None) -> list[Requester | None]:
        """The persons a request names, as the registry knows them now (one GetItem each):
        what the platform reads with the request."""
        return [self._as_requester(self.store.get_person(each)) if each else None for each in person_ids]

    def _as_requester(self, found: Person | None) -> Requester | None:
        org = self.registry.get(found.org) if found is not None else None
        return Requester(found, org) if found is not None and org is not None else None

    def _administrator(self, ctx: RequestContext) -> Actor:
        """The caller, as an active, verified administrator of their organisation (403 otherwise)."""
        admin = self.standing(ctx, Act.ADMINISTER_PEOPLE)
        return Actor(admin.person_id, admin.name, ctx.org)

    def _is_operator(self, ctx: RequestContext) -> bool:
        return ctx.principal.org.role is OrgRole.OPERATOR

    def _visible(self, ctx: RequestContext, person_id: str) -> Person:
        found = self.store.get_person(person_id)
        if found is None or (found.org != ctx.org and not self._is_operator(ctx)):
            raise NotFound(f"no person {person_id!r} is visible to you")
        return found

    def _org(self, code: str) -> Organisation:
        found = self.registry.get(code)
        if found is None:
            raise NotFound(f"no organisation {code!r} in the registry")
        return found
