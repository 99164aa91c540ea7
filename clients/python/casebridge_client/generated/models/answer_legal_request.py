from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.outcome import Outcome
from ..models.rejection_code import RejectionCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="AnswerLegalRequest")


@_attrs_define
class AnswerLegalRequest:
    """
    Attributes:
        outcome (Outcome):
        reason_code (None | RejectionCode | Unset): With `rejected` only
        detail (None | str | Unset): Why it was rejected, or what was not produced and why
        file_ids (list[str] | Unset): The production: files you uploaded to this request (POST …/files), available; they
            join the case with the answer
    """

    outcome: Outcome
    reason_code: None | RejectionCode | Unset = UNSET
    detail: None | str | Unset = UNSET
    file_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        reason_code: None | str | Unset
        if isinstance(self.reason_code, Unset):
            reason_code = UNSET
        elif isinstance(self.reason_code, RejectionCode):
            reason_code = self.reason_code.value
        else:
            reason_code = self.reason_code

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        else:
            detail = self.detail

        file_ids: list[str] | Unset = UNSET
        if not isinstance(self.file_ids, Unset):
            file_ids = self.file_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
            }
        )
        if reason_code is not UNSET:
            field_dict["reason_code"] = reason_code
        if detail is not UNSET:
            field_dict["detail"] = detail
        if file_ids is not UNSET:
            field_dict["file_ids"] = file_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        outcome = Outcome(d.pop("outcome"))

        def _parse_reason_code(data: object) -> None | RejectionCode | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_code_type_0 = RejectionCode(data)

                return reason_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RejectionCode | Unset, data)

        reason_code = _parse_reason_code(d.pop("reason_code", UNSET))

        def _parse_detail(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

        file_ids = cast(list[str], d.pop("file_ids", UNSET))

        answer_legal_request = cls(
            outcome=outcome,
            reason_code=reason_code,
            detail=detail,
            file_ids=file_ids,
        )

        return answer_legal_request
