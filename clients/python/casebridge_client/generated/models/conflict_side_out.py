from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conflict_outcome import ConflictOutcome
from ..models.operation_kind import OperationKind

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.location_out import LocationOut


T = TypeVar("T", bound="ConflictSideOut")


@_attrs_define
class ConflictSideOut:
    """One side: its agency, operation kind, place, window and on-scene contact; never its case.

    Attributes:
        org (str):
        kind (None | OperationKind): Shown to the centers and to this side's agency; null to the other agency
        location (LocationOut | None): Shown to the centers and to this side's agency; null to the other agency
        starts_at (datetime.datetime | None): Shown to the centers and to this side's agency; null to the other agency
        ends_at (datetime.datetime | None): Shown to the centers and to this side's agency; null to the other agency
        contact (Contact):
        notified_at (datetime.datetime | None):
        contact_confirmed_at (datetime.datetime | None):
        agreed (ConflictOutcome | None): The outcome this side's agency agreed to
        agreed_note (None | str): What this side's agency wrote when it agreed: the other reads it
    """

    org: str
    kind: None | OperationKind
    location: LocationOut | None
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    contact: Contact
    notified_at: datetime.datetime | None
    contact_confirmed_at: datetime.datetime | None
    agreed: ConflictOutcome | None
    agreed_note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.location_out import LocationOut

        org = self.org

        kind: None | str
        if isinstance(self.kind, OperationKind):
            kind = self.kind.value
        else:
            kind = self.kind

        location: dict[str, Any] | None
        if isinstance(self.location, LocationOut):
            location = self.location.to_dict()
        else:
            location = self.location

        starts_at: None | str
        if isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        ends_at: None | str
        if isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        contact = self.contact.to_dict()

        notified_at: None | str
        if isinstance(self.notified_at, datetime.datetime):
            notified_at = self.notified_at.isoformat()
        else:
            notified_at = self.notified_at

        contact_confirmed_at: None | str
        if isinstance(self.contact_confirmed_at, datetime.datetime):
            contact_confirmed_at = self.contact_confirmed_at.isoformat()
        else:
            contact_confirmed_at = self.contact_confirmed_at

        agreed: None | str
        if isinstance(self.agreed, ConflictOutcome):
            agreed = self.agreed.value
        else:
            agreed = self.agreed

        agreed_note: None | str
        agreed_note = self.agreed_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org": org,
                "kind": kind,
                "location": location,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "contact": contact,
                "notified_at": notified_at,
                "contact_confirmed_at": contact_confirmed_at,
                "agreed": agreed,
                "agreed_note": agreed_note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.location_out import LocationOut

        d = dict(src_dict)
        org = d.pop("org")

        def _parse_kind(data: object) -> None | OperationKind:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = OperationKind(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OperationKind, data)

        kind = _parse_kind(d.pop("kind"))

        def _parse_location(data: object) -> LocationOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = LocationOut.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocationOut | None, data)

        location = _parse_location(d.pop("location"))

        def _parse_starts_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        starts_at = _parse_starts_at(d.pop("starts_at"))

        def _parse_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ends_at = _parse_ends_at(d.pop("ends_at"))

        contact = Contact.from_dict(d.pop("contact"))

        def _parse_notified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                notified_at_type_0 = datetime.datetime.fromisoformat(data)

                return notified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        notified_at = _parse_notified_at(d.pop("notified_at"))

        def _parse_contact_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contact_confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return contact_confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        contact_confirmed_at = _parse_contact_confirmed_at(
            d.pop("contact_confirmed_at")
        )

        def _parse_agreed(data: object) -> ConflictOutcome | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreed_type_0 = ConflictOutcome(data)

                return agreed_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConflictOutcome | None, data)

        agreed = _parse_agreed(d.pop("agreed"))

        def _parse_agreed_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agreed_note = _parse_agreed_note(d.pop("agreed_note"))

        conflict_side_out = cls(
            org=org,
            kind=kind,
            location=location,
            starts_at=starts_at,
            ends_at=ends_at,
            contact=contact,
            notified_at=notified_at,
            contact_confirmed_at=contact_confirmed_at,
            agreed=agreed,
            agreed_note=agreed_note,
        )

        conflict_side_out.additional_properties = d
        return conflict_side_out

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
