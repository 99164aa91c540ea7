"""What an idempotent replay answers: the resource the first request created, as the use
case returned it, never an HTTP response.

A creating use case stores the domain value it returns beside its idempotency claim, as
JSON with its type's name (pydantic's `TypeAdapter` over the domain dataclasses); a replay
decodes it, and the route renders it exactly as it rendered the first answer. A value a
caller may not see never goes in: the use cases store what they answer
(`cases.CaseService.open` leaves out the case's identifier key, `add_identifiers` the
other cases its matches were found on).
"""

from __future__ import annotations

import importlib
from typing import Any


def encode(value: Any) -> tuple[str, str]:
    """The value's kind (`module:Class`) and its JSON."""
    kind = type(value)
    return f"{kind.__module__}:{kind.__qualname__}", _adapter(kind).dump_json(value).decode()


def decode(kind: str, text: str) -> Any:
    """The value `encode` stored; only casebridge's own types are ever named."""
    module, _, name = kind.partition(":")
    if not module.startswith("chalicelib."):
        raise ValueError(f"not a casebridge type: {kind!r}")
    return _adapter(getattr(importlib.import_module(module), name)).validate_json(text)


_ADAPTERS: dict[type, Any] = {}


def _adapter(kind: type) -> Any:
    # Imported and built on first use: a request without an Idempotency-Key never pays for it.
    if kind not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]
