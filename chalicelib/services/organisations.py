"""The registry's use cases, and the registry as the API reads it (`CachedDirectory`).

`CachedDirectory.get` answers from memory while an entry is younger than its time to live
(at most a minute, `Settings.registry_cache_ttl`), so a warm function reads the registry
with no round trip at all, and a suspension reaches every function within that minute.
A change this process writes is forgotten at once (`forget`), so its own next request sees it.

It also keeps, for as long, the organisations each identity provider speaks for (`bound_to`,
one Query of the issuer's partition when cold): an issuer named only in the registry costs
no round trip once warm, and a provider removed from an entry is refused within the minute.
And the active watch centers (`watch_centers`, one Query of the directory when cold), which
the stream reads for each batch of operations it counts or deconflicts: a center onboarded
counts and watches the operations entered a minute later at the latest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Protocol

from chalicelib.domain import organisations
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import Conflict, NotFound, PreconditionFailed, check_version
from chalicelib.domain.organisations import (
    Binding,
    Delivery,
    IdentityProvider,
    Organisation,
    OrgKind,
    OrgStatus,
    Refusal,
    RegistryAction,
    Watch,
)
from chalicelib.services.context import Auditor, RequestContext
from chalicelib.storage.contracts import Key, Page

#: The longest an organisation is kept: a suspended organisation's tokens are refused within it.
MAX_TTL = timedelta(seconds=60)
#: Issuers kept at most: a forger's made-up issuers (each cached as bound to nobody) cannot
#: grow the cache without bound; past it, the issuers' entries are read afresh.
MAX_ISSUERS = 4096
#: Entries kept before the first sweep of expired ones; later sweeps come once the entries
#: have doubled since the last, so each costs at most one pass per entry kept.
SWEEP_FROM = 1024


class CachedDirectory:
    """A `domain.organisations.Directory` over a reader of the table, with a time to live.

    `clock` is monotonic seconds; the tests stop it, so that an entry never expires in the
    middle of a test and the round trips a request costs stay the same from run to run.
    """

    def __init__(
        self,
        read: Callable[[str], Organisation | None],
        ttl: timedelta = MAX_TTL,
        clock: Callable[[], float] = time.monotonic,
        bound_to: Callable[[str], tuple[Binding, ...]] | None = None,
        centers: Callable[[], Sequence[Organisation]] = tuple,
    ) -> None:
        if ttl > MAX_TTL:
            raise ValueError(f"the registry is kept at most {MAX_TTL}, so that a suspension takes effect within it")
        self._read = read
        self._ttl = ttl.total_seconds()
        self.clock = clock
        #: code -> (when it was read, what was read: None for a code the registry lacks).
        self._entries: dict[str, tuple[float, Organisation | None]] = {}
        #: How many entries the last sweep of expired ones left (`_keep`).
        self._swept_to = SWEEP_FROM
        self._read_bindings = bound_to
        #: issuer -> (when it was read, the organisations it speaks for: none for most issuers).
        self._issuers: dict[str, tuple[float, tuple[Binding, ...]]] = {}
        self._read_centers = centers
        #: (when they were read, the active watch centers).
        self._centers: tuple[float, Sequence[Organisation]] | None = None

    def watch_centers(self) -> Sequence[Organisation]:
        """The registry's active watch centers."""
        now = self.clock()
        if self._centers is None or now - self._centers[0] >= self._ttl:
            self._centers = (now, self._read_centers())
        return self._centers[1]

    def bound_to(self, issuer: str) -> tuple[Binding, ...]:
        """The organisations whose entries name `issuer` as an identity provider."""
        if self._read_bindings is None:
            return ()
        now = self.clock()
        entry = self._issuers.get(issuer)
        if entry is not None and now - entry[0] < self._ttl:
            return entry[1]
        found = self._read_bindings(issuer)
        if len(self._issuers) >= MAX_ISSUERS:
            self._issuers.clear()
        self._issuers[issuer] = (now, found)
        return found

    def get(self, code: str) -> Organisation | None:
        now = self.clock()
        entry = self._entries.get(code)
        if entry is not None and now - entry[0] < self._ttl:
            return entry[1]
        found = self._read(code)
        self._keep(code, now, found)
        return found

    def __len__(self) -> int:
        """The organisations (and absent codes) it holds."""
        return len(self._entries)

    def _keep(self, code: str, now: float, found: Organisation | None) -> None:
        """Keeps an entry; expired ones go once the entries have doubled, so that a process
        holds the organisations it met in the last minute, not every one it ever met (nor
        every made-up code a forged token named)."""
        if len(self._entries) >= 2 * self._swept_to:
            self._entries = {kept: entry for kept, entry in self._entries.items() if now - entry[0] < self._ttl}
            self._swept_to = max(len(self._entries), SWEEP_FROM)
        self._entries[code] = (now, found)

    def forget(self, code: str) -> None:
        """Read `code` again on its next use: this process just changed it."""
        self._entries.pop(code, None)
        self._issuers.clear()  # its providers may have changed: few processes change the registry
        self._centers = None  # and it may have become, or stopped being, an active watch center

    def clear(self) -> None:
        self._entries.clear()
        self._issuers.clear()
        self._centers = None

    def prime(self, organisations: Iterable[Organisation]) -> None:
        """Organisations just read or written, kept as if each had been looked up now."""
        now = self.clock()
        for org in organisations:
            self._keep(org.code, now, org)


class OrganisationStore(Protocol):
    """What the registry's use cases need of the table (`storage.organisations`)."""

    def read_organisation(self, code: str) -> Organisation | None: ...

    def propose(self, org: Organisation, audit: AuditRecord) -> None: ...

    def ori_holder(self, ori: str) -> str | None: ...

    def change(self, before: Organisation, after: Organisation, audit: AuditRecord) -> None: ...

    def remove(self, org: Organisation, refusal: Refusal, by: str, audit: AuditRecord) -> None: ...

    def refused_at(self, code: str) -> datetime | None: ...

    def directory(
        self, status: OrgStatus, kind: OrgKind | None, state: str | None, limit: int, start: Key | None
    ) -> Page[Organisation]: ...


@dataclass
class OrganisationService:
    """Onboarding and changes by two persons of the operator, and the directory.

    Each step is one conditional write with its audit record (the version it was decided on
    must still be the one in the table); the step's event is published from the table's stream.
    """

    store: OrganisationStore
    audit: Auditor
    directory_cache: CachedDirectory

    def propose(self, ctx: RequestContext, org: Organisation) -> Organisation:
        with self.audit.attempt(ctx, "organisation.propose", org.code) as check:
            proposed = organisations.propose(org, ctx.principal.person)

            def classify() -> None:
                if self.store.read_organisation(org.code) is not None:
                    raise Conflict(f"{org.code} is in the registry already")
                refused = self.store.refused_at(org.code)
                if refused is not None:
                    raise Conflict(
                        f"a proposal of {org.code} was refused on {refused:%Y-%m-%d}: a refused code is never "
                        "proposed again (a second person may be reviewing what it was); propose it under another code"
                    )
                holder = self.store.ori_holder(org.ori) if org.ori is not None else None
                if holder is not None:
                    raise Conflict(f"the ORI {org.ori} is {holder}'s already: an ORI names one organisation")

            with check.refusal(None, classify):
                self.store.propose(proposed, ctx.audit("organisation.propose", resource_id=org.code))
        self.directory_cache.forget(org.code)
        return proposed

    def approve(self, ctx: RequestContext, code: str) -> Organisation:
        return self._step(
            ctx, code, "organisation.approve", lambda found: organisations.approve(found, ctx.principal.person)
        )

    def change(
        self, ctx: RequestContext, code: str, action: RegistryAction, reason: str, expected_version: int
    ) -> Organisation:
        """Ask for a suspension or a reinstatement, or confirm another person's, on the version
        the caller read (`PreconditionFailed` if it changed since: a request refused, or asked
        again with another reason, is never confirmed unseen)."""
        return self._step(
            ctx,
            code,
            f"organisation.{action.value}",
            lambda found: organisations.change(found, action, ctx.principal.person, ctx.now, reason),
            expected_version,
        )

    def change_identity_providers(
        self, ctx: RequestContext, code: str, providers: tuple[IdentityProvider, ...], reason: str
    ) -> Organisation:
        """Propose its identity providers, or confirm the list another person proposed."""
        change = partial(organisations.change_identity_providers, providers=providers, reason=reason)
        return self._by_two(ctx, code, "organisation.identity_providers", change)

    def change_delivery(self, ctx: RequestContext, code: str, delivery: Delivery, reason: str) -> Organisation:
        """Propose its delivery settings, or confirm those another person proposed."""
        change = partial(organisations.change_delivery, delivery=delivery, reason=reason)
        return self._by_two(ctx, code, "organisation.delivery", change)

    def change_watch(self, ctx: RequestContext, code: str, watch: Watch, reason: str) -> Organisation:
        """Propose what a watch center serves, or confirm what another person proposed."""
        change = partial(organisations.change_watch, watch=watch, reason=reason)
        return self._by_two(ctx, code, "organisation.watch", change)

    def _by_two(self, ctx: RequestContext, code: str, event: str, change: Callable[..., Organisation]) -> Organisation:
        """A change two persons of the operator make: the caller proposes it, or confirms what
        another person proposed (`change` decides which, given who and when)."""
        return self._step(ctx, code, event, lambda found: change(found, by=ctx.principal.person, at=ctx.now))

    def refuse(self, ctx: RequestContext, code: str, reason: str, expected_version: int) -> Refusal:
        """Refuse what waits on an entry for a second person: a proposal (its entry removed, with
        its ORI and its bindings) or a pending change (dropped), on the version the caller read
        (`PreconditionFailed` if another person changed it since: a replaced change is never
        refused unseen). One person's act, audited with what was refused and why."""
        with self.audit.attempt(ctx, "organisation.refuse", code) as check:
            before = self.read(ctx, code)
            check_version(code, before.version, expected_version)
            refusal, left = organisations.refuse(before, ctx.now, reason)
            audit = ctx.audit("organisation.refuse", resource_id=code, reason=f"{refusal.refused}: {reason}")
            with check.refusal(None, _changed_meanwhile(code, named_version=True)):
                if left is None:
                    self.store.remove(before, refusal, " ".join(ctx.principal.person), audit)
                else:
                    self.store.change(before, left, audit)
        self.directory_cache.forget(code)
        return refusal

    def entry(self, ctx: RequestContext, code: str) -> Organisation:
        """The operator's read of an entry, audited."""
        return self.audit.read(ctx, "organisation.read", code, lambda: self.read(ctx, code))

    def read(self, ctx: RequestContext, code: str) -> Organisation:
        found = self.store.read_organisation(code)
        if found is None:
            raise NotFound(f"no organisation {code!r} in the registry")
        return found

    def directory(
        self, ctx: RequestContext, kind: OrgKind | None, state: str | None, limit: int, start: Key | None
    ) -> Page[Organisation]:
        """The active organisations, by code: what any of them may read to find another."""
        page = self.store.directory(OrgStatus.ACTIVE, kind, state, limit, start)
        self.audit.record(ctx.audit("organisation.directory"))
        return page

    def awaiting_second_person(self, ctx: RequestContext) -> list[Organisation]:
        """The entries a second person of the operator has to decide, by code within each status:
        the proposed ones, then the active and suspended ones with a pending change. Read whole,
        status by status and page by page: the registry's size bounds it (one Query per 100)."""
        found: list[Organisation] = []
        for status in (OrgStatus.PROPOSED, OrgStatus.ACTIVE, OrgStatus.SUSPENDED):
            start: Key | None = None
            while True:
                page = self.store.directory(status, None, None, 100, start)
                found += [org for org in page.items if status is OrgStatus.PROPOSED or org.pending is not None]
                start = page.last_key
                if start is None:
                    break
        self.audit.record(ctx.audit("organisation.pending"))
        return found

    def _step(
        self,
        ctx: RequestContext,
        code: str,
        event: str,
        decide: Callable[[Organisation], Organisation],
        expected_version: int | None = None,
    ) -> Organisation:
        """`decide` on the entry as it is, or as the caller read it (`expected_version`, the
        version If-Match named: a write that finds it changed since is stale, 412)."""
        with self.audit.attempt(ctx, event, code) as check:
            before = self.read(ctx, code)
            check_version(code, before.version, expected_version)
            after = decide(before)
            with check.refusal(None, _changed_meanwhile(code, named_version=expected_version is not None)):
                self.store.change(before, after, ctx.audit(event, resource_id=code))
        self.directory_cache.forget(code)
        return after


def _changed_meanwhile(code: str, *, named_version: bool = False) -> Callable[[], None]:
    """What the store refusing a step's write means: the entry changed since it was read; where
    the caller named the version it read (If-Match), as a stale one (412), else a conflict (409)."""

    def classify() -> None:
        error = PreconditionFailed if named_version else Conflict
        raise error(f"{code} changed while this was decided; read it again")

    return classify
