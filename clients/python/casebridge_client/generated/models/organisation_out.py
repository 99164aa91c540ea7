from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.org_kind import OrgKind
from ..models.org_status import OrgStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.identity_provider_out import IdentityProviderOut
    from ..models.jurisdiction_out import JurisdictionOut
    from ..models.pending_change_out import PendingChangeOut
    from ..models.service_out import ServiceOut
    from ..models.watch_out import WatchOut


T = TypeVar("T", bound="OrganisationOut")


@_attrs_define
class OrganisationOut:
    """An organisation's entry, as the operator reads it.

    Attributes:
        code (str):
        name (str):
        kind (OrgKind): What an organisation is; its kind decides what it may do (`role`).
        status (OrgStatus):
        services (list[ServiceOut]):
        identity_providers (list[IdentityProviderOut]):
        version (int):
        ori (None | str | Unset):
        jurisdiction (JurisdictionOut | None | Unset):
        verification_line (None | str | Unset):
        email_domains (list[str] | Unset):
        webhook (None | str | Unset):
        event_bus_arn (None | str | Unset):
        queue_arn (None | str | Unset):
        pending (None | PendingChangeOut | Unset): A change one person of the operator asked for, awaiting a second
        watch (None | Unset | WatchOut): A watch center's: what it serves
    """

    code: str
    name: str
    kind: OrgKind
    status: OrgStatus
    services: list[ServiceOut]
    identity_providers: list[IdentityProviderOut]
    version: int
    ori: None | str | Unset = UNSET
    jurisdiction: JurisdictionOut | None | Unset = UNSET
    verification_line: None | str | Unset = UNSET
    email_domains: list[str] | Unset = UNSET
    webhook: None | str | Unset = UNSET
    event_bus_arn: None | str | Unset = UNSET
    queue_arn: None | str | Unset = UNSET
    pending: None | PendingChangeOut | Unset = UNSET
    watch: None | Unset | WatchOut = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.jurisdiction_out import JurisdictionOut
        from ..models.pending_change_out import PendingChangeOut
        from ..models.watch_out import WatchOut

        code = self.code

        name = self.name

        kind = self.kind.value

        status = self.status.value

        services = []
        for services_item_data in self.services:
            services_item = services_item_data.to_dict()
            services.append(services_item)

        identity_providers = []
        for identity_providers_item_data in self.identity_providers:
            identity_providers_item = identity_providers_item_data.to_dict()
            identity_providers.append(identity_providers_item)

        version = self.version

        ori: None | str | Unset
        if isinstance(self.ori, Unset):
            ori = UNSET
        else:
            ori = self.ori

        jurisdiction: dict[str, Any] | None | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        elif isinstance(self.jurisdiction, JurisdictionOut):
            jurisdiction = self.jurisdiction.to_dict()
        else:
            jurisdiction = self.jurisdiction

        verification_line: None | str | Unset
        if isinstance(self.verification_line, Unset):
            verification_line = UNSET
        else:
            verification_line = self.verification_line

        email_domains: list[str] | Unset = UNSET
        if not isinstance(self.email_domains, Unset):
            email_domains = self.email_domains

        webhook: None | str | Unset
        if isinstance(self.webhook, Unset):
            webhook = UNSET
        else:
            webhook = self.webhook

        event_bus_arn: None | str | Unset
        if isinstance(self.event_bus_arn, Unset):
            event_bus_arn = UNSET
        else:
            event_bus_arn = self.event_bus_arn

        queue_arn: None | str | Unset
        if isinstance(self.queue_arn, Unset):
            queue_arn = UNSET
        else:
            queue_arn = self.queue_arn

        pending: dict[str, Any] | None | Unset
        if isinstance(self.pending, Unset):
            pending = UNSET
        elif isinstance(self.pending, PendingChangeOut):
            pending = self.pending.to_dict()
        else:
            pending = self.pending

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
                "code": code,
                "name": name,
                "kind": kind,
                "status": status,
                "services": services,
                "identity_providers": identity_providers,
                "version": version,
            }
        )
        if ori is not UNSET:
            field_dict["ori"] = ori
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if verification_line is not UNSET:
            field_dict["verification_line"] = verification_line
        if email_domains is not UNSET:
            field_dict["email_domains"] = email_domains
        if webhook is not UNSET:
            field_dict["webhook"] = webhook
        if event_bus_arn is not UNSET:
            field_dict["event_bus_arn"] = event_bus_arn
        if queue_arn is not UNSET:
            field_dict["queue_arn"] = queue_arn
        if pending is not UNSET:
            field_dict["pending"] = pending
        if watch is not UNSET:
            field_dict["watch"] = watch

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identity_provider_out import IdentityProviderOut
        from ..models.jurisdiction_out import JurisdictionOut
        from ..models.pending_change_out import PendingChangeOut
        from ..models.service_out import ServiceOut
        from ..models.watch_out import WatchOut

        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        kind = OrgKind(d.pop("kind"))

        status = OrgStatus(d.pop("status"))

        services = []
        _services = d.pop("services")
        for services_item_data in _services:
            services_item = ServiceOut.from_dict(services_item_data)

            services.append(services_item)

        identity_providers = []
        _identity_providers = d.pop("identity_providers")
        for identity_providers_item_data in _identity_providers:
            identity_providers_item = IdentityProviderOut.from_dict(
                identity_providers_item_data
            )

            identity_providers.append(identity_providers_item)

        version = d.pop("version")

        def _parse_ori(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ori = _parse_ori(d.pop("ori", UNSET))

        def _parse_jurisdiction(data: object) -> JurisdictionOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                jurisdiction_type_0 = JurisdictionOut.from_dict(data)

                return jurisdiction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JurisdictionOut | None | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        def _parse_verification_line(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verification_line = _parse_verification_line(d.pop("verification_line", UNSET))

        email_domains = cast(list[str], d.pop("email_domains", UNSET))

        def _parse_webhook(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook = _parse_webhook(d.pop("webhook", UNSET))

        def _parse_event_bus_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_bus_arn = _parse_event_bus_arn(d.pop("event_bus_arn", UNSET))

        def _parse_queue_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        queue_arn = _parse_queue_arn(d.pop("queue_arn", UNSET))

        def _parse_pending(data: object) -> None | PendingChangeOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pending_type_0 = PendingChangeOut.from_dict(data)

                return pending_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PendingChangeOut | Unset, data)

        pending = _parse_pending(d.pop("pending", UNSET))

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

        organisation_out = cls(
            code=code,
            name=name,
            kind=kind,
            status=status,
            services=services,
            identity_providers=identity_providers,
            version=version,
            ori=ori,
            jurisdiction=jurisdiction,
            verification_line=verification_line,
            email_domains=email_domains,
            webhook=webhook,
            event_bus_arn=event_bus_arn,
            queue_arn=queue_arn,
            pending=pending,
            watch=watch,
        )

        organisation_out.additional_properties = d
        return organisation_out

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
