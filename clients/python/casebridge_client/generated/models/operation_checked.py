from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.clash_out import ClashOut
    from ..models.operation_out import OperationOut


T = TypeVar("T", bound="OperationChecked")


@_attrs_define
class OperationChecked:
    """
    Attributes:
        operation (OperationOut):
        conflicts (list[ClashOut]):
    """

    operation: OperationOut
    conflicts: list[ClashOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operation = self.operation.to_dict()

        conflicts = []
        for conflicts_item_data in self.conflicts:
            conflicts_item = conflicts_item_data.to_dict()
            conflicts.append(conflicts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "operation": operation,
                "conflicts": conflicts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.clash_out import ClashOut
        from ..models.operation_out import OperationOut

        d = dict(src_dict)
        operation = OperationOut.from_dict(d.pop("operation"))

        conflicts = []
        _conflicts = d.pop("conflicts")
        for conflicts_item_data in _conflicts:
            conflicts_item = ClashOut.from_dict(conflicts_item_data)

            conflicts.append(conflicts_item)

        operation_checked = cls(
            operation=operation,
            conflicts=conflicts,
        )

        operation_checked.additional_properties = d
        return operation_checked

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
