from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RouteOut")


@_attrs_define
class RouteOut:
    """
    Attributes:
        rule (str):
        reason (str):
        matched_case_id (None | str | Unset):
    """

    rule: str
    reason: str
    matched_case_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rule = self.rule

        reason = self.reason

        matched_case_id: None | str | Unset
        if isinstance(self.matched_case_id, Unset):
            matched_case_id = UNSET
        else:
            matched_case_id = self.matched_case_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rule": rule,
                "reason": reason,
            }
        )
        if matched_case_id is not UNSET:
            field_dict["matched_case_id"] = matched_case_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rule = d.pop("rule")

        reason = d.pop("reason")

        def _parse_matched_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        matched_case_id = _parse_matched_case_id(d.pop("matched_case_id", UNSET))

        route_out = cls(
            rule=rule,
            reason=reason,
            matched_case_id=matched_case_id,
        )

        route_out.additional_properties = d
        return route_out

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
