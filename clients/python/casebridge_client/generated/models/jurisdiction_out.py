from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JurisdictionOut")


@_attrs_define
class JurisdictionOut:
    """
    Attributes:
        state (str):
        county (None | str | Unset):
        tribe (None | str | Unset):
    """

    state: str
    county: None | str | Unset = UNSET
    tribe: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state

        county: None | str | Unset
        if isinstance(self.county, Unset):
            county = UNSET
        else:
            county = self.county

        tribe: None | str | Unset
        if isinstance(self.tribe, Unset):
            tribe = UNSET
        else:
            tribe = self.tribe

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
            }
        )
        if county is not UNSET:
            field_dict["county"] = county
        if tribe is not UNSET:
            field_dict["tribe"] = tribe

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        state = d.pop("state")

        def _parse_county(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        county = _parse_county(d.pop("county", UNSET))

        def _parse_tribe(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tribe = _parse_tribe(d.pop("tribe", UNSET))

        jurisdiction_out = cls(
            state=state,
            county=county,
            tribe=tribe,
        )

        jurisdiction_out.additional_properties = d
        return jurisdiction_out

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
