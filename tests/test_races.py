"""Races: many threads at once, exactly one winner, nothing half-written.

moto's DynamoDB serves one request at a time here, as everywhere in the suite
(`chalicelib/devtools/moto_dynamodb.py`): its own transactions are not atomic, while DynamoDB's are. Chalice's test client shares
`app.current_request` between threads, so these tests drive the services directly, one
request context per thread, as concurrent Lambda invocations would.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.domain.errors import DomainError
from chalicelib.domain.organisations import registry
from chalicelib.domain.principal import Principal
from chalicelib.domain.referrals import Priority, ReferralAction
from chalicelib.services.context import Idempotency, Replayed, RequestContext
from chalicelib.storage import table


def ctx(org: str) -> RequestContext:
    organisation = registry().get(org)
    assert organisation is not None
    return RequestContext(Principal(f"agent@{org}", organisation, frozenset()), "test:race")


def outcome(action: Any) -> str:
    try:
        result = action()
    except Replayed as replay:
        return f"replay:{replay.value.case_id}"
    except DomainError as error:
        return type(error).__name__
    return f"ok:{getattr(result, 'case_id', '')}"


def race(*actions: Any) -> list[str]:
    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(outcome, actions))


def test_concurrent_creates_with_one_key_create_one_case(aws):
    key = Idempotency("race-key", Idempotency.hash_request("POST", "/v1/cases", {"title": "Race"}))
    service = wiring.case_service()
    results = race(*[lambda: service.open(ctx("DEA"), {"title": "Race"}, key) for _ in range(8)])
    created = [r for r in results if r.startswith("ok:")]
    assert len(created) == 1
    case_id = created[0][3:]
    assert all(r in (f"replay:{case_id}", "IdempotencyInProgress", f"ok:{case_id}") for r in results), results
    assert [item.case_id for item in table.CaseItem.scan()] == [case_id]


@pytest.mark.parametrize("round_", range(5))
def test_accept_and_decline_at_once_exactly_one_wins(aws, round_):
    cases, referrals = wiring.case_service(), wiring.referral_service()
    case = cases.open(ctx("DEA"), {"title": "t"}, None)
    referral = referrals.refer(ctx("DEA"), case.case_id, "HSI", "r", Priority.URGENT, None, None)
    results = race(
        lambda: referrals.decide(ctx("HSI"), referral.referral_id, ReferralAction.ACCEPT),
        lambda: referrals.decide(ctx("HSI"), referral.referral_id, ReferralAction.DECLINE, "no"),
        lambda: referrals.decide(ctx("DEA"), referral.referral_id, ReferralAction.WITHDRAW),
    )
    winners = [r for r in results if r.startswith("ok")]
    assert len(winners) == 1, results
    assert sorted(r for r in results if not r.startswith("ok")) == ["Conflict", "Conflict"]
    stored, current = wiring.referrals().referral_and_case(referral.referral_id, case.case_id)
    assert stored is not None and current is not None
    assert ("HSI" in current.participants) == (stored.status.value == "accepted")
    assert current.pending_referrals_to == frozenset()


def test_concurrent_updates_with_one_if_match_one_succeeds(aws):
    service = wiring.case_service()
    case = service.open(ctx("DEA"), {"title": "t"}, None)
    results = race(*[lambda i=i: service.update(ctx("DEA"), case.case_id, 1, {"summary": f"v{i}"}) for i in range(8)])
    assert sum(r.startswith("ok") for r in results) == 1, results
    assert all(r.startswith("ok") or r in ("PreconditionFailed", "Unavailable") for r in results), results
    assert wiring.cases().get_case(case.case_id).version == 2


@pytest.mark.parametrize("round_", range(3))
def test_two_agencies_adding_the_same_identifier_at_once_both_learn_of_the_hit(aws, pump, round_):
    """Neither add may see the other's in flight; the stream's second look must find the pair once."""
    from chalicelib.domain.identifiers import IdentifierType, normalise

    cases, deconfliction = wiring.case_service(), wiring.deconfliction_service()
    phone = normalise(IdentifierType.PHONE, f"+1 212 555 01{round_:02d}")
    dea = cases.open(ctx("DEA"), {"title": "DEA's vendor"}, None)
    atf = cases.open(ctx("ATF"), {"title": "ATF's vendor"}, None)
    results = race(
        lambda: deconfliction.add_identifiers(ctx("DEA"), dea.case_id, [phone], None),
        lambda: deconfliction.add_identifiers(ctx("ATF"), atf.case_id, [phone], None),
    )
    assert all(r.startswith("ok") for r in results), results
    pump.drain()
    for org, other, other_case in (("DEA", "ATF", atf.case_id), ("ATF", "DEA", dea.case_id)):
        hits = wiring.identifiers().hits(org, 25, None).items
        assert [(hit.other_org, hit.identifier) for hit in hits] == [(other, phone)], (org, hits)
        assert other_case not in repr(hits)  # who to call, never the other side's case
