"""The evidence file use cases (`services.files`) as specifications, on in-memory twins of
the store and the bucket (`tests/twins.py`): no moto, no HTTP. A document served with a court
order, and a production that an answer brings onto the case, are here too."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.cases import Case
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.files import EvidenceFile, FilePurpose, FileStatus
from chalicelib.domain.legal import Answer, LegalKind, Outcome, RecordCategory
from chalicelib.services.files import FileService
from tests.twins import (
    NOW,
    SUBPOENA,
    EvidenceBucketTwin,
    MemoryTable,
    caller,
    case_service,
    file_service,
    legal_service,
)

DEA, HSI, META, TIKTOK = caller("DEA"), caller("HSI"), caller("META"), caller("TIKTOK")
PHOTO = b"a photo of the pills"
LATER = NOW + timedelta(minutes=5)


def declared(data: bytes, **fields: object) -> dict[str, object]:
    """A declaration of `data`: its name, type, size and SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    return {"name": "evidence.png", "media_type": "image/png", "size": len(data), "sha256": sha256, **fields}


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def bucket() -> EvidenceBucketTwin:
    return EvidenceBucketTwin()


@pytest.fixture
def service(table: MemoryTable, bucket: EvidenceBucketTwin) -> FileService:
    return file_service(table, bucket)


@pytest.fixture
def case(table: MemoryTable) -> Case:
    return case_service(table).open(DEA, {"title": "Pills"}, None)


def arrive(service: FileService, bucket: EvidenceBucketTwin, found: EvidenceFile, data: bytes) -> EvidenceFile:
    """The client's `PUT` of `data`, and the bucket's notification of it."""
    version = bucket.put(found.object_key, data)
    checked = service.check_arrival(found.object_key, version, LATER)
    assert checked is not None
    return checked


def test_a_file_is_declared_by_a_participant_of_the_open_case(
    service: FileService, table: MemoryTable, case: Case
) -> None:
    found = service.declare_on_case(DEA, case.case_id, declared(PHOTO), None)

    assert found.status is FileStatus.PENDING_UPLOAD and found.case_id == case.case_id
    assert service.upload(found, NOW).url.endswith(found.object_key)
    assert [f.file_id for f in service.case_files(DEA, case.case_id, 10, None).items] == [found.file_id]
    with pytest.raises(NotFound):
        service.declare_on_case(HSI, case.case_id, declared(PHOTO), None)
    with pytest.raises(NotFound):
        service.read(HSI, found.file_id)
    case_service(table).close(DEA, case.case_id)
    with pytest.raises(Conflict, match="closed"):
        service.declare_on_case(DEA, case.case_id, declared(PHOTO), None)


def test_the_declared_bytes_make_a_file_available_once_and_its_chain_of_custody(
    service: FileService, bucket: EvidenceBucketTwin, case: Case
) -> None:
    found = service.declare_on_case(DEA, case.case_id, declared(PHOTO), None)

    checked = arrive(service, bucket, found, PHOTO)
    again = service.check_arrival(found.object_key, bucket.put(found.object_key, b"other bytes"), LATER)
    afterwards = caller("DEA", at=LATER + timedelta(minutes=1))  # a trail sorts by time
    url = service.download(afterwards, found.file_id)
    _, chain = service.custody(afterwards, found.file_id, 10, None)

    assert checked.status is FileStatus.AVAILABLE and checked.object_version == "1"
    assert again is None
    assert url.endswith("versionId=1")
    assert [(entry.event, entry.sha256) for entry in chain.items] == [
        ("file.declare", found.sha256),
        ("file.verify", found.sha256),
        ("file.download", found.sha256),
    ]


def test_other_bytes_are_rejected_and_never_downloaded(
    service: FileService, bucket: EvidenceBucketTwin, case: Case
) -> None:
    found = service.declare_on_case(DEA, case.case_id, declared(PHOTO), None)

    checked = arrive(service, bucket, found, b"not the declared bytes")

    assert checked.status is FileStatus.REJECTED and checked.rejected_because
    with pytest.raises(Conflict, match="rejected"):
        service.download(DEA, found.file_id)


def test_a_court_order_is_served_with_its_document_which_its_platform_then_downloads_until_withdrawn(
    service: FileService, bucket: EvidenceBucketTwin, table: MemoryTable, case: Case
) -> None:
    order = b"signed 2703(d) order"
    document = service.declare_on_case(DEA, case.case_id, declared(order, purpose=FilePurpose.LEGAL_PROCESS), None)
    arrive(service, bucket, document, order)
    legal = legal_service(table)
    court_order = replace(
        SUBPOENA,
        kind=LegalKind.COURT_ORDER,
        categories=(RecordCategory.NON_CONTENT,),
        document_file_id=document.file_id,
    )

    served = legal.send(DEA, case.case_id, "META", court_order, None)
    service.download(META, document.file_id)
    with pytest.raises(NotFound):
        service.download(TIKTOK, document.file_id)
    legal.withdraw(DEA, served.request_id, "filed in error")

    assert served.served_files == {document.file_id}
    with pytest.raises(NotFound):
        service.read(META, document.file_id)
    assert ("file.serve", "success") in table.events(case.case_id)


def test_evidence_is_never_served_as_a_document(
    service: FileService, bucket: EvidenceBucketTwin, table: MemoryTable, case: Case
) -> None:
    evidence = service.declare_on_case(DEA, case.case_id, declared(PHOTO), None)
    arrive(service, bucket, evidence, PHOTO)
    court_order = replace(
        SUBPOENA,
        kind=LegalKind.COURT_ORDER,
        categories=(RecordCategory.NON_CONTENT,),
        document_file_id=evidence.file_id,
    )

    with pytest.raises(Conflict):
        legal_service(table).send(DEA, case.case_id, "META", court_order, None)

    assert table.legal == {} and table.files[evidence.file_id].served_with == frozenset()


def test_a_production_joins_the_case_when_the_answer_names_it(
    service: FileService, bucket: EvidenceBucketTwin, table: MemoryTable, case: Case
) -> None:
    legal = legal_service(table)
    served = legal.send(DEA, case.case_id, "META", SUBPOENA, None)
    records = b"subscriber records"
    production = service.declare_on_request(META, served.request_id, declared(records), None)
    arrive(service, bucket, production, records)

    with pytest.raises(NotFound):
        service.read(DEA, production.file_id)  # the platform's alone until the answer names it
    with pytest.raises(Forbidden):
        service.download(META, production.file_id)  # of its own uploads a platform reads the status
    legal.answer(META, served.request_id, Answer(Outcome.PRODUCED, LATER, "legal.meta", file_ids=(production.file_id,)))

    assert service.read(DEA, production.file_id).case_id == case.case_id
    assert [f.file_id for f in service.case_files(DEA, case.case_id, 10, None).items] == [production.file_id]
    with pytest.raises(NotFound):
        service.declare_on_request(TIKTOK, served.request_id, declared(records), None)


def test_a_nondisclosure_order_is_extended_on_a_new_document_served_like_the_first(
    service: FileService, bucket: EvidenceBucketTwin, table: MemoryTable, case: Case
) -> None:
    first, second = b"signed order", b"signed extension"
    documents = []
    for data in (first, second):
        document = service.declare_on_case(DEA, case.case_id, declared(data, purpose=FilePurpose.LEGAL_PROCESS), None)
        documents.append(arrive(service, bucket, document, data))
    legal = legal_service(table)
    until = NOW + timedelta(days=90)
    court_order = replace(
        SUBPOENA,
        kind=LegalKind.COURT_ORDER,
        categories=(RecordCategory.NON_CONTENT,),
        document_file_id=documents[0].file_id,
        nondisclosure_until=until,
    )
    served = legal.send(DEA, case.case_id, "META", court_order, None)

    with pytest.raises(NotFound):
        legal.extend_nondisclosure(HSI, served.request_id, until + timedelta(days=90), documents[1].file_id)
    extended = legal.extend_nondisclosure(DEA, served.request_id, until + timedelta(days=90), documents[1].file_id)

    assert table.legal[served.request_id] == extended
    assert extended.served_files == {documents[0].file_id, documents[1].file_id}
    assert table.files[documents[1].file_id].served_on("META")
    ends = {timer.expires_at for timer in table.timers if timer.subject_id == served.request_id and timer.expires_at}
    assert ends == {until + timedelta(days=90)}
