from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.registry_action import RegistryAction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_out import DeliveryOut
    from ..models.identity_provider_out import IdentityProviderOut
    from ..models.watch_out import WatchOut


T = TypeVar("T", bound="PendingChangeOut")


@_attrs_define
class PendingChangeOut:
    """
    Attributes:
        action (RegistryAction): A change to an organisation that two persons of the operator make.
        requested_at (datetime.datetime):
        reason (str):
        identity_providers (list[IdentityProviderOut] | None | Unset): For `identity_providers`: the list proposed,
            awaiting a second person
        delivery (DeliveryOut | None | Unset): For `delivery`: the settings proposed, awaiting a second person
        watch (None | Unset | WatchOut): For `watch`: what it is to serve, awaiting a second person
    """

    action: RegistryAction
    requested_at: datetime.datetime
    reason: str
    identity_providers: list[IdentityProviderOut] | None | Unset = UNSET
    delivery: DeliveryOut | None | Unset = UNSET
    watch: None | Unset | WatchOut = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery_out import DeliveryOut
        from ..models.watch_out import WatchOut

        action = self.action.value

        requested_at = self.requested_at.isoformat()

        reason = self.reason

        identity_providers: list[dict[str, Any]] | None | Unset
        if isinstance(self.identity_providers, Unset):
            identity_providers = UNSET
        elif isinstance(self.identity_providers, list):
            identity_providers = []
            for identity_providers_type_0_item_data in self.identity_providers:
                identity_providers_type_0_item = (
                    identity_providers_type_0_item_data.to_dict()
                )
                identity_providers.append(identity_providers_type_0_item)

        else:
            identity_providers = self.identity_providers

        delivery: dict[str, Any] | None | Unset
        if isinstance(self.delivery, Unset):
            delivery = UNSET
        elif isinstance(self.delivery, DeliveryOut):
            delivery = self.delivery.to_dict()
        else:
            delivery = self.delivery

        watch: dict[str, Any] | None | Unset
        if isinstance(self.watch, Unset):
            watch = UNSET
        elif isinstance(self.watch, WatchOut):
            watch = self.watch.to_dict()
        else:
            watch = self.watch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "requested_at": requested_at,
                "reason": reason,
            }
        )
        if identity_providers is not UNSET:
            field_dict["identity_providers"] = identity_providers
        if delivery is not UNSET:
            field_dict["delivery"] = delivery
        if watch is not UNSET:
            field_dict["watch"] = watch

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.delivery_out import DeliveryOut
        from ..models.identity_provider_out import IdentityProviderOut
        from ..models.watch_out import WatchOut

        d = dict(src_dict)
        action = RegistryAction(d.pop("action"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        reason = d.pop("reason")

        def _parse_identity_providers(
            data: object,
        ) -> list[IdentityProviderOut] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                identity_providers_type_0 = []
                _identity_providers_type_0 = data
                for identity_providers_type_0_item_data in _identity_providers_type_0:
                    identity_providers_type_0_item = IdentityProviderOut.from_dict(
                        identity_providers_type_0_item_data
                    )

                    identity_providers_type_0.append(identity_providers_type_0_item)

                return identity_providers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[IdentityProviderOut] | None | Unset, data)

        identity_providers = _parse_identity_providers(
            d.pop("identity_providers", UNSET)
        )

        def _parse_delivery(data: object) -> DeliveryOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                delivery_type_0 = DeliveryOut.from_dict(data)

                return delivery_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeliveryOut | None | Unset, data)

        delivery = _parse_delivery(d.pop("delivery", UNSET))

        def _parse_watch(data: object) -> None | Unset | WatchOut:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                watch_type_0 = WatchOut.from_dict(data)

                return watch_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WatchOut, data)

        watch = _parse_watch(d.pop("watch", UNSET))

        pending_change_out = cls(
            action=action,
            requested_at=requested_at,
            reason=reason,
            identity_providers=identity_providers,
            delivery=delivery,
            watch=watch,
        )

        pending_change_out.additional_properties = d
        return pending_change_out

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
