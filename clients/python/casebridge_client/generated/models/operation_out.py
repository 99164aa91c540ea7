from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.operation_kind import OperationKind
from ..models.operation_status import OperationStatus

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.location_out import LocationOut


T = TypeVar("T", bound="OperationOut")


@_attrs_define
class OperationOut:
    """
    Attributes:
        operation_id (str):
        case_id (str):
        org (str):
        kind (OperationKind):
        location (LocationOut):
        starts_at (datetime.datetime):
        ends_at (datetime.datetime):
        contact (Contact):
        status (OperationStatus):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    operation_id: str
    case_id: str
    org: str
    kind: OperationKind
    location: LocationOut
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    contact: Contact
    status: OperationStatus
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operation_id = self.operation_id

        case_id = self.case_id

        org = self.org

        kind = self.kind.value

        location = self.location.to_dict()

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        contact = self.contact.to_dict()

        status = self.status.value

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "operation_id": operation_id,
                "case_id": case_id,
                "org": org,
                "kind": kind,
                "location": location,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "contact": contact,
                "status": status,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.location_out import LocationOut

        d = dict(src_dict)
        operation_id = d.pop("operation_id")

        case_id = d.pop("case_id")

        org = d.pop("org")

        kind = OperationKind(d.pop("kind"))

        location = LocationOut.from_dict(d.pop("location"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        contact = Contact.from_dict(d.pop("contact"))

        status = OperationStatus(d.pop("status"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        operation_out = cls(
            operation_id=operation_id,
            case_id=case_id,
            org=org,
            kind=kind,
            location=location,
            starts_at=starts_at,
            ends_at=ends_at,
            contact=contact,
            status=status,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        operation_out.additional_properties = d
        return operation_out

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
