from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LocationIn")


@_attrs_define
class LocationIn:
    """
    Attributes:
        lat (float):
        lon (float):
        radius_m (float):
    """

    lat: float
    lon: float
    radius_m: float

    def to_dict(self) -> dict[str, Any]:
        lat = self.lat

        lon = self.lon

        radius_m = self.radius_m

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lat": lat,
                "lon": lon,
                "radius_m": radius_m,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        lat = d.pop("lat")

        lon = d.pop("lon")

        radius_m = d.pop("radius_m")

        location_in = cls(
            lat=lat,
            lon=lon,
            radius_m=radius_m,
        )

        return location_in
