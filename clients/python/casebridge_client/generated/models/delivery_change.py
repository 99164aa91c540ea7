from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_in import DeliveryIn


T = TypeVar("T", bound="DeliveryChange")


@_attrs_define
class DeliveryChange:
    """The settings an organisation's delivery is to become (a channel left out is removed; `{}`
    leaves it the feed alone): proposed by one person of the operator, made by a second one
    sending the same settings.

        Attributes:
            delivery (DeliveryIn):
            reason (str | Unset):  Default: ''.
    """

    delivery: DeliveryIn
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        delivery = self.delivery.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "delivery": delivery,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.delivery_in import DeliveryIn

        d = dict(src_dict)
        delivery = DeliveryIn.from_dict(d.pop("delivery"))

        reason = d.pop("reason", UNSET)

        delivery_change = cls(
            delivery=delivery,
            reason=reason,
        )

        return delivery_change
