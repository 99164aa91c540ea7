"""The audit trail: records of every change, read and failed attempt.

A change's record rides in the change's own transaction (`Table.transact(audit=…)`); this
repository files the records that have no change to ride on, and reads a case's trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.audit import AuditRecord
from chalicelib.storage import records
from chalicelib.storage.contracts import Key, Page
from chalicelib.storage.dynamo import Table, translated
from chalicelib.storage.keys import case_audit_pk
from chalicelib.storage.table import AuditItem, Item


@dataclass
class AuditRepository:
    table: Table

    def record(self, audit: AuditRecord) -> None:
        """A lone audit record: reads and failed attempts, which have no change to ride on."""
        with translated():
            records.audit_item(audit).save(condition=Item.pk.does_not_exist())

    def audit_trail(self, case_id: str, limit: int, start: Key | None) -> Page[AuditRecord]:
        """One Query: a page of the case's audit trail, newest first.

        The trail has a partition of its own (`case_audit_pk`), apart from the case's items,
        so that IAM can forbid every function to update or delete it (`dynamodb:LeadingKeys`).
        """
        items, last = self.table.page(Item, case_audit_pk(case_id), None, limit, start, forward=False)
        return Page([records.audit_record(item) for item in items if isinstance(item, AuditItem)], last)
