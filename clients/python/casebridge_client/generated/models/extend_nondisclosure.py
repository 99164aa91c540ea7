from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExtendNondisclosure")


@_attrs_define
class ExtendNondisclosure:
    """A new 2705(b) order: a later end, and the signed order (an available file of the case).

    Attributes:
        until (datetime.datetime): RFC 3339 with offset, 2000 to 2100
        document_file_id (str):
    """

    until: datetime.datetime
    document_file_id: str

    def to_dict(self) -> dict[str, Any]:
        until = self.until.isoformat()

        document_file_id = self.document_file_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "until": until,
                "document_file_id": document_file_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        until = datetime.datetime.fromisoformat(d.pop("until"))

        document_file_id = d.pop("document_file_id")

        extend_nondisclosure = cls(
            until=until,
            document_file_id=document_file_id,
        )

        return extend_nondisclosure
