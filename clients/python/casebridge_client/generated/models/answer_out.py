from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outcome import Outcome
from ..models.rejection_code import RejectionCode

T = TypeVar("T", bound="AnswerOut")


@_attrs_define
class AnswerOut:
    """
    Attributes:
        outcome (Outcome):
        answered_at (datetime.datetime):
        reason_code (None | RejectionCode):
        detail (None | str):
        file_ids (list[str]):
    """

    outcome: Outcome
    answered_at: datetime.datetime
    reason_code: None | RejectionCode
    detail: None | str
    file_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        answered_at = self.answered_at.isoformat()

        reason_code: None | str
        if isinstance(self.reason_code, RejectionCode):
            reason_code = self.reason_code.value
        else:
            reason_code = self.reason_code

        detail: None | str
        detail = self.detail

        file_ids = self.file_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "answered_at": answered_at,
                "reason_code": reason_code,
                "detail": detail,
                "file_ids": file_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        outcome = Outcome(d.pop("outcome"))

        answered_at = datetime.datetime.fromisoformat(d.pop("answered_at"))

        def _parse_reason_code(data: object) -> None | RejectionCode:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_code_type_0 = RejectionCode(data)

                return reason_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RejectionCode, data)

        reason_code = _parse_reason_code(d.pop("reason_code"))

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

        file_ids = cast(list[str], d.pop("file_ids"))

        answer_out = cls(
            outcome=outcome,
            answered_at=answered_at,
            reason_code=reason_code,
            detail=detail,
            file_ids=file_ids,
        )

        answer_out.additional_properties = d
        return answer_out

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
