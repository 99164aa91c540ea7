from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.priority import Priority
from ..models.referral_status import ReferralStatus
from ..models.tlp import Tlp
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferralOut")


@_attrs_define
class ReferralOut:
    """
    Attributes:
        referral_id (str):
        case_id (str):
        from_org (str):
        to_org (str):
        reason (str):
        priority (Priority):
        respond_by (datetime.datetime):
        status (ReferralStatus):
        created_at (datetime.datetime):
        created_by (str):
        case_title (None | str | Unset): Fresh on reads of one referral by a participant, or by the receiver while it is
            pending; otherwise as it was while the receiver could still receive the case. In lists, as of the stream's last
            pass
        tlp (None | Tlp | Unset): The case's TLP marking, likewise
        decided_at (datetime.datetime | None | Unset):
        decided_by (None | str | Unset):
        decline_reason (None | str | Unset):
        withdraw_reason (None | str | Unset): Set when casebridge withdrew it: the case was re-marked or closed while
            pending
    """

    referral_id: str
    case_id: str
    from_org: str
    to_org: str
    reason: str
    priority: Priority
    respond_by: datetime.datetime
    status: ReferralStatus
    created_at: datetime.datetime
    created_by: str
    case_title: None | str | Unset = UNSET
    tlp: None | Tlp | Unset = UNSET
    decided_at: datetime.datetime | None | Unset = UNSET
    decided_by: None | str | Unset = UNSET
    decline_reason: None | str | Unset = UNSET
    withdraw_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        referral_id = self.referral_id

        case_id = self.case_id

        from_org = self.from_org

        to_org = self.to_org

        reason = self.reason

        priority = self.priority.value

        respond_by = self.respond_by.isoformat()

        status = self.status.value

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        case_title: None | str | Unset
        if isinstance(self.case_title, Unset):
            case_title = UNSET
        else:
            case_title = self.case_title

        tlp: None | str | Unset
        if isinstance(self.tlp, Unset):
            tlp = UNSET
        elif isinstance(self.tlp, Tlp):
            tlp = self.tlp.value
        else:
            tlp = self.tlp

        decided_at: None | str | Unset
        if isinstance(self.decided_at, Unset):
            decided_at = UNSET
        elif isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str | Unset
        if isinstance(self.decided_by, Unset):
            decided_by = UNSET
        else:
            decided_by = self.decided_by

        decline_reason: None | str | Unset
        if isinstance(self.decline_reason, Unset):
            decline_reason = UNSET
        else:
            decline_reason = self.decline_reason

        withdraw_reason: None | str | Unset
        if isinstance(self.withdraw_reason, Unset):
            withdraw_reason = UNSET
        else:
            withdraw_reason = self.withdraw_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "referral_id": referral_id,
                "case_id": case_id,
                "from_org": from_org,
                "to_org": to_org,
                "reason": reason,
                "priority": priority,
                "respond_by": respond_by,
                "status": status,
                "created_at": created_at,
                "created_by": created_by,
            }
        )
        if case_title is not UNSET:
            field_dict["case_title"] = case_title
        if tlp is not UNSET:
            field_dict["tlp"] = tlp
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if decided_by is not UNSET:
            field_dict["decided_by"] = decided_by
        if decline_reason is not UNSET:
            field_dict["decline_reason"] = decline_reason
        if withdraw_reason is not UNSET:
            field_dict["withdraw_reason"] = withdraw_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        referral_id = d.pop("referral_id")

        case_id = d.pop("case_id")

        from_org = d.pop("from_org")

        to_org = d.pop("to_org")

        reason = d.pop("reason")

        priority = Priority(d.pop("priority"))

        respond_by = datetime.datetime.fromisoformat(d.pop("respond_by"))

        status = ReferralStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        def _parse_case_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_title = _parse_case_title(d.pop("case_title", UNSET))

        def _parse_tlp(data: object) -> None | Tlp | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tlp_type_0 = Tlp(data)

                return tlp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tlp | Unset, data)

        tlp = _parse_tlp(d.pop("tlp", UNSET))

        def _parse_decided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        decided_at = _parse_decided_at(d.pop("decided_at", UNSET))

        def _parse_decided_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decided_by = _parse_decided_by(d.pop("decided_by", UNSET))

        def _parse_decline_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decline_reason = _parse_decline_reason(d.pop("decline_reason", UNSET))

        def _parse_withdraw_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        withdraw_reason = _parse_withdraw_reason(d.pop("withdraw_reason", UNSET))

        referral_out = cls(
            referral_id=referral_id,
            case_id=case_id,
            from_org=from_org,
            to_org=to_org,
            reason=reason,
            priority=priority,
            respond_by=respond_by,
            status=status,
            created_at=created_at,
            created_by=created_by,
            case_title=case_title,
            tlp=tlp,
            decided_at=decided_at,
            decided_by=decided_by,
            decline_reason=decline_reason,
            withdraw_reason=withdraw_reason,
        )

        referral_out.additional_properties = d
        return referral_out

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
