"""Evidence files: declaring one, its upload, its download and its chain of custody."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
)

from chalicelib.api.models.common import LINE, TEXT, AuditOut, Instant, Out, Strict, clean, single_line
from chalicelib.domain.cases import Tlp
from chalicelib.domain.files import MAX_DESCRIPTION, MAX_NAME, FilePurpose, FileStatus, ScanResult

FileName = Annotated[str, Field(min_length=1, max_length=MAX_NAME, json_schema_extra=LINE), AfterValidator(single_line)]


MediaType = Annotated[
    str,
    Field(
        max_length=127,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$",
        description="The file's media type; one of the allowed ones (others are 415)",
    ),
]


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$", description="The SHA-256 of the file's bytes, hex")]


class _FileDeclaration(Strict):
    name: FileName
    media_type: MediaType
    size: Annotated[int, Field(ge=1, description="Bytes; at most 5 GiB (S3's single PUT), 413 above")]
    sha256: Sha256
    captured_at: Instant | None = Field(default=None, description="When the content was captured, if known")
    description: (
        Annotated[str, Field(max_length=MAX_DESCRIPTION, json_schema_extra=TEXT), AfterValidator(clean)] | None
    ) = None


class FileDeclare(_FileDeclaration):
    """A file about to be uploaded: what it is, and the SHA-256 its bytes must have."""

    tlp: Tlp | None = Field(
        default=None,
        description="The file's own marking; without one, it carries the case's. A document for legal "
        "process has its own: CLEAR, GREEN or AMBER (AMBER unless given)",
    )
    purpose: FilePurpose = Field(
        default=FilePurpose.EVIDENCE,
        description="`legal_process`: a signed document (subpoena, order, warrant) your agency will serve on "
        "platforms; only such a file can be `document_file_id`. `evidence` (default): for the case's participants",
    )


class TipFileDeclare(_FileDeclaration):
    """A file of a platform's tip, as NCMEC's CyberTipline takes them: what it is, its SHA-256,
    and whether the platform viewed it and whether it was publicly available."""

    viewed_by_platform: bool | None = Field(default=None, description="Whether the platform's staff viewed it")
    publicly_available: bool | None = Field(default=None, description="Whether it was publicly available")


class ProductionFileDeclare(_FileDeclaration):
    """A file of a production: records the platform hands over in answer to legal process or
    to an emergency request."""


class FileOut(Out):
    """An evidence file: what was declared, and what became of the bytes that arrived."""

    file_id: str
    case_id: str | None = Field(description="The case it belongs to; never shown to a platform")
    tip_id: str | None = Field(description="The tip a platform declared it on")
    name: str
    media_type: str
    size: int
    sha256: str
    status: FileStatus
    org: str = Field(description="The organisation that declared it")
    declared_at: datetime
    captured_at: datetime | None
    description: str | None
    tlp: Tlp | None = Field(description="Its own marking; null: the case's")
    purpose: FilePurpose = Field(description="`evidence`, or `legal_process`: a document to serve on platforms")
    checked_at: datetime | None = Field(description="When the bytes arrived and were checked")
    rejected_because: str | None
    scan: ScanResult = Field(
        description="The malware scan's result: `not_scanned` on a stage that does not scan, "
        "`pending` until it comes; a file with `threats_found` is never served"
    )
    scanned_at: datetime | None
    awaits_scan: bool = Field(description="Whether it is served only once its scan cleared it")
    viewed_by_platform: bool | None
    publicly_available: bool | None


class UploadOut(Out):
    """Send the bytes with `PUT` to `url`, with exactly these headers, before `expires_at`."""

    method: Literal["PUT"] = "PUT"
    url: str
    headers: dict[str, str]
    expires_at: datetime


class FileDeclared(Out):
    file: FileOut
    upload: UploadOut


class FileList(Out):
    items: list[FileOut]
    next_cursor: str | None


class CustodyOut(Out):
    """A file's chain of custody, oldest first: every hand-over, with who, when and the hash."""

    file_id: str
    sha256: str
    items: list[AuditOut]
    next_cursor: str | None
