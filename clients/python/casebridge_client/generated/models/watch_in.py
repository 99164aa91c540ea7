from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.area_in import AreaIn


T = TypeVar("T", bound="WatchIn")


@_attrs_define
class WatchIn:
    """What a watch center serves: agencies by code, the agencies of states, an area of the map.

    Attributes:
        agencies (list[str] | Unset):
        states (list[str] | Unset):
        area (AreaIn | None | Unset):
    """

    agencies: list[str] | Unset = UNSET
    states: list[str] | Unset = UNSET
    area: AreaIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.area_in import AreaIn

        agencies: list[str] | Unset = UNSET
        if not isinstance(self.agencies, Unset):
            agencies = self.agencies

        states: list[str] | Unset = UNSET
        if not isinstance(self.states, Unset):
            states = self.states

        area: dict[str, Any] | None | Unset
        if isinstance(self.area, Unset):
            area = UNSET
        elif isinstance(self.area, AreaIn):
            area = self.area.to_dict()
        else:
            area = self.area

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if agencies is not UNSET:
            field_dict["agencies"] = agencies
        if states is not UNSET:
            field_dict["states"] = states
        if area is not UNSET:
            field_dict["area"] = area

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.area_in import AreaIn

        d = dict(src_dict)
        agencies = cast(list[str], d.pop("agencies", UNSET))

        states = cast(list[str], d.pop("states", UNSET))

        def _parse_area(data: object) -> AreaIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                area_type_0 = AreaIn.from_dict(data)

                return area_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AreaIn | None | Unset, data)

        area = _parse_area(d.pop("area", UNSET))

        watch_in = cls(
            agencies=agencies,
            states=states,
            area=area,
        )

        return watch_in
