from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.identifier_type import IdentifierType
from ..types import UNSET, Unset

T = TypeVar("T", bound="IdentifierIn")


@_attrs_define
class IdentifierIn:
    """One identifier; `platform`, `chain`, `carrier` or `service` as its type needs.

    Attributes:
        type_ (IdentifierType):
        value (str):
        platform (None | str | Unset): social_handle, platform_user_id: e.g. TIKTOK
        chain (None | str | Unset): crypto_wallet: BITCOIN, ETHEREUM, TRON, ...
        carrier (None | str | Unset): parcel_tracking: USPS, UPS, FEDEX, DHL, OTHER
        service (None | str | Unset): payment_handle: CASHAPP, VENMO, PAYPAL, ZELLE
        region (None | str | Unset): phone: the region a national number is read in (default US)
    """

    type_: IdentifierType
    value: str
    platform: None | str | Unset = UNSET
    chain: None | str | Unset = UNSET
    carrier: None | str | Unset = UNSET
    service: None | str | Unset = UNSET
    region: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        value = self.value

        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        else:
            platform = self.platform

        chain: None | str | Unset
        if isinstance(self.chain, Unset):
            chain = UNSET
        else:
            chain = self.chain

        carrier: None | str | Unset
        if isinstance(self.carrier, Unset):
            carrier = UNSET
        else:
            carrier = self.carrier

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "value": value,
            }
        )
        if platform is not UNSET:
            field_dict["platform"] = platform
        if chain is not UNSET:
            field_dict["chain"] = chain
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if service is not UNSET:
            field_dict["service"] = service
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = IdentifierType(d.pop("type"))

        value = d.pop("value")

        def _parse_platform(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        def _parse_chain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        chain = _parse_chain(d.pop("chain", UNSET))

        def _parse_carrier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        carrier = _parse_carrier(d.pop("carrier", UNSET))

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        identifier_in = cls(
            type_=type_,
            value=value,
            platform=platform,
            chain=chain,
            carrier=carrier,
            service=service,
            region=region,
        )

        return identifier_in
