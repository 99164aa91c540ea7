from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.person_role import PersonRole
from ..models.person_status import PersonStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonOut")


@_attrs_define
class PersonOut:
    """A person of an organisation, as its administrators (and the operator) read them.

    Attributes:
        person_id (str):
        org (str):
        issuer (str):
        subject (str):
        name (str):
        email (str):
        roles (list[PersonRole]):
        status (PersonStatus):
        registered_at (datetime.datetime):
        registered_by (str): The person id of the administrator (or operator) who registered them
        version (int):
        title (None | str | Unset):
        badge (None | str | Unset):
        phone (None | str | Unset):
        verified_at (datetime.datetime | None | Unset):
        verified_by (None | str | Unset): The person id of the administrator who verified them
        verified_by_name (None | str | Unset):
        reverify_by (datetime.datetime | None | Unset): Their acts are refused after it
        status_reason (None | str | Unset):
        changed_at (datetime.datetime | None | Unset):
    """

    person_id: str
    org: str
    issuer: str
    subject: str
    name: str
    email: str
    roles: list[PersonRole]
    status: PersonStatus
    registered_at: datetime.datetime
    registered_by: str
    version: int
    title: None | str | Unset = UNSET
    badge: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    verified_at: datetime.datetime | None | Unset = UNSET
    verified_by: None | str | Unset = UNSET
    verified_by_name: None | str | Unset = UNSET
    reverify_by: datetime.datetime | None | Unset = UNSET
    status_reason: None | str | Unset = UNSET
    changed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        person_id = self.person_id

        org = self.org

        issuer = self.issuer

        subject = self.subject

        name = self.name

        email = self.email

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        status = self.status.value

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        version = self.version

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        badge: None | str | Unset
        if isinstance(self.badge, Unset):
            badge = UNSET
        else:
            badge = self.badge

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        verified_at: None | str | Unset
        if isinstance(self.verified_at, Unset):
            verified_at = UNSET
        elif isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        verified_by: None | str | Unset
        if isinstance(self.verified_by, Unset):
            verified_by = UNSET
        else:
            verified_by = self.verified_by

        verified_by_name: None | str | Unset
        if isinstance(self.verified_by_name, Unset):
            verified_by_name = UNSET
        else:
            verified_by_name = self.verified_by_name

        reverify_by: None | str | Unset
        if isinstance(self.reverify_by, Unset):
            reverify_by = UNSET
        elif isinstance(self.reverify_by, datetime.datetime):
            reverify_by = self.reverify_by.isoformat()
        else:
            reverify_by = self.reverify_by

        status_reason: None | str | Unset
        if isinstance(self.status_reason, Unset):
            status_reason = UNSET
        else:
            status_reason = self.status_reason

        changed_at: None | str | Unset
        if isinstance(self.changed_at, Unset):
            changed_at = UNSET
        elif isinstance(self.changed_at, datetime.datetime):
            changed_at = self.changed_at.isoformat()
        else:
            changed_at = self.changed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "person_id": person_id,
                "org": org,
                "issuer": issuer,
                "subject": subject,
                "name": name,
                "email": email,
                "roles": roles,
                "status": status,
                "registered_at": registered_at,
                "registered_by": registered_by,
                "version": version,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if badge is not UNSET:
            field_dict["badge"] = badge
        if phone is not UNSET:
            field_dict["phone"] = phone
        if verified_at is not UNSET:
            field_dict["verified_at"] = verified_at
        if verified_by is not UNSET:
            field_dict["verified_by"] = verified_by
        if verified_by_name is not UNSET:
            field_dict["verified_by_name"] = verified_by_name
        if reverify_by is not UNSET:
            field_dict["reverify_by"] = reverify_by
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason
        if changed_at is not UNSET:
            field_dict["changed_at"] = changed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        person_id = d.pop("person_id")

        org = d.pop("org")

        issuer = d.pop("issuer")

        subject = d.pop("subject")

        name = d.pop("name")

        email = d.pop("email")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = PersonRole(roles_item_data)

            roles.append(roles_item)

        status = PersonStatus(d.pop("status"))

        registered_at = datetime.datetime.fromisoformat(d.pop("registered_at"))

        registered_by = d.pop("registered_by")

        version = d.pop("version")

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_badge(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        badge = _parse_badge(d.pop("badge", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_verified_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        verified_at = _parse_verified_at(d.pop("verified_at", UNSET))

        def _parse_verified_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verified_by = _parse_verified_by(d.pop("verified_by", UNSET))

        def _parse_verified_by_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verified_by_name = _parse_verified_by_name(d.pop("verified_by_name", UNSET))

        def _parse_reverify_by(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reverify_by_type_0 = datetime.datetime.fromisoformat(data)

                return reverify_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        reverify_by = _parse_reverify_by(d.pop("reverify_by", UNSET))

        def _parse_status_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason = _parse_status_reason(d.pop("status_reason", UNSET))

        def _parse_changed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        changed_at = _parse_changed_at(d.pop("changed_at", UNSET))

        person_out = cls(
            person_id=person_id,
            org=org,
            issuer=issuer,
            subject=subject,
            name=name,
            email=email,
            roles=roles,
            status=status,
            registered_at=registered_at,
            registered_by=registered_by,
            version=version,
            title=title,
            badge=badge,
            phone=phone,
            verified_at=verified_at,
            verified_by=verified_by,
            verified_by_name=verified_by_name,
            reverify_by=reverify_by,
            status_reason=status_reason,
            changed_at=changed_at,
        )

        person_out.additional_properties = d
        return person_out

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
