from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FraudReportOut")


@_attrs_define
class FraudReportOut:
    """A platform's report of a request as fraudulent: told at once to the requester's
    organisation and the operator (`Requester Reported`).

        Attributes:
            person_id (str):
            org (str):
            platform (str):
            request_id (str):
            reason (str):
            reported_at (datetime.datetime):
    """

    person_id: str
    org: str
    platform: str
    request_id: str
    reason: str
    reported_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        person_id = self.person_id

        org = self.org

        platform = self.platform

        request_id = self.request_id

        reason = self.reason

        reported_at = self.reported_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "person_id": person_id,
                "org": org,
                "platform": platform,
                "request_id": request_id,
                "reason": reason,
                "reported_at": reported_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        person_id = d.pop("person_id")

        org = d.pop("org")

        platform = d.pop("platform")

        request_id = d.pop("request_id")

        reason = d.pop("reason")

        reported_at = datetime.datetime.fromisoformat(d.pop("reported_at"))

        fraud_report_out = cls(
            person_id=person_id,
            org=org,
            platform=platform,
            request_id=request_id,
            reason=reason,
            reported_at=reported_at,
        )

        fraud_report_out.additional_properties = d
        return fraud_report_out

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
