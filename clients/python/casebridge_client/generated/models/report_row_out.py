from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.report_row_out_labels import ReportRowOutLabels


T = TypeVar("T", bound="ReportRowOut")


@_attrs_define
class ReportRowOut:
    """One row: its labels (a value per dimension the section is shown by) and its figure.

    Attributes:
        labels (ReportRowOutLabels):
        count (int | None): The count (of a share: its whole); null where it is hidden
        shown (str): What a reader is shown: the count, `<10` for a hidden one, a share or times
        share_percent (float | None | Unset):
        median_seconds (float | None | Unset):
        p90_seconds (float | None | Unset):
    """

    labels: ReportRowOutLabels
    count: int | None
    shown: str
    share_percent: float | None | Unset = UNSET
    median_seconds: float | None | Unset = UNSET
    p90_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        labels = self.labels.to_dict()

        count: int | None
        count = self.count

        shown = self.shown

        share_percent: float | None | Unset
        if isinstance(self.share_percent, Unset):
            share_percent = UNSET
        else:
            share_percent = self.share_percent

        median_seconds: float | None | Unset
        if isinstance(self.median_seconds, Unset):
            median_seconds = UNSET
        else:
            median_seconds = self.median_seconds

        p90_seconds: float | None | Unset
        if isinstance(self.p90_seconds, Unset):
            p90_seconds = UNSET
        else:
            p90_seconds = self.p90_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "labels": labels,
                "count": count,
                "shown": shown,
            }
        )
        if share_percent is not UNSET:
            field_dict["share_percent"] = share_percent
        if median_seconds is not UNSET:
            field_dict["median_seconds"] = median_seconds
        if p90_seconds is not UNSET:
            field_dict["p90_seconds"] = p90_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.report_row_out_labels import ReportRowOutLabels

        d = dict(src_dict)
        labels = ReportRowOutLabels.from_dict(d.pop("labels"))

        def _parse_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        count = _parse_count(d.pop("count"))

        shown = d.pop("shown")

        def _parse_share_percent(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        share_percent = _parse_share_percent(d.pop("share_percent", UNSET))

        def _parse_median_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_seconds = _parse_median_seconds(d.pop("median_seconds", UNSET))

        def _parse_p90_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        p90_seconds = _parse_p90_seconds(d.pop("p90_seconds", UNSET))

        report_row_out = cls(
            labels=labels,
            count=count,
            shown=shown,
            share_percent=share_percent,
            median_seconds=median_seconds,
            p90_seconds=p90_seconds,
        )

        report_row_out.additional_properties = d
        return report_row_out

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
