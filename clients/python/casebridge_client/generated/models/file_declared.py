from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.file_out import FileOut
    from ..models.upload_out import UploadOut


T = TypeVar("T", bound="FileDeclared")


@_attrs_define
class FileDeclared:
    """
    Attributes:
        file (FileOut): An evidence file: what was declared, and what became of the bytes that arrived.
        upload (UploadOut): Send the bytes with `PUT` to `url`, with exactly these headers, before `expires_at`.
    """

    file: FileOut
    upload: UploadOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_dict()

        upload = self.upload.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
                "upload": upload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.file_out import FileOut
        from ..models.upload_out import UploadOut

        d = dict(src_dict)
        file = FileOut.from_dict(d.pop("file"))

        upload = UploadOut.from_dict(d.pop("upload"))

        file_declared = cls(
            file=file,
            upload=upload,
        )

        file_declared.additional_properties = d
        return file_declared

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
