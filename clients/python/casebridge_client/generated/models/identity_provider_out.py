from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.identity_provider_out_mfa_type_0 import IdentityProviderOutMfaType0


T = TypeVar("T", bound="IdentityProviderOut")


@_attrs_define
class IdentityProviderOut:
    """
    Attributes:
        issuer (str):
        claim (str):
        jwks_uri (None | str | Unset):
        mfa (IdentityProviderOutMfaType0 | None | Unset):
    """

    issuer: str
    claim: str
    jwks_uri: None | str | Unset = UNSET
    mfa: IdentityProviderOutMfaType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.identity_provider_out_mfa_type_0 import (
            IdentityProviderOutMfaType0,
        )

        issuer = self.issuer

        claim = self.claim

        jwks_uri: None | str | Unset
        if isinstance(self.jwks_uri, Unset):
            jwks_uri = UNSET
        else:
            jwks_uri = self.jwks_uri

        mfa: dict[str, Any] | None | Unset
        if isinstance(self.mfa, Unset):
            mfa = UNSET
        elif isinstance(self.mfa, IdentityProviderOutMfaType0):
            mfa = self.mfa.to_dict()
        else:
            mfa = self.mfa

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issuer": issuer,
                "claim": claim,
            }
        )
        if jwks_uri is not UNSET:
            field_dict["jwks_uri"] = jwks_uri
        if mfa is not UNSET:
            field_dict["mfa"] = mfa

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identity_provider_out_mfa_type_0 import (
            IdentityProviderOutMfaType0,
        )

        d = dict(src_dict)
        issuer = d.pop("issuer")

        claim = d.pop("claim")

        def _parse_jwks_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jwks_uri = _parse_jwks_uri(d.pop("jwks_uri", UNSET))

        def _parse_mfa(data: object) -> IdentityProviderOutMfaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mfa_type_0 = IdentityProviderOutMfaType0.from_dict(data)

                return mfa_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IdentityProviderOutMfaType0 | None | Unset, data)

        mfa = _parse_mfa(d.pop("mfa", UNSET))

        identity_provider_out = cls(
            issuer=issuer,
            claim=claim,
            jwks_uri=jwks_uri,
            mfa=mfa,
        )

        identity_provider_out.additional_properties = d
        return identity_provider_out

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
