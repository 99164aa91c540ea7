from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.identifier_in import IdentifierIn


T = TypeVar("T", bound="IdentifierBatch")


@_attrs_define
class IdentifierBatch:
    """
    Attributes:
        identifiers (list[IdentifierIn]):
    """

    identifiers: list[IdentifierIn]

    def to_dict(self) -> dict[str, Any]:
        identifiers = []
        for identifiers_item_data in self.identifiers:
            identifiers_item = identifiers_item_data.to_dict()
            identifiers.append(identifiers_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "identifiers": identifiers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identifier_in import IdentifierIn

        d = dict(src_dict)
        identifiers = []
        _identifiers = d.pop("identifiers")
        for identifiers_item_data in _identifiers:
            identifiers_item = IdentifierIn.from_dict(identifiers_item_data)

            identifiers.append(identifiers_item)

        identifier_batch = cls(
            identifiers=identifiers,
        )

        return identifier_batch
