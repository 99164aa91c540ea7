"""What the repositories take and return: plain types, importable without PynamoDB."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

#: DynamoDB's `LastEvaluatedKey`: where the next page starts.
Key = dict[str, Any]
#: Where to look for an operation's conflicts: its grid cells, and the earliest and latest
#: start of an operation that could overlap it.
CellSearch = tuple[Sequence[str], datetime, datetime]
T = TypeVar("T")


class ConditionFailed(Exception):
    """A write's condition did not hold, or a concurrent transaction got there first."""


@dataclass(frozen=True)
class IdempotencyClaim:
    """Claims `key` for `org` and stores what the request created, to replay while it is valid.

    `created` is the created resource as JSON, and `kind` its type (`services.replays`).
    """

    org: str
    key: str
    request_hash: str
    kind: str
    created: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class IdempotencyRecord:
    request_hash: str
    kind: str
    created: str
    expires_at: datetime


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    last_key: Key | None


@dataclass(frozen=True)
class CaseSummary:
    case_id: str
    owner: str
    role: str
    title: str
    status: str
    tlp: str
    updated_at: datetime


@dataclass(frozen=True)
class Upload:
    """How a client sends a file's bytes: a `PUT` to `url` with exactly these headers, before `expires_at`."""

    url: str
    headers: dict[str, str]
    expires_at: datetime


@dataclass(frozen=True)
class Arrived:
    """One version of the object under a file's key: its length, the SHA-256 of its bytes,
    and the bucket's id of that version."""

    size: int
    sha256: str
    version: str
