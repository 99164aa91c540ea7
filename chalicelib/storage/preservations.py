"""Preservation requests and their timers in the one table.

A request is one TransactWriteItems (the participant check on its case, the request, its
two timers, the audit record); acknowledging and extending are one each, conditioned on
the state they were decided on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain import preservations
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.rules import Rule, unchanged
from chalicelib.domain.timers import Retimed, Timer
from chalicelib.storage import records
from chalicelib.storage.conditions import condition, reaching_platform
from chalicelib.storage.contracts import IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, Write, assigned, save, update
from chalicelib.storage.keys import (
    PRESERVATION_SK,
    inbound_partitions,
    preservation_box_pk,
    preservation_pk,
    status_sk,
)
from chalicelib.storage.table import Item, PreservationItem
from chalicelib.storage.timers import delete_timer, save_timer


@dataclass
class PreservationRepository:
    table: Table

    def get_preservation(self, preservation_id: str) -> Preservation | None:
        pk = preservation_pk(preservation_id)
        return self.table.find(PreservationItem, pk, PRESERVATION_SK, records.preservation_record)

    def preservation_box(
        self, org: str, box: str, status: PreservationStatus | None, limit: int, start: Key | None
    ) -> Page[Preservation]:
        """A platform's inbound (`IN`, its shards merged) or an agency's outbound (`OUT`) requests, newest first."""
        inbound = box == "IN"
        pk = (
            inbound_partitions(lambda shard: preservation_box_pk(org, box, shard))
            if inbound
            else preservation_box_pk(org, box)
        )
        items, last = self.table.box(PreservationItem, pk, inbound, status.value if status else None, limit, start)
        return Page([records.preservation_record(item) for item in items], last)

    def request_preservation(
        self, preservation: Preservation, timers: Sequence[Timer], audit: AuditRecord, claim: IdempotencyClaim | None
    ) -> None:
        self.table.transact(
            reaching_platform(preservation.case_id, preservation.org),
            save(records.preservation_item(preservation), Item.pk.does_not_exist()),
            *[save_timer(timer, preservation.requested_at) for timer in timers],
            claim=claim,
            audit=audit,
        )

    def acknowledge(self, found: Preservation, reference: str, at: datetime, audit: AuditRecord) -> None:
        """The addressed platform acknowledges a request it has not acknowledged before (`may_acknowledge`)."""
        status = PreservationStatus.ACKNOWLEDGED.value
        actions: list[Any] = [
            PreservationItem.status.set(status),
            PreservationItem.platform_reference.set(reference),
            PreservationItem.acknowledged_at.set(at),
            PreservationItem.gsi1sk.set(status_sk(status, found.preservation_id)),
            PreservationItem.gsi2sk.set(status_sk(status, found.preservation_id)),
        ]
        rule = preservations.may_acknowledge(found.platform)
        self.table.transact(_update(found.preservation_id, actions, rule), audit=audit)

    def extend(
        self, old: Preservation, new: Preservation, org: str, timers: Retimed, at: datetime, audit: AuditRecord
    ) -> None:
        """The new expiry, if nothing changed since `old` was read and the case may still reach
        the platform (`cases.may_reach_platform`); the old timers give way to new."""
        obsolete, fresh = timers
        actions = assigned(PreservationItem, records.PRESERVATIONS.changes(old, new))
        writes = [reaching_platform(old.case_id, org), _update(old.preservation_id, actions, unchanged(old.version))]
        writes += [delete_timer(timer, old.requested_at) for timer in obsolete]
        writes += [save_timer(timer, at) for timer in fresh]
        self.table.transact(*writes, audit=audit)


def _update(preservation_id: str, actions: list[Any], rule: Rule) -> Write:
    key = PreservationItem(preservation_pk(preservation_id), PRESERVATION_SK)
    return update(key, actions, condition(rule, PreservationItem))
