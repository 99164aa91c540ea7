"""Evidence files' declarations and states in the one table.

A file has a partition of its own (`FILE#<id>`: its id names nothing else) and an entry
under its case in the `gsi1` index, so that a case's files list newest first. Declaring
one is a TransactWriteItems with the participant check on its case, its expiry timer and
the audit record;
every later change of its state is one too, conditioned on the state it was decided on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain import emergency, files, legal, tips
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.files import EvidenceFile
from chalicelib.domain.rules import Rule, unchanged
from chalicelib.domain.timers import file_timers
from chalicelib.storage import records
from chalicelib.storage.conditions import condition, working_on
from chalicelib.storage.contracts import IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, Write, assigned, check, save, update
from chalicelib.storage.keys import (
    EMERGENCY_SK,
    FILE_SK,
    LEGAL_SK,
    TIP_SK,
    custody_pk,
    emergency_pk,
    file_index_keys,
    file_pk,
    files_pk,
    legal_pk,
    tip_pk,
)
from chalicelib.storage.table import AuditItem, EmergencyRequestItem, FileItem, Item, LegalRequestItem, TipItem
from chalicelib.storage.timers import save_timer


@dataclass
class FileRepository:
    table: Table

    def get_file(self, file_id: str) -> EvidenceFile | None:
        return self.table.find(FileItem, file_pk(file_id), FILE_SK, records.file_record)

    def case_files(self, case_id: str, limit: int, start: Key | None) -> Page[EvidenceFile]:
        """One Query of the case's entries in `gsi1`, newest first (eventually consistent, as every list)."""
        items, last = self.table.page(
            FileItem.gsi1, files_pk(case_id), None, limit, start, forward=False, consistent=None
        )
        return Page([records.file_record(item) for item in items if isinstance(item, FileItem)], last)

    def custody(self, file_id: str, limit: int, start: Key | None) -> Page[AuditRecord]:
        """One Query of the file's chain of custody in `gsi1`, oldest first (eventually
        consistent: an entry written a moment ago may show a moment later)."""
        items, last = self.table.page(
            AuditItem.gsi1, custody_pk(file_id), None, limit, start, forward=True, consistent=None
        )
        return Page([records.audit_record(item) for item in items if isinstance(item, AuditItem)], last)

    def declare_case_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """The declaration, if its declarer works on the open case (`cases.working_on`)."""
        assert file.case_id is not None
        self._declare(file, working_on(file.case_id, file.org), audit, claim)

    def declare_tip_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """The declaration, if its platform's tip is not triaged yet (`tips.attachable_by`)."""
        assert file.tip_id is not None and file.platform is not None
        rule = condition(tips.attachable_by(file.platform), TipItem)
        self._declare(file, check(TipItem, tip_pk(file.tip_id), TIP_SK, rule), audit, claim)

    def declare_request_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """A production file, if its platform's request still stands (`legal.may_answer`)."""
        assert file.request_id is not None and file.platform is not None
        rule = condition(legal.may_answer(file.platform), LegalRequestItem)
        self._declare(file, check(LegalRequestItem, legal_pk(file.request_id), LEGAL_SK, rule), audit, claim)

    def declare_emergency_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """A file to disclose, if its platform's emergency request is open (`emergency.may_answer`)."""
        assert file.request_id is not None and file.platform is not None
        rule = condition(emergency.may_answer(file.platform), EmergencyRequestItem)
        parent = check(EmergencyRequestItem, emergency_pk(file.request_id), EMERGENCY_SK, rule)
        self._declare(file, parent, audit, claim)

    def _declare(self, file: EvidenceFile, parent: Write, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """One TransactWriteItems: `parent`'s guard, the file, its expiry timer, the audit record."""
        self.table.transact(
            parent,
            save(records.file_item(file), Item.pk.does_not_exist()),
            *[save_timer(timer, file.declared_at) for timer in file_timers(file)],
            claim=claim,
            audit=audit,
        )

    def tip_files(self, tip_id: str) -> list[EvidenceFile]:
        """A tip's files (a handful): one Query of its entries in `gsi1`."""
        items, _ = self.table.page(FileItem.gsi1, files_pk(tip_id), None, 100, None, forward=True, consistent=None)
        return [records.file_record(item) for item in items if isinstance(item, FileItem)]

    def carry(self, carried: EvidenceFile, audit: AuditRecord) -> None:
        """A tip's file onto its case (`files.CARRIABLE`: once), listed among the case's files."""
        assert carried.case_id is not None
        actions: list[Any] = [
            FileItem.case_id.set(carried.case_id),
            FileItem.version.add(1),  # whatever the arrival's check or the scan did meanwhile
            *[
                getattr(FileItem, name).set(value)
                for name, value in file_index_keys(carried.file_id, carried.case_id).items()
            ],
        ]
        key = FileItem(file_pk(carried.file_id), FILE_SK)
        self.table.transact(update(key, actions, condition(files.CARRIABLE, FileItem)), audit=audit)

    def record_arrival(self, old: EvidenceFile, new: EvidenceFile, audit: AuditRecord) -> None:
        """What the arrived object made of the file, once (`files.CHECKABLE`), if nothing
        changed since `old`: its status and the version of the object that was checked (a
        scan of another version that came first, pending again)."""
        assert new.checked_at is not None and new.object_version is not None
        self.table.transact(_changed(old, new, files.CHECKABLE & unchanged(old.version)), audit=audit)

    def record_scan(self, old: EvidenceFile, new: EvidenceFile, audit: AuditRecord) -> None:
        """The malware scan's result, if nothing changed since `old`."""
        assert new.scanned_at is not None
        self.table.transact(_changed(old, new, unchanged(old.version)), audit=audit)


def _changed(old: EvidenceFile, new: EvidenceFile, rule: Rule) -> Write:
    """The file as `new` stores it (the attributes that changed since `old`), if `rule` holds."""
    key = FileItem(file_pk(old.file_id), FILE_SK)
    return update(key, assigned(FileItem, records.FILES.changes(old, new)), condition(rule, FileItem))
