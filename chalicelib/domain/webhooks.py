"""Signed webhooks (Standard Webhooks): what a delivery carries, how it is signed, and when a
failed one is tried again.

A delivery is an HTTPS POST of `{"type", "timestamp", "data"}` (the detail-type, when it
happened, and the event's `detail`, as on the bus), with `webhook-id` (the event id: a
receiver de-duplicates on it), `webhook-timestamp` (when this attempt was signed) and
`webhook-signature` (HMAC-SHA256 over id, timestamp and body, `v1,<base64>`; two of them,
space-separated, while a secret is being rotated). Each attempt is signed anew, so a retry a
day later is still inside the receiver's five-minute tolerance.

A failed attempt is tried again after `backoff(attempt)`: 30 seconds, doubling, at most an
hour apart, for `GIVE_UP_AFTER` (24 hours, `MAX_ATTEMPTS` attempts); then the event goes to
the organisation's webhook dead-letter queue, from which, or from the feed, it is replayed.

Where a delivery may go: an https endpoint (no credentials in it) whose every address is on
the public internet (`endpoint_refusal`, `may_deliver_to`). A redirect is never followed: it
is a failed attempt. The local stage (`make run`) may also deliver to the laptop itself
(loopback, over http); no other stage may.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.addresses import IpAddress, call_out

#: How long a failing endpoint is tried before its event is dead-lettered.
GIVE_UP_AFTER = timedelta(hours=24)
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
#: How long one attempt may take: a slow endpoint holds up only its own organisation.
TIMEOUT = timedelta(seconds=10)


def backoff(attempt: int) -> timedelta:
    """How long after failed attempt number `attempt` (1, 2, …) the next one is made."""
    return min(FIRST_BACKOFF * (1 << min(max(attempt, 1) - 1, 20)), MAX_BACKOFF)


def attempts_within(window: timedelta) -> int:
    """How many attempts the backoff makes within `window` (the queue's redrive count derives from it)."""
    attempt, elapsed = 1, timedelta(0)
    while elapsed + backoff(attempt) <= window:
        elapsed += backoff(attempt)
        attempt += 1
    return attempt


#: Attempts in `GIVE_UP_AFTER`: the webhook queue's `maxReceiveCount`, a backstop to the age check.
MAX_ATTEMPTS = attempts_within(GIVE_UP_AFTER)


def payload(detail_type: str, detail: dict[str, Any]) -> str:
    """The body of a delivery: Standard Webhooks' `type`, `timestamp` and `data`."""
    return json.dumps(
        {"type": detail_type, "timestamp": detail.get("occurred_at"), "data": detail}, separators=(",", ":")
    )


def signed_headers(event_id: str, body: str, secrets: Sequence[str], at: datetime) -> dict[str, str]:
    """The Standard Webhooks headers of one attempt, signed at `at` with every secret in use
    (the current one, and the previous one during a rotation)."""
    from standardwebhooks.webhooks import Webhook  # only the delivery function signs

    if not secrets:
        raise ValueError("a webhook needs a signing secret")
    signatures = [Webhook(secret).sign(event_id, at, body) for secret in secrets]
    return {
        "content-type": "application/json",
        "webhook-id": event_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


#: NAT64's well-known prefix: `64:ff9b::a.b.c.d` reaches the IPv4 address `a.b.c.d`.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def may_deliver_to(address: str | IpAddress, *, local: bool = False) -> bool:
    """Whether a delivery may connect to `address`: a unicast address of the public internet
    (never loopback, link-local such as the instance metadata service, private, unique-local,
    shared, multicast, unspecified, reserved or documentation ranges). An IPv6 address that
    carries an IPv4 one (mapped, NAT64, 6to4) is judged by that one too. `local`: the laptop
    (loopback) is allowed as well."""
    ip = ipaddress.ip_address(address)
    if local and ip.is_loopback:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        carried = ip.ipv4_mapped or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None)
        if carried is not None:  # the socket reaches the IPv4 address; the IPv6 wrapper is reserved
            return may_deliver_to(carried, local=local)
        if ip.sixtofour is not None and not may_deliver_to(ip.sixtofour):
            return False
        if ip.teredo is not None or ip.is_site_local:
            return False
    # `is_global` alone says yes to multicast (224.0.0.0/4, ff0e::/16) and to fec0::/10.
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified
    )


def endpoint_refusal(url: str, *, local: bool = False) -> str | None:
    """Why `url` may not be a webhook endpoint (None if it may): it must be https, name a
    host and carry no credentials; a host given as an address must pass `may_deliver_to`,
    and `localhost` is the laptop. `local` (the local stage only) also allows the laptop,
    over http too. A host name is checked again, address by address, at every delivery."""
    found = call_out(url, "a webhook endpoint", local=local, credentials=" (the signature authenticates a delivery)")
    if isinstance(found, str):
        return found
    if found.literal is not None and not may_deliver_to(found.literal, local=local):
        return f"{found.host} is not an address of the public internet"
    if found.secure:
        return None
    return "webhook endpoints must be https" + (" (http only to the laptop itself)" if local else "")
