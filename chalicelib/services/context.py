"""What every use case needs to know about the request it serves."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from chalicelib.domain.audit import UNVERIFIED_ORG, UNVERIFIED_SUBJECT, AuditRecord, Identity, Outcome
from chalicelib.domain.cases import Case, Note, check_reaches_platform, visible_case
from chalicelib.domain.errors import (
    DomainError,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    NotFound,
    Unavailable,
)
from chalicelib.domain.organisations import Organisation, Sending
from chalicelib.domain.principal import Principal
from chalicelib.domain.record_ids import check_case_id, new_id
from chalicelib.services import replays
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim, Page

if TYPE_CHECKING:
    from chalicelib.services.ports import AuditLog, CaseReader, IdempotencyLog

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Origin:
    """Where an audited action came from (CJIS: which component, which request, from where, when).

    The one builder of audit records: a request's (`RequestContext.audit`), a refused
    token's (`Auditor.denied`) and casebridge's own (`system_audit`).
    """

    component: str
    request_id: str | None = None
    now: datetime = field(default_factory=utcnow)
    #: The caller's address as the gateway saw it, and its user agent.
    source_ip: str | None = None
    user_agent: str | None = None

    def audit(
        self,
        event: str,
        outcome: Outcome,
        *,
        subject: str,
        org: str,
        identity: Identity = Identity.VERIFIED,
        case_id: str | None = None,
        resource_id: str | None = None,
        reason: str | None = None,
        claimed: tuple[str | None, str | None] = (None, None),
        blind_tokens: tuple[str, ...] = (),
        sha256: str | None = None,
    ) -> AuditRecord:
        return AuditRecord(
            audit_id=new_id("aud", self.now),
            at=self.now,
            component=self.component,
            event=event,
            subject=subject,
            org=org,
            outcome=outcome,
            case_id=case_id,
            resource_id=resource_id,
            reason=reason,
            request_id=self.request_id,
            identity=identity,
            claimed_subject=claimed[0],
            claimed_org=claimed[1],
            source_ip=self.source_ip,
            user_agent=self.user_agent,
            blind_tokens=blind_tokens,
            sha256=sha256,
        )


@dataclass(frozen=True)
class RequestContext:
    principal: Principal
    #: The component of the CJIS audit fields: `api:<METHOD> <route>`.
    component: str
    request_id: str | None = None
    now: datetime = field(default_factory=utcnow)
    #: From where (CJIS): the caller's address as the gateway saw it, and its user agent.
    source_ip: str | None = None
    user_agent: str | None = None

    @property
    def org(self) -> str:
        return self.principal.org_code

    @property
    def origin(self) -> Origin:
        return Origin(self.component, self.request_id, self.now, self.source_ip, self.user_agent)

    def audit(self, event: str, outcome: Outcome = Outcome.SUCCESS, **details: Any) -> AuditRecord:
        """The caller's record of `event`; `details` as `Origin.audit` takes them (case_id, reason, …)."""
        return self.origin.audit(event, outcome, subject=self.principal.subject, org=self.org, **details)

    def sending(self, prefix: str, case_id: str, platform: Organisation | None, platform_code: str) -> Sending:
        """A request the caller sends now from `case_id` (400 if that is no case id) to the
        platform it names `platform_code`, as the registry has it (`platform`)."""
        check_case_id(case_id)
        return Sending(
            new_id(prefix, self.now), case_id, self.org, self.principal.subject, platform, platform_code, self.now
        )

    def note(self, case_id: str, text: str) -> Note:
        """A note on `case_id` by the caller, written now."""
        return Note(
            note_id=new_id("note", self.now),
            case_id=case_id,
            text=text,
            author_org=self.org,
            author_subject=self.principal.subject,
            author_name=self.principal.name,
            created_at=self.now,
        )


#: Who acts when casebridge itself changes something (the stream handler, the timers).
SYSTEM_SUBJECT = "casebridge"
SYSTEM_ORG = "CASEBRIDGE"


def system_audit(
    component: str, event: str, at: datetime, *, subject: str = SYSTEM_SUBJECT, org: str = SYSTEM_ORG, **details: Any
) -> AuditRecord:
    """The audit record of a change casebridge makes on its own, outside any request."""
    return Origin(component, now=at).audit(
        event, Outcome.SUCCESS, subject=subject, org=org, identity=Identity.SYSTEM, **details
    )


@dataclass(frozen=True)
class Idempotency:
    """An `Idempotency-Key` and the request it came with (method, route, canonical body)."""

    key: str
    request_hash: str

    @staticmethod
    def hash_request(method: str, path: str, body: Any) -> str:
        canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


class Replayed(Exception):
    """The request repeats an earlier one; `value` is what that one created (and answered)."""

    def __init__(self, value: Any) -> None:
        super().__init__("replayed")
        self.value = value


def claim(
    ctx: RequestContext, idempotency: Idempotency | None, created: Any, ttl: timedelta
) -> IdempotencyClaim | None:
    """The claim on the request's key, storing `created` (what the use case answers) for a replay."""
    if idempotency is None:
        return None
    kind, text = replays.encode(created)
    return IdempotencyClaim(
        org=ctx.org,
        key=idempotency.key,
        request_hash=idempotency.request_hash,
        kind=kind,
        created=text,
        created_at=ctx.now,
        expires_at=ctx.now + ttl,
    )


class OnCase(Protocol):
    """A resource kept apart from its case (a file, a preservation, a request): the case it is on, if any."""

    @property
    def case_id(self) -> str | None: ...


#: A resource kept apart from its case.
A = TypeVar("A", bound=OnCase)


@dataclass
class Auditor:
    """Audits what the services do, and explains what the store refused: the one helper for
    the ritual of every service call (`attempt`), over the audit log and the two reads an
    explanation needs."""

    log: AuditLog
    cases: CaseReader
    idempotency: IdempotencyLog

    def record(self, audit: AuditRecord) -> None:
        self.log.record(audit)

    def attempt(self, ctx: RequestContext, event: str, resource_id: str | None) -> FailureAudit:
        """`with auditor.attempt(…) as check:` around a use case: a refusal is audited as `event`."""
        return FailureAudit(self, ctx, event, resource_id)

    def case(self, case_id: str) -> Case | None:
        return self.cases.get_case(case_id)

    def read(self, ctx: RequestContext, event: str, resource_id: str, find: Callable[[], T]) -> T:
        """A read of one resource that is not on a case (or not told with it), audited as
        `event` either way: a refusal of `find` as a failure, what it found as a read."""
        with self.attempt(ctx, event, resource_id):
            found = find()
        self.record(ctx.audit(event, resource_id=resource_id))
        return found

    def of_case(self, ctx: RequestContext, event: str, case_id: str, read: Callable[[], T]) -> T:
        """A read of what a case holds (its identifiers, its operations): participants only,
        audited as `event` either way."""
        with self.attempt(ctx, event, case_id) as check:
            check.visible_case(check_case_id(case_id))
        found = read()
        self.record(ctx.audit(event, case_id=case_id, resource_id=case_id))
        return found

    def box(self, ctx: RequestContext, area: str, read: Callable[[str], Page[T]]) -> Page[T]:
        """The caller's box of requests between agencies and platforms: a platform's, addressed
        to it (`IN`); an agency's, sent (`OUT`). Audited as `<area>.list.in` or `.out`."""
        box = "OUT" if ctx.principal.org.is_agency else "IN"
        page = read(box)
        self.record(ctx.audit(f"{area}.list.{box.lower()}", reason=f"{len(page.items)} requests"))
        return page

    def read_apart(self, ctx: RequestContext, event: str, resource_id: str, visible: Callable[[FailureAudit], A]) -> A:
        """A read of one resource kept apart from its case (`FailureAudit.visible_apart`), audited
        as `event` either way: on its case when it is seen, as a failure when it is not."""
        with self.attempt(ctx, event, resource_id) as check:
            found = visible(check)
        self.record(ctx.audit(event, case_id=found.case_id, resource_id=resource_id))
        return found

    def denied(
        self,
        origin: Origin,
        reason: str,
        *,
        verified: Principal | None = None,
        claimed: tuple[str | None, str | None] = (None, None),
    ) -> None:
        """A refused token or scope is audited too (CJIS 5.4.1.1), as best it can be.

        A token that did not verify proves nothing: its record is filed as unverified, never
        in the trail of the organisation it names, and what it claimed is kept apart as a
        claim. Nothing the store says stops the caller from getting its 401 or 403.
        """
        subject, org = (verified.subject, verified.org_code) if verified else (UNVERIFIED_SUBJECT, UNVERIFIED_ORG)
        record = origin.audit(
            "auth.denied",
            Outcome.FAILURE,
            subject=subject,
            org=org,
            identity=Identity.VERIFIED if verified else Identity.UNVERIFIED,
            reason=reason[:500],
            claimed=(claimed[0][:200] if claimed[0] else None, claimed[1][:32] if claimed[1] else None),
        )
        with suppress(DomainError):
            self.record(record)

    def replay(self, ctx: RequestContext, idempotency: Idempotency | None) -> IdempotencyKeyReused | None:
        """Raises `Replayed` if the key holds this very request's result; the error if it holds another's."""
        if idempotency is None:
            return None
        record = self.idempotency.idempotency_record(ctx.org, idempotency.key)
        if record is None or record.expires_at < ctx.now:
            return None
        if record.request_hash != idempotency.request_hash:
            return IdempotencyKeyReused(
                "this Idempotency-Key was used with a different request; use a new key for a new request"
            )
        raise Replayed(replays.decode(record.kind, record.created))

    def explain_refusal(
        self, ctx: RequestContext, idempotency: Idempotency | None, classify: Callable[[], object]
    ) -> DomainError:
        """Why the store refused a write: a replay, a reused key, the domain's reason, or contention.

        Called only after a refusal, so the extra reads cost nothing on the path that succeeds.
        `classify` re-reads what it needs and raises the domain error that explains the refusal.
        """
        reused = self.replay(ctx, idempotency)
        if reused is not None:
            return reused
        classify()
        if idempotency is not None:
            return IdempotencyInProgress("a request with this Idempotency-Key is in progress; retry shortly")
        return Unavailable("the resource changed while writing; retry")


class FailureAudit:
    """Records a failed attempt on a case, then lets the error go on to the caller.

    `check.visible_case` reads the case it is about, and `with check.refusal(…)` around a
    write explains the store's refusal (`Auditor.explain_refusal`).

    The record goes into the case's own trail when the case exists (its owner learns who
    tried), and into the caller's organisation trail when it does not.
    """

    def __init__(self, auditor: Auditor, ctx: RequestContext, event: str, resource_id: str | None) -> None:
        self._auditor = auditor
        self._ctx = ctx
        self._event = event
        self._resource_id = resource_id
        self.found: Case | None = None

    def __enter__(self) -> FailureAudit:
        return self

    def visible_case(self, case_id: str) -> Case:
        """The case as the caller may see it (404 otherwise, as if absent); a failure is audited on it."""
        self.found = self._auditor.case(case_id)
        return visible_case(self.found, self._ctx.org, case_id)

    def reaching_platform(self, case_id: str, action: str) -> Callable[[], None]:
        """Why a write that needed `case_id` to reach a platform was refused: the case as it
        now stands (`cases.check_reaches_platform`), for `refusal` to explain."""
        return lambda: check_reaches_platform(self.visible_case(case_id), action)

    def case_of(self, found: OnCase | None, resource_id: str) -> Case | None:
        """The case that decides whether an agency sees a resource kept apart from it (a file,
        a preservation, legal process, an emergency request): the case of `found`, the
        resource as read, or None when no such resource exists.

        It is read either way: for a missing resource, a case key that no case has
        (`absent_case_id`) in its place. A hidden resource and an absent one thus cost the same
        reads and the same audit write and answer alike in time as in words: the case of a
        hidden one once took a second read that an absent one skipped (4-12 ms).
        """
        case_id = found.case_id if found is not None else None
        self.found = self._auditor.case(case_id if case_id is not None else absent_case_id(resource_id))
        return self.found

    def visible_apart(
        self, found: A | None, resource_id: str, visible: Callable[[A | None, Case | None, Organisation, str], A]
    ) -> A:
        """`found`, a resource kept apart from its case, as the caller may see it: an agency
        through its case (`case_of`, read either way), a platform as the domain's `visible`
        rule says; anyone else is told it does not exist."""
        org = self._ctx.principal.org
        if org.is_agency:
            self.case_of(found, resource_id)
        return visible(found, self.found, org, resource_id)

    @contextmanager
    def refusal(
        self, idempotency: Idempotency | None = None, classify: Callable[[], object] = lambda: None
    ) -> Iterator[None]:
        """Around a write the store may refuse: a refusal becomes its explanation, which this
        audit then records as the failure."""
        try:
            yield
        except ConditionFailed:
            raise self._auditor.explain_refusal(self._ctx, idempotency, classify) from None

    @contextmanager
    def replayable(self, idempotency: Idempotency | None) -> Iterator[None]:
        """Around the checks a creating request makes before its write: a repeat of a request
        that succeeded fails them (its tip is triaged by now), and is a replay instead."""
        try:
            yield
        except DomainError as error:
            reused = self._auditor.replay(self._ctx, idempotency)
            raise (reused or error) from None

    def __exit__(self, kind: Any, error: BaseException | None, tb: Any) -> None:
        if isinstance(error, DomainError) and not isinstance(error, Unavailable):
            case_id = self.found.case_id if self.found is not None else None
            self._auditor.record(
                self._ctx.audit(
                    self._event,
                    Outcome.FAILURE,
                    case_id=case_id,
                    resource_id=self._resource_id[:80] if self._resource_id else None,
                    reason=_reason(error),
                )
            )


def absent_case_id(resource_id: str) -> str:
    """What is read in place of a missing resource's case: never a case (case ids are
    `case_<ULID>`), and as spread over the table's partitions as the ids asked for."""
    return f"absent#{resource_id[:80]}"


def _reason(error: DomainError) -> str:
    return type(error).__name__ if isinstance(error, NotFound) else f"{type(error).__name__}: {error.detail}"
