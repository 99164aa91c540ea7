from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.identifier_value import IdentifierValue


T = TypeVar("T", bound="HitOut")


@_attrs_define
class HitOut:
    """Whom to call: the other organisation and its case's point of contact. Nothing else.

    Attributes:
        identifier (IdentifierValue): A normalised identifier, its qualifier under the field it came in.
        org (str):
        contact (Contact):
    """

    identifier: IdentifierValue
    org: str
    contact: Contact
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier.to_dict()

        org = self.org

        contact = self.contact.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identifier": identifier,
                "org": org,
                "contact": contact,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.identifier_value import IdentifierValue

        d = dict(src_dict)
        identifier = IdentifierValue.from_dict(d.pop("identifier"))

        org = d.pop("org")

        contact = Contact.from_dict(d.pop("contact"))

        hit_out = cls(
            identifier=identifier,
            org=org,
            contact=contact,
        )

        hit_out.additional_properties = d
        return hit_out

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
