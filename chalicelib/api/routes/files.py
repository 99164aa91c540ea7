"""Routes for evidence files: participants declare a case's files and read, list and
download them; the bytes go to and come from the evidence bucket through presigned URLs,
never through the API."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routing import Call, StoredResponse, created, endpoint, json_response, stored
from chalicelib.domain.files import EvidenceFile
from chalicelib.services.context import utcnow

files = Blueprint(__name__)


@endpoint(
    files,
    "POST",
    "/v1/cases/{case_id}/files",
    summary="Declare a file of the case and get where to upload its bytes (participants of an open case)",
    scope="cases:write",
    body=models.FileDeclare,
    examples=("declare-file", "declare-legal-document"),
    response=models.FileDeclared,
    status=201,
    errors=(400, 401, 403, 404, 409, 413, 415, 503),
    creates=lambda found, case_id: declared_file(found, utcnow()),
)
def declare_case_file(call: Call, case_id: str) -> Response:
    declared = call.body.model_dump(exclude_none=True)
    found = wiring.file_service().declare_on_case(call.ctx, case_id, declared, call.idempotency)
    return stored(declared_file(found, call.ctx.now))


@endpoint(
    files,
    "POST",
    "/v1/tips/{tip_id}/files",
    summary="Declare a file of your tip and get where to upload its bytes (the reporting platform, until triage)",
    platform_scope="tips:submit",
    body=models.TipFileDeclare,
    response=models.FileDeclared,
    status=201,
    errors=(400, 401, 403, 404, 409, 413, 415, 503),
    creates=lambda found, tip_id: declared_file(found, utcnow()),
)
def declare_tip_file(call: Call, tip_id: str) -> Response:
    declared = call.body.model_dump(exclude_none=True)
    found = wiring.file_service().declare_on_tip(call.ctx, tip_id, declared, call.idempotency)
    return stored(declared_file(found, call.ctx.now))


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


@endpoint(
    files,
    "GET",
    "/v1/cases/{case_id}/files",
    summary="List a case's files, newest first (participants)",
    scope="cases:read",
    response=models.FileList,
    errors=(400, 401, 403, 404),
    query=("limit", "cursor"),
)
def list_case_files(call: Call, case_id: str) -> Response:
    page = wiring.file_service().case_files(call.ctx, case_id, call.limit(), call.start_key())
    items = [models.FileOut.model_validate(found) for found in page.items]
    return json_response(models.FileList(items=items, next_cursor=call.next_cursor(page.last_key)))


@endpoint(
    files,
    "GET",
    "/v1/files/{file_id}",
    summary="Read a file's declaration and status (participants of its case, the agency its tip went to; "
    "a platform, its own and the documents legal process served on it)",
    scope="cases:read",
    platform_scope=("tips:submit", "legal:respond"),
    response=models.FileOut,
    errors=(401, 403, 404),
)
def read_file(call: Call, file_id: str) -> Response:
    found = wiring.file_service().read(call.ctx, file_id)
    return json_response(_shown(found, for_agency=call.ctx.principal.org.is_agency))


@endpoint(
    files,
    "GET",
    "/v1/files/{file_id}/content",
    summary="Download an available file: 303 to a presigned URL valid for 5 minutes (participants; "
    "a platform, the documents legal process served on it)",
    scope="cases:read",
    platform_scope="legal:respond",
    status=303,
    errors=(401, 403, 404, 409),
)
def file_content(call: Call, file_id: str) -> Response:
    url = wiring.file_service().download(call.ctx, file_id)
    return Response(body="", status_code=303, headers={"Location": url, "Cache-Control": "no-store"})


@endpoint(
    files,
    "GET",
    "/v1/files/{file_id}/custody",
    summary="A file's chain of custody, oldest first: declared, checked, downloaded (the owner of its case)",
    scope="cases:read",
    response=models.CustodyOut,
    errors=(400, 401, 403, 404),
    query=("limit", "cursor"),
)
def file_custody(call: Call, file_id: str) -> Response:
    found, page = wiring.file_service().custody(call.ctx, file_id, call.limit(), call.start_key())
    items = [render.audit(record) for record in page.items]
    body = models.CustodyOut(
        file_id=found.file_id, sha256=found.sha256, items=items, next_cursor=call.next_cursor(page.last_key)
    )
    return json_response(body)
