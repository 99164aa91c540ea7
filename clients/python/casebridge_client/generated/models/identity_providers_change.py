from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.identity_provider_in import IdentityProviderIn


T = TypeVar("T", bound="IdentityProvidersChange")


@_attrs_define
class IdentityProvidersChange:
    """The list an organisation's identity providers are to become: proposed by one person of
    the operator, made by a second one sending the same list.

        Attributes:
            identity_providers (list[IdentityProviderIn]):
            reason (str | Unset):  Default: ''.
    """

    identity_providers: list[IdentityProviderIn]
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        identity_providers = []
        for identity_providers_item_data in self.identity_providers:
            identity_providers_item = identity_providers_item_data.to_dict()
            identity_providers.append(identity_providers_item)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "identity_providers": identity_providers,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identity_provider_in import IdentityProviderIn

        d = dict(src_dict)
        identity_providers = []
        _identity_providers = d.pop("identity_providers")
        for identity_providers_item_data in _identity_providers:
            identity_providers_item = IdentityProviderIn.from_dict(
                identity_providers_item_data
            )

            identity_providers.append(identity_providers_item)

        reason = d.pop("reason", UNSET)

        identity_providers_change = cls(
            identity_providers=identity_providers,
            reason=reason,
        )

        return identity_providers_change
