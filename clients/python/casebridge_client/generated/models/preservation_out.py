from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.preservation_status import PreservationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.identifier_value import IdentifierValue


T = TypeVar("T", bound="PreservationOut")


@_attrs_define
class PreservationOut:
    """The request: accounts and the requesting agency's contact. `case_id` for agencies only.

    Attributes:
        preservation_id (str):
        platform (str):
        requester (str):
        contact (Contact):
        accounts (list[IdentifierValue]):
        requested_at (datetime.datetime):
        expires_at (datetime.datetime):
        extended (bool):
        status (PreservationStatus):
        platform_reference (None | str):
        acknowledged_at (datetime.datetime | None):
        legal_request_ids (list[str] | Unset): Legal process that follows it
        case_id (None | str | Unset):
    """

    preservation_id: str
    platform: str
    requester: str
    contact: Contact
    accounts: list[IdentifierValue]
    requested_at: datetime.datetime
    expires_at: datetime.datetime
    extended: bool
    status: PreservationStatus
    platform_reference: None | str
    acknowledged_at: datetime.datetime | None
    legal_request_ids: list[str] | Unset = UNSET
    case_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        preservation_id = self.preservation_id

        platform = self.platform

        requester = self.requester

        contact = self.contact.to_dict()

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        requested_at = self.requested_at.isoformat()

        expires_at = self.expires_at.isoformat()

        extended = self.extended

        status = self.status.value

        platform_reference: None | str
        platform_reference = self.platform_reference

        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        legal_request_ids: list[str] | Unset = UNSET
        if not isinstance(self.legal_request_ids, Unset):
            legal_request_ids = self.legal_request_ids

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "preservation_id": preservation_id,
                "platform": platform,
                "requester": requester,
                "contact": contact,
                "accounts": accounts,
                "requested_at": requested_at,
                "expires_at": expires_at,
                "extended": extended,
                "status": status,
                "platform_reference": platform_reference,
                "acknowledged_at": acknowledged_at,
            }
        )
        if legal_request_ids is not UNSET:
            field_dict["legal_request_ids"] = legal_request_ids
        if case_id is not UNSET:
            field_dict["case_id"] = case_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.identifier_value import IdentifierValue

        d = dict(src_dict)
        preservation_id = d.pop("preservation_id")

        platform = d.pop("platform")

        requester = d.pop("requester")

        contact = Contact.from_dict(d.pop("contact"))

        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = IdentifierValue.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        extended = d.pop("extended")

        status = PreservationStatus(d.pop("status"))

        def _parse_platform_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        platform_reference = _parse_platform_reference(d.pop("platform_reference"))

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        legal_request_ids = cast(list[str], d.pop("legal_request_ids", UNSET))

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        preservation_out = cls(
            preservation_id=preservation_id,
            platform=platform,
            requester=requester,
            contact=contact,
            accounts=accounts,
            requested_at=requested_at,
            expires_at=expires_at,
            extended=extended,
            status=status,
            platform_reference=platform_reference,
            acknowledged_at=acknowledged_at,
            legal_request_ids=legal_request_ids,
            case_id=case_id,
        )

        preservation_out.additional_properties = d
        return preservation_out

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
