"""Puts a batch's notifications on the EventBridge bus, ten entries to a `PutEvents` call.

EventBridge takes at most 10 entries and 256 KB a call (`MAX_ENTRIES`, `MAX_CALL_BYTES`).
An entry it refuses for throttling or an internal failure is sent again, with backoff,
inside the invocation; what still fails is reported by position, so that the stream
handler gives back exactly the records from the first unpublished one on. Calls go one
after another, in the batch's order, and stop at the first that leaves an entry
unpublished: the records behind it are retried anyway.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain.notifications import SOURCE
from chalicelib.observability import logger

if TYPE_CHECKING:
    from mypy_boto3_events import EventBridgeClient

#: EventBridge's limits on one `PutEvents` call.
MAX_ENTRIES = 10
MAX_CALL_BYTES = 256 * 1024
#: Tries of an entry within one invocation, and the first pause between them (doubling).
ATTEMPTS = 4
FIRST_PAUSE = 0.1
#: What EventBridge answers when trying again shortly may work.
_RETRYABLE = frozenset({"ThrottlingException", "InternalException", "InternalFailure", "ServiceUnavailable"})


@dataclass(frozen=True)
class Event:
    detail_type: str
    detail: dict[str, Any]


class EventPublisher:
    def __init__(
        self,
        bus_name: str,
        boto3_client: EventBridgeClient | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._bus_name = bus_name
        self._client = boto3_client
        self._sleep = sleep

    @property
    def client(self) -> EventBridgeClient:
        if self._client is None:
            self._client = boto3.client("events")
        return self._client

    def publish(self, events: Sequence[Event]) -> int | None:
        """Publishes `events` in order; the position of the first that could not be, or None."""
        entries = [self._entry(event) for event in events]
        for start, end in _calls(entries):
            unpublished = self._put(entries[start:end])
            self.published(events[start : end if unpublished is None else start + unpublished])
            if unpublished is not None:
                return start + unpublished
        return None

    def published(self, events: Sequence[Event]) -> None:
        """What a subclass does with events once they are on the bus (the local stack logs them)."""
        for event in events:
            logger.info("published", extra={"detail_type": event.detail_type, "event_id": event.detail["id"]})

    def _entry(self, event: Event) -> dict[str, Any]:
        return {
            "Source": SOURCE,
            "DetailType": event.detail_type,
            "Detail": json.dumps(event.detail, separators=(",", ":")),
            "EventBusName": self._bus_name,
        }

    def _put(self, entries: list[dict[str, Any]]) -> int | None:
        """One call's entries, retrying those EventBridge may yet take; the first left unpublished."""
        waiting = list(range(len(entries)))
        for attempt in range(ATTEMPTS):
            if attempt:
                self._sleep(FIRST_PAUSE * 2 ** (attempt - 1))
            try:
                result = self.client.put_events(Entries=[entries[i] for i in waiting])  # type: ignore[misc]
            except (ClientError, BotoCoreError) as error:
                code = error.response.get("Error", {}).get("Code") if isinstance(error, ClientError) else None
                logger.warning("PutEvents failed", extra={"code": code, "attempt": attempt + 1})
                if isinstance(error, ClientError) and code not in _RETRYABLE:
                    break
                continue
            answers = result.get("Entries", [])
            if len(answers) != len(waiting):  # not EventBridge's contract: trust none of it
                answers = [{"ErrorCode": "InternalFailure"}] * len(waiting)
            failed = [(i, answer) for i, answer in zip(waiting, answers, strict=True) if answer.get("ErrorCode")]
            for _, answer in failed:
                logger.warning("PutEvents entry refused", extra={"code": answer["ErrorCode"], "attempt": attempt + 1})
            waiting = [i for i, answer in failed]
            if not waiting or any(answer["ErrorCode"] not in _RETRYABLE for _, answer in failed):
                break
        return min(waiting) if waiting else None


def _calls(entries: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The entries' split into calls: at most `MAX_ENTRIES` and `MAX_CALL_BYTES` each."""
    calls: list[tuple[int, int]] = []
    start = size = 0
    for index, entry in enumerate(entries):
        entry_size = _size(entry)
        if index > start and (index - start == MAX_ENTRIES or size + entry_size > MAX_CALL_BYTES):
            calls.append((start, index))
            start, size = index, 0
        size += entry_size
    if start < len(entries):
        calls.append((start, len(entries)))
    return calls


def _size(entry: dict[str, Any]) -> int:
    """An entry's size as EventBridge counts it (source, detail type, detail, bus; UTF-8)."""
    return sum(len(str(entry[name]).encode()) for name in ("Source", "DetailType", "Detail", "EventBusName"))
