from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryOut")


@_attrs_define
class DeliveryOut:
    """
    Attributes:
        webhook (None | str | Unset):
        event_bus_arn (None | str | Unset):
        queue_arn (None | str | Unset):
    """

    webhook: None | str | Unset = UNSET
    event_bus_arn: None | str | Unset = UNSET
    queue_arn: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        webhook: None | str | Unset
        if isinstance(self.webhook, Unset):
            webhook = UNSET
        else:
            webhook = self.webhook

        event_bus_arn: None | str | Unset
        if isinstance(self.event_bus_arn, Unset):
            event_bus_arn = UNSET
        else:
            event_bus_arn = self.event_bus_arn

        queue_arn: None | str | Unset
        if isinstance(self.queue_arn, Unset):
            queue_arn = UNSET
        else:
            queue_arn = self.queue_arn

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if webhook is not UNSET:
            field_dict["webhook"] = webhook
        if event_bus_arn is not UNSET:
            field_dict["event_bus_arn"] = event_bus_arn
        if queue_arn is not UNSET:
            field_dict["queue_arn"] = queue_arn

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_webhook(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook = _parse_webhook(d.pop("webhook", UNSET))

        def _parse_event_bus_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_bus_arn = _parse_event_bus_arn(d.pop("event_bus_arn", UNSET))

        def _parse_queue_arn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        queue_arn = _parse_queue_arn(d.pop("queue_arn", UNSET))

        delivery_out = cls(
            webhook=webhook,
            event_bus_arn=event_bus_arn,
            queue_arn=queue_arn,
        )

        delivery_out.additional_properties = d
        return delivery_out

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
