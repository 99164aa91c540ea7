from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ParcelIn")


@_attrs_define
class ParcelIn:
    """
    Attributes:
        carrier (str): e.g. META, TIKTOK, TELEGRAM
        number (str):
    """

    carrier: str
    number: str

    def to_dict(self) -> dict[str, Any]:
        carrier = self.carrier

        number = self.number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "carrier": carrier,
                "number": number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        carrier = d.pop("carrier")

        number = d.pop("number")

        parcel_in = cls(
            carrier=carrier,
            number=number,
        )

        return parcel_in
