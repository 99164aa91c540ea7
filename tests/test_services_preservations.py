"""The preservation use cases (`services.preservations`) as specifications, on in-memory
twins of the store (`tests/twins.py`): no moto, no HTTP. Legal process that follows a
preservation, and the answer that fulfils it, are here too."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.cases import Case, Contact
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.identifiers import Identifier, IdentifierType
from chalicelib.domain.legal import Answer, Outcome
from chalicelib.domain.preservations import EXTENSION, PRESERVATION_PERIOD, Preservation, PreservationStatus
from chalicelib.domain.referrals import Priority, ReferralAction
from chalicelib.services.cases import CaseService
from chalicelib.services.preservations import PreservationService
from tests.twins import (
    NOW,
    SUBPOENA,
    MemoryTable,
    caller,
    case_service,
    legal_service,
    preservation_service,
    referral_service,
)

DEA, HSI, META, TIKTOK = caller("DEA"), caller("HSI"), caller("META"), caller("TIKTOK")
ACCOUNTS = [Identifier(IdentifierType.SOCIAL_HANDLE, "pillseller")]


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def service(table: MemoryTable) -> PreservationService:
    return preservation_service(table)


@pytest.fixture
def cases(table: MemoryTable) -> CaseService:
    return case_service(table)


@pytest.fixture
def case(cases: CaseService) -> Case:
    return cases.open(DEA, {"title": "Pills"}, None)


@pytest.fixture
def requested(service: PreservationService, case: Case) -> Preservation:
    return service.request(DEA, case.case_id, "META", ACCOUNTS, Contact(name="Ana"), None)


def test_a_preservation_runs_for_its_period_and_only_its_platform_and_the_case_see_it(
    service: PreservationService, table: MemoryTable, requested: Preservation
) -> None:
    assert requested.status is PreservationStatus.REQUESTED
    assert requested.expires_at == NOW + PRESERVATION_PERIOD
    assert service.read(META, requested.preservation_id) == requested
    assert [p.preservation_id for p in service.box(META, None, 10, None).items] == [requested.preservation_id]
    assert len([timer for timer in table.timers if timer.subject_id == requested.preservation_id]) == 2
    for outsider in (HSI, TIKTOK):
        with pytest.raises(NotFound):
            service.read(outsider, requested.preservation_id)


def test_the_platform_acknowledges_once(
    service: PreservationService, table: MemoryTable, requested: Preservation
) -> None:
    with pytest.raises(NotFound):
        service.acknowledge(TIKTOK, requested.preservation_id, "TT-1")
    acknowledged = service.acknowledge(META, requested.preservation_id, "META-P-1")
    with pytest.raises(Conflict):
        service.acknowledge(META, requested.preservation_id, "again")

    assert table.preservations[requested.preservation_id] == acknowledged
    assert acknowledged.version == requested.version  # an acknowledgement is no new version


def test_the_sending_agency_extends_once_while_the_case_may_reach_the_platform(
    service: PreservationService,
    cases: CaseService,
    table: MemoryTable,
    case: Case,
    requested: Preservation,
) -> None:
    referrals = referral_service(table)
    referral = referrals.refer(DEA, case.case_id, "HSI", "their port", Priority.ROUTINE, None, None)
    referrals.decide(HSI, referral.referral_id, ReferralAction.ACCEPT)  # HSI now works on the case

    with pytest.raises(Forbidden):
        service.extend(HSI, requested.preservation_id)
    extended = service.extend(DEA, requested.preservation_id)
    with pytest.raises(Conflict, match="already extended"):
        service.extend(DEA, requested.preservation_id)

    assert extended.expires_at == requested.expires_at + EXTENSION
    assert table.preservations[requested.preservation_id] == extended
    assert {timer.expires_at for timer in table.timers if timer.subject_id == requested.preservation_id} == {
        extended.expires_at
    }


def test_no_preservation_is_requested_or_extended_from_a_closed_case(
    service: PreservationService, cases: CaseService, table: MemoryTable, case: Case, requested: Preservation
) -> None:
    cases.close(DEA, case.case_id)

    with pytest.raises(Conflict, match="closed"):
        service.extend(DEA, requested.preservation_id)
    with pytest.raises(Conflict, match="closed"):
        service.request(DEA, case.case_id, "META", ACCOUNTS, Contact(), None)

    assert table.preservations == {requested.preservation_id: requested}


def test_legal_process_that_follows_a_preservation_fulfils_it_when_answered(
    table: MemoryTable, case: Case, requested: Preservation
) -> None:
    legal = legal_service(table)
    subpoena = replace(SUBPOENA, preservation_id=requested.preservation_id)

    sent = legal.send(DEA, case.case_id, "META", subpoena, None)
    with pytest.raises(Conflict):
        legal.send(DEA, case.case_id, "TIKTOK", subpoena, None)
    legal.answer(META, sent.request_id, Answer(Outcome.PRODUCED, NOW, "legal.meta"))

    assert sent.preservation_ends_at == requested.expires_at
    fulfilled = table.preservations[requested.preservation_id]
    assert fulfilled == replace(
        requested,
        legal_request_ids=(sent.request_id,),
        status=PreservationStatus.FULFILLED,
        version=requested.version + 1,
    )
