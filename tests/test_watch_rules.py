"""The watch center's rules as pure domain, with no storage: who watches a conflict and which
center owns it, what moves a conflict, and the waiver's two persons."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import watch
from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.operations import Location, Operation, OperationKind, OperationStatus
from chalicelib.domain.organisations import Area, Watch
from chalicelib.domain.record_ids import new_id, new_operation_id
from chalicelib.domain.watch import Center, ConflictOutcome, ConflictState

AT = datetime(2026, 12, 7, 20, tzinfo=UTC)
DC = Location(38.8977, -77.0365, 250)
BALTIMORE = Location(39.29, -76.61, 250)


def an_operation(org: str, n: int, where: Location = DC, starts: datetime = AT) -> Operation:
    case_id = new_id("case", AT + timedelta(milliseconds=n))
    contact = Contact("SA Rivera", "+12025550188", None)
    return Operation(
        new_operation_id(case_id, AT), case_id, org, OperationKind.RAID, where, starts, starts + timedelta(hours=1),
        contact, AT, "x", AT,
    )  # fmt: skip


DEA, ATF = an_operation("DEA", 1), an_operation("ATF", 2, starts=AT + timedelta(minutes=30))
CENTERS = [
    Center("WBWATCH", Watch(agencies=("DEA",))),
    Center("ATFWATCH", Watch(agencies=("ATF",))),
    Center("DCWATCH", Watch(area=Area(38.79, -77.12, 39.0, -76.9))),
    Center("MDWATCH", Watch(states=("MD",))),
]


def test_the_center_serving_both_sides_owns_the_conflict_and_one_other_sees_it():
    assert watch.owning_center(CENTERS, DEA, ATF, {}) == ["DCWATCH", "WBWATCH"]


def test_of_centers_serving_one_side_each_the_one_of_the_earlier_operation_owns_it():
    centers = CENTERS[:2]
    assert watch.owning_center(centers, DEA, ATF, {}) == ["WBWATCH", "ATFWATCH"]
    assert watch.owning_center(centers, replace(DEA, starts_at=AT + timedelta(hours=1)), ATF, {})[0] == "ATFWATCH"


def test_a_state_is_served_through_the_agencys_jurisdiction_and_an_area_through_the_operations_place():
    far = an_operation("HSI", 3, BALTIMORE)
    assert watch.owning_center(CENTERS[2:], far, an_operation("USPIS", 4, BALTIMORE), {"HSI": "MD"}) == ["MDWATCH"]
    assert watch.owning_center(CENTERS[2:], far, an_operation("USPIS", 4, BALTIMORE), {}) == []


def test_one_pair_of_operations_is_one_conflict_whichever_side_is_found_first():
    assert watch.watched(DEA, ATF, ["WBWATCH"], AT).conflict_id == watch.watched(ATF, DEA, ["WBWATCH"], AT).conflict_id
    assert watch.watched(DEA, ATF, ["WBWATCH"], AT).starts_at == AT


def open_conflict() -> watch.WatchedConflict:
    return watch.watched(DEA, ATF, ["WBWATCH", "ATFWATCH"], AT)


def test_only_the_owning_center_takes_it_and_only_once():
    with pytest.raises(Forbidden):
        watch.own(open_conflict(), "ATFWATCH", "per_a", "A", AT)  # it sees it, does not own it
    owned = watch.own(open_conflict(), "WBWATCH", "per_a", "A", AT)
    with pytest.raises(Conflict):
        watch.own(owned, "WBWATCH", "per_b", "B", AT)


def test_the_waiver_needs_a_second_person_of_the_asking_agency():
    asked = watch.ask_waiver(open_conflict(), "DEA", "per_officer", "SA Cole", "hostage", AT)
    with pytest.raises(Forbidden, match="second person"):
        watch.concur(asked, "DEA", "per_officer", "SA Cole", AT)
    with pytest.raises(Forbidden, match="commander of DEA"):
        watch.concur(asked, "ATF", "per_atf", "GS Lane", AT)
    concurred = watch.concur(asked, "DEA", "per_commander", "GS Rivera", AT)
    assert concurred.waiver is not None and concurred.waiver.concurred_by == "per_commander"
    assert concurred.state is ConflictState.OPEN and [s.step for s in concurred.history][-2:] == [
        "waiver_asked",
        "waived",
    ]


def test_a_cancelled_operation_resolves_the_conflict_cancelled_and_a_moved_one_clears_or_moves_it():
    found = open_conflict()
    cancelled = watch.follow(
        found, replace(DEA, status=OperationStatus.CANCELLED, version=2), timedelta(minutes=30), AT
    )
    assert cancelled is not None and (cancelled.state, cancelled.outcome) == (
        ConflictState.RESOLVED,
        ConflictOutcome.CANCELLED,
    )
    away = watch.follow(found, replace(DEA, location=BALTIMORE, version=2), timedelta(minutes=30), AT)
    assert away is not None and away.state is ConflictState.CLEARED
    later = replace(DEA, starts_at=AT + timedelta(minutes=45), ends_at=AT + timedelta(hours=2), version=2)
    moved = watch.follow(found, later, timedelta(minutes=30), AT)
    assert moved is not None and moved.state is ConflictState.OPEN and moved.starts_at == ATF.starts_at
    assert watch.follow(moved, later, timedelta(minutes=30), AT) is None  # a retried stream record: once
    assert watch.follow(replace(found, state=ConflictState.RESOLVED), later, timedelta(minutes=30), AT) is None
