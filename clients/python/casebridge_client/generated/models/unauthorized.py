from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refusal import Refusal

T = TypeVar("T", bound="Unauthorized")


@_attrs_define
class Unauthorized:
    """RFC 9457 problem details of a 401: `reason` says why the token was refused, in a code a
    program can branch on (`detail` says it to a person).

        Attributes:
            type_ (str):
            title (str):
            status (Literal[401]):
            detail (str):
            reason (Refusal): Why a token was refused: the `reason` member of the 401 problem, one stable code per case.

                Checked in this order: the header, the token's shape, its algorithm, its signature (with a
                trusted issuer's key and nothing else), then its claims, last that the issuer whose key
                verified it is bound to the organisation it names. Only a token whose signature
                verified is told anything about its claims; an untrusted issuer, an unknown key id and a
                bad signature all read `signature_not_verified`, so that a forger learns nothing about
                which issuers and keys this API trusts (an issuer no registry entry names included).
    """

    type_: str
    title: str
    status: Literal[401]
    detail: str
    reason: Refusal
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "title": title,
                "status": status,
                "detail": detail,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        title = d.pop("title")

        status = cast(Literal[401], d.pop("status"))
        if status != 401:
            raise ValueError(f"status must match const 401, got '{status}'")

        detail = d.pop("detail")

        reason = Refusal(d.pop("reason"))

        unauthorized = cls(
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            reason=reason,
        )

        unauthorized.additional_properties = d
        return unauthorized

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
