from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AreaIn")


@_attrs_define
class AreaIn:
    """A box on the map, in degrees (west greater than east crosses the antimeridian).

    Attributes:
        south (float):
        west (float):
        north (float):
        east (float):
    """

    south: float
    west: float
    north: float
    east: float

    def to_dict(self) -> dict[str, Any]:
        south = self.south

        west = self.west

        north = self.north

        east = self.east

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "south": south,
                "west": west,
                "north": north,
                "east": east,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        south = d.pop("south")

        west = d.pop("west")

        north = d.pop("north")

        east = d.pop("east")

        area_in = cls(
            south=south,
            west=west,
            north=north,
            east=east,
        )

        return area_in
