from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact import Contact


T = TypeVar("T", bound="ConflictOut")


@_attrs_define
class ConflictOut:
    """
    Attributes:
        conflict_id (str):
        at (datetime.datetime):
        operation_id (str): Your operation
        case_id (str): Your operation's case
        other_org (str):
        other_contact (Contact):
    """

    conflict_id: str
    at: datetime.datetime
    operation_id: str
    case_id: str
    other_org: str
    other_contact: Contact
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conflict_id = self.conflict_id

        at = self.at.isoformat()

        operation_id = self.operation_id

        case_id = self.case_id

        other_org = self.other_org

        other_contact = self.other_contact.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conflict_id": conflict_id,
                "at": at,
                "operation_id": operation_id,
                "case_id": case_id,
                "other_org": other_org,
                "other_contact": other_contact,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact

        d = dict(src_dict)
        conflict_id = d.pop("conflict_id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        operation_id = d.pop("operation_id")

        case_id = d.pop("case_id")

        other_org = d.pop("other_org")

        other_contact = Contact.from_dict(d.pop("other_contact"))

        conflict_out = cls(
            conflict_id=conflict_id,
            at=at,
            operation_id=operation_id,
            case_id=case_id,
            other_org=other_org,
            other_contact=other_contact,
        )

        conflict_out.additional_properties = d
        return conflict_out

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
