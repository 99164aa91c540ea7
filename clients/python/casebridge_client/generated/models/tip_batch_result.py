from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tip_batch_item import TipBatchItem


T = TypeVar("T", bound="TipBatchResult")


@_attrs_define
class TipBatchResult:
    """
    Attributes:
        results (list[TipBatchItem]):
        accepted (int):
        duplicates (int):
        invalid (int):
        unavailable (int):
    """

    results: list[TipBatchItem]
    accepted: int
    duplicates: int
    invalid: int
    unavailable: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        accepted = self.accepted

        duplicates = self.duplicates

        invalid = self.invalid

        unavailable = self.unavailable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
                "accepted": accepted,
                "duplicates": duplicates,
                "invalid": invalid,
                "unavailable": unavailable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tip_batch_item import TipBatchItem

        d = dict(src_dict)
        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = TipBatchItem.from_dict(results_item_data)

            results.append(results_item)

        accepted = d.pop("accepted")

        duplicates = d.pop("duplicates")

        invalid = d.pop("invalid")

        unavailable = d.pop("unavailable")

        tip_batch_result = cls(
            results=results,
            accepted=accepted,
            duplicates=duplicates,
            invalid=invalid,
            unavailable=unavailable,
        )

        tip_batch_result.additional_properties = d
        return tip_batch_result

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
