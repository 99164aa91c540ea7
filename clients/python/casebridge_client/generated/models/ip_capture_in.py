from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.ip_capture_in_event import IpCaptureInEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="IpCaptureIn")


@_attrs_define
class IpCaptureIn:
    """
    Attributes:
        ip (str):
        at (datetime.datetime): RFC 3339 with offset, 2000 to 2100
        event (IpCaptureInEvent | Unset):  Default: IpCaptureInEvent.OTHER.
    """

    ip: str
    at: datetime.datetime
    event: IpCaptureInEvent | Unset = IpCaptureInEvent.OTHER

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        at = self.at.isoformat()

        event: str | Unset = UNSET
        if not isinstance(self.event, Unset):
            event = self.event.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ip": ip,
                "at": at,
            }
        )
        if event is not UNSET:
            field_dict["event"] = event

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ip = d.pop("ip")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        _event = d.pop("event", UNSET)
        event: IpCaptureInEvent | Unset
        if isinstance(_event, Unset):
            event = UNSET
        else:
            event = IpCaptureInEvent(_event)

        ip_capture_in = cls(
            ip=ip,
            at=at,
            event=event,
        )

        return ip_capture_in
