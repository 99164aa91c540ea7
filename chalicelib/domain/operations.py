"""Operation (event) deconfliction: planned operations, their geometry and their conflicts.

Two operations of different organisations conflict when their circles intersect (touching
counts) and their time windows, each widened by the buffer, overlap. To find candidates
without reading every operation, each operation is indexed under the grid cells its circle
touches (`cells`); two intersecting circles share a point, so they share a cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import InvalidField

#: Mean Earth radius (IUGG), metres: distances are great-circle on this sphere.
EARTH_RADIUS_M = 6_371_008.8
MAX_RADIUS_M = 5_000
#: Less than a metre is not a place an operation happens in.
MIN_RADIUS_M = 1
#: Operations longer than this are registered as consecutive operations (surveillance by day).
MAX_DURATION = timedelta(hours=72)
#: Above this latitude a 5 km circle spans too many cells; no US operation comes near it
#: (Utqiagvik, Alaska, is at 71.3°N).
MAX_ABS_LATITUDE = 80.0
#: Grid cell size in degrees: 0.1° is 11.1 km north-south.
CELL_DEGREES = 0.1
_CELLS_PER_TURN = round(360 / CELL_DEGREES)
#: Widening of the cell cover, in degrees, so that rounding never loses a cell at a border.
_EPSILON = 1e-9


class OperationKind(StrEnum):
    SEARCH_WARRANT = "search_warrant"
    RAID = "raid"
    CONTROLLED_BUY = "controlled_buy"
    UNDERCOVER_MEET = "undercover_meet"
    SURVEILLANCE = "surveillance"
    ARREST = "arrest"
    OTHER = "other"


class OperationStatus(StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"


class InvalidOperation(InvalidField):
    """A location or window no operation can have."""


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    radius_m: float

    def check(self) -> None:
        if not (math.isfinite(self.lat) and -MAX_ABS_LATITUDE <= self.lat <= MAX_ABS_LATITUDE):
            raise InvalidOperation("location.lat", f"latitude must be within ±{MAX_ABS_LATITUDE:g}°")
        if not (math.isfinite(self.lon) and -180 <= self.lon <= 180):
            raise InvalidOperation("location.lon", "longitude must be from -180 to 180")
        if not (math.isfinite(self.radius_m) and MIN_RADIUS_M <= self.radius_m <= MAX_RADIUS_M):
            raise InvalidOperation("location.radius_m", f"radius must be {MIN_RADIUS_M} to {MAX_RADIUS_M} m")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    case_id: str
    org: str
    kind: OperationKind
    location: Location
    starts_at: datetime
    ends_at: datetime
    contact: Contact
    created_at: datetime
    created_by: str
    updated_at: datetime
    status: OperationStatus = OperationStatus.PLANNED
    version: int = 1
    cells: tuple[str, ...] = field(default=())

    @property
    def active(self) -> bool:
        return self.status is OperationStatus.PLANNED


def check_window(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidOperation("ends_at", "must be after starts_at")
    if ends_at - starts_at > MAX_DURATION:
        hours = MAX_DURATION // timedelta(hours=1)
        raise InvalidOperation("ends_at", f"an operation lasts at most {hours} hours; register longer ones in parts")


def distance_m(a: Location, b: Location) -> float:
    """Great-circle distance between the centres (haversine), across the antimeridian too."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlambda = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def circles_intersect(a: Location, b: Location) -> bool:
    """Touching at the edge counts: two teams 0 m apart are in each other's way."""
    return distance_m(a, b) <= a.radius_m + b.radius_m + 1e-6


def windows_overlap(a: Operation, b: Operation, buffer: timedelta) -> bool:
    """Windows widened by `buffer` overlap: back to back within the buffer is a conflict."""
    return a.starts_at < b.ends_at + buffer and b.starts_at < a.ends_at + buffer


def conflicts_with(a: Operation, b: Operation, buffer: timedelta) -> bool:
    return (
        a.operation_id != b.operation_id
        and a.org != b.org
        and a.active
        and b.active
        and windows_overlap(a, b, buffer)
        and circles_intersect(a.location, b.location)
    )


def cells(location: Location) -> tuple[str, ...]:
    """The grid cells the circle's bounding box touches: `<lat index>:<lon index>`.

    On the sphere the circle's angular radius δ spans δ in latitude and asin(sin δ / cos φ)
    in longitude at latitude φ; the box uses cos(|φ| + δ), the circle's poleward edge, so
    it is never narrower than the circle. Longitude indexes wrap at the
    antimeridian, so a circle on 180° covers cells on both sides.
    """
    delta = location.radius_m / EARTH_RADIUS_M
    dlat = math.degrees(delta)
    dlon = math.degrees(math.asin(min(1.0, math.sin(delta) / math.cos(math.radians(abs(location.lat)) + delta))))
    lat_low = math.floor((location.lat - dlat - _EPSILON) / CELL_DEGREES)
    lat_high = math.floor((location.lat + dlat + _EPSILON) / CELL_DEGREES)
    lon_low = math.floor((location.lon - dlon - _EPSILON) / CELL_DEGREES)
    lon_high = math.floor((location.lon + dlon + _EPSILON) / CELL_DEGREES)
    return tuple(
        f"{lat}:{lon % _CELLS_PER_TURN}" for lat in range(lat_low, lat_high + 1) for lon in range(lon_low, lon_high + 1)
    )


@dataclass(frozen=True)
class ConflictRecord:
    """A stored conflict in one organisation's list: its own operation, the other side's contact."""

    conflict_id: str
    org: str
    at: datetime
    operation_id: str
    case_id: str
    other_org: str
    other_contact: Contact
