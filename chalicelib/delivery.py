"""Delivers each event to each recipient's webhook, EventBridge bus and SQS queue: the delivery
function, reading the one delivery queue that the bus's one rule fills.

A message of the queue is either an event, as the rule put it there, or one `Delivery` (an
event, a recipient, a channel). An event is fanned out (`domain.delivery.fan_out`, against each
recipient's settings read now) into deliveries sent back onto the same queue; the event is then
done. A delivery is attempted alone: a failed one is given back with its visibility set to the
next `backoff`, so a retry reaches only the recipient and channel it failed for; one older than
`GIVE_UP_AFTER` goes to the dead-letter queue. Within a batch, deliveries behind an endpoint that
could not be reached wait with it (`Delivery.key`).

- webhook: signed (Standard Webhooks, `domain.webhooks`) and posted by `webhooks.Poster`;
- event bus: `PutEvents` to the bus ARN the organisation registered, in its account, whose
  resource policy lets this function's role put events (docs/events/webhooks.md);
- queue: `SendMessage` of the event, as the bus delivered it, to the queue the organisation
  registered, whose queue policy lets this function's role send.

Delivery is at least once: a fan-out sent in part is sent again whole, and a receiver may get an
event twice; it de-duplicates on the event's `id` (`webhook-id` for a webhook).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain.delivery import Channel, Delivery, DeliverySettings, DeliverySettingsLookup, fan_out
from chalicelib.domain.organisations import Directory
from chalicelib.domain.webhooks import GIVE_UP_AFTER, backoff, payload, signed_headers
from chalicelib.observability import logger
from chalicelib.webhooks import Poster, RefusedEndpoint, Send, SigningSecrets

DONE, FAILED, UNREACHABLE = "done", "failed", "unreachable"


class Unreachable(OSError):
    """An organisation's bus or queue refused or could not take the event (no permission, gone)."""


class Queues(Protocol):
    """The delivery queue itself: fan-outs onto it, postponed attempts, dead letters."""

    def send(self, queue_arn: str, bodies: list[str]) -> None: ...

    def postpone(self, queue_arn: str, receipt: str, delay: timedelta) -> None: ...

    def dead_letter(self, queue_arn: str, body: str) -> None: ...


class Targets(Protocol):
    """The organisations' own buses and queues, in their accounts; raise `Unreachable`."""

    def put_event(self, bus_arn: str, event: dict[str, Any]) -> None: ...

    def send_message(self, queue_arn: str, body: str) -> None: ...


@dataclass
class NotificationDelivery:
    #: An organisation's delivery settings, read for each event and again for each attempt.
    settings: DeliverySettingsLookup
    secrets: SigningSecrets
    queues: Queues
    targets: Targets
    #: AWS's rules by default: https to the public internet only.
    send: Send = field(default_factory=Poster)

    def handle(self, records: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
        """An SQS batch of the delivery queue, as Lambda hands it over; a partial batch response."""
        failed: list[str] = []
        unreachable: set[tuple[str, Channel]] = set()
        for record in records:
            delivery = Delivery.from_message(record["body"])
            if delivery is None:
                outcome = self._fan_out(record)
            else:
                outcome = self._attempt(record, delivery, now, skip=delivery.key in unreachable)
                if outcome is UNREACHABLE:
                    unreachable.add(delivery.key)
            if outcome is not DONE:
                failed.append(record["messageId"])
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    def _fan_out(self, record: dict[str, Any]) -> str:
        """One event: a delivery per recipient and channel, onto the queue it came from."""
        deliveries = fan_out(json.loads(record["body"]), self.settings)
        try:
            if deliveries:
                self.queues.send(record["eventSourceARN"], [delivery.to_message() for delivery in deliveries])
        except OSError as error:  # tried again whole: a receiver de-duplicates on the event's id
            logger.warning("fan-out failed", extra={"message_id": record["messageId"], "error": str(error)})
            return FAILED
        return DONE

    def _attempt(self, record: dict[str, Any], delivery: Delivery, now: datetime, *, skip: bool) -> str:
        """One delivery: done, or dead-lettered after a day of trying (`DONE`); or given back
        for its next attempt (`FAILED`, `UNREACHABLE`)."""
        queue_arn, org, channel = record["eventSourceARN"], delivery.org, delivery.channel.value
        attributes = record.get("attributes", {})
        sent = datetime.fromtimestamp(int(attributes.get("SentTimestamp", "0")) / 1000, UTC)
        if now - sent > GIVE_UP_AFTER:
            self.queues.dead_letter(queue_arn, record["body"])
            logger.warning("delivery given up", extra={"org": org, "channel": channel, "id": record["messageId"]})
            return DONE
        settings = self.settings(org)
        if settings is None or delivery.channel not in settings.channels:
            logger.info("delivery dropped: no longer a channel of the organisation", extra={"org": org})
            return DONE
        outcome, status = UNREACHABLE, None
        if not skip:
            try:
                status = self._deliver(delivery, settings, now)
            except RefusedEndpoint as error:
                logger.warning("webhook endpoint refused", extra={"org": org, "error": str(error)})
            except OSError as error:
                logger.warning("delivery unreachable", extra={"org": org, "channel": channel, "error": str(error)})
            except (ClientError, BotoCoreError) as error:
                # Its signing secret missing, its bus or queue refusing us: this delivery's
                # failure alone, tried again later; the batch's other deliveries stand.
                logger.warning("delivery refused by AWS", extra={"org": org, "channel": channel, "error": str(error)})
                outcome = FAILED
            else:
                if 200 <= status < 300:
                    return DONE
                if 300 <= status < 400:  # the signed request goes nowhere but where it was configured
                    logger.warning("webhook redirect not followed", extra={"org": org, "status": status})
                outcome = FAILED
        attempt = int(attributes.get("ApproximateReceiveCount", "1"))
        self.queues.postpone(queue_arn, record["receiptHandle"], backoff(attempt))
        logger.info("delivery failed", extra={"org": org, "channel": channel, "status": status, "attempt": attempt})
        return outcome

    def _deliver(self, delivery: Delivery, settings: DeliverySettings, now: datetime) -> int:
        """One attempt; an HTTP-like status (a bus or queue that took the event is a 200)."""
        event = delivery.event
        if delivery.channel is Channel.WEBHOOK:
            detail = event["detail"]
            body = payload(event["detail-type"], detail)
            secret = settings.webhook_secret or ""
            headers = signed_headers(detail["id"], body, self.secrets.current(secret), now)
            return self.send(settings.webhook or "", body, headers)
        if delivery.channel is Channel.EVENT_BUS:
            self.targets.put_event(settings.event_bus_arn or "", event)
        else:
            self.targets.send_message(settings.queue_arn or "", json.dumps(event))
        return 200


def _queue_name(queue_arn: str) -> str:
    return queue_arn.rsplit(":", 1)[-1]


def queue_url_of(queue_arn: str) -> str:
    """`arn:aws:sqs:<region>:<account>:<name>` → its URL, in whichever account it is."""
    _, partition, _, region, account, name = queue_arn.split(":", 5)
    domain = "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com"
    return f"https://sqs.{region}.{domain}/{account}/{name}"


def _region_and_account(arn: str) -> tuple[str, str]:
    parts = arn.split(":", 5)
    return parts[3], parts[4]


#: A client of `service` in `region`, for calls to resources of `account` (the function's own
#: credentials in AWS; offline, moto needs the account's own: `devtools.accounts`).
ClientFor = Callable[[str, str, str], Any]


def _own_role(service: str, region: str, account: str) -> Any:
    import boto3

    return boto3.client(service, region_name=region)


@dataclass
class SqsQueues:
    """The delivery queue: fan-outs in batches of ten, postponement through the message's
    visibility, dead letters to `<queue>-dlq`."""

    client: Any = None
    _urls: dict[str, str] = field(default_factory=dict)

    def _sqs(self) -> Any:
        if self.client is None:
            import boto3

            self.client = boto3.client("sqs")
        return self.client

    def _url(self, queue_name: str) -> str:
        if queue_name not in self._urls:
            self._urls[queue_name] = self._sqs().get_queue_url(QueueName=queue_name)["QueueUrl"]
        return self._urls[queue_name]

    def send(self, queue_arn: str, bodies: list[str]) -> None:
        url = self._url(_queue_name(queue_arn))
        for start in range(0, len(bodies), 10):
            entries = [{"Id": str(n), "MessageBody": body} for n, body in enumerate(bodies[start : start + 10])]
            answer = self._sqs().send_message_batch(QueueUrl=url, Entries=entries)
            if answer.get("Failed"):
                raise OSError(f"{len(answer['Failed'])} of {len(entries)} deliveries not queued")

    def postpone(self, queue_arn: str, receipt: str, delay: timedelta) -> None:
        url = self._url(_queue_name(queue_arn))
        self._sqs().change_message_visibility(
            QueueUrl=url, ReceiptHandle=receipt, VisibilityTimeout=int(delay.total_seconds())
        )

    def dead_letter(self, queue_arn: str, body: str) -> None:
        self._sqs().send_message(QueueUrl=self._url(_queue_name(queue_arn) + "-dlq"), MessageBody=body)


@dataclass
class AwsTargets:
    """The organisations' buses and queues, reached with the function's own role: each one's
    resource policy must let that role in (docs/events/webhooks.md)."""

    client_for: ClientFor = _own_role
    _clients: dict[tuple[str, str, str], Any] = field(default_factory=dict)

    def _client(self, service: str, arn: str) -> Any:
        key = (service, *_region_and_account(arn))
        if key not in self._clients:
            self._clients[key] = self.client_for(*key)
        return self._clients[key]

    def put_event(self, bus_arn: str, event: dict[str, Any]) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        entry = {
            "EventBusName": bus_arn,
            "Source": event["source"],
            "DetailType": event["detail-type"],
            "Detail": json.dumps(event["detail"]),
            "Resources": event.get("resources", []),
        }
        try:
            answer = self._client("events", bus_arn).put_events(Entries=[entry])
        except (BotoCoreError, ClientError) as error:
            raise Unreachable(str(error)) from error
        if answer.get("FailedEntryCount"):
            failure = answer["Entries"][0]
            raise Unreachable(f"{failure.get('ErrorCode')}: {failure.get('ErrorMessage')}")

    def send_message(self, queue_arn: str, body: str) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._client("sqs", queue_arn).send_message(QueueUrl=queue_url_of(queue_arn), MessageBody=body)
        except (BotoCoreError, ClientError) as error:
            raise Unreachable(str(error)) from error


def stage_delivery_settings(org: str) -> DeliverySettings | None:
    """The stage environment's override (`CASEBRIDGE_WEBHOOKS`, `CASEBRIDGE_EVENT_BUSES`,
    `CASEBRIDGE_QUEUES`): for the local stack and tests, and for a stage file not yet moved to
    the registry (docs/operating/migrating-notifications.md). None for an organisation it does
    not name, whose settings are then its registry entry's (`RegistryDeliverySettings`)."""
    from chalicelib.settings import settings
    from chalicelib.topology import topology

    config = settings()
    webhook, bus, queue = config.webhooks.get(org), config.event_buses.get(org), config.queues.get(org)
    if webhook is None and bus is None and queue is None:
        return None
    return DeliverySettings(
        webhook=webhook.endpoint if webhook else None,
        webhook_secret=webhook.secret_name(topology(config.stage), org) if webhook else None,
        event_bus_arn=bus,
        queue_arn=queue,
    )


def _no_override(org: str) -> DeliverySettings | None:
    return None


@dataclass
class RegistryDeliverySettings:
    """`DeliverySettingsLookup`: an active organisation's delivery settings as its registry
    entry holds them (`domain.organisations.Delivery`), read through the directory, which keeps
    an entry at most a minute: a warm function reads them with no round trip, and a change
    reaches it within that minute. Its webhook is signed with the secret named by convention
    (`secret_name`, `Topology.webhook_secret_name`). A suspended organisation receives nothing.

    `override`: settings that win over the registry's for the active organisations it names
    (the stage environment, `stage_delivery_settings`)."""

    directory: Directory
    secret_name: Callable[[str], str]
    override: DeliverySettingsLookup = _no_override

    def __call__(self, org: str) -> DeliverySettings | None:
        found = self.directory.get(org)
        if found is None or not found.is_active:
            return None  # whatever the stage's override names: a suspension stops every delivery
        overridden = self.override(org)
        if overridden is not None:
            return overridden
        where = found.delivery
        if where.webhook is None and where.event_bus_arn is None and where.queue_arn is None:
            return None
        return DeliverySettings(
            webhook=where.webhook,
            webhook_secret=self.secret_name(org) if where.webhook else None,
            event_bus_arn=where.event_bus_arn,
            queue_arn=where.queue_arn,
        )
