from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tip_batch_item_result import TipBatchItemResult
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError


T = TypeVar("T", bound="TipBatchItem")


@_attrs_define
class TipBatchItem:
    """
    Attributes:
        index (int):
        result (TipBatchItemResult):
        tip_id (None | str | Unset):
        platform_reference (None | str | Unset):
        errors (list[FieldError] | None | Unset):
    """

    index: int
    result: TipBatchItemResult
    tip_id: None | str | Unset = UNSET
    platform_reference: None | str | Unset = UNSET
    errors: list[FieldError] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        result = self.result.value

        tip_id: None | str | Unset
        if isinstance(self.tip_id, Unset):
            tip_id = UNSET
        else:
            tip_id = self.tip_id

        platform_reference: None | str | Unset
        if isinstance(self.platform_reference, Unset):
            platform_reference = UNSET
        else:
            platform_reference = self.platform_reference

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)

        else:
            errors = self.errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "result": result,
            }
        )
        if tip_id is not UNSET:
            field_dict["tip_id"] = tip_id
        if platform_reference is not UNSET:
            field_dict["platform_reference"] = platform_reference
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_error import FieldError

        d = dict(src_dict)
        index = d.pop("index")

        result = TipBatchItemResult(d.pop("result"))

        def _parse_tip_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tip_id = _parse_tip_id(d.pop("tip_id", UNSET))

        def _parse_platform_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform_reference = _parse_platform_reference(
            d.pop("platform_reference", UNSET)
        )

        def _parse_errors(data: object) -> list[FieldError] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in _errors_type_0:
                    errors_type_0_item = FieldError.from_dict(errors_type_0_item_data)

                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldError] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        tip_batch_item = cls(
            index=index,
            result=result,
            tip_id=tip_id,
            platform_reference=platform_reference,
            errors=errors,
        )

        tip_batch_item.additional_properties = d
        return tip_batch_item

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
