"""The legal process use cases (`services.legal`) as specifications, on in-memory twins of
the store (`tests/twins.py`): no moto, no HTTP. Served here: subpoenas, which carry no
signed document (the documented kinds need the file twin's writes)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.cases import Case
from chalicelib.domain.errors import Conflict, NotFound, Unavailable
from chalicelib.domain.legal import (
    DEFAULT_DUE,
    Answer,
    LegalKind,
    LegalRequest,
    LegalStatus,
    Outcome,
    RejectionCode,
)
from chalicelib.services.cases import CaseService
from chalicelib.services.context import Idempotency, Replayed
from chalicelib.services.legal import LegalService
from tests.twins import NOW, SUBPOENA, LegalRequestsTwin, MemoryTable, caller, case_service, legal_service

DEA, HSI, META, TIKTOK = caller("DEA"), caller("HSI"), caller("META"), caller("TIKTOK")


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def service(table: MemoryTable) -> LegalService:
    return legal_service(table)


@pytest.fixture
def cases(table: MemoryTable) -> CaseService:
    return case_service(table)


@pytest.fixture
def case(cases: CaseService) -> Case:
    return cases.open(DEA, {"title": "Pills"}, None)


@pytest.fixture
def served(service: LegalService, case: Case) -> LegalRequest:
    return service.send(DEA, case.case_id, "META", SUBPOENA, None)


def test_served_process_reaches_its_platform_alone_with_its_overdue_timer(
    service: LegalService, table: MemoryTable, served: LegalRequest
) -> None:
    assert served.status is LegalStatus.SENT and served.due_at == NOW + DEFAULT_DUE[LegalKind.SUBPOENA]
    assert service.read(META, served.request_id) == served
    assert [r.request_id for r in service.box(META, None, 10, None).items] == [served.request_id]
    assert [r.request_id for r in service.box(DEA, None, 10, None).items] == [served.request_id]
    assert {timer.subject_id for timer in table.timers} == {served.request_id}
    for outsider in (HSI, TIKTOK):
        with pytest.raises(NotFound):
            service.read(outsider, served.request_id)


def test_process_is_served_from_a_case_its_agency_works_on_while_it_may_reach_a_platform(
    service: LegalService, cases: CaseService, table: MemoryTable, case: Case
) -> None:
    with pytest.raises(NotFound):
        service.send(HSI, case.case_id, "META", SUBPOENA, None)
    with pytest.raises(Conflict, match="legal process is served on platforms"):
        service.send(DEA, case.case_id, "ATF", SUBPOENA, None)
    cases.update(DEA, case.case_id, 1, {"tlp": "RED"})
    with pytest.raises(Conflict, match="TLP:RED"):
        service.send(DEA, case.case_id, "META", SUBPOENA, None)

    assert table.legal == {}
    assert table.events(case.case_id)[-1] == ("legal.send", "failure")


def test_served_then_acknowledged_then_answered_by_the_platform_served(
    service: LegalService, table: MemoryTable, served: LegalRequest
) -> None:
    acknowledged = service.acknowledge(META, served.request_id, "META-LR-1")
    with pytest.raises(Conflict, match="already acknowledged"):
        service.acknowledge(META, served.request_id, "again")
    given = Answer(Outcome.REJECTED, NOW, "legal.meta", RejectionCode.NO_RECORDS, "no such account")
    answered = service.answer(META, served.request_id, given)

    assert (acknowledged.status, acknowledged.platform_reference) == (LegalStatus.ACKNOWLEDGED, "META-LR-1")
    assert table.legal[served.request_id] == answered and answered.status is LegalStatus.ANSWERED
    assert table.events(served.case_id)[-3:] == [
        ("legal.send", "success"),
        ("legal.acknowledge", "success"),
        ("legal.answer", "success"),
    ]
    # the platform's refused attempt is on its own trail, not on a case it does not see
    refusal = [a for a in table.trail() if a.outcome.value == "failure"]
    assert [(a.event, a.org, a.case_id) for a in refusal] == [("legal.acknowledge", "META", None)]


def test_only_the_platform_served_acknowledges_or_answers(
    service: LegalService, table: MemoryTable, served: LegalRequest
) -> None:
    with pytest.raises(NotFound):
        service.acknowledge(TIKTOK, served.request_id, "TT-1")
    with pytest.raises(NotFound):
        service.answer(DEA, served.request_id, Answer(Outcome.PRODUCED, NOW, "officer.dea"))

    assert table.legal[served.request_id] == served


def test_a_withdrawn_request_is_answered_no_more(
    service: LegalService, table: MemoryTable, served: LegalRequest
) -> None:
    withdrawn = service.withdraw(DEA, served.request_id, "the account was closed")
    with pytest.raises(Conflict, match="withdrawn"):
        service.answer(META, served.request_id, Answer(Outcome.PRODUCED, NOW, "legal.meta"))

    assert withdrawn.status is LegalStatus.WITHDRAWN
    assert table.legal[served.request_id].withdrawn_because == "the account was closed"


def test_a_change_decided_on_a_request_that_moved_meanwhile_is_retried(
    service: LegalService, table: MemoryTable, served: LegalRequest
) -> None:
    """The store refuses a change decided on an older version: the platform reads it again."""
    moved = service.acknowledge(META, served.request_id, "META-LR-1")
    reading_stale = replace(service, requests=_Stale(table, served))

    with pytest.raises(Unavailable):
        reading_stale.withdraw(DEA, served.request_id, "too late")

    assert table.legal[served.request_id] == moved


def test_a_repeated_send_replays_the_first(service: LegalService, table: MemoryTable, case: Case) -> None:
    key = Idempotency("key-1", "hash")
    first = service.send(DEA, case.case_id, "META", SUBPOENA, key)

    with pytest.raises(Replayed) as replayed:
        service.send(DEA, case.case_id, "META", SUBPOENA, key)

    assert replayed.value.value == first
    assert list(table.legal) == [first.request_id]


class _Stale(LegalRequestsTwin):
    """The twin, but a read answers the request as it was before it moved."""

    def __init__(self, table: MemoryTable, stale: LegalRequest) -> None:
        super().__init__(table)
        self.stale = stale

    def get_request(self, request_id: str) -> LegalRequest | None:
        return self.stale
