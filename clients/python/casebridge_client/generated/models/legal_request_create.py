from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.legal_kind import LegalKind
from ..models.record_category import RecordCategory
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.authority_in import AuthorityIn
    from ..models.contact_in import ContactIn
    from ..models.date_range import DateRange
    from ..models.preserved_account_in import PreservedAccountIn


T = TypeVar("T", bound="LegalRequestCreate")


@_attrs_define
class LegalRequestCreate:
    """
    Attributes:
        platform (str): A registry code, e.g. HSI
        kind (LegalKind):
        accounts (list[PreservedAccountIn]):
        categories (list[RecordCategory]): subscriber with any kind; non_content with a court_order or search_warrant;
            content with a search_warrant only (18 U.S.C. 2703)
        date_range (DateRange): The period the records asked for cover.
        authority (AuthorityIn): The process itself: its docket or reference number, who issued it, when.
        document_file_id (None | str | Unset): The signed document, an available file of the case: required for a court
            order or a warrant. Serving it shares that one file with the platform
        preservation_id (None | str | Unset):
        due_at (datetime.datetime | None | Unset): Defaults per kind (30 days; 14 for a warrant)
        nondisclosure_until (datetime.datetime | None | Unset): 18 U.S.C. 2705(b): the platform must not notify the
            account holder before then
        emergency_id (None | str | Unset): The emergency request whose disclosure this process follows (its reminder
            stops)
        contact (ContactIn | None | Unset): Defaults to the token's name, email and phone
    """

    platform: str
    kind: LegalKind
    accounts: list[PreservedAccountIn]
    categories: list[RecordCategory]
    date_range: DateRange
    authority: AuthorityIn
    document_file_id: None | str | Unset = UNSET
    preservation_id: None | str | Unset = UNSET
    due_at: datetime.datetime | None | Unset = UNSET
    nondisclosure_until: datetime.datetime | None | Unset = UNSET
    emergency_id: None | str | Unset = UNSET
    contact: ContactIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in import ContactIn

        platform = self.platform

        kind = self.kind.value

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.value
            categories.append(categories_item)

        date_range = self.date_range.to_dict()

        authority = self.authority.to_dict()

        document_file_id: None | str | Unset
        if isinstance(self.document_file_id, Unset):
            document_file_id = UNSET
        else:
            document_file_id = self.document_file_id

        preservation_id: None | str | Unset
        if isinstance(self.preservation_id, Unset):
            preservation_id = UNSET
        else:
            preservation_id = self.preservation_id

        due_at: None | str | Unset
        if isinstance(self.due_at, Unset):
            due_at = UNSET
        elif isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        nondisclosure_until: None | str | Unset
        if isinstance(self.nondisclosure_until, Unset):
            nondisclosure_until = UNSET
        elif isinstance(self.nondisclosure_until, datetime.datetime):
            nondisclosure_until = self.nondisclosure_until.isoformat()
        else:
            nondisclosure_until = self.nondisclosure_until

        emergency_id: None | str | Unset
        if isinstance(self.emergency_id, Unset):
            emergency_id = UNSET
        else:
            emergency_id = self.emergency_id

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
                "kind": kind,
                "accounts": accounts,
                "categories": categories,
                "date_range": date_range,
                "authority": authority,
            }
        )
        if document_file_id is not UNSET:
            field_dict["document_file_id"] = document_file_id
        if preservation_id is not UNSET:
            field_dict["preservation_id"] = preservation_id
        if due_at is not UNSET:
            field_dict["due_at"] = due_at
        if nondisclosure_until is not UNSET:
            field_dict["nondisclosure_until"] = nondisclosure_until
        if emergency_id is not UNSET:
            field_dict["emergency_id"] = emergency_id
        if contact is not UNSET:
            field_dict["contact"] = contact

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.authority_in import AuthorityIn
        from ..models.contact_in import ContactIn
        from ..models.date_range import DateRange
        from ..models.preserved_account_in import PreservedAccountIn

        d = dict(src_dict)
        platform = d.pop("platform")

        kind = LegalKind(d.pop("kind"))

        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = PreservedAccountIn.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = RecordCategory(categories_item_data)

            categories.append(categories_item)

        date_range = DateRange.from_dict(d.pop("date_range"))

        authority = AuthorityIn.from_dict(d.pop("authority"))

        def _parse_document_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        document_file_id = _parse_document_file_id(d.pop("document_file_id", UNSET))

        def _parse_preservation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preservation_id = _parse_preservation_id(d.pop("preservation_id", UNSET))

        def _parse_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_at = _parse_due_at(d.pop("due_at", UNSET))

        def _parse_nondisclosure_until(
            data: object,
        ) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                nondisclosure_until_type_0 = datetime.datetime.fromisoformat(data)

                return nondisclosure_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        nondisclosure_until = _parse_nondisclosure_until(
            d.pop("nondisclosure_until", UNSET)
        )

        def _parse_emergency_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        emergency_id = _parse_emergency_id(d.pop("emergency_id", UNSET))

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

        legal_request_create = cls(
            platform=platform,
            kind=kind,
            accounts=accounts,
            categories=categories,
            date_range=date_range,
            authority=authority,
            document_file_id=document_file_id,
            preservation_id=preservation_id,
            due_at=due_at,
            nondisclosure_until=nondisclosure_until,
            emergency_id=emergency_id,
            contact=contact,
        )

        return legal_request_create
