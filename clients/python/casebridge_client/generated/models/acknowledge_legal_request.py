from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AcknowledgeLegalRequest")


@_attrs_define
class AcknowledgeLegalRequest:
    """
    Attributes:
        platform_reference (str):
    """

    platform_reference: str

    def to_dict(self) -> dict[str, Any]:
        platform_reference = self.platform_reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "platform_reference": platform_reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        platform_reference = d.pop("platform_reference")

        acknowledge_legal_request = cls(
            platform_reference=platform_reference,
        )

        return acknowledge_legal_request
