from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tip_status_out_status import TipStatusOutStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TipStatusOut")


@_attrs_define
class TipStatusOut:
    """What the reporting platform may know of its tip.

    Attributes:
        tip_id (str):
        platform_reference (str):
        status (TipStatusOutStatus):
        received_at (datetime.datetime):
        routed_to (None | str | Unset): Only where the deployment discloses it
    """

    tip_id: str
    platform_reference: str
    status: TipStatusOutStatus
    received_at: datetime.datetime
    routed_to: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tip_id = self.tip_id

        platform_reference = self.platform_reference

        status = self.status.value

        received_at = self.received_at.isoformat()

        routed_to: None | str | Unset
        if isinstance(self.routed_to, Unset):
            routed_to = UNSET
        else:
            routed_to = self.routed_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tip_id": tip_id,
                "platform_reference": platform_reference,
                "status": status,
                "received_at": received_at,
            }
        )
        if routed_to is not UNSET:
            field_dict["routed_to"] = routed_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tip_id = d.pop("tip_id")

        platform_reference = d.pop("platform_reference")

        status = TipStatusOutStatus(d.pop("status"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        def _parse_routed_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        routed_to = _parse_routed_to(d.pop("routed_to", UNSET))

        tip_status_out = cls(
            tip_id=tip_id,
            platform_reference=platform_reference,
            status=status,
            received_at=received_at,
            routed_to=routed_to,
        )

        tip_status_out.additional_properties = d
        return tip_status_out

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
