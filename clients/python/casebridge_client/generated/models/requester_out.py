from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.person_role import PersonRole
from ..models.person_status import PersonStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.requester_organisation_out import RequesterOrganisationOut


T = TypeVar("T", bound="RequesterOut")


@_attrs_define
class RequesterOut:
    """A person who sent the platform a request, as the registry knows them now: who they are,
    for whom, where they stand and who verified them; with the spray signal on
    `GET /v1/requesters/{person_id}` (numbers only, never which platforms).

        Attributes:
            person_id (str):
            name (str):
            roles (list[PersonRole]):
            status (PersonStatus):
            organisation (RequesterOrganisationOut):
            title (None | str | Unset):
            verified_at (datetime.datetime | None | Unset):
            verified_by (None | str | Unset): The name of the administrator who verified them
            reverify_by (datetime.datetime | None | Unset):
            verification_line (None | str | Unset): Their agency's 24/7 line, from the registry
            emergency_platforms_24h (int | None | Unset): How many platforms their emergency requests reached in the last 24
                hours
            emergency_platforms_30d (int | None | Unset): How many platforms their emergency requests reached in the last 30
                days
            fraud_reports (int | None | Unset): How many of their requests platforms reported as fraudulent
    """

    person_id: str
    name: str
    roles: list[PersonRole]
    status: PersonStatus
    organisation: RequesterOrganisationOut
    title: None | str | Unset = UNSET
    verified_at: datetime.datetime | None | Unset = UNSET
    verified_by: None | str | Unset = UNSET
    reverify_by: datetime.datetime | None | Unset = UNSET
    verification_line: None | str | Unset = UNSET
    emergency_platforms_24h: int | None | Unset = UNSET
    emergency_platforms_30d: int | None | Unset = UNSET
    fraud_reports: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        person_id = self.person_id

        name = self.name

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        status = self.status.value

        organisation = self.organisation.to_dict()

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

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

        reverify_by: None | str | Unset
        if isinstance(self.reverify_by, Unset):
            reverify_by = UNSET
        elif isinstance(self.reverify_by, datetime.datetime):
            reverify_by = self.reverify_by.isoformat()
        else:
            reverify_by = self.reverify_by

        verification_line: None | str | Unset
        if isinstance(self.verification_line, Unset):
            verification_line = UNSET
        else:
            verification_line = self.verification_line

        emergency_platforms_24h: int | None | Unset
        if isinstance(self.emergency_platforms_24h, Unset):
            emergency_platforms_24h = UNSET
        else:
            emergency_platforms_24h = self.emergency_platforms_24h

        emergency_platforms_30d: int | None | Unset
        if isinstance(self.emergency_platforms_30d, Unset):
            emergency_platforms_30d = UNSET
        else:
            emergency_platforms_30d = self.emergency_platforms_30d

        fraud_reports: int | None | Unset
        if isinstance(self.fraud_reports, Unset):
            fraud_reports = UNSET
        else:
            fraud_reports = self.fraud_reports

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "person_id": person_id,
                "name": name,
                "roles": roles,
                "status": status,
                "organisation": organisation,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if verified_at is not UNSET:
            field_dict["verified_at"] = verified_at
        if verified_by is not UNSET:
            field_dict["verified_by"] = verified_by
        if reverify_by is not UNSET:
            field_dict["reverify_by"] = reverify_by
        if verification_line is not UNSET:
            field_dict["verification_line"] = verification_line
        if emergency_platforms_24h is not UNSET:
            field_dict["emergency_platforms_24h"] = emergency_platforms_24h
        if emergency_platforms_30d is not UNSET:
            field_dict["emergency_platforms_30d"] = emergency_platforms_30d
        if fraud_reports is not UNSET:
            field_dict["fraud_reports"] = fraud_reports

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.requester_organisation_out import RequesterOrganisationOut

        d = dict(src_dict)
        person_id = d.pop("person_id")

        name = d.pop("name")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = PersonRole(roles_item_data)

            roles.append(roles_item)

        status = PersonStatus(d.pop("status"))

        organisation = RequesterOrganisationOut.from_dict(d.pop("organisation"))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

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

        def _parse_verification_line(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verification_line = _parse_verification_line(d.pop("verification_line", UNSET))

        def _parse_emergency_platforms_24h(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        emergency_platforms_24h = _parse_emergency_platforms_24h(
            d.pop("emergency_platforms_24h", UNSET)
        )

        def _parse_emergency_platforms_30d(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        emergency_platforms_30d = _parse_emergency_platforms_30d(
            d.pop("emergency_platforms_30d", UNSET)
        )

        def _parse_fraud_reports(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fraud_reports = _parse_fraud_reports(d.pop("fraud_reports", UNSET))

        requester_out = cls(
            person_id=person_id,
            name=name,
            roles=roles,
            status=status,
            organisation=organisation,
            title=title,
            verified_at=verified_at,
            verified_by=verified_by,
            reverify_by=reverify_by,
            verification_line=verification_line,
            emergency_platforms_24h=emergency_platforms_24h,
            emergency_platforms_30d=emergency_platforms_30d,
            fraud_reports=fraud_reports,
        )

        requester_out.additional_properties = d
        return requester_out

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
