"""Deconfliction of operations: places and times, and the conflicts between them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    model_validator,
)

from chalicelib.api.models.common import Contact, ContactIn, Instant, Out, Strict
from chalicelib.domain import operations
from chalicelib.domain.operations import ConflictRecord, Location, OperationKind, OperationStatus


def _to_centimetres(value: float) -> float:
    """7 decimal places of a degree (about 1 cm). DynamoDB refuses numbers below 1E-130, and a
    float such as 2.2e-309 once made a registration fail in the write (a 500)."""
    return round(value, 7) + 0.0  # + 0.0: no negative zero


Coordinate = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_to_centimetres)]


class LocationIn(Strict):
    lat: Annotated[Coordinate, Field(ge=-90, le=90)]
    lon: Annotated[Coordinate, Field(ge=-180, le=180)]
    radius_m: Annotated[Coordinate, Field(ge=operations.MIN_RADIUS_M, le=operations.MAX_RADIUS_M)]

    def location(self) -> operations.Location:
        return operations.Location(self.lat, self.lon, self.radius_m)

    @model_validator(mode="after")
    def _check(self) -> LocationIn:
        self.location().check()
        return self


class OperationCreate(Strict):
    case_id: Annotated[str, Field(max_length=64)]
    kind: OperationKind
    location: LocationIn
    starts_at: Instant
    ends_at: Instant
    contact: ContactIn | None = Field(default=None, description="On-scene contact; defaults to the token's")

    @model_validator(mode="after")
    def _check(self) -> OperationCreate:
        operations.check_window(self.starts_at, self.ends_at)
        return self


class OperationUpdate(Strict):
    """Any subset of kind, location, window and contact; the result is checked for conflicts."""

    kind: OperationKind | None = None
    location: LocationIn | None = None
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    contact: ContactIn | None = None


class LocationOut(Out, shows=Location): ...


class OperationOut(Out):
    operation_id: str
    case_id: str
    org: str
    kind: OperationKind
    location: LocationOut
    starts_at: datetime
    ends_at: datetime
    contact: Contact
    status: OperationStatus
    version: int
    created_at: datetime
    updated_at: datetime


class ClashOut(Out):
    """A conflicting operation of another organisation: whom to call, nothing else."""

    org: str
    contact: Contact


class OperationChecked(Out):
    operation: OperationOut
    conflicts: list[ClashOut]


class OperationList(Out):
    items: list[OperationOut]
    next_cursor: str | None


class ConflictOut(Out, shows=ConflictRecord, hides=("org",)):
    operation_id: str = Field(description="Your operation")
    case_id: str = Field(description="Your operation's case")
    other_contact: Contact


class ConflictList(Out):
    items: list[ConflictOut]
    next_cursor: str | None
