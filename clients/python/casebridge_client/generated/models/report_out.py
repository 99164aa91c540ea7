from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.report_period_out import ReportPeriodOut
    from ..models.report_section_out import ReportSectionOut


T = TypeVar("T", bound="ReportOut")


@_attrs_define
class ReportOut:
    """A report of the caller's own figures, or for oversight the nation's.

    Attributes:
        report (str):
        title (str):
        audience (str):
        period (ReportPeriodOut):
        sections (list[ReportSectionOut]):
        time_error (float): A median or 90th percentile is within this fraction of the true time
        hidden_under (int | None): Counts under this are hidden (`<10`); null: nothing is hidden
        gaps (list[str]):
    """

    report: str
    title: str
    audience: str
    period: ReportPeriodOut
    sections: list[ReportSectionOut]
    time_error: float
    hidden_under: int | None
    gaps: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        report = self.report

        title = self.title

        audience = self.audience

        period = self.period.to_dict()

        sections = []
        for sections_item_data in self.sections:
            sections_item = sections_item_data.to_dict()
            sections.append(sections_item)

        time_error = self.time_error

        hidden_under: int | None
        hidden_under = self.hidden_under

        gaps = self.gaps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "report": report,
                "title": title,
                "audience": audience,
                "period": period,
                "sections": sections,
                "time_error": time_error,
                "hidden_under": hidden_under,
                "gaps": gaps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.report_period_out import ReportPeriodOut
        from ..models.report_section_out import ReportSectionOut

        d = dict(src_dict)
        report = d.pop("report")

        title = d.pop("title")

        audience = d.pop("audience")

        period = ReportPeriodOut.from_dict(d.pop("period"))

        sections = []
        _sections = d.pop("sections")
        for sections_item_data in _sections:
            sections_item = ReportSectionOut.from_dict(sections_item_data)

            sections.append(sections_item)

        time_error = d.pop("time_error")

        def _parse_hidden_under(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        hidden_under = _parse_hidden_under(d.pop("hidden_under"))

        gaps = cast(list[str], d.pop("gaps"))

        report_out = cls(
            report=report,
            title=title,
            audience=audience,
            period=period,
            sections=sections,
            time_error=time_error,
            hidden_under=hidden_under,
            gaps=gaps,
        )

        report_out.additional_properties = d
        return report_out

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
