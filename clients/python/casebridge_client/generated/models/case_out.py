from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status import CaseStatus
from ..models.tlp import Tlp

if TYPE_CHECKING:
    from ..models.contact import Contact


T = TypeVar("T", bound="CaseOut")


@_attrs_define
class CaseOut:
    """
    Attributes:
        case_id (str):
        title (str):
        summary (str):
        substances (list[str]):
        platforms (list[str]):
        jurisdiction (None | str):
        contact (Contact):
        tlp (Tlp): Traffic Light Protocol 2.0 markings.
        status (CaseStatus):
        owner (str):
        participants (list[str]):
        pending_referrals_to (list[str]):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        created_by (str):
    """

    case_id: str
    title: str
    summary: str
    substances: list[str]
    platforms: list[str]
    jurisdiction: None | str
    contact: Contact
    tlp: Tlp
    status: CaseStatus
    owner: str
    participants: list[str]
    pending_referrals_to: list[str]
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    created_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        title = self.title

        summary = self.summary

        substances = self.substances

        platforms = self.platforms

        jurisdiction: None | str
        jurisdiction = self.jurisdiction

        contact = self.contact.to_dict()

        tlp = self.tlp.value

        status = self.status.value

        owner = self.owner

        participants = self.participants

        pending_referrals_to = self.pending_referrals_to

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_id": case_id,
                "title": title,
                "summary": summary,
                "substances": substances,
                "platforms": platforms,
                "jurisdiction": jurisdiction,
                "contact": contact,
                "tlp": tlp,
                "status": status,
                "owner": owner,
                "participants": participants,
                "pending_referrals_to": pending_referrals_to,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "created_by": created_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact

        d = dict(src_dict)
        case_id = d.pop("case_id")

        title = d.pop("title")

        summary = d.pop("summary")

        substances = cast(list[str], d.pop("substances"))

        platforms = cast(list[str], d.pop("platforms"))

        def _parse_jurisdiction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction"))

        contact = Contact.from_dict(d.pop("contact"))

        tlp = Tlp(d.pop("tlp"))

        status = CaseStatus(d.pop("status"))

        owner = d.pop("owner")

        participants = cast(list[str], d.pop("participants"))

        pending_referrals_to = cast(list[str], d.pop("pending_referrals_to"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        created_by = d.pop("created_by")

        case_out = cls(
            case_id=case_id,
            title=title,
            summary=summary,
            substances=substances,
            platforms=platforms,
            jurisdiction=jurisdiction,
            contact=contact,
            tlp=tlp,
            status=status,
            owner=owner,
            participants=participants,
            pending_referrals_to=pending_referrals_to,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            created_by=created_by,
        )

        case_out.additional_properties = d
        return case_out

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
