from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.area_in import AreaIn


T = TypeVar("T", bound="WatchOut")


@_attrs_define
class WatchOut:
    """
    Attributes:
        agencies (list[str]):
        states (list[str]):
        area (AreaIn | None | Unset):
    """

    agencies: list[str]
    states: list[str]
    area: AreaIn | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.area_in import AreaIn

        agencies = self.agencies

        states = self.states

        area: dict[str, Any] | None | Unset
        if isinstance(self.area, Unset):
            area = UNSET
        elif isinstance(self.area, AreaIn):
            area = self.area.to_dict()
        else:
            area = self.area

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agencies": agencies,
                "states": states,
            }
        )
        if area is not UNSET:
            field_dict["area"] = area

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.area_in import AreaIn

        d = dict(src_dict)
        agencies = cast(list[str], d.pop("agencies"))

        states = cast(list[str], d.pop("states"))

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

        watch_out = cls(
            agencies=agencies,
            states=states,
            area=area,
        )

        watch_out.additional_properties = d
        return watch_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
