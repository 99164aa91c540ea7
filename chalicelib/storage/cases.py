"""Cases, their notes and each organisation's case list, in the one table.

Every method is one DynamoDB round trip: a write is one TransactWriteItems carrying the
change, its audit record and (for creating requests) the idempotency record; a read is one
GetItem, BatchGetItem or Query. The conditions are the domain's rules (`domain.cases`),
rendered by `storage.conditions`; when one fails, the caller re-reads and lets the domain
say why (`ConditionFailed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pynamodb.expressions.update import Action

from chalicelib.domain import cases
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, CaseStatus, Note
from chalicelib.storage import records
from chalicelib.storage.conditions import on_case, update_case
from chalicelib.storage.contracts import CaseSummary, IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, save, translated
from chalicelib.storage.keys import CASE_SK, HIGH, MEMBERSHIP_PREFIX, NOTE_PREFIX, case_pk, cases_pk, org_pk
from chalicelib.storage.table import CaseItem, Item, MembershipItem, NoteItem


@dataclass
class CaseRepository:
    table: Table

    # reads

    def get_case(self, case_id: str) -> Case | None:
        return self.table.find(CaseItem, case_pk(case_id), CASE_SK, records.case_record)

    def cases(self, case_ids: Iterable[str]) -> dict[str, Case]:
        """The named cases, in one BatchGetItem per 100 (PynamoDB retries unprocessed keys)."""
        keys = [(case_pk(case_id), CASE_SK) for case_id in dict.fromkeys(case_ids)]
        if not keys:
            return {}
        with translated():
            found = [
                records.case_record(item)
                for item in CaseItem.batch_get(keys, consistent_read=True)
                if isinstance(item, CaseItem)
            ]
        return {case.case_id: case for case in found}

    def case_and_notes(self, case_id: str, limit: int, start: Key | None) -> tuple[Case | None, Page[Note]]:
        """One Query: the case item (first page only) and a page of its notes, oldest first."""
        items, last = self.table.page(
            Item, case_pk(case_id), Item.sk.between(CASE_SK, NOTE_PREFIX + HIGH), limit, start, forward=True
        )
        case = records.as_case(items[0]) if items else None
        notes = [records.note_record(item) for item in items if isinstance(item, NoteItem)]
        return case, Page(notes, last)

    def memberships(self, org: str, status: str | None, limit: int, start: Key | None) -> Page[CaseSummary]:
        """One Query over the organisation's case list, newest case first."""
        if status is None:
            source: Any = MembershipItem
            pk, condition = org_pk(org), MembershipItem.sk.startswith(MEMBERSHIP_PREFIX)
        else:
            source = MembershipItem.gsi1
            pk, condition = cases_pk(org), MembershipItem.gsi1sk.startswith(f"{status}#")
        items, last = self.table.page(source, pk, condition, limit, start, forward=False, consistent=None)
        return Page([records.summary_record(item) for item in items if isinstance(item, MembershipItem)], last)

    # writes

    def open_case(self, case: Case, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        self.table.transact(
            save(records.case_item(case), Item.pk.does_not_exist()),
            save(records.membership_item(case, case.owner)),
            claim=claim,
            audit=audit,
        )

    def update_case(
        self,
        case_id: str,
        owner: str,
        expected_version: int,
        changes: dict[str, Any],
        at: datetime,
        audit: AuditRecord,
    ) -> None:
        """Apply `changes` if `owner` owns the case and its version is `expected_version`."""
        actions: list[Action] = [CaseItem.version.add(1), CaseItem.updated_at.set(at)]
        for name, value in changes.items():
            attribute = getattr(CaseItem, name)
            # A cleared field is removed; reading it back gives the attribute's default.
            actions.append(attribute.remove() if value in (None, [], "") else attribute.set(value))
        self.table.transact(update_case(case_id, actions, cases.may_update(owner, expected_version)), audit=audit)

    def set_status(self, case_id: str, owner: str, status: CaseStatus, at: datetime, audit: AuditRecord) -> None:
        """Close or reopen (`cases.may_move_to`)."""
        actions: list[Action] = [
            CaseItem.status.set(status.value),
            CaseItem.updated_at.set(at),
            CaseItem.version.add(1),
        ]
        self.table.transact(update_case(case_id, actions, cases.may_move_to(owner, status)), audit=audit)

    def add_note(self, note: Note, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        self.table.transact(
            on_case(note.case_id, cases.participant(note.author_org)),
            save(records.note_item(note), Item.pk.does_not_exist()),
            claim=claim,
            audit=audit,
        )

    def project_cases(self, cases: Sequence[Case]) -> None:
        """Refresh each participant's list entry for a batch's cases (one image each, the
        newest), together (`Table.transact_each`): each entry conditioned on being no older,
        so that a stale image never overwrites a newer one."""
        self.table.transact_each(
            [
                [save(records.membership_item(case, org), _no_older(case))]
                for case in cases
                for org in sorted(case.participants)
            ]
        )


def _no_older(case: Case) -> Any:
    """A list entry is written only over an entry of the same or an older version of the case."""
    return MembershipItem.pk.does_not_exist() | (MembershipItem.case_version <= case.version)
