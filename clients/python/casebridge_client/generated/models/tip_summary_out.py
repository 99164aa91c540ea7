from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tip_category import TipCategory
from ..models.tip_status import TipStatus

if TYPE_CHECKING:
    from ..models.route_out import RouteOut


T = TypeVar("T", bound="TipSummaryOut")


@_attrs_define
class TipSummaryOut:
    """
    Attributes:
        tip_id (str):
        platform (str):
        platform_reference (str):
        category (TipCategory): What a tip reports: the activity categories of the Combating Cartels on Social Media
            Act first; then the categories tips had before them, still accepted and stored as sent,
            each counted as the Act's category it falls under (`ACTIVITY`).
        status (TipStatus):
        received_at (datetime.datetime):
        routed_at (datetime.datetime | None):
        escalate (bool):
        minors_involved (bool):
        route (None | RouteOut):
        case_id (None | str):
    """

    tip_id: str
    platform: str
    platform_reference: str
    category: TipCategory
    status: TipStatus
    received_at: datetime.datetime
    routed_at: datetime.datetime | None
    escalate: bool
    minors_involved: bool
    route: None | RouteOut
    case_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.route_out import RouteOut

        tip_id = self.tip_id

        platform = self.platform

        platform_reference = self.platform_reference

        category = self.category.value

        status = self.status.value

        received_at = self.received_at.isoformat()

        routed_at: None | str
        if isinstance(self.routed_at, datetime.datetime):
            routed_at = self.routed_at.isoformat()
        else:
            routed_at = self.routed_at

        escalate = self.escalate

        minors_involved = self.minors_involved

        route: dict[str, Any] | None
        if isinstance(self.route, RouteOut):
            route = self.route.to_dict()
        else:
            route = self.route

        case_id: None | str
        case_id = self.case_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tip_id": tip_id,
                "platform": platform,
                "platform_reference": platform_reference,
                "category": category,
                "status": status,
                "received_at": received_at,
                "routed_at": routed_at,
                "escalate": escalate,
                "minors_involved": minors_involved,
                "route": route,
                "case_id": case_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.route_out import RouteOut

        d = dict(src_dict)
        tip_id = d.pop("tip_id")

        platform = d.pop("platform")

        platform_reference = d.pop("platform_reference")

        category = TipCategory(d.pop("category"))

        status = TipStatus(d.pop("status"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        def _parse_routed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                routed_at_type_0 = datetime.datetime.fromisoformat(data)

                return routed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        routed_at = _parse_routed_at(d.pop("routed_at"))

        escalate = d.pop("escalate")

        minors_involved = d.pop("minors_involved")

        def _parse_route(data: object) -> None | RouteOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                route_type_0 = RouteOut.from_dict(data)

                return route_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RouteOut, data)

        route = _parse_route(d.pop("route"))

        def _parse_case_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        case_id = _parse_case_id(d.pop("case_id"))

        tip_summary_out = cls(
            tip_id=tip_id,
            platform=platform,
            platform_reference=platform_reference,
            category=category,
            status=status,
            received_at=received_at,
            routed_at=routed_at,
            escalate=escalate,
            minors_involved=minors_involved,
            route=route,
            case_id=case_id,
        )

        tip_summary_out.additional_properties = d
        return tip_summary_out

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
