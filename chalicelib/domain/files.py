"""Evidence files: declared before their bytes exist, verified when the bytes arrive.

A participant of a case (or the platform that reported a tip) declares a file: its name,
media type, size and SHA-256. The bytes go straight to the evidence bucket through a
presigned `PUT` that carries the declared checksum; when the object arrives it is checked
against the declaration, and a match makes the file `available`, a mismatch `rejected`
(the object is kept, quarantined, for the record). Neither is ever silently fixed. A file
never uploaded is `expired` once its upload URL has run out.

The bucket is versioned (Object Lock): another `PUT` to the same key makes a new version
and replaces nothing. The check records which version it read (`object_version`), every
download is of that version, and an arrival for a file already decided changes nothing.

Where the stage scans for malware (GuardDuty Malware Protection for S3), each file also
carries its scan's result on the checked version (a scan of another version says nothing
about the file): a threat is never served, and on a stage whose downloads wait for the
scan, neither is a file the scan has not cleared (`servable`). A result that never comes
ends as `failed` once `SCAN_WINDOW` has passed.

Modelled on NCMEC's CyberTipline file upload (`/upload`, `/fileinfo`: the original file's
hash, whether the provider viewed it, whether it was publicly available).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources

from chalicelib.domain.cases import SHAREABLE_TLPS, Case, Tlp
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField, NotFound, TooLarge, UnsupportedType
from chalicelib.domain.organisations import Organisation
from chalicelib.domain.record_ids import is_id
from chalicelib.domain.rules import Field, Rule

#: S3's limit for one `PUT`; a larger file would need a multipart upload.
MAX_SIZE = 5 * 1024**3
#: How long a presigned upload URL is valid, and how long a file may wait for its bytes.
UPLOAD_WINDOW = timedelta(minutes=15)
#: How long a presigned download URL is valid.
DOWNLOAD_WINDOW = timedelta(minutes=5)
#: How long after its upload window a checked file waits for its scan's result before the
#: scan counts as `failed`: GuardDuty scans a 5 GiB object in minutes, so an hour means the
#: result was lost (its rule or queue gave up), and the file must not wait for ever.
SCAN_WINDOW = timedelta(hours=1)
MAX_NAME = 255
#: Where every file's bytes live in the evidence bucket, named by the file's id alone.
OBJECT_PREFIX = "files/"
MAX_DESCRIPTION = 2000
_SHA256 = re.compile(r"^[0-9a-f]{64}\Z")


class FileStatus(StrEnum):
    PENDING_UPLOAD = "pending_upload"
    AVAILABLE = "available"
    REJECTED = "rejected"
    EXPIRED = "expired"


class FilePurpose(StrEnum):
    """Why an agency declared a file of its case: as evidence, or to serve on platforms."""

    #: Evidence of the case: for its participants alone. A tip's file, a production and a
    #: disclosure are evidence too.
    EVIDENCE = "evidence"
    #: A signed document (a subpoena, a 2703(d) order, a warrant, a nondisclosure order) the
    #: agency serves on platforms: it carries its own marking, one a platform may receive.
    LEGAL_PROCESS = "legal_process"


#: A document's marking when its declaration gives none: TLP 2.0's AMBER, which lets the
#: platform's legal-response team share it within its organisation on a need-to-know basis.
DOCUMENT_TLP = Tlp.AMBER


class ScanPolicy(StrEnum):
    """What a stage does about malware: nothing, scan every file, or scan and serve a file
    only once its scan cleared it."""

    OFF = "off"
    SCAN = "scan"
    WAIT = "wait"


class ScanResult(StrEnum):
    """GuardDuty's verdict on a file's object (`scanResultStatus`, lower case), or why there is none."""

    #: Declared on a stage that does not scan.
    NOT_SCANNED = "not_scanned"
    PENDING = "pending"
    NO_THREATS_FOUND = "no_threats_found"
    THREATS_FOUND = "threats_found"
    #: GuardDuty cannot scan the object (a password-protected archive, over its quotas).
    UNSUPPORTED = "unsupported"
    ACCESS_DENIED = "access_denied"
    FAILED = "failed"


#: A scan that cleared a file: it found nothing, or there was nothing it could scan (waiting
#: for an encrypted archive would never end; its metadata says `unsupported`).
CLEARED = frozenset({ScanResult.NO_THREATS_FOUND, ScanResult.UNSUPPORTED})
#: A scan that ended without a verdict: a file that waits for one is never served.
UNSCANNED = frozenset({ScanResult.ACCESS_DENIED, ScanResult.FAILED})


@dataclass(frozen=True)
class EvidenceFile:
    file_id: str
    name: str
    media_type: str
    size: int
    sha256: str
    org: str
    declared_by: str
    declared_at: datetime
    #: The case it belongs to; for a platform's file, set once its tip is promoted or linked.
    case_id: str | None = None
    #: The tip a platform declared it on, or the legal request it produced it for, and that platform.
    tip_id: str | None = None
    platform: str | None = None
    request_id: str | None = None
    tlp: Tlp | None = None
    captured_at: datetime | None = None
    description: str | None = None
    viewed_by_platform: bool | None = None
    publicly_available: bool | None = None
    status: FileStatus = FileStatus.PENDING_UPLOAD
    #: When the object arrived and was checked, and why it was rejected.
    checked_at: datetime | None = None
    rejected_because: str | None = None
    #: The bucket's version of the object that was checked: the only bytes ever handed out.
    object_version: str | None = None
    #: The malware scan's result, when it came, and whether downloads wait for it to clear
    #: the file (the stage's policy when the file was declared).
    scan: ScanResult = ScanResult.NOT_SCANNED
    scanned_at: datetime | None = None
    #: The object version the scan's result is about.
    scanned_version: str | None = None
    awaits_scan: bool = False
    #: What the file is for: only a document declared for legal process is ever served.
    purpose: FilePurpose = FilePurpose.EVIDENCE
    #: Each serving of the file that stands, as `served_entry(platform, request_id)`: the
    #: platform reads and downloads it while one of its own stands (a withdrawal removes it).
    served_with: frozenset[str] = frozenset()
    version: int = 1

    def served_on(self, platform: str) -> bool:
        """Whether legal process that stands served this file on `platform`."""
        return any(entry.partition("#")[0] == platform for entry in self.served_with)

    @property
    def object_key(self) -> str:
        """Where its bytes live in the evidence bucket: named by the id alone, never the name."""
        return f"{OBJECT_PREFIX}{self.file_id}"

    @property
    def upload_expires_at(self) -> datetime:
        return self.declared_at + UPLOAD_WINDOW


def file_id_of(object_key: str) -> str | None:
    """The id of the file an object key holds the bytes of (`EvidenceFile.object_key`), if any."""
    file_id = object_key.removeprefix(OBJECT_PREFIX)
    return file_id if object_key.startswith(OBJECT_PREFIX) and is_id("file", file_id) else None


@cache
def media_types() -> frozenset[str]:
    """The allow-list, read once from `chalicelib/data/media_types.json`."""
    raw = json.loads(resources.files("chalicelib.data").joinpath("media_types.json").read_text())
    return frozenset(media for group, listed in raw.items() if not group.startswith("_") for media in listed)


def declare(
    file_id: str,
    name: str,
    media_type: str,
    size: int,
    sha256: str,
    org: str,
    subject: str,
    at: datetime,
    **fields: object,
) -> EvidenceFile:
    """A declaration, checked: a size S3 takes in one `PUT`, an allowed media type, a SHA-256."""
    if size > MAX_SIZE:
        raise TooLarge(f"a file may be at most {MAX_SIZE} bytes (5 GiB, S3's limit for one upload); {size} declared")
    media = media_type.split(";")[0].strip().lower()
    if media not in media_types():
        accepted = ", ".join(sorted(media_types()))
        raise UnsupportedType(f"files of type {media_type!r} are not accepted; these are: {accepted}")
    digest = sha256.lower()
    if not _SHA256.match(digest):
        raise InvalidField("sha256", "must be the file's SHA-256, 64 hexadecimal digits")
    if fields.get("purpose") == FilePurpose.LEGAL_PROCESS:
        fields["tlp"] = fields.get("tlp") or DOCUMENT_TLP
        if fields["tlp"] not in SHAREABLE_TLPS:
            raise InvalidField(
                "tlp",
                f"a document for legal process goes to a platform: TLP:{fields['tlp']} may not (CLEAR, GREEN, AMBER)",
            )
    return EvidenceFile(file_id, name, media, size, digest, org, subject, at, **fields)  # type: ignore[arg-type]


def visible_file(
    found: EvidenceFile | None, case: Case | None, org: Organisation, file_id: str, tip_routed_to: str | None = None
) -> EvidenceFile:
    """Who may see a file (`may_see`); anyone else is told it does not exist."""
    if found is None or not may_see(found, case, org, tip_routed_to):
        raise NotFound(f"no file {file_id!r} is visible to you")
    return found


def may_see(found: EvidenceFile, case: Case | None, org: Organisation, tip_routed_to: str | None = None) -> bool:
    """The platform that declared it, or that legal process which stands served it on; the
    participants of its case; before a tip's file reaches a case, the agency the tip is routed to."""
    if not org.is_agency:
        return found.platform == org.code or found.served_on(org.code)
    if found.case_id is None:
        return tip_routed_to == org.code
    return case is not None and case.visible_to(org.code)


def declared_under(policy: ScanPolicy, found: EvidenceFile) -> EvidenceFile:
    """A new file as a stage with `policy` takes it: waiting for its scan where there is one."""
    if policy is ScanPolicy.OFF:
        return found
    return replace(found, scan=ScanResult.PENDING, awaits_scan=policy is ScanPolicy.WAIT)


def servable(found: EvidenceFile) -> bool:
    """Whether the file's bytes may be handed out (`downloadable` says why not)."""
    return found.status is FileStatus.AVAILABLE and _withheld_because(found) is None


def downloadable(found: EvidenceFile, org: Organisation) -> None:
    """Only a verified file is served, and never one in which the scan found a threat; to a
    platform, only a document legal process served on it (of its own uploads it reads the status)."""
    if not org.is_agency and not found.served_on(org.code):
        raise Forbidden("a platform downloads only the documents legal process served on it")
    if found.status is not FileStatus.AVAILABLE:
        raise Conflict(f"the file is {found.status}: only an available file can be downloaded")
    reason = _withheld_because(found)
    if reason:
        raise Conflict(reason)


def _withheld_because(found: EvidenceFile) -> str | None:
    if found.object_version is None:  # checked before versions were recorded: which bytes is unknown
        return "which version of the file's object was checked is not recorded: it is not served"
    if found.scan is ScanResult.THREATS_FOUND:
        return "the malware scan found a threat in the file: it is kept, and not served"
    if found.awaits_scan and found.scan not in CLEARED:
        return f"the file's malware scan is {found.scan}: on this stage a file is served once its scan cleared it"
    return None


# The file's rules, declared once (`domain.rules`).
STATUS = Field("status")
SCAN = Field("scan", stored="malware_scan")

#: An arrival is checked once: a file still waiting for its bytes. An upload that started
#: before the URL ran out and lands after the file expired is checked all the same.
CHECKABLE = STATUS.is_in((FileStatus.PENDING_UPLOAD, FileStatus.EXPIRED))
#: A file that never got its bytes expires once; one that did is never expired.
EXPIRABLE: Rule = STATUS.equals(FileStatus.PENDING_UPLOAD)
#: A checked file whose scan's result has not come by its deadline: the scan failed.
SCAN_OVERDUE: Rule = STATUS.equals(FileStatus.AVAILABLE) & SCAN.equals(ScanResult.PENDING)


#: A document legal process may be served with: declared for it, with a marking a platform
#: may receive (`declare` sees to both; the store checks them again when serving).
FOR_LEGAL_PROCESS: Rule = Field("purpose").equals(FilePurpose.LEGAL_PROCESS) & Field("tlp").is_in(SHAREABLE_TLPS)


def served_entry(platform: str, request_id: str) -> str:
    """How a file records that `request_id` served it on `platform` (`EvidenceFile.served_with`)."""
    return f"{platform}#{request_id}"


def carried(found: EvidenceFile, case_id: str) -> EvidenceFile:
    """A tip's file, carried to the case its tip was promoted to or linked with: the same object."""
    return replace(found, case_id=case_id, version=found.version + 1)


#: A file is carried to a case once.
CARRIABLE: Rule = Field("case_id").absent()


def producible(request_id: str) -> Rule:
    """A production of `request_id` that an answer may name: checked, and on no case yet."""
    return Field("request_id").equals(request_id) & CARRIABLE & STATUS.equals(FileStatus.AVAILABLE)


#: S3's name for the version of an object put while the bucket's versioning was off.
UNVERSIONED = "null"


def record_scan(
    found: EvidenceFile, result: ScanResult, object_version: str | None, at: datetime
) -> EvidenceFile | None:
    """The file with the result of a scan of `object_version` of its object; None if that
    says nothing new about it: a scan of another version than the one checked (bytes PUT
    after the check are never served), or the result it already has. A result that names no
    version is about S3's unversioned object (`"null"`), never about whichever version was
    checked: on the versioned evidence bucket it clears nothing."""
    scanned = object_version or UNVERSIONED
    if found.object_version is not None and scanned != found.object_version:
        return None
    if (found.scan, found.scanned_version) == (result, scanned):
        return None
    return replace(found, scan=result, scanned_at=at, scanned_version=scanned, version=found.version + 1)


def check_arrival(found: EvidenceFile, size: int, sha256: str, object_version: str, at: datetime) -> EvidenceFile:
    """The file as the arrived object (`object_version` of it) makes it: available if it is
    what was declared. A scan that came first about another version is pending again."""
    problems = []
    if size != found.size:
        problems.append(f"{size} bytes arrived, {found.size} declared")
    if sha256 != found.sha256:
        problems.append("the SHA-256 of what arrived is not the one declared")
    status = FileStatus.REJECTED if problems else FileStatus.AVAILABLE
    checked = replace(
        found,
        status=status,
        checked_at=at,
        rejected_because="; ".join(problems) or None,
        object_version=object_version,
        version=found.version + 1,
    )
    if found.scanned_version not in (None, object_version):
        return replace(checked, scan=ScanResult.PENDING, scanned_at=None, scanned_version=None)
    return checked
