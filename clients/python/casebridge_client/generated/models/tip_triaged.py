from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tip_status import TipStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TipTriaged")


@_attrs_define
class TipTriaged:
    """
    Attributes:
        tip_id (str):
        status (TipStatus):
        routed_to (str):
        at (datetime.datetime):
        case_id (None | str | Unset):
    """

    tip_id: str
    status: TipStatus
    routed_to: str
    at: datetime.datetime
    case_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tip_id = self.tip_id

        status = self.status.value

        routed_to = self.routed_to

        at = self.at.isoformat()

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tip_id": tip_id,
                "status": status,
                "routed_to": routed_to,
                "at": at,
            }
        )
        if case_id is not UNSET:
            field_dict["case_id"] = case_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tip_id = d.pop("tip_id")

        status = TipStatus(d.pop("status"))

        routed_to = d.pop("routed_to")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        tip_triaged = cls(
            tip_id=tip_id,
            status=status,
            routed_to=routed_to,
            at=at,
            case_id=case_id,
        )

        tip_triaged.additional_properties = d
        return tip_triaged

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
