from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.registry_refusal_out_refused import RegistryRefusalOutRefused

T = TypeVar("T", bound="RegistryRefusalOut")


@_attrs_define
class RegistryRefusalOut:
    """What was refused: a proposal (its entry is gone, its code and ORI free again) or the
    change pending on an entry (dropped; the entry is otherwise as it was).

        Attributes:
            code (str):
            refused (RegistryRefusalOutRefused): `onboarding` for a proposed organisation, or the pending change's action
            reason (str):
            refused_at (datetime.datetime):
    """

    code: str
    refused: RegistryRefusalOutRefused
    reason: str
    refused_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        refused = self.refused.value

        reason = self.reason

        refused_at = self.refused_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "refused": refused,
                "reason": reason,
                "refused_at": refused_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        refused = RegistryRefusalOutRefused(d.pop("refused"))

        reason = d.pop("reason")

        refused_at = datetime.datetime.fromisoformat(d.pop("refused_at"))

        registry_refusal_out = cls(
            code=code,
            refused=refused,
            reason=reason,
            refused_at=refused_at,
        )

        registry_refusal_out.additional_properties = d
        return registry_refusal_out

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
