from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.tip_in import TipIn


T = TypeVar("T", bound="TipBatch")


@_attrs_define
class TipBatch:
    """Each item is validated on its own: one bad tip never fails the others.

    Attributes:
        tips (list[TipIn]):
    """

    tips: list[TipIn]

    def to_dict(self) -> dict[str, Any]:
        tips = []
        for tips_item_data in self.tips:
            tips_item = tips_item_data.to_dict()
            tips.append(tips_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tips": tips,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tip_in import TipIn

        d = dict(src_dict)
        tips = []
        _tips = d.pop("tips")
        for tips_item_data in _tips:
            tips_item = TipIn.from_dict(tips_item_data)

            tips.append(tips_item)

        tip_batch = cls(
            tips=tips,
        )

        return tip_batch
