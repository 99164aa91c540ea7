"""Emergency disclosure requests and their timers in the one table.

Asking is a TransactWriteItems: the check that its agency may reach a platform from the case
(`cases.may_reach_platform`), the request and the audit record. Deciding it, acknowledging
and answering are one each, conditioned on the rule and on the version they were decided
on; approving checks the case again and files the unacknowledged alerts,
answering with a disclosure the legal-process reminder and joins its files to the case. A
platform's queue is spread over `keys.PLATFORM_BOX_SHARDS` index partitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain import emergency
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.emergency import EmergencyRequest, EmergencyStatus
from chalicelib.domain.rules import Rule, unchanged
from chalicelib.domain.timers import Timer
from chalicelib.storage import records
from chalicelib.storage.conditions import condition, reaching_platform
from chalicelib.storage.contracts import IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, Write, assigned, save, update
from chalicelib.storage.keys import EMERGENCY_SK, emergency_box_pk, emergency_pk, emergency_queue_pk, inbound_partitions
from chalicelib.storage.legal import joined_to_case
from chalicelib.storage.table import EmergencyRequestItem, Item
from chalicelib.storage.timers import save_timer


@dataclass
class EmergencyRepository:
    table: Table

    def get_emergency(self, request_id: str) -> EmergencyRequest | None:
        return self.table.find(EmergencyRequestItem, emergency_pk(request_id), EMERGENCY_SK, records.emergency_record)

    def agency_box(
        self, org: str, status: EmergencyStatus | None, limit: int, start: Key | None
    ) -> Page[EmergencyRequest]:
        """An agency's emergency requests, newest first."""
        items, last = self.table.box(
            EmergencyRequestItem, emergency_box_pk(org), False, status.value if status else None, limit, start
        )
        return Page([records.emergency_record(item) for item in items], last)

    def queue(
        self, platform: str, status: EmergencyStatus | None, limit: int, start: Key | None
    ) -> Page[EmergencyRequest]:
        """A platform's 24/7 queue: unacknowledged first, then oldest first (`Table.sharded_page`)."""
        partitions = inbound_partitions(lambda shard: emergency_queue_pk(platform, shard))
        index, prefix = ("gsi1", f"{status.value}#") if status else ("gsi3", None)
        items, last = self.table.sharded_page(
            EmergencyRequestItem, index, partitions, prefix, limit, start, forward=True
        )
        return Page([records.emergency_record(item) for item in items], last)

    def ask(self, request: EmergencyRequest, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """The request, if its officer's agency works on the open case."""
        writes = [
            reaching_platform(request.case_id, request.org),
            save(records.emergency_item(request), Item.pk.does_not_exist()),
        ]
        self.table.transact(*writes, claim=claim, audit=audit)

    def decide(self, old: EmergencyRequest, new: EmergencyRequest, timers: Sequence[Timer], audit: AuditRecord) -> None:
        """A supervisor's approval (onto the platform's queue, with its alerts) or rejection,
        once; an approval only while the case may reach the platform (`cases.may_reach_platform`):
        a close or a re-marking that lands first refuses it."""
        assert new.decided_at is not None
        rule = emergency.UNDECIDED & unchanged(old.version)
        writes = [_moved(old, new, rule), *[save_timer(timer, new.decided_at) for timer in timers]]
        if new.sent:
            writes.append(reaching_platform(old.case_id, old.org))
        self.table.transact(*writes, audit=audit)

    def acknowledge(self, old: EmergencyRequest, new: EmergencyRequest, audit: AuditRecord) -> None:
        """The platform acknowledges it, once (`emergency.may_acknowledge`)."""
        assert new.acknowledged_at is not None and new.acknowledged_by is not None
        rule = emergency.may_acknowledge(old.platform) & unchanged(old.version)
        self.table.transact(_moved(old, new, rule), audit=audit)

    def answer(
        self,
        old: EmergencyRequest,
        new: EmergencyRequest,
        timers: Sequence[Timer],
        audit: AuditRecord,
        disclosed: Sequence[AuditRecord] = (),
    ) -> None:
        """The platform answers it, once (`emergency.may_answer`); the files it disclosed join
        the case, each a custody entry (`disclosed`); a disclosure's reminder is filed."""
        given = new.answer
        assert given is not None
        rule = emergency.may_answer(old.platform) & unchanged(old.version)
        writes = [_moved(old, new, rule), *[save_timer(timer, given.answered_at) for timer in timers]]
        writes += joined_to_case(old.case_id, old.request_id, given.file_ids, disclosed)
        self.table.transact(*writes, audit=audit)

    def open_requests(self, org: str) -> list[EmergencyRequest]:
        """The agency's open requests (approved or acknowledged): one Query per open status on
        its box (`gsi2`, sorted by status), page by page. Bounded by how many requests the
        agency has open at once, never by its history."""
        found: list[EmergencyRequest] = []
        for status in (EmergencyStatus.APPROVED, EmergencyStatus.ACKNOWLEDGED):
            start: Key | None = None
            while True:
                page = self.agency_box(org, status, 100, start)
                found += page.items
                if (start := page.last_key) is None:
                    break
        return found

    def hold_requests_of(self, person_id: str, org: str) -> list[EmergencyRequest]:
        """Every open request of `org` that `person_id` asked for or approved, on hold
        (`emergency.hold`), each a conditional write: a platform's step that lands first refuses
        it, and the stream's retry finds the request as it now stands."""
        held = []
        for found in self.open_requests(org):
            new = emergency.hold(found) if emergency.requested_by(found, person_id) else None
            if new is None:
                continue
            rule = emergency.OPEN & unchanged(found.version)
            self.table.transact(_moved(found, new, rule), audit=None)
            held.append(new)
        return held

    def settle(
        self, old: EmergencyRequest, new: EmergencyRequest, timers: Sequence[Timer], audit: AuditRecord, at: datetime
    ) -> None:
        """The agency confirms or withdraws a held request, once (`emergency.may_settle`); a
        request confirmed unacknowledged gets its alerts again, filed `at` the confirmation."""
        rule = emergency.may_settle(old.org) & unchanged(old.version)
        moved = _moved(old, new, rule)
        self.table.transact(moved, *[save_timer(timer, at) for timer in timers], audit=audit)


def _moved(old: EmergencyRequest, new: EmergencyRequest, rule: Rule) -> Write:
    """The request as `new` stores it (the attributes that changed since `old`; its box's and
    queue's keys follow its status), if `rule` holds."""
    actions = assigned(EmergencyRequestItem, records.EMERGENCIES.changes(old, new) | records.emergency_keys(new))
    key = EmergencyRequestItem(emergency_pk(old.request_id), EMERGENCY_SK)
    return update(key, actions, condition(rule, EmergencyRequestItem))
