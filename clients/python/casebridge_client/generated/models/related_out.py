from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.identifier_value import IdentifierValue


T = TypeVar("T", bound="RelatedOut")


@_attrs_define
class RelatedOut:
    """
    Attributes:
        identifier (IdentifierValue): A normalised identifier, its qualifier under the field it came in.
        case_id (str):
    """

    identifier: IdentifierValue
    case_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier.to_dict()

        case_id = self.case_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identifier": identifier,
                "case_id": case_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identifier_value import IdentifierValue

        d = dict(src_dict)
        identifier = IdentifierValue.from_dict(d.pop("identifier"))

        case_id = d.pop("case_id")

        related_out = cls(
            identifier=identifier,
            case_id=case_id,
        )

        related_out.additional_properties = d
        return related_out

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
