"""Where an organisation's events go besides its feed, and how one event becomes one delivery per
recipient and channel: the fan-out that lets a retry reach only the recipient it failed for.

Every organisation has the feed (`GET /v1/events`). Its delivery settings may add a signed
webhook, its own EventBridge bus and/or its own SQS queue, both in its own AWS account. The
settings are read per event through `DeliverySettingsLookup`, never built into the template:
onboarding an organisation or changing where it receives needs no deploy.

The bus's one rule puts each event on the delivery queue. The delivery function turns it into
one `Delivery` per recipient and channel (`fan_out`), sent back onto the same queue; each is
then attempted, retried and given up on alone. Nothing here knows AWS.

Example:
    >>> settings = {"DEA": DeliverySettings(webhook="https://dea.example/hook")}
    >>> event = {"detail-type": "Case Opened", "detail": {"id": "e1", "recipients": ["DEA", "META"]}}
    >>> [(d.org, d.channel) for d in fan_out(event, settings.get)]
    [('DEA', 'webhook')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

#: An EventBridge bus in the organisation's account: `arn:aws:events:<region>:<account>:event-bus/<name>`.
EVENT_BUS_ARN = r"^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus/[\w.\-/]+$"
#: An SQS queue in the organisation's account: `arn:aws:sqs:<region>:<account>:<name>`.
QUEUE_ARN = r"^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w\-]+(\.fifo)?$"


class Channel(StrEnum):
    """A way an event reaches an organisation besides its feed."""

    WEBHOOK = "webhook"
    EVENT_BUS = "event_bus"
    QUEUE = "queue"


@dataclass(frozen=True)
class DeliverySettings:
    """An organisation's delivery settings: any, all or none of its channels.

    `webhook_secret`: the Secrets Manager secret signing its webhook, when it is not the one
    named by convention (`Topology.webhook_secret_name`).
    """

    webhook: str | None = None
    webhook_secret: str | None = None
    event_bus_arn: str | None = None
    queue_arn: str | None = None

    def __post_init__(self) -> None:
        if self.event_bus_arn is not None and not re.match(EVENT_BUS_ARN, self.event_bus_arn):
            raise ValueError(f"not an event bus ARN: {self.event_bus_arn!r}")
        if self.queue_arn is not None and not re.match(QUEUE_ARN, self.queue_arn):
            raise ValueError(f"not an SQS queue ARN: {self.queue_arn!r}")

    @property
    def channels(self) -> tuple[Channel, ...]:
        configured = {
            Channel.WEBHOOK: self.webhook,
            Channel.EVENT_BUS: self.event_bus_arn,
            Channel.QUEUE: self.queue_arn,
        }
        return tuple(channel for channel, where in configured.items() if where)


#: The port to the registry: an organisation's delivery settings, or None for the feed alone.
#: `chalicelib.delivery.RegistryDeliverySettings`: the organisation's registry entry, read
#: through the directory, unless the stage environment overrides it.
DeliverySettingsLookup = Callable[[str], DeliverySettings | None]


@dataclass(frozen=True)
class Delivery:
    """One event to one recipient over one channel: a message of the delivery queue of its own."""

    org: str
    channel: Channel
    #: The EventBridge event as the bus's rule delivered it (`detail-type`, `detail`, …).
    event: dict[str, Any]

    @property
    def key(self) -> tuple[str, Channel]:
        """Deliveries with the same key wait for the same endpoint: one that is down stops them all."""
        return (self.org, self.channel)

    def to_message(self) -> str:
        return json.dumps({"deliver": {"org": self.org, "channel": self.channel.value}, "event": self.event})

    @classmethod
    def from_message(cls, body: str) -> Delivery | None:
        """The delivery a message holds, or None when it is an event still to fan out."""
        message = json.loads(body)
        if "deliver" not in message:
            return None
        return cls(message["deliver"]["org"], Channel(message["deliver"]["channel"]), message["event"])


def fan_out(event: dict[str, Any], lookup: DeliverySettingsLookup) -> list[Delivery]:
    """One delivery per recipient of `event` and channel in its settings; a recipient with no
    settings reads its feed only."""
    deliveries: list[Delivery] = []
    for org in dict.fromkeys(event.get("detail", {}).get("recipients", [])):
        settings = lookup(org)
        if settings is not None:
            deliveries.extend(Delivery(org, channel, event) for channel in settings.channels)
    return deliveries
