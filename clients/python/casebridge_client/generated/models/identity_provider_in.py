from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.identity_provider_in_jwks_type_0 import IdentityProviderInJwksType0
    from ..models.identity_provider_in_mfa_type_0 import IdentityProviderInMfaType0


T = TypeVar("T", bound="IdentityProviderIn")


@_attrs_define
class IdentityProviderIn:
    """
    Attributes:
        issuer (str):
        jwks_uri (None | str | Unset):
        jwks (IdentityProviderInJwksType0 | None | Unset): The provider's keys inline, as a JWKS
        claim (str | Unset): The token claim that names the organisation Default: 'org'.
        mfa (IdentityProviderInMfaType0 | None | Unset):
    """

    issuer: str
    jwks_uri: None | str | Unset = UNSET
    jwks: IdentityProviderInJwksType0 | None | Unset = UNSET
    claim: str | Unset = "org"
    mfa: IdentityProviderInMfaType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.identity_provider_in_jwks_type_0 import (
            IdentityProviderInJwksType0,
        )
        from ..models.identity_provider_in_mfa_type_0 import IdentityProviderInMfaType0

        issuer = self.issuer

        jwks_uri: None | str | Unset
        if isinstance(self.jwks_uri, Unset):
            jwks_uri = UNSET
        else:
            jwks_uri = self.jwks_uri

        jwks: dict[str, Any] | None | Unset
        if isinstance(self.jwks, Unset):
            jwks = UNSET
        elif isinstance(self.jwks, IdentityProviderInJwksType0):
            jwks = self.jwks.to_dict()
        else:
            jwks = self.jwks

        claim = self.claim

        mfa: dict[str, Any] | None | Unset
        if isinstance(self.mfa, Unset):
            mfa = UNSET
        elif isinstance(self.mfa, IdentityProviderInMfaType0):
            mfa = self.mfa.to_dict()
        else:
            mfa = self.mfa

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issuer": issuer,
            }
        )
        if jwks_uri is not UNSET:
            field_dict["jwks_uri"] = jwks_uri
        if jwks is not UNSET:
            field_dict["jwks"] = jwks
        if claim is not UNSET:
            field_dict["claim"] = claim
        if mfa is not UNSET:
            field_dict["mfa"] = mfa

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identity_provider_in_jwks_type_0 import (
            IdentityProviderInJwksType0,
        )
        from ..models.identity_provider_in_mfa_type_0 import IdentityProviderInMfaType0

        d = dict(src_dict)
        issuer = d.pop("issuer")

        def _parse_jwks_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jwks_uri = _parse_jwks_uri(d.pop("jwks_uri", UNSET))

        def _parse_jwks(data: object) -> IdentityProviderInJwksType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                jwks_type_0 = IdentityProviderInJwksType0.from_dict(data)

                return jwks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IdentityProviderInJwksType0 | None | Unset, data)

        jwks = _parse_jwks(d.pop("jwks", UNSET))

        claim = d.pop("claim", UNSET)

        def _parse_mfa(data: object) -> IdentityProviderInMfaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mfa_type_0 = IdentityProviderInMfaType0.from_dict(data)

                return mfa_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IdentityProviderInMfaType0 | None | Unset, data)

        mfa = _parse_mfa(d.pop("mfa", UNSET))

        identity_provider_in = cls(
            issuer=issuer,
            jwks_uri=jwks_uri,
            jwks=jwks,
            claim=claim,
            mfa=mfa,
        )

        return identity_provider_in
