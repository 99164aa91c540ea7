from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tip_receipt_result import TipReceiptResult

T = TypeVar("T", bound="TipReceipt")


@_attrs_define
class TipReceipt:
    """
    Attributes:
        tip_id (str):
        platform_reference (str):
        result (TipReceiptResult):
        status (str):
    """

    tip_id: str
    platform_reference: str
    result: TipReceiptResult
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tip_id = self.tip_id

        platform_reference = self.platform_reference

        result = self.result.value

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tip_id": tip_id,
                "platform_reference": platform_reference,
                "result": result,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tip_id = d.pop("tip_id")

        platform_reference = d.pop("platform_reference")

        result = TipReceiptResult(d.pop("result"))

        status = d.pop("status")

        tip_receipt = cls(
            tip_id=tip_id,
            platform_reference=platform_reference,
            result=result,
            status=status,
        )

        tip_receipt.additional_properties = d
        return tip_receipt

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
