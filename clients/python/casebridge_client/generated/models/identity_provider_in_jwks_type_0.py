from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.identity_provider_in_jwks_type_0_keys_item import (
        IdentityProviderInJwksType0KeysItem,
    )


T = TypeVar("T", bound="IdentityProviderInJwksType0")


@_attrs_define
class IdentityProviderInJwksType0:
    """
    Attributes:
        keys (list[IdentityProviderInJwksType0KeysItem]):
    """

    keys: list[IdentityProviderInJwksType0KeysItem]

    def to_dict(self) -> dict[str, Any]:
        keys = []
        for keys_item_data in self.keys:
            keys_item = keys_item_data.to_dict()
            keys.append(keys_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "keys": keys,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identity_provider_in_jwks_type_0_keys_item import (
            IdentityProviderInJwksType0KeysItem,
        )

        d = dict(src_dict)
        keys = []
        _keys = d.pop("keys")
        for keys_item_data in _keys:
            keys_item = IdentityProviderInJwksType0KeysItem.from_dict(keys_item_data)

            keys.append(keys_item)

        identity_provider_in_jwks_type_0 = cls(
            keys=keys,
        )

        return identity_provider_in_jwks_type_0
