"""The blind index: identifiers are matched by a keyed hash, never by their raw value.

A token is `<key id>.<HMAC-SHA256 hex>` over the identifier's type, qualifier and value.
Whoever reads the index learns neither the values nor, without the key, whether a guessed
value is in it. During a key rotation the index is written under the current key and
searched under every configured key (see key rotation in docs/guides/deconfliction.md).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from chalicelib.domain.identifiers import Identifier


class BlindIndex:
    def __init__(self, keys: Mapping[str, bytes], current: str) -> None:
        if current not in keys:
            raise ValueError(f"the current deconfliction key {current!r} is not among the configured keys")
        if any(len(secret) < 32 for secret in keys.values()):
            raise ValueError("deconfliction keys must be at least 32 bytes")
        self._keys = dict(keys)
        self._current = current

    def token(self, identifier: Identifier) -> str:
        """The token an identifier is indexed under: the current key's."""
        return self._token(self._current, identifier)

    def search_tokens(self, identifier: Identifier) -> list[str]:
        """Every token the identifier may be indexed under: one per configured key, current first."""
        others = sorted(kid for kid in self._keys if kid != self._current)
        return [self._token(kid, identifier) for kid in [self._current, *others]]

    def _token(self, kid: str, identifier: Identifier) -> str:
        digest = hmac.new(self._keys[kid], identifier.match_material, hashlib.sha256).hexdigest()
        return f"{kid}.{digest}"
