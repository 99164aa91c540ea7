from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IdentityProviderInJwksType0KeysItem")


@_attrs_define
class IdentityProviderInJwksType0KeysItem:
    """
    Attributes:
        kty (str | Unset):
        kid (str | Unset):
        alg (str | Unset):
        use (str | Unset):
        n (str | Unset):
        e (str | Unset):
        crv (str | Unset):
        x (str | Unset):
        y (str | Unset):
    """

    kty: str | Unset = UNSET
    kid: str | Unset = UNSET
    alg: str | Unset = UNSET
    use: str | Unset = UNSET
    n: str | Unset = UNSET
    e: str | Unset = UNSET
    crv: str | Unset = UNSET
    x: str | Unset = UNSET
    y: str | Unset = UNSET
    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kty = self.kty

        kid = self.kid

        alg = self.alg

        use = self.use

        n = self.n

        e = self.e

        crv = self.crv

        x = self.x

        y = self.y

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if kty is not UNSET:
            field_dict["kty"] = kty
        if kid is not UNSET:
            field_dict["kid"] = kid
        if alg is not UNSET:
            field_dict["alg"] = alg
        if use is not UNSET:
            field_dict["use"] = use
        if n is not UNSET:
            field_dict["n"] = n
        if e is not UNSET:
            field_dict["e"] = e
        if crv is not UNSET:
            field_dict["crv"] = crv
        if x is not UNSET:
            field_dict["x"] = x
        if y is not UNSET:
            field_dict["y"] = y

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kty = d.pop("kty", UNSET)

        kid = d.pop("kid", UNSET)

        alg = d.pop("alg", UNSET)

        use = d.pop("use", UNSET)

        n = d.pop("n", UNSET)

        e = d.pop("e", UNSET)

        crv = d.pop("crv", UNSET)

        x = d.pop("x", UNSET)

        y = d.pop("y", UNSET)

        identity_provider_in_jwks_type_0_keys_item = cls(
            kty=kty,
            kid=kid,
            alg=alg,
            use=use,
            n=n,
            e=e,
            crv=crv,
            x=x,
            y=y,
        )

        identity_provider_in_jwks_type_0_keys_item.additional_properties = d
        return identity_provider_in_jwks_type_0_keys_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
