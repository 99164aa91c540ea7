"""The referral use cases (`services.referrals`) as specifications, on in-memory twins of the
store (`tests/twins.py`): no moto, no HTTP."""

from __future__ import annotations

import pytest

from chalicelib.domain.cases import Case, CaseStatus
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.referrals import UNREFERABLE, Priority, Referral, ReferralAction, ReferralStatus
from chalicelib.services.cases import CaseService
from chalicelib.services.context import Idempotency, Replayed
from chalicelib.services.referrals import ReferralService
from tests.twins import NOW, MemoryTable, caller, case_service, referral_service

DEA, HSI, ATF = caller("DEA"), caller("HSI"), caller("ATF")


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def service(table: MemoryTable) -> ReferralService:
    return referral_service(table)


@pytest.fixture
def cases(table: MemoryTable) -> CaseService:
    return case_service(table)


@pytest.fixture
def case(cases: CaseService) -> Case:
    return cases.open(DEA, {"title": "Pills"}, None)


def refer(service: ReferralService, case: Case, to: str = "HSI", key: Idempotency | None = None) -> Referral:
    return service.refer(DEA, case.case_id, to, "their port", Priority.ROUTINE, None, key)


def test_a_referral_is_pending_with_its_receiver_which_sees_it_but_not_the_case(
    service: ReferralService, cases: CaseService, table: MemoryTable, case: Case
) -> None:
    referral = refer(service, case)

    read, title, _ = service.read(HSI, referral.referral_id)
    assert read.status is ReferralStatus.PENDING and title == "Pills"
    assert table.cases[case.case_id].pending_referrals_to == {"HSI"}
    assert [r.referral_id for r in service.box(HSI, "IN", None, 10, None).items] == [referral.referral_id]
    assert [r.referral_id for r in service.box(DEA, "OUT", None, 10, None).items] == [referral.referral_id]
    assert referral.respond_by == NOW + Priority.ROUTINE.default_response_window
    with pytest.raises(NotFound):
        cases.read(HSI, case.case_id)
    with pytest.raises(NotFound):
        service.read(ATF, referral.referral_id)


def test_a_case_is_referred_to_an_agency_once_at_a_time(service: ReferralService, case: Case) -> None:
    refer(service, case)

    with pytest.raises(Conflict, match="already pending"):
        refer(service, case)
    with pytest.raises(Conflict, match="platform"):
        refer(service, case, "META")
    with pytest.raises(NotFound):
        service.refer(ATF, case.case_id, "USPIS", "not theirs", Priority.URGENT, None, None)


def test_the_receiver_accepts_and_joins_the_case(
    service: ReferralService, cases: CaseService, table: MemoryTable, case: Case
) -> None:
    referral = refer(service, case)

    service.decide(HSI, referral.referral_id, ReferralAction.ACCEPT)

    joined = cases.read(HSI, case.case_id)
    assert joined.participants == {"DEA", "HSI"} and joined.pending_referrals_to == frozenset()
    assert joined.version == 2
    assert table.referrals[referral.referral_id].status is ReferralStatus.ACCEPTED
    assert ("referral.accept", "success") in table.events(case.case_id)
    with pytest.raises(Forbidden):
        cases.audit_trail(HSI, case.case_id, 10, None)


def test_only_the_receiver_accepts_or_declines_and_each_refusal_is_audited_on_the_case(
    service: ReferralService, table: MemoryTable, case: Case
) -> None:
    referral = refer(service, case)

    with pytest.raises(Conflict, match="only the receiving agency"):
        service.decide(DEA, referral.referral_id, ReferralAction.ACCEPT)
    with pytest.raises(NotFound):
        service.decide(ATF, referral.referral_id, ReferralAction.DECLINE, "not ours")
    with pytest.raises(Conflict, match="only the sending agency"):
        service.decide(HSI, referral.referral_id, ReferralAction.WITHDRAW)

    assert table.referrals[referral.referral_id].status is ReferralStatus.PENDING
    assert table.events(case.case_id)[-3:] == [
        ("referral.accept", "failure"),
        ("referral.decline", "failure"),
        ("referral.withdraw", "failure"),
    ]


def test_a_decided_referral_is_decided_for_good(service: ReferralService, table: MemoryTable, case: Case) -> None:
    referral = refer(service, case)

    service.decide(HSI, referral.referral_id, ReferralAction.DECLINE, "no capacity")
    with pytest.raises(Conflict, match="declined"):
        service.decide(HSI, referral.referral_id, ReferralAction.ACCEPT)

    declined = table.referrals[referral.referral_id]
    assert (declined.status, declined.decline_reason) == (ReferralStatus.DECLINED, "no capacity")
    assert table.cases[case.case_id].participants == {"DEA"}


def test_a_referral_of_a_case_closed_since_cannot_be_accepted_and_the_stream_withdraws_it(
    service: ReferralService, cases: CaseService, table: MemoryTable, case: Case
) -> None:
    referral = refer(service, case)
    cases.close(DEA, case.case_id)

    with pytest.raises(Conflict) as refused:
        service.decide(HSI, referral.referral_id, ReferralAction.ACCEPT)
    withdrawn = service.follow_cases([(table.cases[case.case_id], NOW)])

    assert refused.value.detail == UNREFERABLE
    assert withdrawn == 1
    assert table.referrals[referral.referral_id].withdraw_reason == UNREFERABLE
    assert service.follow_cases([(table.cases[case.case_id], NOW)]) == 0


def test_the_stream_stamps_the_cases_new_title_on_its_referrals(
    service: ReferralService, cases: CaseService, table: MemoryTable, case: Case
) -> None:
    referral = refer(service, case)
    cases.update(DEA, case.case_id, 1, {"title": "Blue pills"})

    service.follow_cases([(table.cases[case.case_id], NOW)])

    assert table.referrals[referral.referral_id].case_title == "Blue pills"
    assert table.cases[case.case_id].status is CaseStatus.OPEN


def test_a_repeated_referral_replays_the_first(service: ReferralService, table: MemoryTable, case: Case) -> None:
    key = Idempotency("key-1", "request-hash")
    referral = refer(service, case, key=key)

    with pytest.raises(Replayed) as replayed:
        refer(service, case, key=key)

    assert replayed.value.value == referral
    assert list(table.referrals) == [referral.referral_id]
