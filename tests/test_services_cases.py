"""The case use cases (`services.cases`) as specifications, on in-memory twins of the store
(`tests/twins.py`): no moto, no HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.cases import CaseStatus, Tlp
from chalicelib.domain.errors import Conflict, IdempotencyKeyReused, NotFound, PreconditionFailed
from chalicelib.services.cases import CaseService
from chalicelib.services.context import Idempotency, Replayed
from tests.twins import NOW, MemoryTable, caller, case_service

DEA, HSI = caller("DEA"), caller("HSI")


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def service(table: MemoryTable) -> CaseService:
    return case_service(table)


def test_an_opened_case_is_its_owners_alone_and_audited(service: CaseService, table: MemoryTable) -> None:
    case = service.open(DEA, {"title": "Pills"}, None)

    assert service.read(DEA, case.case_id) == case
    assert case.participants == {"DEA"} and case.status is CaseStatus.OPEN and case.version == 1
    assert [entry.case_id for entry in service.list(DEA, None, 10, None).items] == [case.case_id]
    assert table.events(case.case_id) == [("case.open", "success"), ("case.read", "success")]


def test_a_case_hidden_from_an_agency_is_absent_to_it_and_the_attempt_is_on_the_case_trail(
    service: CaseService, table: MemoryTable
) -> None:
    case = service.open(DEA, {"title": "Pills"}, None)

    with pytest.raises(NotFound) as hidden:
        service.read(HSI, case.case_id)
    with pytest.raises(NotFound) as absent:
        service.read(HSI, "case_01JEZZZZZZZZZZZZZZZZZZZZZZ")

    assert hidden.value.detail.replace(case.case_id, "?") == absent.value.detail.replace(
        "case_01JEZZZZZZZZZZZZZZZZZZZZZZ", "?"
    )
    assert table.events(case.case_id)[-1] == ("case.read", "failure")
    assert service.list(HSI, None, 10, None).items == []


def test_only_the_owner_updates_and_only_the_version_it_read(service: CaseService, table: MemoryTable) -> None:
    case = service.open(DEA, {"title": "Pills"}, None)

    change = service.update(DEA, case.case_id, 1, {"title": "Blue pills", "tlp": "GREEN", "summary": None})
    with pytest.raises(PreconditionFailed):
        service.update(DEA, case.case_id, 1, {"title": "Stale"})
    with pytest.raises(NotFound):
        service.update(HSI, case.case_id, 2, {"title": "Not theirs"})

    updated = service.read(DEA, case.case_id)
    assert change.version == 2 == updated.version
    assert (updated.title, updated.tlp, updated.summary) == ("Blue pills", Tlp.GREEN, "")
    assert ("case.update", "failure") in table.events(case.case_id)


def test_close_and_reopen_belong_to_the_owner_and_move_from_the_other_status(service: CaseService) -> None:
    case = service.open(DEA, {"title": "Pills"}, None)

    service.close(DEA, case.case_id)
    with pytest.raises(Conflict, match="already closed"):
        service.close(DEA, case.case_id)
    service.reopen(DEA, case.case_id)

    assert service.read(DEA, case.case_id).status is CaseStatus.OPEN
    assert service.read(DEA, case.case_id).version == 3


def test_notes_are_added_by_participants_and_read_a_page_at_a_time(service: CaseService) -> None:
    case = service.open(DEA, {"title": "Pills"}, None)
    written = [service.add_note(DEA, case.case_id, f"note {n}", None) for n in range(3)]

    with pytest.raises(NotFound):
        service.add_note(HSI, case.case_id, "not a participant", None)
    found, first = service.notes(DEA, case.case_id, 2, None)
    _, rest = service.notes(DEA, case.case_id, 2, first.last_key)

    assert found == case
    assert first.items + rest.items == written and rest.last_key is None


def test_a_repeated_open_replays_the_first_case_and_a_reused_key_is_refused(
    service: CaseService, table: MemoryTable
) -> None:
    key = Idempotency("key-1", Idempotency.hash_request("POST", "/v1/cases", {"title": "Pills"}))
    case = service.open(DEA, {"title": "Pills"}, key)

    later = caller("DEA", at=NOW + timedelta(minutes=1))
    with pytest.raises(Replayed) as replayed:
        service.open(later, {"title": "Pills"}, key)
    with pytest.raises(IdempotencyKeyReused):
        service.open(later, {"title": "Other"}, Idempotency("key-1", "another request"))

    assert replayed.value.value == case.shown()
    assert list(table.cases) == [case.case_id]
    assert table.events()[-1] == ("case.open", "failure")


def test_the_audit_trail_is_the_owners_to_read(service: CaseService) -> None:
    case = service.open(DEA, {"title": "Pills"}, None)

    with pytest.raises(NotFound):
        service.audit_trail(HSI, case.case_id, 10, None)
    _, trail = service.audit_trail(DEA, case.case_id, 10, None)

    # newest first; the owner learns who tried
    assert [(record.event, record.org, record.outcome) for record in trail.items] == [
        ("audit.read", "HSI", "failure"),
        ("case.open", "DEA", "success"),
    ]
