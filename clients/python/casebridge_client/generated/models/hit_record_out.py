from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hit_reason import HitReason

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.identifier_value import IdentifierValue


T = TypeVar("T", bound="HitRecordOut")


@_attrs_define
class HitRecordOut:
    """
    Attributes:
        hit_id (str):
        at (datetime.datetime):
        reason (HitReason):
        case_id (None | str): Your case that holds the identifier, if any
        identifier (IdentifierValue | None):
        other_org (str):
        other_contact (Contact):
    """

    hit_id: str
    at: datetime.datetime
    reason: HitReason
    case_id: None | str
    identifier: IdentifierValue | None
    other_org: str
    other_contact: Contact
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.identifier_value import IdentifierValue

        hit_id = self.hit_id

        at = self.at.isoformat()

        reason = self.reason.value

        case_id: None | str
        case_id = self.case_id

        identifier: dict[str, Any] | None
        if isinstance(self.identifier, IdentifierValue):
            identifier = self.identifier.to_dict()
        else:
            identifier = self.identifier

        other_org = self.other_org

        other_contact = self.other_contact.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hit_id": hit_id,
                "at": at,
                "reason": reason,
                "case_id": case_id,
                "identifier": identifier,
                "other_org": other_org,
                "other_contact": other_contact,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.identifier_value import IdentifierValue

        d = dict(src_dict)
        hit_id = d.pop("hit_id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        reason = HitReason(d.pop("reason"))

        def _parse_case_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        case_id = _parse_case_id(d.pop("case_id"))

        def _parse_identifier(data: object) -> IdentifierValue | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                identifier_type_0 = IdentifierValue.from_dict(data)

                return identifier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IdentifierValue | None, data)

        identifier = _parse_identifier(d.pop("identifier"))

        other_org = d.pop("other_org")

        other_contact = Contact.from_dict(d.pop("other_contact"))

        hit_record_out = cls(
            hit_id=hit_id,
            at=at,
            reason=reason,
            case_id=case_id,
            identifier=identifier,
            other_org=other_org,
            other_contact=other_contact,
        )

        hit_record_out.additional_properties = d
        return hit_record_out

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
