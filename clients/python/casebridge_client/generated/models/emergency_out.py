from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.emergency_kind import EmergencyKind

if TYPE_CHECKING:
    from ..models.data_needed_out import DataNeededOut


T = TypeVar("T", bound="EmergencyOut")


@_attrs_define
class EmergencyOut:
    """
    Attributes:
        kind (EmergencyKind):
        description (str):
        why_without_delay (str):
        data_needed (DataNeededOut):
        how_it_helps (str):
    """

    kind: EmergencyKind
    description: str
    why_without_delay: str
    data_needed: DataNeededOut
    how_it_helps: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        description = self.description

        why_without_delay = self.why_without_delay

        data_needed = self.data_needed.to_dict()

        how_it_helps = self.how_it_helps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "description": description,
                "why_without_delay": why_without_delay,
                "data_needed": data_needed,
                "how_it_helps": how_it_helps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.data_needed_out import DataNeededOut

        d = dict(src_dict)
        kind = EmergencyKind(d.pop("kind"))

        description = d.pop("description")

        why_without_delay = d.pop("why_without_delay")

        data_needed = DataNeededOut.from_dict(d.pop("data_needed"))

        how_it_helps = d.pop("how_it_helps")

        emergency_out = cls(
            kind=kind,
            description=description,
            why_without_delay=why_without_delay,
            data_needed=data_needed,
            how_it_helps=how_it_helps,
        )

        emergency_out.additional_properties = d
        return emergency_out

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
