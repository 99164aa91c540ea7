"""Delivers each organisation's events to its webhook, signed (Standard Webhooks).

Each organisation with a webhook has a queue of its own, fed by its rule on the bus beside its
notification queue; the delivery function reads each queue through its own event source
mapping (in AWS, with a concurrency of its own), so an endpoint that is down or slow holds
up only its own organisation's deliveries. A batch stops trying at its first endpoint that
cannot be reached: its other messages wait for the same backoff.

A message is the EventBridge event as the rule delivered it. A failed attempt (no answer in
`TIMEOUT`, or a status outside 2xx) is given back with its visibility set to the next
`backoff`, and signed anew when it comes round; one older than `GIVE_UP_AFTER` goes to the
organisation's webhook dead-letter queue instead. A receiver may get an event twice (a
delivery it answered too late): it de-duplicates on `webhook-id`.

The POST itself (`Poster`) never follows a redirect (a 3xx is a failed attempt like any
other), and goes only where `domain.webhooks` allows: it resolves the endpoint's host once,
refuses it if any address is not the public internet's, and connects to an address it
checked, so a DNS answer that changes after the check (rebinding) cannot move the request;
TLS still verifies the certificate against the host name (SNI and name check).
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import json
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

from chalicelib.domain.webhooks import (
    GIVE_UP_AFTER,
    TIMEOUT,
    backoff,
    endpoint_refusal,
    may_deliver_to,
    payload,
    signed_headers,
)
from chalicelib.observability import logger

#: Sends one delivery; the HTTP status, or OSError when the endpoint cannot be reached.
Send = Callable[[str, str, Mapping[str, str]], int]
DONE, FAILED, UNREACHABLE = "done", "failed", "unreachable"
#: How long a secret's value is used before it is read again (a rotation reaches every function).
SECRET_CACHE = timedelta(minutes=5)


@dataclass(frozen=True)
class Endpoint:
    """An organisation's webhook: where it is, and the Secrets Manager secret holding its signing secrets."""

    org: str
    url: str
    secret: str


class Queues(Protocol):
    def postpone(self, queue_arn: str, receipt: str, delay: timedelta) -> None: ...

    def dead_letter(self, queue_arn: str, body: str) -> None: ...


class SigningSecrets(Protocol):
    def current(self, secret: str) -> list[str]: ...


class RefusedEndpoint(OSError):
    """An endpoint a delivery will not connect to (`domain.webhooks`): tried again like an
    unreachable one, and logged, until it is fixed or the event is dead-lettered."""


#: A host's addresses, in the order to try them.
Resolve = Callable[[str, int], list[str]]
#: A TCP connection to one address (`socket.create_connection`'s signature).
Connect = Callable[[tuple[str, int], float], socket.socket]


def addresses_of(host: str, port: int) -> list[str]:
    """Every address DNS (or the literal) gives for `host`, once each, in the resolver's order."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in found))


@functools.cache
def _system_tls() -> ssl.SSLContext:
    """The system's certificate authorities, loaded once per cold start, not per delivery."""
    return ssl.create_default_context()


@dataclass(frozen=True)
class Poster:
    """One delivery's HTTP POST, with the standard library only (nothing more in the bundle).

    Resolves the host once, checks every address (`may_deliver_to`), then connects to a
    checked address itself: no second lookup happens between the check and the connection.
    The TLS handshake names the host (SNI) and verifies the certificate against it, as if
    the connection had been made by name. `http.client` follows no redirect; its status is
    the answer. `local`: the local stage, which may also deliver to the laptop (over http).
    """

    local: bool = False
    resolve: Resolve = addresses_of
    connect: Connect = socket.create_connection
    #: Certificate authorities and checks (the system's by default; tests bring their own CA).
    tls: ssl.SSLContext | None = None

    def __call__(self, url: str, body: str, headers: Mapping[str, str]) -> int:
        refusal = endpoint_refusal(url, local=self.local)
        if refusal is not None:
            raise RefusedEndpoint(refusal)
        parts = urlsplit(url)
        host, secure = parts.hostname or "", parts.scheme == "https"
        port = parts.port or (443 if secure else 80)
        addresses = self.resolve(host, port)
        refused = [address for address in addresses if not may_deliver_to(address, local=self.local)]
        if refused or not addresses:
            raise RefusedEndpoint(f"{host} resolves to {refused or 'nothing'}: not the public internet")
        if not secure and not all(ipaddress.ip_address(address).is_loopback for address in addresses):
            raise RefusedEndpoint(f"http only to the laptop itself, and {host} is not")
        connection = self._connection(host, port, addresses, secure)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("POST", path, body=body.encode(), headers=dict(headers))
            return int(connection.getresponse().status)
        finally:
            connection.close()

    def _connection(self, host: str, port: int, addresses: list[str], secure: bool) -> http.client.HTTPConnection:
        """An HTTP(S) connection to `host` over a socket to the first checked address that answers."""
        timeout = TIMEOUT.total_seconds()
        error: OSError = RefusedEndpoint(f"{host}: no address")
        for address in addresses:
            try:
                sock = self.connect((address, port), timeout)
                break
            except OSError as failed:
                error = failed
        else:
            raise error
        connection: http.client.HTTPConnection
        if secure:
            tls = self.tls or _system_tls()
            try:
                sock = tls.wrap_socket(sock, server_hostname=host)  # SNI, and the name checked
            except OSError:
                sock.close()
                raise
            connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=tls)
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.sock = sock  # already connected: `http.client` does not look the host up again
        return connection


@dataclass
class WebhookDelivery:
    #: Each organisation's endpoint, by the name of its webhook queue.
    endpoints: Mapping[str, Endpoint]
    secrets: SigningSecrets
    queues: Queues
    #: AWS's rules by default: https to the public internet only.
    send: Send = Poster()

    def handle(self, records: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
        """An SQS batch, as Lambda hands it over; a partial batch response."""
        failed: list[str] = []
        unreachable: set[str] = set()
        for record in records:
            queue_arn = record["eventSourceARN"]
            outcome = self._attempt(record, now, skip=queue_arn in unreachable)
            if outcome is not DONE:
                failed.append(record["messageId"])
            if outcome is UNREACHABLE:
                unreachable.add(queue_arn)
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    def _attempt(self, record: dict[str, Any], now: datetime, *, skip: bool) -> str:
        """One message: delivered, or dead-lettered after a day of trying (`DONE`); or given
        back for its next attempt (`FAILED`, `UNREACHABLE`)."""
        queue_arn, body = record["eventSourceARN"], record["body"]
        endpoint = self.endpoints[_queue_name(queue_arn)]
        attributes = record.get("attributes", {})
        sent = datetime.fromtimestamp(int(attributes.get("SentTimestamp", "0")) / 1000, UTC)
        if now - sent > GIVE_UP_AFTER:
            self.queues.dead_letter(queue_arn, body)
            logger.warning("webhook delivery given up", extra={"org": endpoint.org, "message_id": record["messageId"]})
            return DONE
        outcome, status = UNREACHABLE, None
        if not skip:
            event = json.loads(body)
            detail = event["detail"]
            delivery = payload(event["detail-type"], detail)
            headers = signed_headers(detail["id"], delivery, self.secrets.current(endpoint.secret), now)
            try:
                status = self.send(endpoint.url, delivery, headers)
            except RefusedEndpoint as error:
                logger.warning("webhook endpoint refused", extra={"org": endpoint.org, "error": str(error)})
            except OSError as error:
                logger.warning("webhook unreachable", extra={"org": endpoint.org, "error": str(error)})
            else:
                if 200 <= status < 300:
                    return DONE
                if 300 <= status < 400:  # the signed request goes nowhere but where it was configured
                    logger.warning("webhook redirect not followed", extra={"org": endpoint.org, "status": status})
                outcome = FAILED
        attempt = int(attributes.get("ApproximateReceiveCount", "1"))
        self.queues.postpone(queue_arn, record["receiptHandle"], backoff(attempt))
        logger.info("webhook delivery failed", extra={"org": endpoint.org, "status": status, "attempt": attempt})
        return outcome


def _queue_name(queue_arn: str) -> str:
    return queue_arn.rsplit(":", 1)[-1]


@dataclass
class SqsQueues:
    """Postpones through the message's visibility; dead-letters to `<queue>-dlq`."""

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

    def postpone(self, queue_arn: str, receipt: str, delay: timedelta) -> None:
        url = self._url(_queue_name(queue_arn))
        self._sqs().change_message_visibility(
            QueueUrl=url, ReceiptHandle=receipt, VisibilityTimeout=int(delay.total_seconds())
        )

    def dead_letter(self, queue_arn: str, body: str) -> None:
        self._sqs().send_message(QueueUrl=self._url(_queue_name(queue_arn) + "-dlq"), MessageBody=body)


@dataclass
class SecretsManagerSecrets:
    """A webhook's signing secrets, `{"current": …, "previous": …}` in Secrets Manager: both
    sign while a rotation is under way; read again every `SECRET_CACHE`."""

    client: Any = None
    _cache: dict[str, tuple[float, list[str]]] = field(default_factory=dict)

    def current(self, secret: str) -> list[str]:
        cached = self._cache.get(secret)
        if cached is not None and time.monotonic() - cached[0] < SECRET_CACHE.total_seconds():
            return cached[1]
        if self.client is None:
            import boto3

            self.client = boto3.client("secretsmanager")
        document = json.loads(self.client.get_secret_value(SecretId=secret)["SecretString"])
        values = [document[name] for name in ("current", "previous") if document.get(name)]
        self._cache[secret] = (time.monotonic(), values)
        return values
