"""The stream handler: each changed item becomes list projections and at most one event."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from chalicelib.domain import notifications
from chalicelib.domain.ids import derived_id
from chalicelib.domain.notifications import Notification
from chalicelib.notifications.publisher import EventPublisher
from chalicelib.observability import logger
from chalicelib.storage import records
from chalicelib.storage.casework import CaseStore
from chalicelib.storage.table import CaseItem, Item, NoteItem, ReferralItem


class StreamHandler:
    """Turns stream records into projections and notifications, reporting partial failures."""

    def __init__(self, store: CaseStore, publisher: EventPublisher) -> None:
        self._store = store
        self._publisher = publisher

    def handle(self, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
        processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
        response = process_partial_response(
            event=event, record_handler=self.handle_record, processor=processor, context=context
        )
        return dict(response)

    def handle_record(self, record: DynamoDBRecord) -> None:
        change = record.dynamodb
        if change is None:
            return
        old = _item(change.raw_event.get("OldImage"))
        new = _item(change.raw_event.get("NewImage"))
        notification = self._project_and_describe(old, new)
        if notification is None:
            return
        event_id = derived_id("evt", notification.occurred_at, record.event_id or "")
        self._publisher.publish(notification.detail_type, notification.detail(event_id))
        logger.info("published", extra={"detail_type": notification.detail_type, "event_id": event_id})

    def _project_and_describe(self, old: Item | None, new: Item | None) -> Notification | None:
        """Refreshes what is projected from the changed item, and says which event it makes."""
        if isinstance(new, CaseItem):
            case = records.case_record(new)
            # Case lists and referral boxes show a projection of the case item: refresh first.
            self._store.project_case(case)
            self._store.stamp_referrals(case)
            before = records.case_record(old) if isinstance(old, CaseItem) else None
            return notifications.case_changed(before, case)
        if isinstance(new, NoteItem) and old is None:
            note_case = self._store.get_case(new.case_id)
            return notifications.note_added(records.note_record(new), note_case) if note_case else None
        if isinstance(new, ReferralItem):
            earlier = records.referral_record(old) if isinstance(old, ReferralItem) else None
            if earlier is not None and earlier.status.value == new.status:
                return None  # the stream handler's own stamp of title and marking: no news
            referral_case = self._store.get_case(new.case_id)
            if referral_case is None:
                return None
            return notifications.referral_changed(earlier, records.referral_record(new), referral_case)
        return None


def _item(image: dict[str, Any] | None) -> Item | None:
    if not image or "kind" not in image:
        return None
    return Item.from_raw_data(image)
