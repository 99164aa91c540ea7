from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hit_out import HitOut
    from ..models.identifier_out import IdentifierOut
    from ..models.related_out import RelatedOut


T = TypeVar("T", bound="IdentifiersAdded")


@_attrs_define
class IdentifiersAdded:
    """
    Attributes:
        hits (list[HitOut]):
        related_cases (list[RelatedOut]): Matching cases you may already see
        truncated (bool): A value is held by too many cases to list every holder
        case_id (str):
        identifiers (list[IdentifierOut]):
    """

    hits: list[HitOut]
    related_cases: list[RelatedOut]
    truncated: bool
    case_id: str
    identifiers: list[IdentifierOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hits = []
        for hits_item_data in self.hits:
            hits_item = hits_item_data.to_dict()
            hits.append(hits_item)

        related_cases = []
        for related_cases_item_data in self.related_cases:
            related_cases_item = related_cases_item_data.to_dict()
            related_cases.append(related_cases_item)

        truncated = self.truncated

        case_id = self.case_id

        identifiers = []
        for identifiers_item_data in self.identifiers:
            identifiers_item = identifiers_item_data.to_dict()
            identifiers.append(identifiers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hits": hits,
                "related_cases": related_cases,
                "truncated": truncated,
                "case_id": case_id,
                "identifiers": identifiers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hit_out import HitOut
        from ..models.identifier_out import IdentifierOut
        from ..models.related_out import RelatedOut

        d = dict(src_dict)
        hits = []
        _hits = d.pop("hits")
        for hits_item_data in _hits:
            hits_item = HitOut.from_dict(hits_item_data)

            hits.append(hits_item)

        related_cases = []
        _related_cases = d.pop("related_cases")
        for related_cases_item_data in _related_cases:
            related_cases_item = RelatedOut.from_dict(related_cases_item_data)

            related_cases.append(related_cases_item)

        truncated = d.pop("truncated")

        case_id = d.pop("case_id")

        identifiers = []
        _identifiers = d.pop("identifiers")
        for identifiers_item_data in _identifiers:
            identifiers_item = IdentifierOut.from_dict(identifiers_item_data)

            identifiers.append(identifiers_item)

        identifiers_added = cls(
            hits=hits,
            related_cases=related_cases,
            truncated=truncated,
            case_id=case_id,
            identifiers=identifiers,
        )

        identifiers_added.additional_properties = d
        return identifiers_added

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
