"""The stream handler: each changed item sets off its reactions, and a batch's events are
published together.

The batch's records are decoded first, and the cases their events are described with read
together. Records are handled in the batch's order (records of one item keep theirs); their events go
to the bus in calls of up to ten (`stream.publisher`). The partial batch response names
every record from the first that failed (its reactions raised, or its event could not be
published) on: Lambda retries a stream from the lowest sequence number reported, and ids
derive from the record (and, for a record that makes several, from their order), so a
record published twice is published under the same ids. What is published goes into each
recipient's event feed too (`storage.feed`); a feed that cannot be written gives the batch
back from its first event, which publishes those events again under the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from chalicelib.domain.feed import Delivered
from chalicelib.domain.record_ids import derived_id
from chalicelib.links import event_links
from chalicelib.observability import logger
from chalicelib.storage.records import from_image
from chalicelib.stream.publisher import Event, EventPublisher
from chalicelib.stream.reactions import Batch, Change, Reactors, cases_of, react


class FeedWriter(Protocol):
    def write(self, events: Sequence[Delivered]) -> None: ...


class StreamHandler:
    """Turns stream records into their reactions (`stream.reactions`) and notifications."""

    def __init__(self, reactors: Reactors, publisher: EventPublisher, feed: FeedWriter | None = None) -> None:
        self._reactors = reactors
        self._publisher = publisher
        self._feed = feed

    def handle(self, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
        records: list[dict[str, Any]] = event.get("Records", [])
        first_failed = len(records)
        batch = Batch()
        changes: list[tuple[dict[str, Any], Change]] = []
        for position, record in enumerate(records):
            try:
                change = self.change(record, position, batch)
            except Exception:
                logger.exception("stream record undecodable", extra={"event_id": record.get("eventID")})
                first_failed = position
                break
            if change is not None:
                changes.append((record, change))
        try:
            batch.read_cases(cases_of([change for _, change in changes]), self._reactors)
        except Exception:
            logger.exception("reading a batch's cases failed")
            first_failed = min([first_failed, *[change.position for _, change in changes]])
            changes = []
        events: list[tuple[int, Event]] = []
        for record, change in changes:
            try:
                found = self.events(record, change)
            except Exception:
                logger.exception("stream record failed", extra={"event_id": record.get("eventID")})
                first_failed = change.position
                break
            events += [(change.position, event) for event in found]
        failed_later = batch.finish(self._reactors)
        if failed_later is not None:
            first_failed = min(first_failed, failed_later)
        events = [(position, found) for position, found in events if position < first_failed]
        unpublished = self._publisher.publish([found for _, found in events])
        if unpublished is not None:
            first_failed = min(first_failed, events[unpublished][0])
        published = [found for position, found in events if position < first_failed]
        if self._feed is not None and published:
            try:
                self._feed.write([Delivered(found.detail_type, found.detail) for found in published])
            except Exception:
                logger.exception("writing the event feed failed")
                first_failed = min(first_failed, events[0][0])
        return {
            "batchItemFailures": [
                {"itemIdentifier": record["dynamodb"]["SequenceNumber"]} for record in records[first_failed:]
            ]
        }

    @staticmethod
    def change(record: dict[str, Any], position: int, batch: Batch) -> Change | None:
        """The record decoded into its item's change; None for a record that changed nothing."""
        stream = record.get("dynamodb")
        if not stream:
            return None
        change = Change(
            old=from_image(stream.get("OldImage")),
            new=from_image(stream.get("NewImage")),
            at=datetime.fromtimestamp(float(stream.get("ApproximateCreationDateTime") or 0), UTC),
            pk=str((stream.get("Keys") or {}).get("pk", {}).get("S", "")),
            position=position,
            batch=batch,
        )
        return None if change.old is None and change.new is None else change

    def events(self, record: dict[str, Any], change: Change) -> list[Event]:
        """The change's reactions (what they leave for the batch's end goes to its `batch`); the
        events it makes, each with its id derived from the record and its place among them."""
        found = []
        for n, notification in enumerate(react(change, self._reactors)):
            source = str(record.get("eventID") or "") + (f"#{n}" if n else "")
            event_id = derived_id("evt", notification.occurred_at, source)
            links = event_links(notification.case_id, notification.references)
            found.append(Event(notification.detail_type, notification.detail(event_id, links)))
        return found
