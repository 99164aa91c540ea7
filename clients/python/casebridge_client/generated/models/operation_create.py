from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.operation_kind import OperationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_in import ContactIn
    from ..models.location_in import LocationIn


T = TypeVar("T", bound="OperationCreate")


@_attrs_define
class OperationCreate:
    """
    Attributes:
        case_id (str):
        kind (OperationKind):
        location (LocationIn):
        starts_at (datetime.datetime): RFC 3339 with offset, 2000 to 2100
        ends_at (datetime.datetime): RFC 3339 with offset, 2000 to 2100
        contact (ContactIn | None | Unset): On-scene contact; defaults to the token's
    """

    case_id: str
    kind: OperationKind
    location: LocationIn
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    contact: ContactIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in import ContactIn

        case_id = self.case_id

        kind = self.kind.value

        location = self.location.to_dict()

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

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
                "case_id": case_id,
                "kind": kind,
                "location": location,
                "starts_at": starts_at,
                "ends_at": ends_at,
            }
        )
        if contact is not UNSET:
            field_dict["contact"] = contact

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_in import ContactIn
        from ..models.location_in import LocationIn

        d = dict(src_dict)
        case_id = d.pop("case_id")

        kind = OperationKind(d.pop("kind"))

        location = LocationIn.from_dict(d.pop("location"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

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

        operation_create = cls(
            case_id=case_id,
            kind=kind,
            location=location,
            starts_at=starts_at,
            ends_at=ends_at,
            contact=contact,
        )

        return operation_create
