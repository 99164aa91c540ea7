"""The emergency disclosure use cases (`services.emergency`) as specifications, on in-memory
twins of the store (`tests/twins.py`): no moto, no HTTP."""

from __future__ import annotations

import pytest

from chalicelib.domain.cases import Case
from chalicelib.domain.emergency import (
    DEFAULT_PROCESS_DUE,
    Disclosure,
    Emergency,
    EmergencyAnswer,
    EmergencyKind,
    EmergencyRequest,
    EmergencyStatus,
)
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.identifiers import Identifier, IdentifierType
from chalicelib.domain.legal import RecordCategory
from chalicelib.domain.timers import TimerKind
from chalicelib.services.cases import CaseService
from chalicelib.services.emergency import EmergencyService
from tests.twins import NOW, MemoryTable, caller, case_service, emergency_service

OFFICER, SUPERVISOR = caller("DEA", "officer.dea"), caller("DEA", "supervisor.dea")
HSI, META, TIKTOK = caller("HSI"), caller("META"), caller("TIKTOK")
ACCOUNT = (Identifier(IdentifierType.SOCIAL_HANDLE, "pillseller"),)
OVERDOSE = Emergency(
    kind=EmergencyKind.OVERDOSE_RISK,
    description="a buyer posted that they will take the pills tonight",
    why_without_delay="tonight",
    categories=(RecordCategory.SUBSCRIBER,),
    data_detail="the buyer's registered phone",
    how_it_helps="locate the buyer",
)


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def service(table: MemoryTable) -> EmergencyService:
    return emergency_service(table)


@pytest.fixture
def cases(table: MemoryTable) -> CaseService:
    return case_service(table)


@pytest.fixture
def case(cases: CaseService) -> Case:
    return cases.open(OFFICER, {"title": "Pills"}, None)


@pytest.fixture
def asked(service: EmergencyService, case: Case) -> EmergencyRequest:
    return service.ask(OFFICER, case.case_id, "META", ACCOUNT, OVERDOSE, None)


def test_an_asked_request_waits_for_a_second_person_and_the_platform_sees_nothing_yet(
    service: EmergencyService, asked: EmergencyRequest
) -> None:
    assert asked.status is EmergencyStatus.AWAITING_APPROVAL
    assert service.read(SUPERVISOR, asked.request_id) == asked
    assert service.box(META, None, 10, None).items == []
    with pytest.raises(NotFound):
        service.read(META, asked.request_id)
    with pytest.raises(NotFound):
        service.acknowledge(META, asked.request_id)


def test_the_officer_who_asked_never_approves_and_another_agency_cannot(
    service: EmergencyService, table: MemoryTable, asked: EmergencyRequest
) -> None:
    with pytest.raises(Forbidden, match="second person"):
        service.decide(OFFICER, asked.request_id, None)
    with pytest.raises(NotFound):
        service.decide(HSI, asked.request_id, None)

    assert table.emergencies[asked.request_id] == asked
    assert table.events(asked.case_id)[-2:] == [("emergency.approve", "failure"), ("emergency.approve", "failure")]


def test_a_second_person_approves_and_the_platform_acknowledges_then_answers(
    service: EmergencyService, table: MemoryTable, asked: EmergencyRequest
) -> None:
    approved = service.decide(SUPERVISOR, asked.request_id, None)
    with pytest.raises(Conflict, match="already approved"):
        service.decide(SUPERVISOR, asked.request_id, "changed my mind")
    acknowledged = service.acknowledge(META, asked.request_id)
    given = EmergencyAnswer(Disclosure.DISCLOSED, NOW, "trust.meta", "phone attached in the portal")
    answered = service.answer(META, asked.request_id, given)

    assert approved.approved_by is not None and approved.approved_by.subject == "supervisor.dea"
    assert acknowledged.status is EmergencyStatus.ACKNOWLEDGED
    assert table.emergencies[asked.request_id] == answered and answered.status is EmergencyStatus.ANSWERED
    assert answered.process_due_at == NOW + DEFAULT_PROCESS_DUE
    assert {timer.kind for timer in table.timers} >= {TimerKind.EMERGENCY_UNACKNOWLEDGED}
    assert [e for e in table.events(asked.case_id) if e[0].startswith("emergency")] == [
        ("emergency.ask", "success"),
        ("emergency.approve", "success"),
        ("emergency.reject", "failure"),
        ("emergency.acknowledge", "success"),
        ("emergency.answer", "success"),
    ]


def test_only_the_platform_asked_acknowledges(
    service: EmergencyService, table: MemoryTable, asked: EmergencyRequest
) -> None:
    approved = service.decide(SUPERVISOR, asked.request_id, None)

    with pytest.raises(NotFound):
        service.acknowledge(TIKTOK, asked.request_id)
    assert [r.request_id for r in service.box(META, None, 10, None).items] == [asked.request_id]
    assert table.emergencies[asked.request_id] == approved


def test_a_rejected_request_never_reaches_the_platform(
    service: EmergencyService, table: MemoryTable, asked: EmergencyRequest
) -> None:
    rejected = service.decide(SUPERVISOR, asked.request_id, "not an emergency")

    assert rejected.status is EmergencyStatus.REJECTED
    assert service.box(META, None, 10, None).items == []
    assert table.timers == []


def test_an_approval_needs_a_case_that_may_still_reach_the_platform(
    service: EmergencyService, cases: CaseService, table: MemoryTable, asked: EmergencyRequest
) -> None:
    cases.close(OFFICER, asked.case_id)

    with pytest.raises(Conflict, match="closed"):
        service.decide(SUPERVISOR, asked.request_id, None)
    with pytest.raises(Conflict, match="closed"):
        service.ask(OFFICER, asked.case_id, "META", ACCOUNT, OVERDOSE, None)

    assert table.emergencies == {asked.request_id: asked}


def test_a_held_request_confirmed_unacknowledged_is_alerted_again_from_the_confirmation(
    service: EmergencyService, table: MemoryTable, asked: EmergencyRequest
) -> None:
    from datetime import timedelta

    from chalicelib.domain import emergency
    from tests.twins import caller

    approved = service.decide(SUPERVISOR, asked.request_id, None)
    held = emergency.hold(approved)
    assert held is not None
    table.emergencies[asked.request_id] = held  # what the stream does when the officer is suspended
    with pytest.raises(Conflict, match="on hold"):
        service.acknowledge(META, asked.request_id)
    with pytest.raises(NotFound):
        service.confirm(HSI, asked.request_id)

    later = NOW + timedelta(hours=1)
    confirmed = service.confirm(caller("DEA", "supervisor.dea", at=later), asked.request_id)

    assert confirmed.status is EmergencyStatus.APPROVED and table.emergencies[asked.request_id] == confirmed
    alerts = sorted(t.due_at for t in table.timers if t.kind is TimerKind.EMERGENCY_UNACKNOWLEDGED)
    assert min(due for due in alerts if due > later) == later + service.sla  # the clock runs again from now
    assert ("emergency.confirm", "success") in table.events(asked.case_id)


def test_a_withdrawn_held_request_files_no_alert(
    service: EmergencyService, table: MemoryTable, asked: EmergencyRequest
) -> None:
    from chalicelib.domain import emergency

    approved = service.decide(SUPERVISOR, asked.request_id, None)
    filed, held = list(table.timers), emergency.hold(approved)
    assert held is not None
    table.emergencies[asked.request_id] = held
    withdrawn = service.withdraw(SUPERVISOR, asked.request_id)

    assert withdrawn.status is EmergencyStatus.WITHDRAWN and table.timers == filed
    with pytest.raises(Conflict):
        service.withdraw(SUPERVISOR, asked.request_id)
