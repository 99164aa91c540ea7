from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.registry_action import RegistryAction

T = TypeVar("T", bound="PendingChangeOut")


@_attrs_define
class PendingChangeOut:
    """
    Attributes:
        action (RegistryAction): A change to an organisation that two persons of the operator make.
        requested_at (datetime.datetime):
        reason (str):
    """

    action: RegistryAction
    requested_at: datetime.datetime
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        requested_at = self.requested_at.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "requested_at": requested_at,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = RegistryAction(d.pop("action"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        reason = d.pop("reason")

        pending_change_out = cls(
            action=action,
            requested_at=requested_at,
            reason=reason,
        )

        pending_change_out.additional_properties = d
        return pending_change_out

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
