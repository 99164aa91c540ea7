from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.disclosure import Disclosure

T = TypeVar("T", bound="EmergencyAnswerOut")


@_attrs_define
class EmergencyAnswerOut:
    """
    Attributes:
        outcome (Disclosure):
        answered_at (datetime.datetime):
        reason (None | str):
        file_ids (list[str]):
    """

    outcome: Disclosure
    answered_at: datetime.datetime
    reason: None | str
    file_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        answered_at = self.answered_at.isoformat()

        reason: None | str
        reason = self.reason

        file_ids = self.file_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "answered_at": answered_at,
                "reason": reason,
                "file_ids": file_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        outcome = Disclosure(d.pop("outcome"))

        answered_at = datetime.datetime.fromisoformat(d.pop("answered_at"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        file_ids = cast(list[str], d.pop("file_ids"))

        emergency_answer_out = cls(
            outcome=outcome,
            answered_at=answered_at,
            reason=reason,
            file_ids=file_ids,
        )

        emergency_answer_out.additional_properties = d
        return emergency_answer_out

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
