from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.person_role import PersonRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonCreate")


@_attrs_define
class PersonCreate:
    """A person of the caller's organisation, as its administrator registers them.

    Attributes:
        issuer (str): The identity provider that signs their tokens (`iss`)
        subject (str): The identity provider's `sub` for the person
        name (str):
        email (str): On one of its e-mail domains
        roles (list[PersonRole]):
        title (None | str | Unset):
        badge (None | str | Unset): Badge or employee number
        phone (None | str | Unset):
    """

    issuer: str
    subject: str
    name: str
    email: str
    roles: list[PersonRole]
    title: None | str | Unset = UNSET
    badge: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        issuer = self.issuer

        subject = self.subject

        name = self.name

        email = self.email

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issuer": issuer,
                "subject": subject,
                "name": name,
                "email": email,
                "roles": roles,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if badge is not UNSET:
            field_dict["badge"] = badge
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        issuer = d.pop("issuer")

        subject = d.pop("subject")

        name = d.pop("name")

        email = d.pop("email")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = PersonRole(roles_item_data)

            roles.append(roles_item)

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

        person_create = cls(
            issuer=issuer,
            subject=subject,
            name=name,
            email=email,
            roles=roles,
            title=title,
            badge=badge,
            phone=phone,
        )

        return person_create
