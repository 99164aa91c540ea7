from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.conflict_outcome import ConflictOutcome

T = TypeVar("T", bound="ResolveConflict")


@_attrs_define
class ResolveConflict:
    """
    Attributes:
        outcome (ConflictOutcome):
        note (str):
    """

    outcome: ConflictOutcome
    note: str

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        outcome = ConflictOutcome(d.pop("outcome"))

        note = d.pop("note")

        resolve_conflict = cls(
            outcome=outcome,
            note=note,
        )

        return resolve_conflict
