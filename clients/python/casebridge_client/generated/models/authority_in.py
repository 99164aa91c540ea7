from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AuthorityIn")


@_attrs_define
class AuthorityIn:
    """The process itself: its docket or reference number, who issued it, when.

    Attributes:
        reference (str):
        issued_by (str): The court, grand jury or agency that issued it
        issued_at (datetime.datetime): RFC 3339 with offset, 2000 to 2100
    """

    reference: str
    issued_by: str
    issued_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        reference = self.reference

        issued_by = self.issued_by

        issued_at = self.issued_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reference": reference,
                "issued_by": issued_by,
                "issued_at": issued_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reference = d.pop("reference")

        issued_by = d.pop("issued_by")

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        authority_in = cls(
            reference=reference,
            issued_by=issued_by,
            issued_at=issued_at,
        )

        return authority_in
