"""Case use cases: open, read, list, update, close, reopen, notes and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from chalicelib.domain import cases
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, CaseStatus, Note
from chalicelib.domain.errors import check_version
from chalicelib.domain.record_ids import check_case_id, new_id
from chalicelib.services.context import Auditor, Idempotency, RequestContext, claim
from chalicelib.storage.contracts import CaseSummary, Key, Page

if TYPE_CHECKING:
    from chalicelib.services.ports import AuditLog, Cases


@dataclass(frozen=True)
class CaseChange:
    """What a write changed, as far as the write itself knows without reading."""

    case_id: str
    updated_at: datetime
    status: CaseStatus | None = None
    version: int | None = None


@dataclass
class CaseService:
    cases: Cases
    trail: AuditLog
    audit: Auditor
    ttl: timedelta

    def open(self, ctx: RequestContext, fields: dict[str, Any], idempotency: Idempotency | None) -> Case:
        case_id = new_id("case", ctx.now)
        case = cases.open_case(case_id, ctx.org, ctx.principal.subject, ctx.now, **fields)
        with self.audit.attempt(ctx, "case.open", None) as check, check.refusal(idempotency):
            self.cases.open_case(
                case,
                ctx.audit("case.open", case_id=case_id, resource_id=case_id),
                claim(ctx, idempotency, case.shown(), self.ttl),
            )
        return case

    def read(self, ctx: RequestContext, case_id: str) -> Case:
        with self.audit.attempt(ctx, "case.read", case_id) as check:
            case = check.visible_case(check_case_id(case_id))
        self.audit.record(ctx.audit("case.read", case_id=case_id, resource_id=case_id))
        return case

    def list(self, ctx: RequestContext, status: CaseStatus | None, limit: int, start: Key | None) -> Page[CaseSummary]:
        page = self.cases.memberships(ctx.org, status.value if status else None, limit, start)
        self.audit.record(ctx.audit("case.list", reason=f"{len(page.items)} cases"))
        return page

    def update(self, ctx: RequestContext, case_id: str, expected_version: int, changes: dict[str, Any]) -> CaseChange:
        with self.audit.attempt(ctx, "case.update", case_id) as check:
            check_case_id(case_id)
            audit = ctx.audit("case.update", case_id=case_id, resource_id=case_id, reason=",".join(sorted(changes)))

            def classify() -> None:
                case = check.visible_case(case_id)
                cases.ensure_owner(case, ctx.org, "update")
                check_version("the case", case.version, expected_version)

            with check.refusal(classify=classify):
                self.cases.update_case(case_id, ctx.org, expected_version, changes, ctx.now, audit)
        return CaseChange(case_id, ctx.now, version=expected_version + 1)

    def close(self, ctx: RequestContext, case_id: str) -> CaseChange:
        return self._set_status(ctx, case_id, CaseStatus.CLOSED)

    def reopen(self, ctx: RequestContext, case_id: str) -> CaseChange:
        return self._set_status(ctx, case_id, CaseStatus.OPEN)

    def _set_status(self, ctx: RequestContext, case_id: str, status: CaseStatus) -> CaseChange:
        event = "case.close" if status is CaseStatus.CLOSED else "case.reopen"
        with self.audit.attempt(ctx, event, case_id) as check:
            check_case_id(case_id)

            def classify() -> None:
                cases.check_status_change(check.visible_case(case_id), ctx.org, status)

            with check.refusal(classify=classify):
                self.cases.set_status(
                    case_id, ctx.org, status, ctx.now, ctx.audit(event, case_id=case_id, resource_id=case_id)
                )
        return CaseChange(case_id, ctx.now, status=status)

    def add_note(
        self,
        ctx: RequestContext,
        case_id: str,
        text: str,
        idempotency: Idempotency | None,
    ) -> Note:
        with self.audit.attempt(ctx, "note.add", case_id) as check:
            check_case_id(case_id)
            note = ctx.note(case_id, text)
            audit = ctx.audit("note.add", case_id=case_id, resource_id=note.note_id)

            def classify() -> None:
                check.visible_case(case_id)

            with check.refusal(idempotency, classify):
                self.cases.add_note(note, audit, claim(ctx, idempotency, note, self.ttl))
        return note

    def notes(self, ctx: RequestContext, case_id: str, limit: int, start: Key | None) -> tuple[Case | None, Page[Note]]:
        """A page of notes; the first page also returns the case, whose visibility it checked.

        Later pages come with a cursor signed for this organisation and case (see
        `api.cursors`); participation is never withdrawn, so the first check still holds.
        """
        with self.audit.attempt(ctx, "note.list", case_id) as check:
            check_case_id(case_id)
            check.found, page = self.cases.case_and_notes(case_id, limit + (start is None), start)
            if start is None:
                cases.visible_case(check.found, ctx.org, case_id)
        self.audit.record(ctx.audit("note.list", case_id=case_id, resource_id=case_id))
        return check.found, page

    def audit_trail(
        self, ctx: RequestContext, case_id: str, limit: int, start: Key | None
    ) -> tuple[Case | None, Page[AuditRecord]]:
        with self.audit.attempt(ctx, "audit.read", case_id) as check:
            check_case_id(case_id)
            if start is None:
                cases.ensure_owner(check.visible_case(case_id), ctx.org, "read the audit trail of")
            page = self.trail.audit_trail(case_id, limit, start)
        self.audit.record(ctx.audit("audit.read", case_id=case_id, resource_id=case_id))
        return check.found, page
