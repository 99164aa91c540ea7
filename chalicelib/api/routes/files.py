"""Routes for evidence files: participants declare a case's files and read, list and
download them; the bytes go to and come from the evidence bucket through presigned URLs,
never through the API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from chalice.app import Blueprint, Response
from pydantic import BaseModel

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routing import (
    WRITE,
    Call,
    StoredResponse,
    created,
    creates,
    endpoint,
    json_response,
    lists,
    reads,
    stored,
)
from chalicelib.domain.files import EvidenceFile
from chalicelib.services.context import Idempotency, RequestContext, utcnow

files = Blueprint(__name__)


def declares_file(
    blueprint: Blueprint,
    path: str,
    body: type[BaseModel],
    *,
    scope: str | None = None,
    platform_scope: str | None = None,
    examples: tuple[str, ...] = (),
) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    """`POST` of a file's declaration under the resource in `path` (a case, a tip, a request):
    201 with the file and where to upload its bytes (`declare`)."""
    return creates(
        blueprint,
        path,
        models.FileDeclared,
        scope=scope,
        platform_scope=platform_scope,
        body=body,
        examples=examples,
        respond=lambda found, **_: declared_file(found, utcnow()),
        errors=WRITE,
    )


#: A file service's `declare_on_…`: the caller's declaration of a file under a resource.
Declare = Callable[[RequestContext, str, dict[str, Any], Idempotency | None], EvidenceFile]


def declare(call: Call, on: Declare, parent_id: str) -> Response:
    """The body's file declared `on` the resource `parent_id`, answered with where to upload its bytes."""
    found = on(call.ctx, parent_id, call.body.model_dump(exclude_none=True), call.idempotency)
    return stored(declared_file(found, call.ctx.now))


@declares_file(
    files,
    "/v1/cases/{case_id}/files",
    models.FileDeclare,
    scope="cases:write",
    examples=("declare-file", "declare-legal-document"),
)
def declare_case_file(call: Call, case_id: str) -> Response:
    """Declare a file of the case and get where to upload its bytes (participants of an open case)."""
    return declare(call, wiring.file_service().declare_on_case, case_id)


@declares_file(files, "/v1/tips/{tip_id}/files", models.TipFileDeclare, platform_scope="tips:submit")
def declare_tip_file(call: Call, tip_id: str) -> Response:
    """Declare a file of your tip and get where to upload its bytes (the reporting platform, until triage)."""
    return declare(call, wiring.file_service().declare_on_tip, tip_id)


def declared_file(found: EvidenceFile, now: datetime) -> StoredResponse:
    """The file and its upload; a replay signs the upload again, for what is left of its window."""
    upload = wiring.file_service().upload(found, now)
    shown = _shown(found, for_agency=found.platform is None)
    body = models.FileDeclared(file=shown, upload=models.UploadOut.model_validate(upload))
    return created(body, links.of("file_id", found.file_id))


def _shown(found: EvidenceFile, *, for_agency: bool) -> models.FileOut:
    """A platform sees its own file and nothing of the case it may have reached; a document
    served on it, with the document's own marking (never the case's: it has one of its own)."""
    return models.FileOut.model_validate(found if for_agency else replace(found, case_id=None))


@lists(files, "/v1/cases/{case_id}/files", models.FileList, scope="cases:read")
def list_case_files(call: Call, case_id: str) -> Response:
    """List a case's files, newest first (participants)."""
    return call.paged(models.FileList, wiring.file_service().case_files, models.FileOut.model_validate, case_id)


@reads(
    files, "/v1/files/{file_id}", models.FileOut, scope="cases:read", platform_scope=("tips:submit", "legal:respond")
)
def read_file(call: Call, file_id: str) -> Response:
    """Read a file's declaration and status (participants of its case, the agency its tip went to; a platform, its
    own and the documents legal process served on it)."""
    found = wiring.file_service().read(call.ctx, file_id)
    return json_response(_shown(found, for_agency=call.for_agency))


@endpoint(
    files,
    "GET",
    "/v1/files/{file_id}/content",
    scope="cases:read",
    platform_scope="legal:respond",
    status=303,
    errors=(401, 403, 404, 409),
)
def file_content(call: Call, file_id: str) -> Response:
    """Download an available file: 303 to a presigned URL valid for 5 minutes (participants; a platform, the
    documents legal process served on it)."""
    url = wiring.file_service().download(call.ctx, file_id)
    return Response(body="", status_code=303, headers={"Location": url, "Cache-Control": "no-store"})


@lists(files, "/v1/files/{file_id}/custody", models.CustodyOut, scope="cases:read")
def file_custody(call: Call, file_id: str) -> Response:
    """A file's chain of custody, oldest first: declared, checked, downloaded (the owner of its case)."""
    found, page = wiring.file_service().custody(call.ctx, file_id, call.limit(), call.start_key())
    return call.listed(models.CustodyOut, page, render.audit, file_id=found.file_id, sha256=found.sha256)
