from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ip_capture_in import IpCaptureIn


T = TypeVar("T", bound="ReportedAccountIn")


@_attrs_define
class ReportedAccountIn:
    """At least one of `handle`, `platform_user_id` or `profile_urls` names the account.

    Attributes:
        service (None | str | Unset): The platform's service (INSTAGRAM, FACEBOOK); defaults to its only one
        platform_user_id (None | str | Unset):
        handle (None | str | Unset):
        display_names (list[str] | Unset):
        profile_urls (list[str] | Unset):
        ip_captures (list[IpCaptureIn] | Unset):
        device_ids (list[str] | Unset):
    """

    service: None | str | Unset = UNSET
    platform_user_id: None | str | Unset = UNSET
    handle: None | str | Unset = UNSET
    display_names: list[str] | Unset = UNSET
    profile_urls: list[str] | Unset = UNSET
    ip_captures: list[IpCaptureIn] | Unset = UNSET
    device_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        platform_user_id: None | str | Unset
        if isinstance(self.platform_user_id, Unset):
            platform_user_id = UNSET
        else:
            platform_user_id = self.platform_user_id

        handle: None | str | Unset
        if isinstance(self.handle, Unset):
            handle = UNSET
        else:
            handle = self.handle

        display_names: list[str] | Unset = UNSET
        if not isinstance(self.display_names, Unset):
            display_names = self.display_names

        profile_urls: list[str] | Unset = UNSET
        if not isinstance(self.profile_urls, Unset):
            profile_urls = self.profile_urls

        ip_captures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ip_captures, Unset):
            ip_captures = []
            for ip_captures_item_data in self.ip_captures:
                ip_captures_item = ip_captures_item_data.to_dict()
                ip_captures.append(ip_captures_item)

        device_ids: list[str] | Unset = UNSET
        if not isinstance(self.device_ids, Unset):
            device_ids = self.device_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if service is not UNSET:
            field_dict["service"] = service
        if platform_user_id is not UNSET:
            field_dict["platform_user_id"] = platform_user_id
        if handle is not UNSET:
            field_dict["handle"] = handle
        if display_names is not UNSET:
            field_dict["display_names"] = display_names
        if profile_urls is not UNSET:
            field_dict["profile_urls"] = profile_urls
        if ip_captures is not UNSET:
            field_dict["ip_captures"] = ip_captures
        if device_ids is not UNSET:
            field_dict["device_ids"] = device_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ip_capture_in import IpCaptureIn

        d = dict(src_dict)

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        def _parse_platform_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform_user_id = _parse_platform_user_id(d.pop("platform_user_id", UNSET))

        def _parse_handle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handle = _parse_handle(d.pop("handle", UNSET))

        display_names = cast(list[str], d.pop("display_names", UNSET))

        profile_urls = cast(list[str], d.pop("profile_urls", UNSET))

        _ip_captures = d.pop("ip_captures", UNSET)
        ip_captures: list[IpCaptureIn] | Unset = UNSET
        if _ip_captures is not UNSET:
            ip_captures = []
            for ip_captures_item_data in _ip_captures:
                ip_captures_item = IpCaptureIn.from_dict(ip_captures_item_data)

                ip_captures.append(ip_captures_item)

        device_ids = cast(list[str], d.pop("device_ids", UNSET))

        reported_account_in = cls(
            service=service,
            platform_user_id=platform_user_id,
            handle=handle,
            display_names=display_names,
            profile_urls=profile_urls,
            ip_captures=ip_captures,
            device_ids=device_ids,
        )

        return reported_account_in
