"""The stream handler: each changed item becomes list projections and at most one event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from chalicelib.domain import notifications
from chalicelib.domain.audit import AUDIT_TAMPERED
from chalicelib.domain.deconfliction import HitReason
from chalicelib.domain.notifications import Notification
from chalicelib.domain.quotas import Probe
from chalicelib.domain.record_ids import derived_id
from chalicelib.notifications.publisher import EventPublisher
from chalicelib.observability import logger
from chalicelib.services.context import utcnow
from chalicelib.storage import records
from chalicelib.storage.table import (
    AuditItem,
    CaseItem,
    ConflictItem,
    HitItem,
    IdentifierItem,
    Item,
    NoteItem,
    OperationItem,
    PreservationItem,
    ProbeAlertItem,
    ReferralItem,
    TipItem,
)

if TYPE_CHECKING:
    from chalicelib.services.deconfliction import DeconflictionService
    from chalicelib.services.operations import OperationService
    from chalicelib.services.quotas import Quotas
    from chalicelib.services.referrals import ReferralService
    from chalicelib.services.tips import TipService
    from chalicelib.storage.archive import AuditArchive
    from chalicelib.storage.casework import CaseStore


class StreamHandler:
    """Turns stream records into projections, stored hits and conflicts, and notifications.

    Reports partial batch failures: a record whose event cannot be published is retried.
    """

    def __init__(
        self,
        store: CaseStore,
        publisher: EventPublisher,
        deconfliction: DeconflictionService,
        operations: OperationService,
        tips: TipService,
        referrals: ReferralService,
        quotas: Quotas,
        archive: AuditArchive | None = None,
    ) -> None:
        self._store = store
        self._publisher = publisher
        self._deconfliction = deconfliction
        self._operations = operations
        self._tips = tips
        self._referrals = referrals
        self._quotas = quotas
        self._archive = archive

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
        at = datetime.fromtimestamp(change.approximate_creation_date_time or 0, UTC)
        notification = self._project_and_describe(old, new, at)
        if notification is None:
            return
        event_id = derived_id("evt", notification.occurred_at, record.event_id or "")
        self._publisher.publish(notification.detail_type, notification.detail(event_id))
        logger.info("published", extra={"detail_type": notification.detail_type, "event_id": event_id})

    def _project_and_describe(self, old: Item | None, new: Item | None, at: datetime) -> Notification | None:
        """Refreshes what is projected from the changed item, and says which event it makes."""
        if isinstance(new, AuditItem) or isinstance(old, AuditItem):
            self._keep_audit(old, new)
            return None
        if isinstance(new, CaseItem):
            case = records.case_record(new)
            # Case lists and referral boxes show a projection of the case item: refresh first.
            self._store.project_case(case)
            self._referrals.follow_case(case, at)
            before = records.case_record(old) if isinstance(old, CaseItem) else None
            return notifications.case_changed(before, case)
        if isinstance(new, IdentifierItem) or isinstance(old, IdentifierItem):
            return self._identifier_changed(old, new, at)
        if isinstance(new, OperationItem):
            return self._operation_changed(old, new)
        if isinstance(new, HitItem) and old is None:
            hit = records.hit_record(new)
            if hit.reason is HitReason.CHECKED:
                self._quotas.watch(hit.org, hit.other_org, Probe.CHECKED, hit.at)
            return notifications.hit_recorded(hit)
        if isinstance(new, ProbeAlertItem) and old is None:
            return notifications.probing_suspected(records.alert_record(new))
        if isinstance(new, ConflictItem) and old is None:
            return notifications.conflict_recorded(records.conflict_record(new))
        if isinstance(new, NoteItem) and old is None:
            note_case = self._store.get_case(new.case_id)
            return notifications.note_added(records.note_record(new), note_case) if note_case else None
        if isinstance(new, TipItem):
            return self._tip_changed(old, new)
        if isinstance(new, PreservationItem):
            earlier_request = records.preservation_record(old) if isinstance(old, PreservationItem) else None
            return notifications.preservation_changed(earlier_request, records.preservation_record(new), at)
        if isinstance(new, ReferralItem):
            earlier = records.referral_record(old) if isinstance(old, ReferralItem) else None
            if earlier is not None and earlier.status.value == new.status and earlier.overdue_at == new.overdue_at:
                return None  # the stream handler's own stamp of title and marking: no news
            referral_case = self._store.get_case(new.case_id)
            if referral_case is None:
                return None
            return notifications.referral_changed(earlier, records.referral_record(new), referral_case)
        return None

    def _keep_audit(self, old: Item | None, new: Item | None) -> None:
        """A new audit record is copied to the archive; any change or removal of one is an alarm.

        No code path changes an audit item and IAM denies every function the means to, so a
        change seen here came from outside casebridge: the alarm (a metric filter on this
        log line, `infra/`) pages the operators, and the archive still holds the original.
        """
        if isinstance(new, AuditItem) and old is None:
            if self._archive is not None:
                self._archive.put(records.audit_record(new))
            return
        changed = old if isinstance(old, AuditItem) else new
        assert isinstance(changed, AuditItem)
        logger.error(
            AUDIT_TAMPERED,
            extra={"audit_id": changed.audit_id, "pk": changed.pk, "removed": new is None},
        )

    def _tip_changed(self, old: Item | None, new: TipItem) -> Notification | None:
        """A new tip is routed (its routing is the next change, and the news); later changes are news."""
        tip = records.tip_record(new)
        if old is None:
            self._tips.route(tip)
            return None
        return notifications.tip_changed(records.tip_record(old) if isinstance(old, TipItem) else None, tip)

    def _identifier_changed(self, old: Item | None, new: Item | None, at: datetime) -> Notification | None:
        """A new identifier (or one re-indexed under a new key) is matched again; adds and removals are news."""
        if isinstance(new, IdentifierItem):
            held = records.identifier_record(new)
            if isinstance(old, IdentifierItem) and old.token == new.token:
                return None
            self._deconfliction.reconcile(held)
            self._deconfliction.recheck_later(held, utcnow())
            if isinstance(old, IdentifierItem):
                return None
            removed, at = False, held.added_at
        elif isinstance(old, IdentifierItem):
            # A removal happened when the stream saw it, not when the identifier was added.
            held, removed = records.identifier_record(old), True
        else:
            return None
        case = self._store.get_case(held.case_id)
        return notifications.identifier_changed(held, case, at, removed=removed) if case else None

    def _operation_changed(self, old: Item | None, new: OperationItem) -> Notification | None:
        operation = records.operation_record(new)
        before = records.operation_record(old) if isinstance(old, OperationItem) else None
        if before is not None and before.version == operation.version:
            return None
        self._operations.reconcile(operation)
        case = self._store.get_case(operation.case_id)
        return notifications.operation_changed(before, operation, case) if case else None


def _item(image: dict[str, Any] | None) -> Item | None:
    if not image or "kind" not in image:
        return None
    return Item.from_raw_data(image)
