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
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

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
