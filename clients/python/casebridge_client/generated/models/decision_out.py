from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.referral_status import ReferralStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionOut")


@_attrs_define
class DecisionOut:
    """
    Attributes:
        referral_id (str):
        case_id (str):
        to_org (str):
        status (ReferralStatus):
        decided_at (datetime.datetime):
        decided_by (str):
        decline_reason (None | str | Unset):
    """

    referral_id: str
    case_id: str
    to_org: str
    status: ReferralStatus
    decided_at: datetime.datetime
    decided_by: str
    decline_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        referral_id = self.referral_id

        case_id = self.case_id

        to_org = self.to_org

        status = self.status.value

        decided_at = self.decided_at.isoformat()

        decided_by = self.decided_by

        decline_reason: None | str | Unset
        if isinstance(self.decline_reason, Unset):
            decline_reason = UNSET
        else:
            decline_reason = self.decline_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "referral_id": referral_id,
                "case_id": case_id,
                "to_org": to_org,
                "status": status,
                "decided_at": decided_at,
                "decided_by": decided_by,
            }
        )
        if decline_reason is not UNSET:
            field_dict["decline_reason"] = decline_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        referral_id = d.pop("referral_id")

        case_id = d.pop("case_id")

        to_org = d.pop("to_org")

        status = ReferralStatus(d.pop("status"))

        decided_at = datetime.datetime.fromisoformat(d.pop("decided_at"))

        decided_by = d.pop("decided_by")

        def _parse_decline_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decline_reason = _parse_decline_reason(d.pop("decline_reason", UNSET))

        decision_out = cls(
            referral_id=referral_id,
            case_id=case_id,
            to_org=to_org,
            status=status,
            decided_at=decided_at,
            decided_by=decided_by,
            decline_reason=decline_reason,
        )

        decision_out.additional_properties = d
        return decision_out

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
