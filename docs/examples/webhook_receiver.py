"""Receive casebridge's signed webhooks: verify each delivery, and refuse one already seen.

CASEBRIDGE_WEBHOOK_SECRET is the organisation's `whsec_…` signing secret (under `make run`, in
`.local/webhook-secrets.json`). Call `receive` from your web framework's handler with the raw body
and the request headers, and answer with the status it returns.
"""

import os

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

hook, seen = Webhook(os.environ["CASEBRIDGE_WEBHOOK_SECRET"]), set()  # keep `seen` in your database


def handle(detail_type: str, detail: dict) -> None:
    """What your integration does with an event: references only, fetch its `links` with your token."""
    print(detail_type, detail["id"], detail.get("links", {}))


def receive(body: bytes, headers: dict[str, str]) -> int:
    try:
        event = hook.verify(body, headers)  # the signature, and a timestamp within 5 minutes
    except WebhookVerificationError:
        return 400
    if headers["webhook-id"] in seen:  # verify() remembers nothing: refuse a replay
        return 200
    seen.add(headers["webhook-id"])
    handle(event["type"], event["data"])
    return 204
