from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferralCreate")


@_attrs_define
class ReferralCreate:
    """
    Attributes:
        to_org (str): A registry code, e.g. HSI
        reason (str):
        priority (Priority | Unset):
        respond_by (datetime.datetime | None | Unset): Defaults by priority: routine 14 days, priority 3 days, urgent 24
            hours
    """

    to_org: str
    reason: str
    priority: Priority | Unset = UNSET
    respond_by: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        to_org = self.to_org

        reason = self.reason

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        respond_by: None | str | Unset
        if isinstance(self.respond_by, Unset):
            respond_by = UNSET
        elif isinstance(self.respond_by, datetime.datetime):
            respond_by = self.respond_by.isoformat()
        else:
            respond_by = self.respond_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to_org": to_org,
                "reason": reason,
            }
        )
        if priority is not UNSET:
            field_dict["priority"] = priority
        if respond_by is not UNSET:
            field_dict["respond_by"] = respond_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to_org = d.pop("to_org")

        reason = d.pop("reason")

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = Priority(_priority)

        def _parse_respond_by(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                respond_by_type_0 = datetime.datetime.fromisoformat(data)

                return respond_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        respond_by = _parse_respond_by(d.pop("respond_by", UNSET))

        referral_create = cls(
            to_org=to_org,
            reason=reason,
            priority=priority,
            respond_by=respond_by,
        )

        return referral_create
