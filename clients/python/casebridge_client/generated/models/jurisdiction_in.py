from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="JurisdictionIn")


@_attrs_define
class JurisdictionIn:
    """
    Attributes:
        state (str): A state or territory code, e.g. NV
        county (None | str | Unset):
        tribe (None | str | Unset):
    """

    state: str
    county: None | str | Unset = UNSET
    tribe: None | str | Unset = UNSET

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

        jurisdiction_in = cls(
            state=state,
            county=county,
            tribe=tribe,
        )

        return jurisdiction_in
