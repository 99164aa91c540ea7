"""Evidence file use cases: declare (participants of an open case), read, list, download,
and check what arrived in the bucket (the arrivals handler).

Every hand-over is an audit record of the file's case, with the file's SHA-256: its
declaration, the check of what arrived, the malware scan's result, its carrying from a tip
to a case and every download URL issued. Read in order, they are the file's chain of custody.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from chalicelib.domain import cases, emergency, files, legal, tips
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import NotFound
from chalicelib.domain.files import EvidenceFile, FileStatus, ScanPolicy, ScanResult
from chalicelib.domain.record_ids import check_case_id, is_id, new_id
from chalicelib.services.context import Auditor, FailureAudit, Idempotency, RequestContext, claim, system_audit
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim, Key, Page, Upload

#: What a platform's file may belong to, by the kind of its id.
_PARENTS = {"tip": "tip", "legal": "legal request", "emer": "emergency request"}
#: How often a file's change is decided again on what a concurrent change made of it.
_ATTEMPTS = 3

if TYPE_CHECKING:
    from chalicelib.domain.tips import Tip
    from chalicelib.services.ports import EmergencyReader, EvidenceStore, Files, LegalReader, TipReader


@dataclass
class FileService:
    files: Files
    bucket: EvidenceStore
    audit: Auditor
    tips: TipReader
    ttl: timedelta
    #: The legal requests and emergency requests a platform uploads productions to.
    requests: LegalReader
    emergencies: EmergencyReader
    #: What the stage does about malware (`files.ScanPolicy`): new files carry it.
    scanning: ScanPolicy = ScanPolicy.OFF

    def declare_on_case(
        self, ctx: RequestContext, case_id: str, declared: dict[str, Any], idempotency: Idempotency | None
    ) -> EvidenceFile:
        """A file of the case, waiting for its bytes; its TLP is the case's unless it says otherwise."""
        with self.audit.attempt(ctx, "file.declare", case_id) as check:
            check_case_id(case_id)
            found = self._declared_by(ctx, declared, case_id=case_id)
            audit = ctx.audit("file.declare", case_id=case_id, resource_id=found.file_id, sha256=found.sha256)

            def classify() -> None:
                cases.check_open(check.visible_case(case_id), "add files to")

            with check.refusal(idempotency, classify):
                self.files.declare_case_file(found, audit, claim(ctx, idempotency, found, self.ttl))
        return found

    def declare_on_tip(
        self, ctx: RequestContext, tip_id: str, declared: dict[str, Any], idempotency: Idempotency | None
    ) -> EvidenceFile:
        """A file of the platform's own tip, until an agency triages it."""
        return self._declare_for_platform(
            ctx,
            ("tip", tip_id),
            declared,
            idempotency,
            lambda: tips.check_attachable(self.tips.get_tip(tip_id), ctx.principal.org, tip_id),
            self.files.declare_tip_file,
        )

    def declare_on_request(
        self, ctx: RequestContext, request_id: str, declared: dict[str, Any], idempotency: Idempotency | None
    ) -> EvidenceFile:
        """A production file of legal process served on the platform, until it is answered:
        the platform's alone until the answer names it."""
        return self._declare_for_platform(
            ctx,
            ("legal", request_id),
            declared,
            idempotency,
            lambda: legal.attachable(self.requests.get_request(request_id), ctx.principal.org, request_id),
            self.files.declare_request_file,
        )

    def declare_on_emergency(
        self, ctx: RequestContext, request_id: str, declared: dict[str, Any], idempotency: Idempotency | None
    ) -> EvidenceFile:
        """A file the platform discloses on an emergency request, until it answers: the
        platform's alone until the answer names it."""
        return self._declare_for_platform(
            ctx,
            ("emer", request_id),
            declared,
            idempotency,
            lambda: emergency.attachable(self.emergencies.get_emergency(request_id), ctx.principal.org, request_id),
            self.files.declare_emergency_file,
        )

    def _declare_for_platform(
        self,
        ctx: RequestContext,
        parent: tuple[str, str],
        declared: dict[str, Any],
        idempotency: Idempotency | None,
        classify: Callable[[], object],
        store: Callable[[EvidenceFile, AuditRecord, IdempotencyClaim | None], None],
    ) -> EvidenceFile:
        """A platform's file of its tip or of legal process served on it (`parent`: the kind
        of id and the id); `classify` says why the store refused it."""
        kind, parent_id = parent
        with self.audit.attempt(ctx, "file.declare", parent_id) as check:
            if not is_id(kind, parent_id):
                raise NotFound(f"no {_PARENTS[kind]} {parent_id!r} is visible to you")
            field = "tip_id" if kind == "tip" else "request_id"
            found = self._declared_by(ctx, declared, platform=ctx.org, **{field: parent_id})
            audit = ctx.audit("file.declare", resource_id=found.file_id, sha256=found.sha256)
            with check.refusal(idempotency, classify):
                store(found, audit, claim(ctx, idempotency, found, self.ttl))
        return found

    def carry_from_tip(self, tip: Tip, at: datetime) -> int:
        """A promoted or linked tip's files join its case: the same objects, each a custody
        entry of the case. How many it carried (a retried record carries none twice)."""
        if tip.case_id is None:
            return 0
        carried = 0
        for found in self.files.tip_files(tip.tip_id):
            if found.case_id is not None:
                continue
            carried_file = files.carried(found, tip.case_id)
            reason = f"from tip {tip.tip_id}"
            audit = self._custody("stream:file.transfer", "file.transfer", at, carried_file, reason, found.sha256)
            try:
                self.files.carry(carried_file, audit)
            except ConditionFailed:
                continue  # carried by an earlier delivery of the same change
            carried += 1
        return carried

    def upload(self, found: EvidenceFile, now: datetime) -> Upload:
        """Where and how to send the declared bytes (a presigned `PUT`, signed locally)."""
        return self.bucket.upload(found, now)

    def read(self, ctx: RequestContext, file_id: str) -> EvidenceFile:
        return self.audit.read_apart(ctx, "file.read", file_id, lambda check: self._visible(ctx, check, file_id))

    def case_files(self, ctx: RequestContext, case_id: str, limit: int, start: Key | None) -> Page[EvidenceFile]:
        return self.audit.of_case(ctx, "file.list", case_id, lambda: self.files.case_files(case_id, limit, start))

    def download(self, ctx: RequestContext, file_id: str) -> str:
        """A presigned `GET` of an available file; the URL issued is a custody entry."""
        with self.audit.attempt(ctx, "file.download", file_id) as check:
            found = self._visible(ctx, check, file_id)
            files.downloadable(found, ctx.principal.org)
            url = self.bucket.download(found)
        self.audit.record(ctx.audit("file.download", case_id=found.case_id, resource_id=file_id, sha256=found.sha256))
        return url

    def custody(
        self, ctx: RequestContext, file_id: str, limit: int, start: Key | None
    ) -> tuple[EvidenceFile, Page[AuditRecord]]:
        """The file's chain of custody, oldest first: for the owner of its case."""
        with self.audit.attempt(ctx, "file.custody", file_id) as check:
            found = self._visible(ctx, check, file_id)
            if check.found is None:  # a file seen other than through its case: no chain here
                raise NotFound(f"no file {file_id!r} is visible to you")
            cases.ensure_owner(check.found, ctx.org, "read the chain of custody of a file of")
            page = self.files.custody(file_id, limit, start)
        self.audit.record(ctx.audit("file.custody", case_id=found.case_id, resource_id=file_id))
        return found, page

    def check_arrival(self, key: str, version: str | None, at: datetime) -> EvidenceFile | None:
        """What `version` of an object that arrived under `key` (the latest, where the
        notification names none) makes of its file: available if it is the bytes declared,
        rejected (and kept, for the record) if not; either way that version is the file's
        for good. Once: a later PUT, a repeated notification, or an object for no waiting
        file changes nothing. None then."""
        file_id = files.file_id_of(key)
        found = self.files.get_file(file_id) if file_id is not None else None
        if found is None or not files.CHECKABLE.holds(found):
            return None
        arrived = self.bucket.arrived(key, version)
        if arrived is None:
            return None  # gone before it was read: the file expires with its upload window

        def record(current: EvidenceFile) -> EvidenceFile | None:
            if not files.CHECKABLE.holds(current):
                return None  # checked by another delivery, or another version's notification
            checked = files.check_arrival(current, arrived.size, arrived.sha256, arrived.version, at)
            event = "file.verify" if checked.status is FileStatus.AVAILABLE else "file.reject"
            reason = checked.rejected_because
            audit = self._custody("evidence:arrival", event, at, checked, reason, arrived.sha256)
            self.files.record_arrival(current, checked, audit)
            return checked

        return self._changing(found, record)

    def record_scan(
        self, key: str, version: str | None, result: ScanResult, threats: list[str], at: datetime
    ) -> EvidenceFile | None:
        """The malware scan's result on `version` of a file's object (GuardDuty's, or the
        local stack's stand-in); None if the object is no file's, the version is not the one
        checked, or the result is already recorded."""
        file_id = files.file_id_of(key)
        found = self.files.get_file(file_id) if file_id is not None else None
        if found is None:
            return None

        def record(current: EvidenceFile) -> EvidenceFile | None:
            scanned = files.record_scan(current, result, version, at)
            if scanned is None:
                return None
            reason = f"{result}: {', '.join(threats)}" if threats else str(result)
            audit = self._custody("evidence:scan", "file.scan", at, scanned, reason, current.sha256)
            self.files.record_scan(current, scanned, audit)
            return scanned

        return self._changing(found, record)

    def _changing(
        self, found: EvidenceFile, change: Callable[[EvidenceFile], EvidenceFile | None]
    ) -> EvidenceFile | None:
        """`change` on the file as it stands, again on what it became if something else (an
        expiry, a scan, its carrying to a case) changed it meanwhile: nothing is lost to a race."""
        for _ in range(_ATTEMPTS):
            try:
                return change(found)
            except ConditionFailed:
                current = self.files.get_file(found.file_id)
                if current is None:
                    return None
                found = current
        raise ConditionFailed(f"file {found.file_id} kept changing")

    @staticmethod
    def _custody(
        actor: str, event: str, at: datetime, found: EvidenceFile, reason: str | None, sha256: str
    ) -> AuditRecord:
        return system_audit(
            actor, event, at, case_id=found.case_id, resource_id=found.file_id, reason=reason, sha256=sha256
        )

    def _declared_by(self, ctx: RequestContext, declared: dict[str, Any], **parent: Any) -> EvidenceFile:
        """A new file the caller declares, of the case or the tip `parent` names."""
        found = files.declare(
            new_id("file", ctx.now), org=ctx.org, subject=ctx.principal.subject, at=ctx.now, **parent, **declared
        )
        return files.declared_under(self.scanning, found)

    def _visible(self, ctx: RequestContext, check: FailureAudit, file_id: str) -> EvidenceFile:
        found = self.files.get_file(file_id) if is_id("file", file_id) else None
        org = ctx.principal.org
        routed_to = None
        if org.is_agency and found is not None and found.case_id is None and found.tip_id is not None:
            tip = self.tips.get_tip(found.tip_id)  # a tip's file: the agency it was routed to sees it
            routed_to = tip.routed_to if tip else None
        elif org.is_agency:
            check.case_of(found, file_id)
        return files.visible_file(found, check.found, org, file_id, routed_to)
