"""What the use cases need of storage, as small interfaces (ports).

Each service takes only the repositories it uses, typed by these protocols, never by the
concrete stores (`chalicelib.storage`); the composition root (`wiring`) plugs the stores in,
and a test may plug in anything with the same methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, CaseStatus, Note
from chalicelib.domain.deconfliction import HeldIdentifier, HitRecord, Holding, MatchedPair
from chalicelib.domain.emergency import EmergencyRequest, EmergencyStatus
from chalicelib.domain.feed import FeedEntry
from chalicelib.domain.files import EvidenceFile
from chalicelib.domain.legal import LegalRequest, LegalStatus
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.quotas import Charge, Counter, ProbeAlert
from chalicelib.domain.referrals import Decision, Referral
from chalicelib.domain.rules import Rule
from chalicelib.domain.timers import Retimed, Subject, Timer
from chalicelib.domain.tips import Brought, Route, Tip, TipStatus
from chalicelib.domain.watch import ConflictState, WatchedConflict
from chalicelib.storage.contracts import (
    Arrived,
    CaseSummary,
    CellSearch,
    IdempotencyClaim,
    IdempotencyRecord,
    Key,
    Page,
    Upload,
)


class AuditLog(Protocol):
    def record(self, audit: AuditRecord) -> None: ...

    def audit_trail(self, case_id: str, limit: int, start: Key | None) -> Page[AuditRecord]: ...


class IdempotencyLog(Protocol):
    def idempotency_record(self, org: str, key: str) -> IdempotencyRecord | None: ...


class CaseReader(Protocol):
    def get_case(self, case_id: str) -> Case | None: ...

    def cases(self, case_ids: Iterable[str]) -> dict[str, Case]: ...


class Cases(CaseReader, Protocol):
    def case_and_notes(self, case_id: str, limit: int, start: Key | None) -> tuple[Case | None, Page[Note]]: ...

    def memberships(self, org: str, status: str | None, limit: int, start: Key | None) -> Page[CaseSummary]: ...

    def open_case(self, case: Case, audit: AuditRecord, claim: IdempotencyClaim | None) -> None: ...

    def update_case(
        self, case_id: str, owner: str, expected_version: int, changes: dict[str, Any], at: datetime, audit: AuditRecord
    ) -> None: ...

    def set_status(self, case_id: str, owner: str, status: CaseStatus, at: datetime, audit: AuditRecord) -> None: ...

    def add_note(self, note: Note, audit: AuditRecord, claim: IdempotencyClaim | None) -> None: ...

    def project_cases(self, cases: Sequence[Case]) -> None: ...


class Referrals(Protocol):
    def referral_and_case(self, referral_id: str, case_id: str) -> tuple[Referral | None, Case | None]: ...

    def referral_box(self, org: str, box: str, status: str | None, limit: int, start: Key | None) -> Page[Referral]: ...

    def cases_referrals(self, case_ids: Sequence[str]) -> dict[str, list[Referral]]: ...

    def create_referral(self, referral: Referral, audit: AuditRecord, claim: IdempotencyClaim | None) -> None: ...

    def decide_referral(self, decision: Decision, audit: AuditRecord) -> None: ...

    def stamp_referrals(self, stamps: Sequence[tuple[Referral, Case]]) -> None: ...


class Identifiers(Protocol):
    def holdings(self, tokens: Sequence[str]) -> dict[str, list[Holding]]: ...

    def case_identifiers(self, case_id: str, limit: int, start: Key | None) -> Page[HeldIdentifier]: ...

    def hits(self, org: str, limit: int, start: Key | None) -> Page[HitRecord]: ...

    def hit(self, org: str, hit_id: str) -> HitRecord | None: ...

    def add_identifiers(
        self,
        case_id: str,
        org: str,
        held: Sequence[HeldIdentifier],
        audit: AuditRecord,
        claim: IdempotencyClaim | None,
        new_identifier_key: str | None = None,
        charge: Charge | None = None,
    ) -> None: ...

    def remove_identifier(self, case_id: str, org: str, identifier_id: str, audit: AuditRecord) -> None: ...

    def record_hits(self, pairs: Sequence[MatchedPair]) -> list[bool]: ...

    def record_check(self, written: Sequence[HitRecord], audit: AuditRecord, charge: Charge) -> None: ...


class Operations(Protocol):
    def cell_entries(
        self, cells: Sequence[str], earliest_start: datetime, latest_start: datetime
    ) -> list[Operation]: ...

    def cell_entries_of_each(self, searches: Sequence[CellSearch]) -> list[list[Operation]]: ...

    def case_operations(self, case_id: str, limit: int, start: Key | None) -> Page[Operation]: ...

    def operation_and_case(self, operation_id: str, case_id: str) -> tuple[Operation | None, Case | None]: ...

    def conflicts(self, org: str, limit: int, start: Key | None) -> Page[ConflictRecord]: ...

    def conflict(self, org: str, conflict_id: str) -> ConflictRecord | None: ...

    def register_operation(
        self, operation: Operation, audit: AuditRecord, claim: IdempotencyClaim | None, charge: Charge | None = None
    ) -> None: ...

    def replace_operation(
        self, old: Operation, new: Operation, audit: AuditRecord, charge: Charge | None = None
    ) -> None: ...

    def record_conflicts(self, pairs: Sequence[Sequence[ConflictRecord]]) -> list[bool]: ...


class TipReader(Protocol):
    def get_tip(self, tip_id: str) -> Tip | None: ...


class Tips(TipReader, Protocol):
    def tip_and_case(self, tip_id: str, case_id: str) -> tuple[Tip | None, Case | None]: ...

    def claimed(self, platform: str, references: Sequence[str]) -> dict[str, str]: ...

    def inbox(self, org: str, status: TipStatus | None, limit: int, start: Key | None) -> Page[Tip]: ...

    def file_tips(self, tips: Sequence[Tip], audit: AuditRecord) -> None: ...

    def route_all(self, routes: Sequence[tuple[str, Route, AuditRecord]], at: datetime) -> set[str]: ...

    def reroute(self, tip: Tip, route: Route, org: str, at: datetime, audit: AuditRecord) -> None: ...

    def dismiss(self, tip_id: str, org: str, subject: str, reason: str, at: datetime, audit: AuditRecord) -> None: ...

    def promote(
        self, tip: Tip, case: Case, brought: Brought, audit: AuditRecord, claim: IdempotencyClaim | None
    ) -> None: ...

    def link(
        self, linked: Tip, org: str, brought: Brought, audit: AuditRecord, new_identifier_key: str | None = None
    ) -> None: ...


class PreservationReader(Protocol):
    def get_preservation(self, preservation_id: str) -> Preservation | None: ...


class Preservations(PreservationReader, Protocol):
    def preservation_box(
        self, org: str, box: str, status: PreservationStatus | None, limit: int, start: Key | None
    ) -> Page[Preservation]: ...

    def request_preservation(
        self, preservation: Preservation, timers: Sequence[Timer], audit: AuditRecord, claim: IdempotencyClaim | None
    ) -> None: ...

    def acknowledge(self, found: Preservation, reference: str, at: datetime, audit: AuditRecord) -> None: ...

    def extend(
        self, old: Preservation, new: Preservation, org: str, timers: Retimed, at: datetime, audit: AuditRecord
    ) -> None: ...


class Timers(Protocol):
    def file_timers(self, timers: Sequence[Timer], now: datetime) -> None: ...

    def checkpoint(self) -> str | None: ...

    def advance(self, bucket: str) -> None: ...

    def due(self, buckets: Sequence[str], now: datetime) -> list[tuple[str, Timer]]: ...

    def subjects(self, timers: Sequence[Timer]) -> dict[str, Subject]: ...

    def fire(self, bucket: str, timer: Timer, at: datetime, audit: AuditRecord) -> bool: ...

    def drop(self, bucket: str, timer: Timer) -> None: ...


class Counters(Protocol):
    def used(self, charge: Charge) -> dict[Counter, int]: ...

    def count_probe(self, org: str, by_org: str, kind: str, window: datetime, answers: int) -> int: ...

    def record_alert(self, alert: ProbeAlert) -> bool: ...


class Files(Protocol):
    def get_file(self, file_id: str) -> EvidenceFile | None: ...

    def case_files(self, case_id: str, limit: int, start: Key | None) -> Page[EvidenceFile]: ...

    def custody(self, file_id: str, limit: int, start: Key | None) -> Page[AuditRecord]: ...

    def declare_case_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None: ...

    def declare_tip_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None: ...

    def declare_request_file(self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None) -> None: ...

    def declare_emergency_file(
        self, file: EvidenceFile, audit: AuditRecord, claim: IdempotencyClaim | None
    ) -> None: ...

    def tip_files(self, tip_id: str) -> list[EvidenceFile]: ...

    def carry(self, carried: EvidenceFile, audit: AuditRecord) -> None: ...

    def record_arrival(self, old: EvidenceFile, new: EvidenceFile, audit: AuditRecord) -> None: ...

    def record_scan(self, old: EvidenceFile, new: EvidenceFile, audit: AuditRecord) -> None: ...


class LegalReader(Protocol):
    def get_request(self, request_id: str) -> LegalRequest | None: ...


class LegalRequests(LegalReader, Protocol):
    def request_box(
        self, org: str, box: str, status: LegalStatus | None, limit: int, start: Key | None
    ) -> Page[LegalRequest]: ...

    def send(
        self,
        request: LegalRequest,
        timers: Sequence[Timer],
        audit: AuditRecord,
        served: AuditRecord | None,
        claim: IdempotencyClaim | None,
    ) -> None: ...

    def acknowledge(self, old: LegalRequest, new: LegalRequest, audit: AuditRecord) -> None: ...

    def answer(
        self,
        old: LegalRequest,
        new: LegalRequest,
        audit: AuditRecord,
        produced: Sequence[AuditRecord] = (),
        fulfilled: Preservation | None = None,
    ) -> None: ...

    def withdraw(self, old: LegalRequest, new: LegalRequest, audit: AuditRecord) -> None: ...

    def extend_nondisclosure(
        self, old: LegalRequest, new: LegalRequest, timers: Retimed, served: AuditRecord, audit: AuditRecord
    ) -> None: ...


class EmergencyReader(Protocol):
    def get_emergency(self, request_id: str) -> EmergencyRequest | None: ...


class Emergencies(EmergencyReader, Protocol):
    def agency_box(
        self, org: str, status: EmergencyStatus | None, limit: int, start: Key | None
    ) -> Page[EmergencyRequest]: ...

    def queue(
        self, platform: str, status: EmergencyStatus | None, limit: int, start: Key | None
    ) -> Page[EmergencyRequest]: ...

    def ask(self, request: EmergencyRequest, audit: AuditRecord, claim: IdempotencyClaim | None) -> None: ...

    def decide(
        self, old: EmergencyRequest, new: EmergencyRequest, timers: Sequence[Timer], audit: AuditRecord
    ) -> None: ...

    def acknowledge(self, old: EmergencyRequest, new: EmergencyRequest, audit: AuditRecord) -> None: ...

    def settle(
        self, old: EmergencyRequest, new: EmergencyRequest, timers: Sequence[Timer], audit: AuditRecord, at: datetime
    ) -> None: ...

    def answer(
        self,
        old: EmergencyRequest,
        new: EmergencyRequest,
        timers: Sequence[Timer],
        audit: AuditRecord,
        disclosed: Sequence[AuditRecord] = (),
    ) -> None: ...


class WatchedConflicts(Protocol):
    def get_watched(self, conflict_id: str) -> WatchedConflict | None: ...

    def watch_list(
        self, center: str, state: ConflictState | None, starts_before: datetime | None, limit: int, start: Key | None
    ) -> Page[WatchedConflict]: ...

    def of_operations(self, operation_ids: Sequence[str]) -> list[WatchedConflict]: ...

    def open_watched(self, conflicts: Sequence[tuple[WatchedConflict, Sequence[Timer]]]) -> list[bool]: ...

    def step(
        self,
        old: WatchedConflict,
        new: WatchedConflict,
        rule: Rule,
        audit: AuditRecord | None,
        timers: Sequence[Timer] = (),
        at: datetime | None = None,
    ) -> None: ...


class Feed(Protocol):
    def position_of(self, org: str, event_id: str) -> str | None: ...

    def page(self, org: str, after: str | None, through: datetime, limit: int) -> tuple[list[FeedEntry], str]: ...


class EvidenceStore(Protocol):
    def upload(self, file: EvidenceFile, now: datetime) -> Upload: ...

    def download(self, file: EvidenceFile) -> str: ...

    def arrived(self, key: str, version: str | None) -> Arrived | None: ...
