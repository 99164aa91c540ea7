"""Target deconfliction use cases: add, list and remove identifiers, check, read hits.

Adding identifiers costs one Query of the blind index per identifier (per key during a key
rotation) and one BatchGetItem, all read in parallel before the write, then the one
TransactWriteItems; the stored hits and their events follow from the table stream
(`reconcile`), which also catches two organisations adding one value at the same moment,
and again a minute later from a timer, which catches what the blind index's lag hid. Each
pair of cases holding one value is recorded once, whichever of these reaches it first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from chalicelib.domain import cases, deconfliction, timers
from chalicelib.domain.audit import Outcome
from chalicelib.domain.blind_index import BlindIndex
from chalicelib.domain.cases import Case
from chalicelib.domain.deconfliction import (
    MAX_HOLDERS_PER_TOKEN,
    HeldIdentifier,
    Hit,
    HitReason,
    HitRecord,
    Holding,
    MatchedPair,
    Related,
)
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.quotas import Answer, Probe, Question
from chalicelib.domain.record_ids import check_case_id, derived_id, new_id
from chalicelib.services.context import Auditor, Idempotency, RequestContext, claim
from chalicelib.storage.contracts import Key, Page

if TYPE_CHECKING:
    from chalicelib.services.ports import CaseReader, Identifiers, Timers
    from chalicelib.services.quotas import Quotas


@dataclass(frozen=True)
class Matches:
    """What the caller learns: hits (other organisation and contact), related cases, and
    whether a value was too common to list every holder."""

    hits: list[Hit]
    related: list[Related]
    truncated: bool
    #: (identifier, other case) for every hit: kept server-side, never returned.
    pairs: list[tuple[Identifier, Case]]


@dataclass(frozen=True)
class Added:
    stored: list[HeldIdentifier]
    matches: Matches

    def shown(self) -> Added:
        """What the caller is answered, and a replay stores: never the cases its hits were found on."""
        return Added(self.stored, replace(self.matches, pairs=[]))


@dataclass
class DeconflictionService:
    repository: Identifiers
    cases: CaseReader
    timers: Timers
    audit: Auditor
    index: BlindIndex
    ttl: timedelta
    quotas: Quotas

    def add_identifiers(
        self,
        ctx: RequestContext,
        case_id: str,
        identifiers: list[Identifier],
        idempotency: Idempotency | None,
    ) -> Added:
        with self.audit.attempt(ctx, "identifier.add", case_id) as check:
            check_case_id(case_id)
            unique = list(dict.fromkeys(identifiers))
            charge = self.quotas.charge(ctx, Question.ADDED_IDENTIFIERS, len(unique))
            matches, own = self._match(ctx.org, unique, case_id)
            check.found = own
            case, new_key = deconfliction.keyed(cases.visible_case(own, ctx.org, case_id))
            cases.check_open(case, "add identifiers to")
            added = Added([self.held(ctx, case, identifier) for identifier in unique], matches)
            audit = ctx.audit("identifier.add", case_id=case_id, resource_id=case_id, reason=_counts(added))

            def classify() -> None:
                self.quotas.explain(charge)
                cases.check_open(check.visible_case(case_id), "add identifiers to")

            with check.refusal(idempotency, classify):
                self.repository.add_identifiers(
                    case_id,
                    ctx.org,
                    added.stored,
                    audit,
                    claim(ctx, idempotency, added.shown(), self.ttl),
                    new_key,
                    charge,
                )
        return added

    def identifiers(self, ctx: RequestContext, case_id: str, limit: int, start: Key | None) -> Page[HeldIdentifier]:
        """The case's identifiers, values included: participants only."""
        return self.audit.of_case(
            ctx, "identifier.list", case_id, lambda: self.repository.case_identifiers(case_id, limit, start)
        )

    def remove_identifier(self, ctx: RequestContext, case_id: str, identifier_id: str) -> None:
        with self.audit.attempt(ctx, "identifier.remove", case_id) as check:
            check_case_id(case_id)
            deconfliction.check_identifier_id(identifier_id)
            audit = ctx.audit("identifier.remove", case_id=case_id, resource_id=identifier_id)

            def classify() -> None:
                check.visible_case(case_id)
                raise NotFound(f"no identifier {identifier_id!r} is on this case")

            with check.refusal(classify=classify):
                self.repository.remove_identifier(case_id, ctx.org, identifier_id, audit)

    def check(self, ctx: RequestContext, identifiers: list[Identifier]) -> Matches:
        """Match without attaching; every holder learns who checked and whom to call back.

        Every pair is recorded before anything is answered: nobody learns who holds an
        identifier without the holder learning who asked. Ids derive from the check and the
        pair, so a write retried after an ambiguous failure records nothing twice.
        """
        with self.audit.attempt(ctx, "deconfliction.check", None) as check:
            unique = list(dict.fromkeys(identifiers))
            charge = self.quotas.charge(ctx, Question.CHECKED_IDENTIFIERS, len(unique))
            matches, _ = self._match(ctx.org, unique, None)
            check_id = new_id("chk", ctx.now)
            tokens = {identifier: self.index.token(identifier) for identifier in unique}
            written = self._check_records(ctx, check_id, matches, tokens)
            reason = f"{check_id}: {len(unique)} identifiers checked, {len(matches.hits)} hits, {len(written)} records"
            audit = ctx.audit(
                "deconfliction.check", resource_id=check_id, reason=reason, blind_tokens=tuple(tokens.values())
            )
            with check.refusal(classify=lambda: self.quotas.explain(charge)):
                self.repository.record_check(written, audit, charge)
        return Matches(matches.hits, matches.related, matches.truncated, [])

    def _check_records(
        self, ctx: RequestContext, check_id: str, matches: Matches, tokens: dict[Identifier, str]
    ) -> list[HitRecord]:
        """For each pair, the checker's `check` hit and the holder's `checked` hit; ids from the check and the pair."""
        checker = ctx.principal.contact
        written: list[HitRecord] = []
        for identifier, other in matches.pairs:
            pair = f"{check_id}|{other.case_id}|{tokens[identifier]}"
            written += [
                HitRecord(
                    derived_id("hit", ctx.now, f"{pair}|check"),
                    ctx.org,
                    ctx.now,
                    HitReason.CHECK,
                    other.owner,
                    other.contact,
                    identifier,
                ),
                HitRecord(
                    derived_id("hit", ctx.now, f"{pair}|checked"),
                    other.owner,
                    ctx.now,
                    HitReason.CHECKED,
                    ctx.org,
                    checker,
                    identifier,
                    other.case_id,
                ),
            ]
        return written

    def hits(self, ctx: RequestContext, limit: int, start: Key | None) -> Page[HitRecord]:
        page = self.repository.hits(ctx.org, limit, start)
        self.audit.record(ctx.audit("hit.list", reason=f"{len(page.items)} hits"))
        return page

    def hit(self, ctx: RequestContext, hit_id: str) -> HitRecord:
        found = self.repository.hit(ctx.org, hit_id) if hit_id.startswith("hit_") and len(hit_id) == 30 else None
        if found is None:
            self.audit.record(ctx.audit("hit.read", Outcome.FAILURE, resource_id=hit_id[:80], reason="NotFound"))
            raise NotFound(f"no hit {hit_id!r} is visible to you")
        self.audit.record(ctx.audit("hit.read", resource_id=hit_id))
        return found

    # the stream's side

    def reconcile(self, held: HeldIdentifier) -> int:
        """Record each hit the new identifier makes, on both sides, once: the stream's job.

        Runs after the write committed, so of two organisations adding one value at the same
        moment, the later one's record sees the earlier one's: nobody misses the hit.
        """
        return self.reconcile_all([held])

    def reconcile_all(self, added: Sequence[HeldIdentifier]) -> int:
        """`reconcile` for a batch's new identifiers, together: one Query per value and key,
        all at once; one BatchGetItem for every case they name; every hit (its pair's claim and
        both sides) in transactions of up to 100 items (a hit between two of them is one pair,
        found from either side). How many hits it recorded: a pair recorded before is not."""
        searched = [self.index.search_tokens(held.identifier) for held in added]
        holdings = self.repository.holdings([token for tokens in searched for token in tokens])
        others = [
            [holding for token in tokens for holding in holdings[token] if holding.case_id != held.case_id]
            for held, tokens in zip(added, searched, strict=True)
        ]
        known = self.cases.cases([*(held.case_id for held in added), *(h.case_id for found in others for h in found)])
        pairs: dict[str, tuple[HeldIdentifier, Holding, Case, MatchedPair]] = {}
        for held, theirs in zip(added, others, strict=True):
            own = known.get(held.case_id)
            if own is None:
                continue
            for holding in theirs:
                other = known.get(holding.case_id)
                if other is not None and deconfliction.is_hit_between(own, other):
                    pair = deconfliction.matched_pair(held, own, holding, other)
                    pairs.setdefault(pair.key, (held, holding, other, pair))
        written = self.repository.record_hits([pair for *_, pair in pairs.values()])
        # The organisation that added the value learned of the other's case: counted there,
        # once per pair (a retried record, the second pass or a link records nothing new).
        self.quotas.watch(
            Answer(other.owner, held.added_by_org, Probe.MATCH, max(held.added_at, holding.added_at))
            for (held, holding, other, _), new in zip(pairs.values(), written, strict=True)
            if new
        )
        return sum(written)

    def recheck_later(self, held: Sequence[HeldIdentifier], now: datetime) -> None:
        """File the second pass over each of `held` (a batch's new identifiers, together),
        which the timer scheduler does (`timers.RECHECK_AFTER`)."""
        self.timers.file_timers([timer for one in held for timer in timers.identifier_timers(one)], now)

    def holders(self, identifiers: Sequence[Identifier]) -> list[tuple[Case, int]]:
        """The cases holding any of `identifiers`, each with how many it holds: for tip routing."""
        return self.holders_of_each([identifiers])[0]

    def holders_of_each(self, groups: Sequence[Sequence[Identifier]]) -> list[list[tuple[Case, int]]]:
        """`holders` of each group (a batch of tips' accounts), read together: one Query per
        identifier and key, all in parallel, then one BatchGetItem for every case they name."""
        tokens = {
            identifier: self.index.search_tokens(identifier) for group in groups for identifier in dict.fromkeys(group)
        }
        holdings = self.repository.holdings([token for found in tokens.values() for token in found])
        held_by: list[dict[str, set[Identifier]]] = [{} for _ in groups]
        for group, held in zip(groups, held_by, strict=True):
            for identifier in dict.fromkeys(group):
                for token in tokens[identifier]:
                    for holding in holdings[token][:MAX_HOLDERS_PER_TOKEN]:
                        held.setdefault(holding.case_id, set()).add(identifier)
        known = self.cases.cases({case_id for held in held_by for case_id in held})
        return [
            [(known[case_id], len(found)) for case_id, found in held.items() if case_id in known] for held in held_by
        ]

    # matching

    def _match(self, org: str, identifiers: list[Identifier], own_case_id: str | None) -> tuple[Matches, Case | None]:
        """One parallel round of Queries, then one BatchGetItem for the cases (and the caller's own)."""
        tokens = {identifier: self.index.search_tokens(identifier) for identifier in identifiers}
        holdings = self.repository.holdings([token for group in tokens.values() for token in group])
        truncated = any(len(found) > MAX_HOLDERS_PER_TOKEN for found in holdings.values())
        wanted = [own_case_id] if own_case_id else []
        wanted += [h.case_id for found in holdings.values() for h in found[:MAX_HOLDERS_PER_TOKEN]]
        known = self.cases.cases(wanted)
        pairs = [
            (identifier, known[holding.case_id])
            for identifier, group in tokens.items()
            for token in group
            for holding in holdings[token][:MAX_HOLDERS_PER_TOKEN]
            if holding.case_id in known
        ]
        found = deconfliction.sort_matches(org, own_case_id, pairs)
        own = known.get(own_case_id) if own_case_id else None
        return Matches(found.hits, found.related, truncated, found.hit_pairs), own

    def held(self, ctx: RequestContext, case: Case, identifier: Identifier) -> HeldIdentifier:
        """`identifier` as the caller puts it on `case`, indexed under the current key."""
        return deconfliction.hold(
            case, identifier, self.index.token(identifier), ctx.org, ctx.principal.subject, ctx.now
        )


def _counts(added: Added) -> str:
    return f"{len(added.stored)} identifiers, {len(added.matches.hits)} hits, {len(added.matches.related)} related"
