from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_in import ContactIn
    from ..models.preserved_account_in import PreservedAccountIn


T = TypeVar("T", bound="PreservationCreate")


@_attrs_define
class PreservationCreate:
    """
    Attributes:
        platform (str): A registry code, e.g. HSI
        accounts (list[PreservedAccountIn]):
        contact (ContactIn | None | Unset): Defaults to the token's name, email and phone
    """

    platform: str
    accounts: list[PreservedAccountIn]
    contact: ContactIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in import ContactIn

        platform = self.platform

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, ContactIn):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "platform": platform,
                "accounts": accounts,
            }
        )
        if contact is not UNSET:
            field_dict["contact"] = contact

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_in import ContactIn
        from ..models.preserved_account_in import PreservedAccountIn

        d = dict(src_dict)
        platform = d.pop("platform")

        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = PreservedAccountIn.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        def _parse_contact(data: object) -> ContactIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactIn.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactIn | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        preservation_create = cls(
            platform=platform,
            accounts=accounts,
            contact=contact,
        )

        return preservation_create
