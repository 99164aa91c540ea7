"""Opaque pagination cursors, signed and bound to who asked for which list."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from functools import cache
from typing import Any

from chalicelib.api.problems import BadRequest


class Cursors:
    """Encodes DynamoDB's `LastEvaluatedKey` so that only the same caller's same list accepts it.

    The signature covers the organisation and the list (route and filters): a cursor that
    was edited, or that comes from another organisation or another list, is a 400.
    """

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()

    def encode(self, last_key: dict[str, Any] | None, binding: str) -> str | None:
        if not last_key:
            return None
        payload = base64.urlsafe_b64encode(json.dumps(last_key, separators=(",", ":")).encode()).rstrip(b"=")
        return f"{payload.decode()}.{self._sign(payload, binding)}"

    def decode(self, cursor: str | None, binding: str) -> dict[str, Any] | None:
        if cursor is None:
            return None
        invalid = BadRequest("the cursor is not valid for this list; start again without one")
        # Cursors are ASCII; compare_digest refuses non-ASCII text (a TypeError, once a 500).
        if not cursor.isascii():
            raise invalid
        payload, _, signature = cursor.partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload.encode(), binding)):
            raise invalid
        try:
            key = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            raise invalid from None
        if not isinstance(key, dict):
            raise invalid
        return key

    def _sign(self, payload: bytes, binding: str) -> str:
        digest = hmac.new(self._secret, binding.encode() + b"\x00" + payload, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@cache
def cursors() -> Cursors:
    """The API's cursors, signed with the secret from Secrets Manager in AWS, else from settings."""
    from chalicelib.secrets import secret
    from chalicelib.settings import settings

    config = settings()
    if config.cursor_secret_name:
        return Cursors(secret(config.cursor_secret_name))
    if config.cursor_secret is None:
        raise RuntimeError("set CASEBRIDGE_CURSOR_SECRET or CASEBRIDGE_CURSOR_SECRET_NAME")
    return Cursors(config.cursor_secret)
