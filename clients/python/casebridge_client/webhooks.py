"""Verifying casebridge's webhook deliveries on the receiving side: the Standard Webhooks
signature and timestamp (the `standardwebhooks` package), and an id not seen before, which
`standardwebhooks` alone does not check (it accepts a replay within its five minutes)."""

from __future__ import annotations

from collections.abc import Mapping, MutableSet
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


class WebhookReplayed(WebhookVerificationError):
    """A delivery whose `webhook-id` was already received: answer 2xx, and do nothing."""


class WebhookVerifier:
    """`verify(body, headers)` → the event (`{"type", "timestamp", "data"}`), or raises.

    `seen` remembers the ids received: a set for one process, or anything with `in` and
    `add` over your database for several (keep ids for at least the five-minute tolerance;
    the event's own id is also `data.id`)."""

    def __init__(self, secret: str, seen: MutableSet[str] | None = None) -> None:
        self._hook = Webhook(secret if secret.startswith("whsec_") else f"whsec_{secret}")
        self._seen: MutableSet[str] = set() if seen is None else seen

    def verify(self, body: bytes | str, headers: Mapping[str, str]) -> dict[str, Any]:
        lowered = {name.lower(): value for name, value in headers.items()}
        event: dict[str, Any] = self._hook.verify(body, lowered)
        delivery = lowered["webhook-id"]
        if delivery in self._seen:
            raise WebhookReplayed(f"delivery {delivery} was already received")
        self._seen.add(delivery)
        return event
