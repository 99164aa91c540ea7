from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RerouteTip")


@_attrs_define
class RerouteTip:
    """
    Attributes:
        to_org (str): A registry code, e.g. HSI
        reason (str):
    """

    to_org: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        to_org = self.to_org

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to_org": to_org,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to_org = d.pop("to_org")

        reason = d.pop("reason")

        reroute_tip = cls(
            to_org=to_org,
            reason=reason,
        )

        return reroute_tip
