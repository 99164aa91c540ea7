"""Races: many threads at once, exactly one winner, nothing half-written.

moto's DynamoDB serves one request at a time here, as everywhere in the suite
(`chalicelib/devtools/moto_dynamodb.py`): its own transactions are not atomic, while DynamoDB's are. Chalice's test client shares
`app.current_request` between threads, so these tests drive the services directly, one
request context per thread, as concurrent Lambda invocations would.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.domain.errors import DomainError
from chalicelib.domain.organisations import seed
from chalicelib.domain.principal import Principal
from chalicelib.domain.referrals import Priority, ReferralAction
from chalicelib.services.context import Idempotency, Replayed, RequestContext
from chalicelib.storage import table
from tests.conftest import ISSUER


def ctx(org: str) -> RequestContext:
    organisation = seed().get(org)
    assert organisation is not None
    # The seed's officer (or legal desk) of `org`, signed in with a hardware key (`devtools.people`).
    officer = Principal(
        f"agent.{org.lower()}@example.gov", organisation, frozenset(), issuer=ISSUER.issuer, amr=("pwd", "hwk")
    )
    return RequestContext(officer, "test:race")


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


# Issue 28, finding 7: every transition that sends a platform something of a case holds on the
# case as it is when the write commits, not only as it was read. Each interleaving below lets
# the owner close the case between the transition's read and its write.


class CloseFirst:
    """A repository whose `method` lets DEA close `case_id` just before it writes."""

    def __init__(self, inner: Any, method: str, case_id: str) -> None:
        self._inner, self._method, self._case_id = inner, method, case_id

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._inner, name)
        if name != self._method:
            return found

        def closing(*args: Any, **kwargs: Any) -> Any:
            wiring.case_service().close(ctx("DEA"), self._case_id)
            return found(*args, **kwargs)

        return closing


def supervisor() -> RequestContext:
    dea = seed().get("DEA")
    assert dea is not None
    approver = Principal("supervisor.dea@example.gov", dea, frozenset(), issuer=ISSUER.issuer, amr=("pwd", "hwk"))
    return RequestContext(approver, "test:race")


def _approve(api: Any, aws: Any, case_id: str) -> Any:
    from tests.test_emergency import ask

    request_id = ask(api, case_id).data["request_id"]
    service = replace(wiring.emergency_service(), requests=CloseFirst(wiring.emergency_requests(), "decide", case_id))
    return lambda: service.decide(supervisor(), request_id, None)


def _ask(api: Any, aws: Any, case_id: str) -> Any:
    from chalicelib.domain.emergency import Emergency, EmergencyKind
    from chalicelib.domain.legal import RecordCategory

    asked = Emergency(EmergencyKind.OVERDOSE_RISK, "d", "w", (RecordCategory.SUBSCRIBER,), "r", "h")
    service = replace(wiring.emergency_service(), requests=CloseFirst(wiring.emergency_requests(), "ask", case_id))
    return lambda: service.ask(ctx("DEA"), case_id, "META", (), asked, None)


def _preserve(api: Any, aws: Any, case_id: str) -> Any:
    from chalicelib.domain.cases import Contact

    repository = CloseFirst(wiring.preservations(), "request_preservation", case_id)
    service = replace(wiring.preservation_service(), preservations=repository)
    return lambda: service.request(ctx("DEA"), case_id, "META", [], Contact(), None)


def _extend_preservation(api: Any, aws: Any, case_id: str) -> Any:
    from tests.conftest import load_event

    body = load_event("api/request-preservation.json")
    preservation_id = api.call("POST", f"/v1/cases/{case_id}/preservations", "DEA", body).data["preservation_id"]
    service = replace(
        wiring.preservation_service(), preservations=CloseFirst(wiring.preservations(), "extend", case_id)
    )
    return lambda: service.extend(ctx("DEA"), preservation_id)


def _serve(api: Any, aws: Any, case_id: str) -> Any:
    from tests.test_legal import legal_document

    order = legal_document(api, aws, case_id)
    service = replace(wiring.legal_service(), requests=CloseFirst(wiring.legal_requests(), "send", case_id))
    return lambda: service.send(ctx("DEA"), case_id, "META", _warrant(order), None)


def _extend_nondisclosure(api: Any, aws: Any, case_id: str) -> Any:
    from tests.test_legal import legal_document

    order, extension = legal_document(api, aws, case_id), legal_document(api, aws, case_id)
    request_id = wiring.legal_service().send(ctx("DEA"), case_id, "META", _warrant(order), None).request_id
    repository = CloseFirst(wiring.legal_requests(), "extend_nondisclosure", case_id)
    service = replace(wiring.legal_service(), requests=repository)
    until = datetime(2028, 1, 1, tzinfo=UTC)
    return lambda: service.extend_nondisclosure(ctx("DEA"), request_id, until, extension)


def _warrant(document_file_id: str) -> Any:
    from chalicelib.domain.cases import Contact
    from chalicelib.domain.legal import Authority, LegalKind, RecordCategory, Served

    issued = datetime(2026, 11, 1, tzinfo=UTC)
    return Served(
        LegalKind.SEARCH_WARRANT,
        (),
        (RecordCategory.CONTENT,),
        issued,
        issued,
        Authority("1:26-mj-1", "Magistrate", issued),
        Contact(),
        document_file_id=document_file_id,
    )


REACHING_PLATFORM = {
    "approve an emergency request": _approve,
    "ask for an emergency disclosure": _ask,
    "request a preservation": _preserve,
    "extend a preservation": _extend_preservation,
    "serve legal process": _serve,
    "extend a nondisclosure order": _extend_nondisclosure,
}


@pytest.mark.parametrize("transition", list(REACHING_PLATFORM))
def test_a_close_landing_between_the_read_and_the_write_refuses_what_would_reach_a_platform(api, aws, transition):
    case_id = api.open_case("DEA")["case_id"]
    action = REACHING_PLATFORM[transition](api, aws, case_id)
    boxes = ("/v1/emergency-requests", "/v1/preservations", "/v1/legal-requests")
    before = [api.call("GET", path, "META").data for path in boxes]
    assert outcome(action) == "Conflict"
    assert wiring.cases().get_case(case_id).status.value == "closed"
    # META was given nothing: its queue and boxes read as they did.
    assert [api.call("GET", path, "META").data for path in boxes] == before
