from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.shown import Shown
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.report_row_out import ReportRowOut


T = TypeVar("T", bound="ReportSectionOut")


@_attrs_define
class ReportSectionOut:
    """
    Attributes:
        title (str):
        figure (str):
        shown (Shown):
        by (list[str]):
        rows (list[ReportRowOut]):
        total (None | ReportRowOut | Unset):
    """

    title: str
    figure: str
    shown: Shown
    by: list[str]
    rows: list[ReportRowOut]
    total: None | ReportRowOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.report_row_out import ReportRowOut

        title = self.title

        figure = self.figure

        shown = self.shown.value

        by = self.by

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        total: dict[str, Any] | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        elif isinstance(self.total, ReportRowOut):
            total = self.total.to_dict()
        else:
            total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "figure": figure,
                "shown": shown,
                "by": by,
                "rows": rows,
            }
        )
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.report_row_out import ReportRowOut

        d = dict(src_dict)
        title = d.pop("title")

        figure = d.pop("figure")

        shown = Shown(d.pop("shown"))

        by = cast(list[str], d.pop("by"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = ReportRowOut.from_dict(rows_item_data)

            rows.append(rows_item)

        def _parse_total(data: object) -> None | ReportRowOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                total_type_0 = ReportRowOut.from_dict(data)

                return total_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportRowOut | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        report_section_out = cls(
            title=title,
            figure=figure,
            shown=shown,
            by=by,
            rows=rows,
            total=total,
        )

        report_section_out.additional_properties = d
        return report_section_out

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
