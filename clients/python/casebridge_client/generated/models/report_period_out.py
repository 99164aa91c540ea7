from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReportPeriodOut")


@_attrs_define
class ReportPeriodOut:
    """
    Attributes:
        name (str): 2026, 2026-H2, 2026-Q3 or 2026-11
        starts (datetime.date):
        ends (datetime.date):
    """

    name: str
    starts: datetime.date
    ends: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        starts = self.starts.isoformat()

        ends = self.ends.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "starts": starts,
                "ends": ends,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        starts = datetime.date.fromisoformat(d.pop("starts"))

        ends = datetime.date.fromisoformat(d.pop("ends"))

        report_period_out = cls(
            name=name,
            starts=starts,
            ends=ends,
        )

        report_period_out.additional_properties = d
        return report_period_out

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
