from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LinkTip")


@_attrs_define
class LinkTip:
    """
    Attributes:
        case_id (str):
    """

    case_id: str

    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "case_id": case_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        case_id = d.pop("case_id")

        link_tip = cls(
            case_id=case_id,
        )

        return link_tip
