from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.disclosure import Disclosure
from ..types import UNSET, Unset

T = TypeVar("T", bound="AnswerEmergencyRequest")


@_attrs_define
class AnswerEmergencyRequest:
    """
    Attributes:
        outcome (Disclosure):
        reason (None | str | Unset): Why it was declined, or what was not disclosed and why (not with `disclosed`)
        file_ids (list[str] | Unset): The disclosure: files you uploaded to this request (POST …/files), available; they
            join the case with the answer
    """

    outcome: Disclosure
    reason: None | str | Unset = UNSET
    file_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        file_ids: list[str] | Unset = UNSET
        if not isinstance(self.file_ids, Unset):
            file_ids = self.file_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if file_ids is not UNSET:
            field_dict["file_ids"] = file_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        outcome = Disclosure(d.pop("outcome"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        file_ids = cast(list[str], d.pop("file_ids", UNSET))

        answer_emergency_request = cls(
            outcome=outcome,
            reason=reason,
            file_ids=file_ids,
        )

        return answer_emergency_request
