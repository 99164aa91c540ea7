"""In-memory twins of the repositories (`chalicelib.services.ports`), for service unit tests.

A twin keeps domain records in dicts and honours the contract of the DynamoDB repository it
stands for (`chalicelib.storage.*`): a write checks the same domain rules (`domain.rules`,
evaluated in Python where the store renders them as conditions), raises `ConditionFailed`
where the store's transaction is refused, and changes nothing then (each call all or
nothing: every condition is checked before anything is written); its audit record, and its
idempotency claim, are filed with it. Reads answer what the store answers, newest first
where it is; a page ends (`last_key` None) at the last item, where DynamoDB may hand out one
more empty page. `tests/test_twin_contracts.py` runs the same scenarios on both.

Twinned: `AuditLog` and `IdempotencyLog` (`MemoryTable` itself), `Cases`, `Referrals`,
`LegalRequests`, `Emergencies`, `Preservations`, `Files`, `EvidenceStore` (the bucket),
`Counters` (with `fits` and `count`, the quota charge a write carries), `Feed` (with the
stream's `write`) and the read of a tip that files make (`TipReader`). Not twinned yet:
`Identifiers`, `Operations`, `Tips` (its writes), `Timers` (timers filed are kept in
`MemoryTable.timers`, never fired).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from chalicelib.domain import cases, emergency, files, legal, preservations, referrals, tips
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, CaseStatus, Contact, Note, Tlp
from chalicelib.domain.emergency import EmergencyRequest, EmergencyStatus
from chalicelib.domain.feed import Delivered, FeedEntry
from chalicelib.domain.files import EvidenceFile
from chalicelib.domain.identifiers import Identifier, IdentifierType
from chalicelib.domain.legal import Authority, LegalKind, LegalRequest, LegalStatus, RecordCategory, Served
from chalicelib.domain.organisations import Organisation, Registry, seed
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.principal import Principal
from chalicelib.domain.quotas import Charge, Counter, ProbeAlert
from chalicelib.domain.referrals import Decision, Referral, ReferralAction
from chalicelib.domain.rules import Rule, unchanged
from chalicelib.domain.timers import Retimed, Timer, file_timers, referral_timers
from chalicelib.domain.tips import Tip
from chalicelib.services import ports
from chalicelib.services.cases import CaseService
from chalicelib.services.context import Auditor, RequestContext
from chalicelib.services.emergency import EmergencyService
from chalicelib.services.files import FileService
from chalicelib.services.legal import LegalService
from chalicelib.services.preservations import PreservationService
from chalicelib.services.referrals import ReferralService
from chalicelib.storage.contracts import (
    Arrived,
    CaseSummary,
    ConditionFailed,
    IdempotencyClaim,
    IdempotencyRecord,
    Key,
    Page,
    Upload,
)
from chalicelib.storage.keys import HIGH, instant

T = TypeVar("T")


def holds(rule: Rule, record: Any) -> bool:
    """Whether `rule` holds of `record`: as a store's condition on an item, never of a missing one."""
    return record is not None and rule.holds(record)


def moved(stored: T, new: T, *names: str) -> T:
    """`stored` with the fields `names` as `new` has them: what the store's update sets, and no more."""
    return replace(stored, **{name: getattr(new, name) for name in names})  # type: ignore[type-var]


def page(items: Sequence[T], limit: int, start: Key | None) -> Page[T]:
    """A page of `items` (already in the store's order) and where the next one starts."""
    offset = int(start["offset"]) if start else 0
    following = offset + limit
    return Page(list(items[offset:following]), {"offset": following} if following < len(items) else None)


@dataclass
class MemoryTable:
    """The one table, in memory: what every twin reads and writes, the audit trail and the
    idempotency records included. It is the `AuditLog` and the `IdempotencyLog`."""

    cases: dict[str, Case] = field(default_factory=dict)
    notes: dict[str, list[Note]] = field(default_factory=dict)
    #: Each organisation's case list entries, as the store projects them (`project_cases`).
    memberships: dict[tuple[str, str], tuple[CaseSummary, int]] = field(default_factory=dict)
    referrals: dict[str, Referral] = field(default_factory=dict)
    #: The case version each referral was last stamped from.
    stamped: dict[str, int] = field(default_factory=dict)
    legal: dict[str, LegalRequest] = field(default_factory=dict)
    emergencies: dict[str, EmergencyRequest] = field(default_factory=dict)
    files: dict[str, EvidenceFile] = field(default_factory=dict)
    #: Tips, as a test puts them (no twin files them yet): what a tip's files are declared on.
    tips: dict[str, Tip] = field(default_factory=dict)
    preservations: dict[str, Preservation] = field(default_factory=dict)
    timers: list[Timer] = field(default_factory=list)
    audits: dict[str, AuditRecord] = field(default_factory=dict)
    claims: dict[tuple[str, str], IdempotencyClaim] = field(default_factory=dict)
    #: Quota and probe counters, by counter, question (or probe kind) and window; probe alerts.
    counters: dict[tuple[Any, ...], int] = field(default_factory=dict)
    alerts: dict[str, ProbeAlert] = field(default_factory=dict)
    #: Each organisation's event feed, as the stream writes it (`FeedTwin.write`).
    feed: dict[str, list[FeedEntry]] = field(default_factory=dict)

    def commit(
        self,
        *conditions: bool,
        claim: IdempotencyClaim | None = None,
        audit: AuditRecord | None = None,
        also: Sequence[AuditRecord] = (),
    ) -> None:
        """One transaction's checks and its records: `ConditionFailed` unless every condition
        holds, the claim's key is free (never held, or expired) and each audit record is new;
        then the claim and the records are filed. The caller applies its changes after."""
        audits = [*also, *([audit] if audit else [])]
        taken = self.claims.get((claim.org, claim.key)) if claim else None
        if not all(conditions) or (claim and taken and taken.expires_at >= claim.created_at):
            raise ConditionFailed()
        if any(record.audit_id in self.audits for record in audits):
            raise ConditionFailed()
        if claim is not None:
            self.claims[(claim.org, claim.key)] = claim
        for record in audits:
            self.audits[record.audit_id] = record

    # AuditLog

    def record(self, audit: AuditRecord) -> None:
        self.commit(audit=audit)

    def audit_trail(self, case_id: str, limit: int, start: Key | None) -> Page[AuditRecord]:
        """Newest first, by audit id as the store sorts them (a ULID of the request's `now`)."""
        return page(self.trail(case_id)[::-1], limit, start)

    def trail(self, case_id: str | None = None) -> list[AuditRecord]:
        """The audit records, oldest first (by id); of one case's trail if `case_id` is given."""
        found = (a for a in self.audits.values() if case_id is None or a.case_id == case_id)
        return sorted(found, key=lambda a: a.audit_id)

    # IdempotencyLog

    def idempotency_record(self, org: str, key: str) -> IdempotencyRecord | None:
        claim = self.claims.get((org, key))
        if claim is None:
            return None
        return IdempotencyRecord(claim.request_hash, claim.kind, claim.created, claim.expires_at)

    def events(self, case_id: str | None = None) -> list[tuple[str, str]]:
        """Each audit record's (event, outcome), oldest first; of one case's trail if `case_id` is given."""
        return [(a.event, a.outcome.value) for a in self.trail(case_id)]


#: A case's fields as `update_case` takes them (the JSON of the request), as the case record has them.
_AS_RECORD: dict[str, Any] = {
    "tlp": Tlp,
    "substances": tuple,
    "platforms": tuple,
    "contact": lambda value: Contact(**value),
}
_CASE_DEFAULTS: dict[str, Any] = {
    f.name: f.default_factory() if callable(f.default_factory) else f.default for f in fields(Case)
}


def changed(case: Case, changes: dict[str, Any]) -> Case:
    """`case` with `changes` applied as the store applies them: a cleared field reads back as its default."""
    values = {
        name: _CASE_DEFAULTS[name] if value in (None, [], "") else _AS_RECORD.get(name, lambda v: v)(value)
        for name, value in changes.items()
    }
    return replace(case, **values)


def summary(case: Case, org: str) -> CaseSummary:
    role = "owner" if org == case.owner else "participant"
    return CaseSummary(case.case_id, case.owner, role, case.title, case.status.value, case.tlp.value, case.updated_at)


@dataclass
class CasesTwin:
    table: MemoryTable

    def get_case(self, case_id: str) -> Case | None:
        return self.table.cases.get(case_id)

    def cases(self, case_ids: Iterable[str]) -> dict[str, Case]:
        return {case_id: self.table.cases[case_id] for case_id in case_ids if case_id in self.table.cases}

    def case_and_notes(self, case_id: str, limit: int, start: Key | None) -> tuple[Case | None, Page[Note]]:
        """As the store's one Query: the case counts towards the first page's `limit`."""
        notes = sorted(self.table.notes.get(case_id, []), key=lambda note: note.note_id)
        case = self.table.cases.get(case_id)
        if start is None and case is not None:
            first = page(notes, limit - 1, None)
            return case, first
        return (case if start is None else None), page(notes, limit, start)

    def memberships(self, org: str, status: str | None, limit: int, start: Key | None) -> Page[CaseSummary]:
        entries = sorted(
            (entry for (member, case_id), (entry, _) in self.table.memberships.items() if member == org),
            key=lambda entry: entry.case_id,
            reverse=True,
        )
        return page([entry for entry in entries if status in (None, entry.status)], limit, start)

    def open_case(self, case: Case, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        self.table.commit(case.case_id not in self.table.cases, claim=claim, audit=audit)
        self.table.cases[case.case_id] = case
        self.table.memberships[(case.owner, case.case_id)] = (summary(case, case.owner), case.version)

    def update_case(
        self, case_id: str, owner: str, expected_version: int, changes: dict[str, Any], at: datetime, audit: AuditRecord
    ) -> None:
        found = self.table.cases.get(case_id)
        self.table.commit(holds(cases.may_update(owner, expected_version), found), audit=audit)
        assert found is not None
        self.table.cases[case_id] = replace(changed(found, changes), version=found.version + 1, updated_at=at)

    def set_status(self, case_id: str, owner: str, status: CaseStatus, at: datetime, audit: AuditRecord) -> None:
        found = self.table.cases.get(case_id)
        self.table.commit(holds(cases.may_move_to(owner, status), found), audit=audit)
        assert found is not None
        self.table.cases[case_id] = replace(found, status=status, updated_at=at, version=found.version + 1)

    def add_note(self, note: Note, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        found = self.table.cases.get(note.case_id)
        new = all(known.note_id != note.note_id for known in self.table.notes.get(note.case_id, []))
        self.table.commit(holds(cases.participant(note.author_org), found), new, claim=claim, audit=audit)
        self.table.notes.setdefault(note.case_id, []).append(note)

    def project_cases(self, cases: Sequence[Case]) -> None:
        for case in cases:
            for org in sorted(case.participants):
                _, version = self.table.memberships.get((org, case.case_id), (None, 0))
                if version <= case.version:
                    self.table.memberships[(org, case.case_id)] = (summary(case, org), case.version)


@dataclass
class ReferralsTwin:
    table: MemoryTable

    def referral_and_case(self, referral_id: str, case_id: str) -> tuple[Referral | None, Case | None]:
        found = self.table.referrals.get(referral_id)
        return (found if found is not None and found.case_id == case_id else None), self.table.cases.get(case_id)

    def referral_box(self, org: str, box: str, status: str | None, limit: int, start: Key | None) -> Page[Referral]:
        end = "to_org" if box == "IN" else "from_org"
        found = [
            r for r in self.table.referrals.values() if getattr(r, end) == org and status in (None, r.status.value)
        ]
        return page(sorted(found, key=lambda r: r.referral_id, reverse=True), limit, start)

    def cases_referrals(self, case_ids: Sequence[str]) -> dict[str, list[Referral]]:
        ordered = sorted(self.table.referrals.values(), key=lambda r: r.referral_id)
        return {case_id: [r for r in ordered if r.case_id == case_id] for case_id in case_ids}

    def create_referral(self, referral: Referral, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        case = self.table.cases.get(referral.case_id)
        self.table.commit(
            holds(cases.may_refer(referral.from_org, referral.to_org), case),
            referral.referral_id not in self.table.referrals,
            claim=claim,
            audit=audit,
        )
        assert case is not None
        self.table.cases[case.case_id] = replace(
            case, pending_referrals_to=case.pending_referrals_to | {referral.to_org}
        )
        self.table.referrals[referral.referral_id] = referral
        self.table.timers += referral_timers(referral)

    def decide_referral(self, decision: Decision, audit: AuditRecord) -> None:
        found, case = self.referral_and_case(decision.referral_id, decision.case_id)
        case_rule: Rule | None = None
        if decision.action is ReferralAction.ACCEPT:
            case_rule = cases.REFERABLE
        elif decision.by_system:
            case_rule = ~cases.REFERABLE
        self.table.commit(
            holds(referrals.may_decide(decision.action, decision.org), found),
            case is not None and (case_rule is None or case_rule.holds(case)),
            audit=audit,
        )
        assert found is not None and case is not None
        self.table.referrals[found.referral_id] = replace(
            found,
            status=decision.status,
            decided_at=decision.at,
            decided_by=decision.subject,
            decline_reason=decision.decline_reason or found.decline_reason,
        )
        case = replace(case, pending_referrals_to=case.pending_referrals_to - {decision.to_org})
        if decision.action is ReferralAction.ACCEPT:
            joined = case.participants | {decision.to_org}
            case = replace(case, participants=joined, version=case.version + 1, updated_at=decision.at)
        self.table.cases[case.case_id] = case

    def stamp_referrals(self, stamps: Sequence[tuple[Referral, Case]]) -> None:
        """Each stamp apart: one whose condition fails is left out, as the store leaves it out."""
        for referral, case in stamps:
            found = self.table.referrals.get(referral.referral_id)
            newer = self.table.stamped.get(referral.referral_id, 0) <= case.version
            if newer and holds(referrals.STATUS.is_in(referrals.stamp_statuses(case)), found):
                assert found is not None
                self.table.referrals[found.referral_id] = replace(found, case_title=case.title, case_tlp=case.tlp.value)
                self.table.stamped[found.referral_id] = case.version


def _served(table: MemoryTable, request: LegalRequest, file_id: str) -> tuple[bool, EvidenceFile | None]:
    """Whether `file_id` may be served with `request` (`legal.servable_document`), and it shared with its platform."""
    found = table.files.get(file_id)
    if not holds(legal.servable_document(request.case_id, request.org), found):
        return False, None
    assert found is not None
    entry = files.served_entry(request.platform, request.request_id)
    return True, replace(found, served_with=found.served_with | {entry}, version=found.version + 1)


def _joined(table: MemoryTable, case_id: str, request_id: str, file_ids: Sequence[str]) -> list[EvidenceFile | None]:
    """The files a platform produced on `request_id`, joined to the case; None for one that may not join."""
    joined: list[EvidenceFile | None] = []
    for file_id in file_ids:
        found = table.files.get(file_id)
        ok = holds(files.producible(request_id), found)
        joined.append(replace(found, case_id=case_id, version=found.version + 1) if ok and found else None)
    return joined


@dataclass
class LegalRequestsTwin:
    table: MemoryTable

    def get_request(self, request_id: str) -> LegalRequest | None:
        return self.table.legal.get(request_id)

    def request_box(
        self, org: str, box: str, status: LegalStatus | None, limit: int, start: Key | None
    ) -> Page[LegalRequest]:
        end = "platform" if box == "IN" else "org"
        found = [r for r in self.table.legal.values() if getattr(r, end) == org and status in (None, r.status)]
        return page(sorted(found, key=lambda r: r.request_id, reverse=True), limit, start)

    def send(
        self,
        request: LegalRequest,
        timers: Sequence[Timer],
        audit: AuditRecord,
        served: AuditRecord | None,
        claim: IdempotencyClaim | None,
    ) -> None:
        t = self.table
        conditions = [
            holds(cases.may_reach_platform(request.org), t.cases.get(request.case_id)),
            request.request_id not in t.legal,
        ]
        preservation = t.preservations.get(request.preservation_id) if request.preservation_id else None
        if request.preservation_id is not None:
            rule = preservations.followed_by(request.case_id, request.org, request.platform)
            conditions.append(holds(rule, preservation))
        asked = t.emergencies.get(request.emergency_id) if request.emergency_id else None
        if request.emergency_id is not None:
            conditions.append(holds(emergency.followable(request.case_id, request.org, request.platform), asked))
        document: EvidenceFile | None = None
        if request.document_file_id is not None and served is not None:
            servable, document = _served(t, request, request.document_file_id)
            conditions.append(servable)
        t.commit(*conditions, claim=claim, audit=audit, also=[served] if served and document else [])
        t.legal[request.request_id] = request
        t.timers += timers
        if preservation is not None:
            named = (*preservation.legal_request_ids, request.request_id)
            t.preservations[preservation.preservation_id] = replace(preservation, legal_request_ids=named)
        if asked is not None:
            t.emergencies[asked.request_id] = replace(asked, followed_by=request.request_id)
        if document is not None:
            t.files[document.file_id] = document

    def _move(self, old: LegalRequest, rule: Rule) -> bool:
        """Whether the stored request satisfies `rule` at `old`'s version."""
        return holds(rule & unchanged(old.version), self.table.legal.get(old.request_id))

    def _set(self, new: LegalRequest, *names: str) -> None:
        stored = self.table.legal[new.request_id]
        self.table.legal[new.request_id] = moved(stored, new, "status", "version", *names)

    def acknowledge(self, old: LegalRequest, new: LegalRequest, audit: AuditRecord) -> None:
        self.table.commit(self._move(old, legal.may_acknowledge(old.platform)), audit=audit)
        self._set(new, "platform_reference", "acknowledged_at")

    def answer(
        self,
        old: LegalRequest,
        new: LegalRequest,
        audit: AuditRecord,
        produced: Sequence[AuditRecord] = (),
        fulfilled: Preservation | None = None,
    ) -> None:
        assert new.answer is not None
        t = self.table
        joined = _joined(t, old.case_id, old.request_id, new.answer.file_ids)
        stored = t.preservations.get(fulfilled.preservation_id) if fulfilled else None
        conditions = [None not in joined, fulfilled is None or holds(unchanged(fulfilled.version), stored)]
        t.commit(*conditions, self._move(old, legal.may_answer(old.platform)), audit=audit, also=produced)
        self._set(new, "answer")
        t.files.update({f.file_id: f for f in joined if f is not None})
        if stored is not None:
            done = replace(stored, status=PreservationStatus.FULFILLED, version=stored.version + 1)
            t.preservations[stored.preservation_id] = done

    def withdraw(self, old: LegalRequest, new: LegalRequest, audit: AuditRecord) -> None:
        t = self.table
        served = [t.files.get(file_id) for file_id in sorted(old.served_files)]
        t.commit(None not in served, self._move(old, legal.WITHDRAWABLE), audit=audit)
        self._set(new, "withdrawn_at", "withdrawn_because")
        entry = files.served_entry(old.platform, old.request_id)
        for found in served:
            assert found is not None
            t.files[found.file_id] = replace(found, served_with=found.served_with - {entry}, version=found.version + 1)

    def extend_nondisclosure(
        self, old: LegalRequest, new: LegalRequest, timers: Retimed, served: AuditRecord, audit: AuditRecord
    ) -> None:
        t = self.table
        document_file_id = new.nondisclosure_order_file_id
        assert document_file_id is not None
        servable, document = _served(t, new, document_file_id)
        reaches = holds(cases.may_reach_platform(old.org), t.cases.get(old.case_id))
        current = holds(unchanged(old.version), t.legal.get(old.request_id))
        t.commit(servable, reaches, current, audit=audit, also=[served])
        assert document is not None
        obsolete, fresh = timers
        stored = t.legal[old.request_id]
        t.legal[old.request_id] = replace(
            moved(stored, new, "nondisclosure_until", "version"),
            nondisclosure_order_file_id=document_file_id,
            served_files=stored.served_files | {document_file_id},
        )
        t.files[document.file_id] = document
        t.timers = [timer for timer in t.timers if timer not in obsolete] + list(fresh)


@dataclass
class EmergenciesTwin:
    table: MemoryTable

    def get_emergency(self, request_id: str) -> EmergencyRequest | None:
        return self.table.emergencies.get(request_id)

    def agency_box(
        self, org: str, status: EmergencyStatus | None, limit: int, start: Key | None
    ) -> Page[EmergencyRequest]:
        found = [r for r in self.table.emergencies.values() if r.org == org and status in (None, r.status)]
        return page(sorted(found, key=lambda r: r.request_id, reverse=True), limit, start)

    def queue(
        self, platform: str, status: EmergencyStatus | None, limit: int, start: Key | None
    ) -> Page[EmergencyRequest]:
        """Approved requests only: unacknowledged first, then oldest first."""
        found = [
            r
            for r in self.table.emergencies.values()
            if r.platform == platform and r.sent and status in (None, r.status)
        ]
        return page(sorted(found, key=lambda r: (emergency.QUEUE_RANK[r.status], r.request_id)), limit, start)

    def ask(self, request: EmergencyRequest, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        t = self.table
        reaches = holds(cases.may_reach_platform(request.org), t.cases.get(request.case_id))
        t.commit(reaches, request.request_id not in t.emergencies, claim=claim, audit=audit)
        t.emergencies[request.request_id] = request

    def _move(self, old: EmergencyRequest, rule: Rule) -> bool:
        """Whether the stored request satisfies `rule` at `old`'s version."""
        return holds(rule & unchanged(old.version), self.table.emergencies.get(old.request_id))

    def _set(self, new: EmergencyRequest, *names: str) -> None:
        stored = self.table.emergencies[new.request_id]
        self.table.emergencies[new.request_id] = moved(stored, new, "status", "version", *names)

    def decide(self, old: EmergencyRequest, new: EmergencyRequest, timers: Sequence[Timer], audit: AuditRecord) -> None:
        t = self.table
        reaches = not new.sent or holds(cases.may_reach_platform(old.org), t.cases.get(old.case_id))
        t.commit(self._move(old, emergency.UNDECIDED), reaches, audit=audit)
        self._set(new, "decided_at", "approved_by", "rejected_because", "approver_assurance")
        t.timers += timers

    def acknowledge(self, old: EmergencyRequest, new: EmergencyRequest, audit: AuditRecord) -> None:
        self.table.commit(self._move(old, emergency.may_acknowledge(old.platform)), audit=audit)
        self._set(new, "acknowledged_at", "acknowledged_by")

    def settle(
        self, old: EmergencyRequest, new: EmergencyRequest, timers: Sequence[Timer], audit: AuditRecord, at: datetime
    ) -> None:
        self.table.commit(self._move(old, emergency.may_settle(old.org)), audit=audit)
        self._set(new, "held_from")
        self.table.timers += timers

    def answer(
        self,
        old: EmergencyRequest,
        new: EmergencyRequest,
        timers: Sequence[Timer],
        audit: AuditRecord,
        disclosed: Sequence[AuditRecord] = (),
    ) -> None:
        assert new.answer is not None
        t = self.table
        joined = _joined(t, old.case_id, old.request_id, new.answer.file_ids)
        t.commit(self._move(old, emergency.may_answer(old.platform)), None not in joined, audit=audit, also=disclosed)
        self._set(new, "answer", "process_due_at")
        t.timers += timers
        t.files.update({f.file_id: f for f in joined if f is not None})


@dataclass
class PreservationsTwin:
    table: MemoryTable

    def get_preservation(self, preservation_id: str) -> Preservation | None:
        return self.table.preservations.get(preservation_id)

    def preservation_box(
        self, org: str, box: str, status: PreservationStatus | None, limit: int, start: Key | None
    ) -> Page[Preservation]:
        end = "platform" if box == "IN" else "org"
        found = [p for p in self.table.preservations.values() if getattr(p, end) == org and status in (None, p.status)]
        return page(sorted(found, key=lambda p: p.preservation_id, reverse=True), limit, start)

    def request_preservation(
        self, preservation: Preservation, timers: Sequence[Timer], audit: AuditRecord, claim: IdempotencyClaim | None
    ) -> None:
        t = self.table
        reaches = holds(cases.may_reach_platform(preservation.org), t.cases.get(preservation.case_id))
        t.commit(reaches, preservation.preservation_id not in t.preservations, claim=claim, audit=audit)
        t.preservations[preservation.preservation_id] = preservation
        t.timers += timers

    def acknowledge(self, found: Preservation, reference: str, at: datetime, audit: AuditRecord) -> None:
        """As the store does it: on the rule alone, and leaving the version as it is."""
        stored = self.table.preservations.get(found.preservation_id)
        self.table.commit(holds(preservations.may_acknowledge(found.platform), stored), audit=audit)
        assert stored is not None
        acknowledged = PreservationStatus.ACKNOWLEDGED
        self.table.preservations[found.preservation_id] = replace(
            stored, status=acknowledged, platform_reference=reference, acknowledged_at=at
        )

    def extend(
        self, old: Preservation, new: Preservation, org: str, timers: Retimed, at: datetime, audit: AuditRecord
    ) -> None:
        t = self.table
        stored = t.preservations.get(old.preservation_id)
        reaches = holds(cases.may_reach_platform(org), t.cases.get(old.case_id))
        t.commit(reaches, holds(unchanged(old.version), stored), audit=audit)
        assert stored is not None
        obsolete, fresh = timers
        t.preservations[old.preservation_id] = replace(
            stored, expires_at=new.expires_at, extended=True, version=new.version
        )
        t.timers = [timer for timer in t.timers if timer not in obsolete] + list(fresh)


@dataclass
class FilesTwin:
    table: MemoryTable

    def get_file(self, file_id: str) -> EvidenceFile | None:
        return self.table.files.get(file_id)

    def case_files(self, case_id: str, limit: int, start: Key | None) -> Page[EvidenceFile]:
        found = [f for f in self.table.files.values() if f.case_id == case_id]
        return page(sorted(found, key=lambda f: f.file_id, reverse=True), limit, start)

    def custody(self, file_id: str, limit: int, start: Key | None) -> Page[AuditRecord]:
        """Oldest first (by id): the records that handed the file over (those with its SHA-256)."""
        return page([a for a in self.table.trail() if a.resource_id == file_id and a.sha256], limit, start)

    def tip_files(self, tip_id: str) -> list[EvidenceFile]:
        return sorted((f for f in self.table.files.values() if f.tip_id == tip_id), key=lambda f: f.file_id)

    def declare_case_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        assert file.case_id is not None
        self._declare(file, holds(cases.working_on(file.org), self.table.cases.get(file.case_id)), audit, claim)

    def declare_tip_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        assert file.tip_id is not None and file.platform is not None
        self._declare(file, holds(tips.attachable_by(file.platform), self.table.tips.get(file.tip_id)), audit, claim)

    def declare_request_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        assert file.request_id is not None and file.platform is not None
        standing = holds(legal.may_answer(file.platform), self.table.legal.get(file.request_id))
        self._declare(file, standing, audit, claim)

    def declare_emergency_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        assert file.request_id is not None and file.platform is not None
        open_ = holds(emergency.may_answer(file.platform), self.table.emergencies.get(file.request_id))
        self._declare(file, open_, audit, claim)

    def _declare(self, file: EvidenceFile, parent: bool, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        self.table.commit(parent, file.file_id not in self.table.files, claim=claim, audit=audit)
        self.table.files[file.file_id] = file
        self.table.timers += file_timers(file)

    def carry(self, carried: EvidenceFile, audit: AuditRecord) -> None:
        stored = self.table.files.get(carried.file_id)
        self.table.commit(holds(files.CARRIABLE, stored), audit=audit)
        assert stored is not None
        self.table.files[carried.file_id] = replace(stored, case_id=carried.case_id, version=stored.version + 1)

    def record_arrival(self, old: EvidenceFile, new: EvidenceFile, audit: AuditRecord) -> None:
        stored = self.table.files.get(old.file_id)
        self.table.commit(holds(files.CHECKABLE & unchanged(old.version), stored), audit=audit)
        assert stored is not None
        checked = replace(
            stored,
            status=new.status,
            checked_at=new.checked_at,
            object_version=new.object_version,
            version=new.version,
            rejected_because=new.rejected_because or stored.rejected_because,
        )
        if new.scan is not old.scan:
            checked = replace(checked, scan=new.scan, scanned_at=new.scanned_at, scanned_version=new.scanned_version)
        self.table.files[old.file_id] = checked

    def record_scan(self, old: EvidenceFile, new: EvidenceFile, audit: AuditRecord) -> None:
        stored = self.table.files.get(old.file_id)
        self.table.commit(holds(unchanged(old.version), stored), audit=audit)
        assert stored is not None
        self.table.files[old.file_id] = replace(
            stored, scan=new.scan, scanned_at=new.scanned_at, scanned_version=new.scanned_version, version=new.version
        )


@dataclass
class TipsReader:
    """The read of `Tips` that files make (`TipReader`), of tips a test puts in `MemoryTable.tips`."""

    table: MemoryTable

    def get_tip(self, tip_id: str) -> Tip | None:
        return self.table.tips.get(tip_id)


@dataclass
class EvidenceBucketTwin:
    """The evidence bucket (`EvidenceStore`), versioned: `put` is the client's `PUT` of an upload."""

    objects: dict[str, list[bytes]] = field(default_factory=dict)

    def put(self, key: str, data: bytes) -> str:
        """Stores a new version of `key`; its version id."""
        self.objects.setdefault(key, []).append(data)
        return str(len(self.objects[key]))

    def upload(self, file: EvidenceFile, now: datetime) -> Upload:
        headers = {"Content-Type": file.media_type, "x-amz-checksum-sha256": file.sha256}
        return Upload(f"memory://evidence/{file.object_key}", headers, file.upload_expires_at)

    def download(self, file: EvidenceFile) -> str:
        return f"memory://evidence/{file.object_key}?versionId={file.object_version}"

    def arrived(self, key: str, version: str | None) -> Arrived | None:
        versions = self.objects.get(key, [])
        number = int(version) if version else len(versions)
        if not 1 <= number <= len(versions):
            return None
        data = versions[number - 1]
        return Arrived(len(data), hashlib.sha256(data).hexdigest(), str(number))


def fits(table: MemoryTable, charge: Charge | None) -> bool:
    """Whether `charge` fits both its counters: the condition of a write that carries it."""
    if charge is None:
        return True
    counted = [table.counters.get((name, charge.question.value, charge.window), 0) for name, _ in charge.counters()]
    return all(used <= limit - charge.units for used, (_, limit) in zip(counted, charge.counters(), strict=True))


def count(table: MemoryTable, charge: Charge | None) -> None:
    """`charge` counted against both its counters (after `fits`, in the same write)."""
    if charge is None:
        return
    for name, _ in charge.counters():
        key = (name, charge.question.value, charge.window)
        table.counters[key] = table.counters.get(key, 0) + charge.units


@dataclass
class CountersTwin:
    table: MemoryTable

    def used(self, charge: Charge) -> dict[Counter, int]:
        keys = {name: (name, charge.question.value, charge.window) for name, _ in charge.counters()}
        return {name: self.table.counters[key] for name, key in keys.items() if key in self.table.counters}

    def count_probe(self, org: str, by_org: str, kind: str, window: datetime, answers: int) -> int:
        key = ("PROBE", org, by_org, kind, window)
        self.table.counters[key] = self.table.counters.get(key, 0) + answers
        return self.table.counters[key]

    def record_alert(self, alert: ProbeAlert) -> bool:
        if alert.alert_id in self.table.alerts:
            return False
        self.table.alerts[alert.alert_id] = alert
        return True


@dataclass
class FeedTwin:
    table: MemoryTable

    def write(self, events: Sequence[Delivered], began: datetime) -> None:
        """The stream's side (`FeedRepository.write`, its clock at `began`): each event into the
        feed of each recipient, at `<began>#<place in the batch>#<event id>`."""
        for place, event in enumerate(events):
            position = f"{instant(began)}#{place:05d}#{event.event_id}"
            entry = FeedEntry(position, event.event_id, event.detail_type, event.detail, event.occurred_at)
            for org in event.recipients:
                self.table.feed.setdefault(org, []).append(entry)

    def position_of(self, org: str, event_id: str) -> str | None:
        positions = [entry.position for entry in self.table.feed.get(org, []) if entry.event_id == event_id]
        return max(positions, default=None)

    def page(self, org: str, after: str | None, through: datetime, limit: int) -> tuple[list[FeedEntry], str]:
        upper = instant(through) + "#" + HIGH
        found = [
            e for e in self.table.feed.get(org, []) if (after is None or e.position > after) and e.position <= upper
        ]
        taken = sorted(found, key=lambda entry: entry.position)[:limit]
        return taken, taken[-1].position if len(taken) == limit else max(after or "", upper)


_: ports.AuditLog = MemoryTable()
_idempotency: ports.IdempotencyLog = MemoryTable()
_cases: ports.Cases = CasesTwin(MemoryTable())
_referrals: ports.Referrals = ReferralsTwin(MemoryTable())
_legal: ports.LegalRequests = LegalRequestsTwin(MemoryTable())
_emergencies: ports.Emergencies = EmergenciesTwin(MemoryTable())
_files: ports.Files = FilesTwin(MemoryTable())
_preservations: ports.Preservations = PreservationsTwin(MemoryTable())
_tips: ports.TipReader = TipsReader(MemoryTable())
_bucket: ports.EvidenceStore = EvidenceBucketTwin()
_counters: ports.Counters = CountersTwin(MemoryTable())
_feed: ports.Feed = FeedTwin(MemoryTable())


def auditor(table: MemoryTable) -> Auditor:
    """The services' auditor over `table`, as `wiring.auditor` builds it over the store."""
    return Auditor(table, CasesTwin(table), table)


#: When the twins' tests call: a fixed instant, so that records compare.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def organisations() -> Registry:
    """The registered organisations, where the services look up receivers and platforms
    (the one place the tests on twins name the registry)."""
    return seed()


def organisation(code: str) -> Organisation:
    found = organisations().get(code)
    assert found is not None, code
    return found


def caller(org: str, subject: str | None = None, *scopes: str, at: datetime = NOW) -> RequestContext:
    """A request of `subject` (an officer of `org` by default) for registered organisation `org`."""
    found = organisation(org)
    principal = Principal(subject or f"officer.{org.lower()}", found, frozenset(scopes), issuer="https://idp.test")
    return RequestContext(principal, component="test", now=at)


# The services on the twins, as `chalicelib.wiring` builds them on the store

#: How long an idempotency key is held.
TTL = timedelta(hours=24)


def case_service(table: MemoryTable) -> CaseService:
    return CaseService(CasesTwin(table), table, auditor(table), TTL)


def referral_service(table: MemoryTable) -> ReferralService:
    return ReferralService(ReferralsTwin(table), auditor(table), organisations(), TTL)


class _Anyone:
    """A standing check that lets every caller through: the services' unit tests are about
    the requests; who may make them is `tests/test_people.py`'s, against the real table."""

    def standing(self, ctx: RequestContext, act: Any) -> Any:
        from types import SimpleNamespace

        return SimpleNamespace(person_id=None)

    def withdrawn_from_acting(self, person_id: str) -> bool:
        return False


ANYONE = _Anyone()


def legal_service(table: MemoryTable) -> LegalService:
    return LegalService(
        LegalRequestsTwin(table),
        FilesTwin(table),
        PreservationsTwin(table),
        EmergenciesTwin(table),
        auditor(table),
        organisations(),
        TTL,
        legal.DEFAULT_DUE,
        ANYONE,
    )


def preservation_service(table: MemoryTable) -> PreservationService:
    return PreservationService(PreservationsTwin(table), auditor(table), organisations(), TTL)


def emergency_service(table: MemoryTable) -> EmergencyService:
    return EmergencyService(
        EmergenciesTwin(table),
        FilesTwin(table),
        auditor(table),
        organisations(),
        TTL,
        emergency.DEFAULT_SLA,
        emergency.DEFAULT_PROCESS_DUE,
        ANYONE,
    )


#: A subpoena for one account's subscriber records (a kind served without a signed document).
SUBPOENA = Served(
    kind=LegalKind.SUBPOENA,
    accounts=(Identifier(IdentifierType.SOCIAL_HANDLE, "pillseller"),),
    categories=(RecordCategory.SUBSCRIBER,),
    date_from=NOW - timedelta(days=30),
    date_to=NOW,
    authority=Authority("GJ-2026-17", "Grand jury, S.D.N.Y.", NOW - timedelta(days=1)),
    contact=Contact(name="Ana", email="ana@dea.example.gov"),
)


def file_service(table: MemoryTable, bucket: EvidenceBucketTwin) -> FileService:
    return FileService(
        FilesTwin(table),
        bucket,
        auditor(table),
        TipsReader(table),
        TTL,
        LegalRequestsTwin(table),
        EmergenciesTwin(table),
    )
