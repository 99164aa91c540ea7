from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NoteOut")


@_attrs_define
class NoteOut:
    """
    Attributes:
        note_id (str):
        case_id (str):
        text (str):
        author_org (str):
        author_subject (str):
        author_name (None | str):
        created_at (datetime.datetime):
    """

    note_id: str
    case_id: str
    text: str
    author_org: str
    author_subject: str
    author_name: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        note_id = self.note_id

        case_id = self.case_id

        text = self.text

        author_org = self.author_org

        author_subject = self.author_subject

        author_name: None | str
        author_name = self.author_name

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "note_id": note_id,
                "case_id": case_id,
                "text": text,
                "author_org": author_org,
                "author_subject": author_subject,
                "author_name": author_name,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        note_id = d.pop("note_id")

        case_id = d.pop("case_id")

        text = d.pop("text")

        author_org = d.pop("author_org")

        author_subject = d.pop("author_subject")

        def _parse_author_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author_name = _parse_author_name(d.pop("author_name"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        note_out = cls(
            note_id=note_id,
            case_id=case_id,
            text=text,
            author_org=author_org,
            author_subject=author_subject,
            author_name=author_name,
            created_at=created_at,
        )

        note_out.additional_properties = d
        return note_out

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
