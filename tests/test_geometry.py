"""Operation geometry: circles, windows and the grid cells that find candidates."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.cases import Contact
from chalicelib.domain.operations import (
    EARTH_RADIUS_M,
    MAX_RADIUS_M,
    InvalidOperation,
    Location,
    Operation,
    OperationKind,
    cells,
    circles_intersect,
    conflicts_with,
    distance_m,
)

START = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
BUFFER = timedelta(minutes=30)
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180


def operation(org: str, location: Location, starts_at: datetime = START, hours: float = 2, **fields) -> Operation:
    return Operation(
        operation_id=f"op_{org}_{location.lat}_{location.lon}_{starts_at.isoformat()}",
        case_id="case_x",
        org=org,
        kind=OperationKind.CONTROLLED_BUY,
        location=location,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        contact=Contact(name=f"{org} on scene"),
        created_at=START,
        created_by="s",
        updated_at=START,
        **fields,
    )


def test_circles_touching_at_the_edge_intersect():
    a = Location(38.0, -77.0, 500)
    b = Location(38.0 + 1000 / METRES_PER_DEGREE, -77.0, 500)
    assert distance_m(a, b) == pytest.approx(1000, abs=1e-6)
    assert circles_intersect(a, b)
    assert not circles_intersect(a, Location(b.lat, b.lon, 499))


def test_a_circle_inside_another_intersects_it():
    assert circles_intersect(Location(38.0, -77.0, 5000), Location(38.001, -77.001, 10))


def test_windows_across_midnight_conflict_and_the_buffer_joins_back_to_back_operations():
    here = Location(38.8977, -77.0365, 250)
    late = operation("DEA", here, START, hours=2)  # 23:00 to 01:00 next day
    after_midnight = operation("HSI", here, START + timedelta(hours=2, minutes=20))  # 01:20
    assert conflicts_with(late, after_midnight, BUFFER)
    assert not conflicts_with(late, after_midnight, timedelta(minutes=10))
    next_morning = operation("HSI", here, START + timedelta(hours=3))
    assert not conflicts_with(late, next_morning, BUFFER)


def test_operations_of_one_organisation_or_cancelled_ones_never_conflict():
    here = Location(38.8977, -77.0365, 250)
    from chalicelib.domain.operations import OperationStatus

    assert not conflicts_with(operation("DEA", here), operation("DEA", Location(38.8978, -77.0365, 250)), BUFFER)
    cancelled = operation("HSI", here, status=OperationStatus.CANCELLED)
    assert not conflicts_with(operation("DEA", Location(38.8978, -77.0365, 10)), cancelled, BUFFER)


def test_circles_on_either_side_of_a_cell_border_share_a_cell():
    border = 38.9  # a cell edge: cells are 0.1° tall
    north = Location(border + 100 / METRES_PER_DEGREE, -77.05, 150)
    south = Location(border - 100 / METRES_PER_DEGREE, -77.05, 150)
    assert circles_intersect(north, south)
    assert set(cells(north)) & set(cells(south))


def test_circles_across_the_antimeridian_share_a_cell():
    east = Location(52.0, 179.999, 300)
    west = Location(52.0, -179.999, 300)
    assert distance_m(east, west) < 300
    assert circles_intersect(east, west)
    assert set(cells(east)) & set(cells(west))


def test_high_latitudes_are_refused_with_a_reason():
    with pytest.raises(InvalidOperation, match="latitude"):
        Location(85.0, 10.0, 100).check()
    Location(71.29, -156.79, 5000).check()  # Utqiagvik, Alaska


def test_the_cell_cover_is_bounded():
    assert max(len(cells(Location(lat, 0.05, MAX_RADIUS_M))) for lat in (0.0, 45.0, 71.3, 80.0)) <= 16


@given(
    st.floats(min_value=-79.9, max_value=79.9),
    st.floats(min_value=-180, max_value=180),
    st.floats(min_value=1, max_value=MAX_RADIUS_M),
    st.floats(min_value=1, max_value=MAX_RADIUS_M),
    st.floats(min_value=0, max_value=2 * math.pi),
    st.floats(min_value=0, max_value=1),
)
def test_any_two_intersecting_circles_share_a_cell(lat, lon, radius_a, radius_b, bearing, fraction):
    a = Location(lat, lon, radius_a)
    # b's centre at `fraction` of the touching distance, in any direction
    angular = (radius_a + radius_b) * fraction / EARTH_RADIUS_M
    phi, lam = math.radians(lat), math.radians(lon)
    phi2 = math.asin(math.sin(phi) * math.cos(angular) + math.cos(phi) * math.sin(angular) * math.cos(bearing))
    lam2 = lam + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(phi), math.cos(angular) - math.sin(phi) * math.sin(phi2)
    )
    b = Location(math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180, radius_b)
    if abs(b.lat) > 80 or not circles_intersect(a, b):
        return
    assert set(cells(a)) & set(cells(b))
