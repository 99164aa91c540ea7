from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WaiverOut")


@_attrs_define
class WaiverOut:
    """
    Attributes:
        org (str):
        reason (str):
        asked_by_name (None | str):
        asked_at (datetime.datetime):
        concurred_by_name (None | str):
        concurred_at (datetime.datetime | None):
    """

    org: str
    reason: str
    asked_by_name: None | str
    asked_at: datetime.datetime
    concurred_by_name: None | str
    concurred_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org = self.org

        reason = self.reason

        asked_by_name: None | str
        asked_by_name = self.asked_by_name

        asked_at = self.asked_at.isoformat()

        concurred_by_name: None | str
        concurred_by_name = self.concurred_by_name

        concurred_at: None | str
        if isinstance(self.concurred_at, datetime.datetime):
            concurred_at = self.concurred_at.isoformat()
        else:
            concurred_at = self.concurred_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org": org,
                "reason": reason,
                "asked_by_name": asked_by_name,
                "asked_at": asked_at,
                "concurred_by_name": concurred_by_name,
                "concurred_at": concurred_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        org = d.pop("org")

        reason = d.pop("reason")

        def _parse_asked_by_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        asked_by_name = _parse_asked_by_name(d.pop("asked_by_name"))

        asked_at = datetime.datetime.fromisoformat(d.pop("asked_at"))

        def _parse_concurred_by_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        concurred_by_name = _parse_concurred_by_name(d.pop("concurred_by_name"))

        def _parse_concurred_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                concurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return concurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        concurred_at = _parse_concurred_at(d.pop("concurred_at"))

        waiver_out = cls(
            org=org,
            reason=reason,
            asked_by_name=asked_by_name,
            asked_at=asked_at,
            concurred_by_name=concurred_by_name,
            concurred_at=concurred_at,
        )

        waiver_out.additional_properties = d
        return waiver_out

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
