from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryIn")


@_attrs_define
class DeliveryIn:
    """
    Attributes:
        webhook (None | str | Unset): Where its events are posted, signed
        event_bus_arn (None | str | Unset): An EventBridge bus in its own AWS account its events are put on
        queue_arn (None | str | Unset): An SQS queue in its own AWS account its events are sent to
    """

    webhook: None | str | Unset = UNSET
    event_bus_arn: None | str | Unset = UNSET
    queue_arn: None | str | Unset = UNSET

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

        delivery_in = cls(
            webhook=webhook,
            event_bus_arn=event_bus_arn,
            queue_arn=queue_arn,
        )

        return delivery_in
