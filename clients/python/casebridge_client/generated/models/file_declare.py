from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.file_purpose import FilePurpose
from ..models.tlp import Tlp
from ..types import UNSET, Unset

T = TypeVar("T", bound="FileDeclare")


@_attrs_define
class FileDeclare:
    """A file about to be uploaded: what it is, and the SHA-256 its bytes must have.

    Attributes:
        name (str):
        media_type (str): The file's media type; one of the allowed ones (others are 415)
        size (int): Bytes; at most 5 GiB (S3's single PUT), 413 above
        sha256 (str): The SHA-256 of the file's bytes, hex
        captured_at (datetime.datetime | None | Unset): When the content was captured, if known
        description (None | str | Unset):
        tlp (None | Tlp | Unset): The file's own marking; without one, it carries the case's. A document for legal
            process has its own: CLEAR, GREEN or AMBER (AMBER unless given)
        purpose (FilePurpose | Unset): Why an agency declared a file of its case: as evidence, or to serve on platforms.
    """

    name: str
    media_type: str
    size: int
    sha256: str
    captured_at: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    tlp: None | Tlp | Unset = UNSET
    purpose: FilePurpose | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        media_type = self.media_type

        size = self.size

        sha256 = self.sha256

        captured_at: None | str | Unset
        if isinstance(self.captured_at, Unset):
            captured_at = UNSET
        elif isinstance(self.captured_at, datetime.datetime):
            captured_at = self.captured_at.isoformat()
        else:
            captured_at = self.captured_at

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        tlp: None | str | Unset
        if isinstance(self.tlp, Unset):
            tlp = UNSET
        elif isinstance(self.tlp, Tlp):
            tlp = self.tlp.value
        else:
            tlp = self.tlp

        purpose: str | Unset = UNSET
        if not isinstance(self.purpose, Unset):
            purpose = self.purpose.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "media_type": media_type,
                "size": size,
                "sha256": sha256,
            }
        )
        if captured_at is not UNSET:
            field_dict["captured_at"] = captured_at
        if description is not UNSET:
            field_dict["description"] = description
        if tlp is not UNSET:
            field_dict["tlp"] = tlp
        if purpose is not UNSET:
            field_dict["purpose"] = purpose

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        media_type = d.pop("media_type")

        size = d.pop("size")

        sha256 = d.pop("sha256")

        def _parse_captured_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                captured_at_type_0 = datetime.datetime.fromisoformat(data)

                return captured_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        captured_at = _parse_captured_at(d.pop("captured_at", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_tlp(data: object) -> None | Tlp | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tlp_type_0 = Tlp(data)

                return tlp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tlp | Unset, data)

        tlp = _parse_tlp(d.pop("tlp", UNSET))

        _purpose = d.pop("purpose", UNSET)
        purpose: FilePurpose | Unset
        if isinstance(_purpose, Unset):
            purpose = UNSET
        else:
            purpose = FilePurpose(_purpose)

        file_declare = cls(
            name=name,
            media_type=media_type,
            size=size,
            sha256=sha256,
            captured_at=captured_at,
            description=description,
            tlp=tlp,
            purpose=purpose,
        )

        return file_declare
