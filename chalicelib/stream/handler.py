"""The stream handler: each changed item sets off its reactions and makes at most one event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from chalicelib.api.links import event_links
from chalicelib.domain.record_ids import derived_id
from chalicelib.observability import logger
from chalicelib.storage.records import from_image
from chalicelib.stream.publisher import EventPublisher
from chalicelib.stream.reactions import Change, Reactors, react


class StreamHandler:
    """Turns stream records into their reactions (`stream.reactions`) and notifications.

    Reports partial batch failures: a record whose event cannot be published is retried.
    """

    def __init__(self, reactors: Reactors, publisher: EventPublisher) -> None:
        self._reactors = reactors
        self._publisher = publisher

    def handle(self, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
        processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
        response = process_partial_response(
            event=event, record_handler=self.handle_record, processor=processor, context=context
        )
        return dict(response)

    def handle_record(self, record: DynamoDBRecord) -> None:
        stream = record.dynamodb
        if stream is None:
            return
        raw = stream.raw_event
        change = Change(
            old=from_image(raw.get("OldImage")),
            new=from_image(raw.get("NewImage")),
            at=datetime.fromtimestamp(stream.approximate_creation_date_time or 0, UTC),
            pk=str((raw.get("Keys") or {}).get("pk", {}).get("S", "")),
        )
        if change.old is None and change.new is None:
            return
        notification = react(change, self._reactors)
        if notification is None:
            return
        event_id = derived_id("evt", notification.occurred_at, record.event_id or "")
        links = event_links(notification.case_id, notification.references)
        self._publisher.publish(notification.detail_type, notification.detail(event_id, links))
        logger.info("published", extra={"detail_type": notification.detail_type, "event_id": event_id})
