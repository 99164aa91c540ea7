from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.emergency_kind import EmergencyKind

if TYPE_CHECKING:
    from ..models.data_needed_in import DataNeededIn


T = TypeVar("T", bound="EmergencyIn")


@_attrs_define
class EmergencyIn:
    """The statute's test (18 U.S.C. 2702(b)(8)), every question answered.

    Attributes:
        kind (EmergencyKind):
        description (str): The danger of death or serious physical injury
        why_without_delay (str): Why it cannot wait for legal process
        data_needed (DataNeededIn):
        how_it_helps (str): How the records would help avert the danger
    """

    kind: EmergencyKind
    description: str
    why_without_delay: str
    data_needed: DataNeededIn
    how_it_helps: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        description = self.description

        why_without_delay = self.why_without_delay

        data_needed = self.data_needed.to_dict()

        how_it_helps = self.how_it_helps

        field_dict: dict[str, Any] = {}

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
        from ..models.data_needed_in import DataNeededIn

        d = dict(src_dict)
        kind = EmergencyKind(d.pop("kind"))

        description = d.pop("description")

        why_without_delay = d.pop("why_without_delay")

        data_needed = DataNeededIn.from_dict(d.pop("data_needed"))

        how_it_helps = d.pop("how_it_helps")

        emergency_in = cls(
            kind=kind,
            description=description,
            why_without_delay=why_without_delay,
            data_needed=data_needed,
            how_it_helps=how_it_helps,
        )

        return emergency_in
