from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.org_kind import OrgKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_in import DeliveryIn
    from ..models.identity_provider_in import IdentityProviderIn
    from ..models.jurisdiction_in import JurisdictionIn
    from ..models.service_in import ServiceIn
    from ..models.watch_in import WatchIn


T = TypeVar("T", bound="OrganisationCreate")


@_attrs_define
class OrganisationCreate:
    """
    Attributes:
        code (str): A registry code, e.g. HSI
        name (str):
        kind (OrgKind): What an organisation is; its kind decides what it may do (`role`).
        ori (None | str | Unset):
        jurisdiction (JurisdictionIn | None | Unset):
        verification_line (None | str | Unset):
        services (list[ServiceIn] | Unset):
        email_domains (list[str] | Unset): Its persons' work e-mail domains (an agency's are required to register
            persons)
        identity_providers (list[IdentityProviderIn] | Unset):
        delivery (DeliveryIn | None | Unset):
        watch (None | Unset | WatchIn): A watch center's: what it serves
    """

    code: str
    name: str
    kind: OrgKind
    ori: None | str | Unset = UNSET
    jurisdiction: JurisdictionIn | None | Unset = UNSET
    verification_line: None | str | Unset = UNSET
    services: list[ServiceIn] | Unset = UNSET
    email_domains: list[str] | Unset = UNSET
    identity_providers: list[IdentityProviderIn] | Unset = UNSET
    delivery: DeliveryIn | None | Unset = UNSET
    watch: None | Unset | WatchIn = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery_in import DeliveryIn
        from ..models.jurisdiction_in import JurisdictionIn
        from ..models.watch_in import WatchIn

        code = self.code

        name = self.name

        kind = self.kind.value

        ori: None | str | Unset
        if isinstance(self.ori, Unset):
            ori = UNSET
        else:
            ori = self.ori

        jurisdiction: dict[str, Any] | None | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        elif isinstance(self.jurisdiction, JurisdictionIn):
            jurisdiction = self.jurisdiction.to_dict()
        else:
            jurisdiction = self.jurisdiction

        verification_line: None | str | Unset
        if isinstance(self.verification_line, Unset):
            verification_line = UNSET
        else:
            verification_line = self.verification_line

        services: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.services, Unset):
            services = []
            for services_item_data in self.services:
                services_item = services_item_data.to_dict()
                services.append(services_item)

        email_domains: list[str] | Unset = UNSET
        if not isinstance(self.email_domains, Unset):
            email_domains = self.email_domains

        identity_providers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.identity_providers, Unset):
            identity_providers = []
            for identity_providers_item_data in self.identity_providers:
                identity_providers_item = identity_providers_item_data.to_dict()
                identity_providers.append(identity_providers_item)

        delivery: dict[str, Any] | None | Unset
        if isinstance(self.delivery, Unset):
            delivery = UNSET
        elif isinstance(self.delivery, DeliveryIn):
            delivery = self.delivery.to_dict()
        else:
            delivery = self.delivery

        watch: dict[str, Any] | None | Unset
        if isinstance(self.watch, Unset):
            watch = UNSET
        elif isinstance(self.watch, WatchIn):
            watch = self.watch.to_dict()
        else:
            watch = self.watch

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name": name,
                "kind": kind,
            }
        )
        if ori is not UNSET:
            field_dict["ori"] = ori
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if verification_line is not UNSET:
            field_dict["verification_line"] = verification_line
        if services is not UNSET:
            field_dict["services"] = services
        if email_domains is not UNSET:
            field_dict["email_domains"] = email_domains
        if identity_providers is not UNSET:
            field_dict["identity_providers"] = identity_providers
        if delivery is not UNSET:
            field_dict["delivery"] = delivery
        if watch is not UNSET:
            field_dict["watch"] = watch

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.delivery_in import DeliveryIn
        from ..models.identity_provider_in import IdentityProviderIn
        from ..models.jurisdiction_in import JurisdictionIn
        from ..models.service_in import ServiceIn
        from ..models.watch_in import WatchIn

        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        kind = OrgKind(d.pop("kind"))

        def _parse_ori(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ori = _parse_ori(d.pop("ori", UNSET))

        def _parse_jurisdiction(data: object) -> JurisdictionIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                jurisdiction_type_0 = JurisdictionIn.from_dict(data)

                return jurisdiction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JurisdictionIn | None | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        def _parse_verification_line(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verification_line = _parse_verification_line(d.pop("verification_line", UNSET))

        _services = d.pop("services", UNSET)
        services: list[ServiceIn] | Unset = UNSET
        if _services is not UNSET:
            services = []
            for services_item_data in _services:
                services_item = ServiceIn.from_dict(services_item_data)

                services.append(services_item)

        email_domains = cast(list[str], d.pop("email_domains", UNSET))

        _identity_providers = d.pop("identity_providers", UNSET)
        identity_providers: list[IdentityProviderIn] | Unset = UNSET
        if _identity_providers is not UNSET:
            identity_providers = []
            for identity_providers_item_data in _identity_providers:
                identity_providers_item = IdentityProviderIn.from_dict(
                    identity_providers_item_data
                )

                identity_providers.append(identity_providers_item)

        def _parse_delivery(data: object) -> DeliveryIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                delivery_type_0 = DeliveryIn.from_dict(data)

                return delivery_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeliveryIn | None | Unset, data)

        delivery = _parse_delivery(d.pop("delivery", UNSET))

        def _parse_watch(data: object) -> None | Unset | WatchIn:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                watch_type_0 = WatchIn.from_dict(data)

                return watch_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WatchIn, data)

        watch = _parse_watch(d.pop("watch", UNSET))

        organisation_create = cls(
            code=code,
            name=name,
            kind=kind,
            ori=ori,
            jurisdiction=jurisdiction,
            verification_line=verification_line,
            services=services,
            email_domains=email_domains,
            identity_providers=identity_providers,
            delivery=delivery,
            watch=watch,
        )

        return organisation_create
