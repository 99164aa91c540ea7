from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreservedAccountIn")


@_attrs_define
class PreservedAccountIn:
    """
    Attributes:
        service (None | str | Unset):
        platform_user_id (None | str | Unset):
        handle (None | str | Unset):
        profile_url (None | str | Unset):
    """

    service: None | str | Unset = UNSET
    platform_user_id: None | str | Unset = UNSET
    handle: None | str | Unset = UNSET
    profile_url: None | str | Unset = UNSET

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

        profile_url: None | str | Unset
        if isinstance(self.profile_url, Unset):
            profile_url = UNSET
        else:
            profile_url = self.profile_url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if service is not UNSET:
            field_dict["service"] = service
        if platform_user_id is not UNSET:
            field_dict["platform_user_id"] = platform_user_id
        if handle is not UNSET:
            field_dict["handle"] = handle
        if profile_url is not UNSET:
            field_dict["profile_url"] = profile_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        def _parse_profile_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        profile_url = _parse_profile_url(d.pop("profile_url", UNSET))

        preserved_account_in = cls(
            service=service,
            platform_user_id=platform_user_id,
            handle=handle,
            profile_url=profile_url,
        )

        return preserved_account_in
