from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.record_category import RecordCategory

T = TypeVar("T", bound="DataNeededIn")


@_attrs_define
class DataNeededIn:
    """
    Attributes:
        categories (list[RecordCategory]):
        detail (str): Exactly which records, for which period
    """

    categories: list[RecordCategory]
    detail: str

    def to_dict(self) -> dict[str, Any]:
        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.value
            categories.append(categories_item)

        detail = self.detail

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "categories": categories,
                "detail": detail,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = RecordCategory(categories_item_data)

            categories.append(categories_item)

        detail = d.pop("detail")

        data_needed_in = cls(
            categories=categories,
            detail=detail,
        )

        return data_needed_in
