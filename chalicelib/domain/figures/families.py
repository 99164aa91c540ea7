"""Which changes count, into which figures: one `Family` per kind of record, declared here once.

A family's `facts(old, new, directory)` says what a change of its record did that a figure
counts: each `Fact` is named by its record and what happened (`legal:<id>:answered`), so the
stream counts it once. Declaring a new family is one entry of `FAMILIES`: the stream counts
it from then on (`stream/reactions/figures.py`), and a report section names its figures.

Dimensions never name an agency: a platform reads its own requests by kind, never who sent
them, and an agency reads the kinds of agency it worked with, never another agency's counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain.deconfliction import HitRecord
from chalicelib.domain.emergency import Disclosure, EmergencyRequest
from chalicelib.domain.figures import Audience, Dims, Fact, Tally, bucket_of, dims, scope, tallies
from chalicelib.domain.legal import LegalRequest, LegalStatus, Outcome
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.domain.organisations import Directory, WatchDirectory
from chalicelib.domain.preservations import Preservation
from chalicelib.domain.referrals import Referral, ReferralStatus
from chalicelib.domain.tips import Tip, TipStatus, activity
from chalicelib.domain.watch import ConflictState, WatchedConflict

NATIONAL = scope(Audience.NATIONAL)
#: The kind of process an emergency request is counted as, beside legal process's kinds.
EMERGENCY = "emergency"
#: An answer that produced or disclosed some data.
_SOME_DATA = frozenset(
    {Outcome.PRODUCED, Outcome.PARTIALLY_PRODUCED, Disclosure.DISCLOSED, Disclosure.PARTIALLY_DISCLOSED}
)


@dataclass(frozen=True)
class Family:
    """One family of figures: the kind of record whose changes it counts, and what each counts."""

    name: str
    kind: type
    facts: Callable[[Any, Any, WatchDirectory], Iterable[Fact]]


def platform_and_agency(platform: str, org: str) -> tuple[str, ...]:
    """The audiences of a request an agency sends a platform: both, and the nation."""
    return (scope(Audience.PLATFORM, platform), scope(Audience.AGENCY, org), NATIONAL)


def _seconds(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds())


def timed(scopes: tuple[str, ...], figure: str, cell: Dims, start: datetime, end: datetime) -> tuple[Tally, ...]:
    """One time in its bucket (`domain.figures.bucket_of`), a counter of `figure` per bucket."""
    return tallies(scopes, figure, (*cell, ("bucket", str(bucket_of(_seconds(start, end))))))


def received(scopes: tuple[str, ...], cell: Dims, accounts: int, nondisclosure: bool) -> tuple[Tally, ...]:
    """A request reaching its platform, by whether a nondisclosure order came with it, and the accounts it names."""
    under = dims(nondisclosure="yes" if nondisclosure else "no")
    return tallies(scopes, "requests", (*cell, *under)) + tallies(scopes, "accounts", cell, accounts)


def answered(
    scopes: tuple[str, ...], kind: str, platform: str, outcome: str, start: datetime, end: datetime
) -> tuple[Tally, ...]:
    cell = dims(kind=kind, platform=platform)
    some = "yes" if outcome in _SOME_DATA else "no"
    return (
        *tallies(scopes, "answered", (*cell, *dims(data=some))),
        *timed(scopes, "answer_time", cell, start, end),
    )


def legal_facts(old: LegalRequest | None, new: LegalRequest | None, directory: Directory) -> Iterable[Fact]:
    """Legal process served, acknowledged, answered or withdrawn."""
    if new is None:
        return
    scopes, key = platform_and_agency(new.platform, new.org), f"legal:{new.request_id}"
    cell = dims(kind=new.kind, platform=new.platform)
    if old is None:
        counted = received(scopes, cell, len(new.accounts), new.nondisclosure_until is not None)
        yield Fact(f"{key}:sent", new.sent_at, counted)
        return
    if old.acknowledged_at is None and new.acknowledged_at is not None:
        yield Fact(
            f"{key}:acknowledged",
            new.acknowledged_at,
            timed(scopes, "ack_time", cell, new.sent_at, new.acknowledged_at),
        )
    if old.answer is None and new.answer is not None:
        at = new.answer.answered_at
        yield Fact(f"{key}:answered", at, answered(scopes, new.kind, new.platform, new.answer.outcome, new.sent_at, at))
    if old.status is not LegalStatus.WITHDRAWN and new.status is LegalStatus.WITHDRAWN and new.withdrawn_at:
        yield Fact(f"{key}:withdrawn", new.withdrawn_at, tallies(scopes, "withdrawn", cell))


def emergency_facts(old: EmergencyRequest | None, new: EmergencyRequest | None, directory: Directory) -> Iterable[Fact]:
    """An emergency request reaching its platform (once approved), acknowledged, answered."""
    if new is None or new.decided_at is None or not new.sent:
        return
    scopes, key = platform_and_agency(new.platform, new.org), f"emergency:{new.request_id}"
    cell = dims(kind=EMERGENCY, platform=new.platform)
    sent = new.decided_at
    if old is None or not old.sent:
        counted = received(scopes, cell, len(new.accounts), nondisclosure=False)
        yield Fact(f"{key}:sent", sent, counted)
    if (old is None or old.acknowledged_at is None) and new.acknowledged_at is not None:
        yield Fact(
            f"{key}:acknowledged", new.acknowledged_at, timed(scopes, "ack_time", cell, sent, new.acknowledged_at)
        )
    if (old is None or old.answer is None) and new.answer is not None:
        at = new.answer.answered_at
        yield Fact(f"{key}:answered", at, answered(scopes, EMERGENCY, new.platform, new.answer.outcome, sent, at))


def preservation_facts(old: Preservation | None, new: Preservation | None, directory: Directory) -> Iterable[Fact]:
    """A preservation request, and the accounts it names."""
    if old is None and new is not None:
        scopes, cell = platform_and_agency(new.platform, new.org), dims(platform=new.platform)
        counted = tallies(scopes, "preservations", cell) + tallies(
            scopes, "preserved_accounts", cell, len(new.accounts)
        )
        yield Fact(f"preservation:{new.preservation_id}:requested", new.requested_at, counted)


def agency_kind(directory: Directory, code: str) -> str:
    """An agency as the nation's figures name it: its kind (`federal`, `state`, `local`,
    `tribal`, `task_force`), never its code."""
    found = directory.get(code)
    return "unknown" if found is None else found.kind.value.removesuffix("_agency")


def referral_facts(old: Referral | None, new: Referral | None, directory: Directory) -> Iterable[Fact]:
    """A referral sent (and so received), and accepted or declined."""
    if new is None:
        return
    sender, receiver = scope(Audience.AGENCY, new.from_org), scope(Audience.AGENCY, new.to_org)
    from_kind, to_kind = agency_kind(directory, new.from_org), agency_kind(directory, new.to_org)
    pair = dims(from_kind=from_kind, to_kind=to_kind)
    key = f"referral:{new.referral_id}"
    if old is None:
        counted: tuple[Tally, ...] = (
            Tally(sender, "referrals_sent", dims(to_kind=to_kind)),
            Tally(receiver, "referrals_received", dims(from_kind=from_kind)),
            Tally(NATIONAL, "referrals", pair),
        )
        yield Fact(f"{key}:sent", new.created_at, counted)
        return
    decided = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)
    if old.status is ReferralStatus.PENDING and new.status in decided and new.decided_at is not None:
        outcome = dims(outcome=new.status)
        counted = (
            Tally(sender, "referrals_decided", (*dims(side="sent"), *outcome)),
            Tally(receiver, "referrals_decided", (*dims(side="received"), *outcome)),
            Tally(NATIONAL, "referrals_decided", (*pair, *outcome)),
            *timed((sender,), "decide_time", dims(side="sent"), new.created_at, new.decided_at),
            *timed((receiver,), "decide_time", dims(side="received"), new.created_at, new.decided_at),
            *timed((NATIONAL,), "decide_time", pair, new.created_at, new.decided_at),
        )
        yield Fact(f"{key}:decided", new.decided_at, counted)


def services_named(tip: Tip, directory: Directory) -> dict[str, str]:
    """The platform's services its reported accounts are on, with their kinds."""
    platform = directory.get(tip.platform)
    services = {service.code: service.kind.value for service in (platform.services if platform else ())}
    qualifiers = {identifier.qualifier for identifier in tip.identifiers}
    return {code: kind for code, kind in services.items() if code in qualifiers}


def service_kinds(tip: Tip, directory: Directory) -> list[str]:
    """The kinds of the platform's services its reported accounts are on (`other` if none is named)."""
    return sorted(set(services_named(tip, directory).values())) or ["other"]


def tip_facts(old: Tip | None, new: Tip | None, directory: Directory) -> Iterable[Fact]:
    """A tip the nation received (by platform, service kind and the Act's activity; and the
    month each service was first reported in), how it was routed to an agency, and how that
    agency ended it."""
    if new is None:
        return
    key = f"tip:{new.tip_id}"
    if old is None:
        named = services_named(new, directory)
        counted = (
            Tally(NATIONAL, "tips", dims(platform=new.platform, activity=activity(new.category))),
            *(Tally(NATIONAL, "tips_by_service", dims(service_kind=kind)) for kind in service_kinds(new, directory)),
            *(
                Tally(NATIONAL, "services", dims(platform=new.platform, service=code, service_kind=kind), first=True)
                for code, kind in sorted(named.items())
            ),
        )
        yield Fact(f"{key}:received", new.received_at, counted)
    agency = new.routed_to
    if agency is not None and (old is None or old.routed_to != agency) and new.route is not None:
        rule = "reroute" if new.rerouted_from else new.route.rule
        routed = Tally(scope(Audience.AGENCY, agency), "tips_received", dims(rule=rule))
        yield Fact(f"{key}:routed:{agency}", new.routed_at or new.received_at, (routed,))
    ended = (TipStatus.PROMOTED, TipStatus.LINKED, TipStatus.DISMISSED)
    if agency is not None and old is not None and old.status not in ended and new.status in ended:
        outcome = Tally(scope(Audience.AGENCY, agency), "tips_ended", dims(outcome=new.status))
        yield Fact(f"{key}:ended", new.decided_at or new.received_at, (outcome,))


def hit_facts(old: HitRecord | None, new: HitRecord | None, directory: Directory) -> Iterable[Fact]:
    """A hit in one organisation's list: its identifier is held by another."""
    if old is None and new is not None:
        yield Fact(
            f"hit:{new.hit_id}", new.at, (Tally(scope(Audience.AGENCY, new.org), "hits", dims(reason=new.reason)),)
        )


def conflict_facts(old: ConflictRecord | None, new: ConflictRecord | None, directory: Directory) -> Iterable[Fact]:
    """A conflict in one organisation's list: its operation is near another's."""
    if old is None and new is not None:
        yield Fact(f"conflict:{new.conflict_id}", new.at, (Tally(scope(Audience.AGENCY, new.org), "conflicts"),))


def serving(registry: WatchDirectory, operation: Operation) -> list[str]:
    """The watch centers an operation is entered with: those serving its agency, the agency's
    state or its place (`domain.organisations.Watch.serves`)."""
    found = registry.get(operation.org)
    state = found.jurisdiction.state if found is not None and found.jurisdiction else None
    return sorted(
        center.code
        for center in registry.watch_centers()
        if center.watch is not None and center.watch.serves(operation.org, state, operation.location)
    )


def operation_facts(old: Operation | None, new: Operation | None, registry: WatchDirectory) -> Iterable[Fact]:
    """An operation entered, in the figures of each watch center serving it, and the nation's by center."""
    if old is None and new is not None:
        centers = serving(registry, new)
        counted = (
            *(Tally(scope(Audience.CENTER, code), "operations", dims(kind=new.kind)) for code in centers),
            *(Tally(NATIONAL, "watched_operations", dims(center=code)) for code in centers),
        )
        if counted:
            yield Fact(f"operation:{new.operation_id}:entered", new.created_at, counted)


def _stepped_at(conflict: WatchedConflict) -> datetime:
    """When the conflict's latest step was taken."""
    return datetime.fromisoformat(conflict.history[-1].at.replace("Z", "+00:00"))


def watch_facts(old: WatchedConflict | None, new: WatchedConflict | None, directory: Directory) -> Iterable[Fact]:
    """A conflict a watch center watches: found, owned, contacted by both sides, resolved (with
    its outcome; `cleared` when the operations moved apart), waived. Each of its centers counts
    it; the nation counts it by its owning center."""
    if new is None:
        return
    key = f"watch:{new.conflict_id}"
    centers = tuple(scope(Audience.CENTER, code) for code in new.centers)
    by_center = dims(center=new.center)
    if old is None:
        roles = (
            Tally(each, "conflicts", dims(role=role))
            for each, role in zip(centers, ("owner", "seer")[: len(centers)], strict=True)
        )
        yield Fact(f"{key}:found", new.detected_at, (*roles, Tally(NATIONAL, "watched_conflicts", by_center)))
    if (old is None or old.owned_at is None) and new.owned_at is not None:
        own = (
            *timed(centers, "own_time", (), new.detected_at, new.owned_at),
            *timed((NATIONAL,), "own_time", by_center, new.detected_at, new.owned_at),
        )
        yield Fact(f"{key}:owned", new.owned_at, own)
    contacted = new.contact_confirmed_at
    if contacted is not None and (old is None or old.contact_confirmed_at is None):
        contact = (
            *timed(centers, "contact_time", (), new.detected_at, contacted),
            *timed((NATIONAL,), "contact_time", by_center, new.detected_at, contacted),
        )
        yield Fact(f"{key}:contacted", contacted, contact)
    ended = (ConflictState.RESOLVED, ConflictState.CLEARED)
    if new.state in ended and (old is None or old.state not in ended):
        outcome = dims(outcome=new.outcome or ConflictState.CLEARED)
        counted = (*tallies(centers, "outcomes", outcome), Tally(NATIONAL, "watch_outcomes", (*by_center, *outcome)))
        yield Fact(f"{key}:ended", new.resolved_at or _stepped_at(new), counted)
    concurred = new.waiver.concurred_at if new.waiver is not None else None
    before = old.waiver.concurred_at if old is not None and old.waiver is not None else None
    if concurred is not None and before is None:
        yield Fact(f"{key}:waived", concurred, tallies((*centers, NATIONAL), "waivers"))


#: Every family of figures.
FAMILIES: tuple[Family, ...] = (
    Family("legal", LegalRequest, legal_facts),
    Family("emergency", EmergencyRequest, emergency_facts),
    Family("preservations", Preservation, preservation_facts),
    Family("referrals", Referral, referral_facts),
    Family("tips", Tip, tip_facts),
    Family("hits", HitRecord, hit_facts),
    Family("conflicts", ConflictRecord, conflict_facts),
    Family("operations", Operation, operation_facts),
    Family("watch", WatchedConflict, watch_facts),
)
#: Each kind of record, and the families that count its changes.
BY_KIND: dict[type, tuple[Family, ...]] = {
    kind: tuple(family for family in FAMILIES if family.kind is kind) for kind in {family.kind for family in FAMILIES}
}


def facts(old: Any, new: Any, registry: WatchDirectory) -> list[Fact]:
    """What a change of a record counts, in every family that counts its kind."""
    kind = type(new if new is not None else old)
    return [fact for family in BY_KIND.get(kind, ()) for fact in family.facts(old, new, registry)]
