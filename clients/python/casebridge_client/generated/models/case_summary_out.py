from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status import CaseStatus
from ..models.tlp import Tlp

T = TypeVar("T", bound="CaseSummaryOut")


@_attrs_define
class CaseSummaryOut:
    """
    Attributes:
        case_id (str):
        title (str):
        status (CaseStatus):
        tlp (Tlp): Traffic Light Protocol 2.0 markings.
        owner (str):
        role (str): owner or participant
        updated_at (datetime.datetime):
    """

    case_id: str
    title: str
    status: CaseStatus
    tlp: Tlp
    owner: str
    role: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        title = self.title

        status = self.status.value

        tlp = self.tlp.value

        owner = self.owner

        role = self.role

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_id": case_id,
                "title": title,
                "status": status,
                "tlp": tlp,
                "owner": owner,
                "role": role,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        case_id = d.pop("case_id")

        title = d.pop("title")

        status = CaseStatus(d.pop("status"))

        tlp = Tlp(d.pop("tlp"))

        owner = d.pop("owner")

        role = d.pop("role")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        case_summary_out = cls(
            case_id=case_id,
            title=title,
            status=status,
            tlp=tlp,
            owner=owner,
            role=role,
            updated_at=updated_at,
        )

        case_summary_out.additional_properties = d
        return case_summary_out

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
