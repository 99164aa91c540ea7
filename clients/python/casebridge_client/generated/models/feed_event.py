from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_detail import EventDetail


T = TypeVar("T", bound="FeedEvent")


@_attrs_define
class FeedEvent:
    """An event as it went on the bus: the same `id` and `detail`.

    Attributes:
        id (str):
        detail_type (str):
        occurred_at (datetime.datetime):
        detail (EventDetail): An event's `detail`, as on the bus: references, never content. Which fields an event
            carries depends on its detail-type (`events/schemas/<detail-type>.json` says exactly).
    """

    id: str
    detail_type: str
    occurred_at: datetime.datetime
    detail: EventDetail
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        detail_type = self.detail_type

        occurred_at = self.occurred_at.isoformat()

        detail = self.detail.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "detail_type": detail_type,
                "occurred_at": occurred_at,
                "detail": detail,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_detail import EventDetail

        d = dict(src_dict)
        id = d.pop("id")

        detail_type = d.pop("detail_type")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        detail = EventDetail.from_dict(d.pop("detail"))

        feed_event = cls(
            id=id,
            detail_type=detail_type,
            occurred_at=occurred_at,
            detail=detail,
        )

        feed_event.additional_properties = d
        return feed_event

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
