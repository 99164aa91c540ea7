"""Evidence files of a case: declared with their SHA-256, uploaded straight to the bucket,
checked on arrival, downloaded by participants only, and every hand-over on the chain of
custody (issue 17)."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import boto3
import jsonschema
import pytest

from tests.conftest import load_event

SCREENSHOT = b"\x89PNG\r\n\x1a\n" + b"menu of M30 pills" * 64


def declaration(content: bytes = SCREENSHOT, **fields: Any) -> dict[str, Any]:
    return {**load_event("api/declare-file.json"), "size": len(content), "sha256": _sha256(content), **fields}


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def declare(api, case_id: str, org: str = "DEA", **fields: Any) -> Any:
    return api.call("POST", f"/v1/cases/{case_id}/files", org, declaration(**fields))


def upload(aws, declared: dict[str, Any], content: bytes) -> None:
    """The client's PUT as the upload tells it, then the bucket's notification handled."""
    put(aws, declared, content)
    deliver_arrivals(aws)


def put(aws, declared: dict[str, Any], content: bytes) -> str:
    """The client's PUT as the upload tells it (moto checks no signature: the object is put
    with the upload's headers through the S3 API); the version the bucket made of it."""
    headers = declared["upload"]["headers"]
    target = urlparse(declared["upload"]["url"])
    return boto3.client("s3").put_object(
        Bucket=aws.topology.evidence_bucket,
        Key=target.path.lstrip("/").removeprefix(f"{aws.topology.evidence_bucket}/"),
        Body=content,
        ContentType=headers["Content-Type"],
        ChecksumAlgorithm="SHA256",
        ChecksumSHA256=headers["x-amz-checksum-sha256"],
    )["VersionId"]


def fetched(url: str) -> bytes:
    """What a presigned GET hands out (moto answers it in process)."""
    import requests

    response = requests.get(url, timeout=10)
    assert response.status_code == 200, response.text
    return response.content


def deliver_arrivals(aws) -> int:
    """What the arrivals queue holds, through the arrivals handler, as Lambda would hand it
    over; where the stage scans, each object scanned as GuardDuty would first."""
    from chalicelib import wiring
    from chalicelib.devtools.malware_scan import scanned_where_the_stage_scans
    from chalicelib.devtools.queue_pump import QueuePump

    bucket, policy = aws.topology.evidence_bucket, wiring.file_service().scanning
    handle = scanned_where_the_stage_scans(policy, bucket, wiring.arrivals_handler())
    return QueuePump.named(aws.topology.evidence_arrivals_queue_name, handle).drain()


def test_a_declared_file_gets_a_presigned_upload_that_carries_its_checksum(api, aws):
    case_id = api.open_case("DEA")["case_id"]
    response = declare(api, case_id)
    assert response.status_code == 201, response.body
    declared = response.data
    file = declared["file"]
    assert file["file_id"].startswith("file_") and file["status"] == "pending_upload"
    assert (file["case_id"], file["org"], file["size"]) == (case_id, "DEA", len(SCREENSHOT))
    assert response.headers["location"] == f"/v1/files/{file['file_id']}"
    upload_ = declared["upload"]
    assert upload_["method"] == "PUT"
    checksum = base64.b64encode(hashlib.sha256(SCREENSHOT).digest()).decode()
    assert upload_["headers"] == {
        "Content-Type": "image/png",
        "Content-Length": str(len(SCREENSHOT)),
        "x-amz-sdk-checksum-algorithm": "SHA256",
        "x-amz-checksum-sha256": checksum,
    }
    # moto checks no signature and no expiry: assert what is signed instead.
    url = urlparse(upload_["url"])
    query = parse_qs(url.query)
    assert url.path.endswith(f"/files/{file['file_id']}")
    assert query["X-Amz-Expires"] == ["900"]
    signed = query["X-Amz-SignedHeaders"][0].split(";")
    assert {"content-type", "content-length", "x-amz-checksum-sha256"} <= set(signed)


def test_bytes_as_declared_make_the_file_available_and_a_participant_downloads_them(api, aws):
    case_id = api.open_case("DEA")["case_id"]
    api.call("POST", f"/v1/referrals/{api.refer(case_id, 'HSI')['referral_id']}/accept", "HSI")
    declared = declare(api, case_id).data
    file_id = declared["file"]["file_id"]
    assert api.call("GET", f"/v1/files/{file_id}/content", "DEA").status_code == 409  # not yet arrived
    upload(aws, declared, SCREENSHOT)
    read = api.call("GET", f"/v1/files/{file_id}", "HSI")
    assert read.status_code == 200 and read.data["status"] == "available" and read.data["checked_at"]
    content = api.call("GET", f"/v1/files/{file_id}/content", "HSI")
    assert content.status_code == 303
    target = urlparse(content.headers["location"])
    assert parse_qs(target.query)["X-Amz-Expires"] == ["300"]
    fetched = boto3.client("s3").get_object(Bucket=aws.topology.evidence_bucket, Key=f"files/{file_id}")
    assert _sha256(fetched["Body"].read()) == declared["file"]["sha256"]


def test_other_bytes_than_declared_are_rejected_and_kept_whatever_checksum_s3_was_told(api, aws):
    """moto stores the checksum the client claims as if it were true: the check hashes what arrived."""
    case_id = api.open_case("DEA")["case_id"]
    declared = declare(api, case_id).data
    file_id = declared["file"]["file_id"]
    upload(aws, declared, SCREENSHOT[:-1] + b"!")  # the declared checksum, other bytes
    read = api.call("GET", f"/v1/files/{file_id}", "DEA").data
    assert read["status"] == "rejected"
    assert read["rejected_because"] == "the SHA-256 of what arrived is not the one declared"
    assert api.call("GET", f"/v1/files/{file_id}/content", "DEA").status_code == 409
    kept = boto3.client("s3").head_object(Bucket=aws.topology.evidence_bucket, Key=f"files/{file_id}")
    assert kept["ContentLength"] == len(SCREENSHOT)
    # A second delivery of the same notification changes nothing.
    upload(aws, declared, SCREENSHOT)
    assert api.call("GET", f"/v1/files/{file_id}", "DEA").data["status"] == "rejected"


def test_a_later_put_to_the_upload_url_is_never_served(api, aws):
    """The bucket is versioned: a second PUT makes a new version, and every download is of
    the version that was checked, whatever came after it."""
    case_id = api.open_case("DEA")["case_id"]
    declared = declare(api, case_id).data
    file_id = declared["file"]["file_id"]
    checked = put(aws, declared, SCREENSHOT)
    deliver_arrivals(aws)
    put(aws, declared, b"swapped after the check")
    deliver_arrivals(aws)
    read = api.call("GET", f"/v1/files/{file_id}", "DEA").data
    assert read["status"] == "available"
    url = api.call("GET", f"/v1/files/{file_id}/content", "DEA").headers["location"]
    assert fetched(url) == SCREENSHOT
    assert parse_qs(urlparse(url).query)["versionId"] == [checked]
    chain = api.call("GET", f"/v1/files/{file_id}/custody", "DEA").data["items"]
    assert [entry["event"] for entry in chain] == ["file.declare", "file.verify", "file.download"]


def test_an_arrival_is_checked_on_the_version_its_notification_names(api, aws):
    """Two PUTs before the first notification is handled: S3 names each object's version
    (moto does not, so the notification here is S3's sample with it); the first is checked,
    the second changes nothing."""
    from datetime import UTC, datetime

    from chalicelib import wiring
    from chalicelib.arrivals import check_arrivals

    case_id = api.open_case("DEA")["case_id"]
    declared = declare(api, case_id).data
    file_id = declared["file"]["file_id"]
    first = put(aws, declared, SCREENSHOT)
    second = put(aws, declared, SCREENSHOT[:-1] + b"!")
    notification = load_event("evidence/s3-object-created.json")
    handle = wiring.file_service()
    for number, version in enumerate((first, second)):
        notification["Records"][0]["s3"]["object"].update(key=f"files/{file_id}", versionId=version)
        answer = check_arrivals([(str(number), json.dumps(notification))], handle, datetime.now(UTC))
        assert answer == {"batchItemFailures": []}
    assert api.call("GET", f"/v1/files/{file_id}", "DEA").data["status"] == "available"
    url = api.call("GET", f"/v1/files/{file_id}/content", "DEA").headers["location"]
    assert fetched(url) == SCREENSHOT


@pytest.mark.parametrize(
    ("fields", "status", "detail"),
    [
        ({"size": 5 * 1024**3 + 1}, 413, "at most 5368709120 bytes"),
        ({"media_type": "application/x-msdownload"}, 415, "not accepted"),
        ({"media_type": "text/html"}, 415, "not accepted"),
        ({"media_type": "application/xhtml+xml"}, 415, "not accepted"),
        ({"media_type": "image/svg+xml"}, 415, "not accepted"),
        ({"media_type": "text/javascript"}, 415, "not accepted"),
        ({"media_type": "application/xml"}, 415, "not accepted"),
        ({"sha256": "ab" * 31}, 400, "sha256"),
        ({"size": 0}, 400, "size"),
    ],
    ids=["over 5 GiB", "an executable", "HTML", "XHTML", "SVG", "JavaScript", "XML", "a short hash", "empty"],
)
def test_a_declaration_casebridge_does_not_take_is_refused_with_the_reason(api, aws, fields, status, detail):
    case_id = api.open_case("DEA")["case_id"]
    response = declare(api, case_id, **fields)
    assert response.status_code == status, response.body
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.body.decode()
    assert api.call("GET", f"/v1/cases/{case_id}/files", "DEA").data["items"] == []


def test_a_closed_case_takes_no_files(api, aws):
    case_id = api.open_case("DEA")["case_id"]
    assert api.call("POST", f"/v1/cases/{case_id}/close", "DEA").status_code == 200
    response = declare(api, case_id)
    assert response.status_code == 409, response.body


def test_a_case_lists_its_files_newest_first(api, aws):
    case_id = api.open_case("DEA")["case_id"]
    ids = [
        declare(api, case_id, name=f"chat-{n}.json", media_type="application/json").data["file"]["file_id"]
        for n in range(3)
    ]
    listed = api.call("GET", f"/v1/cases/{case_id}/files?limit=2", "DEA").data
    assert [item["file_id"] for item in listed["items"]] == ids[::-1][:2]
    rest = api.call("GET", f"/v1/cases/{case_id}/files?cursor={listed['next_cursor']}", "DEA").data
    assert [item["file_id"] for item in rest["items"]] == ids[:1]


def test_a_repeated_declaration_with_its_idempotency_key_is_the_same_file(api, aws):
    case_id = api.open_case("DEA")["case_id"]
    headers = {"Idempotency-Key": "upload-1"}
    first = api.call("POST", f"/v1/cases/{case_id}/files", "DEA", declaration(), headers)
    again = api.call("POST", f"/v1/cases/{case_id}/files", "DEA", declaration(), headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.data["file"] == first.data["file"]
    assert urlparse(again.data["upload"]["url"]).path == urlparse(first.data["upload"]["url"]).path


def test_the_chain_of_custody_is_every_hand_over_in_order_with_who_when_and_the_hash(api, aws):
    case_id = api.open_case("DEA")["case_id"]
    api.call("POST", f"/v1/referrals/{api.refer(case_id, 'HSI')['referral_id']}/accept", "HSI")
    declared = declare(api, case_id, "HSI").data
    file_id = declared["file"]["file_id"]
    upload(aws, declared, SCREENSHOT)
    for org in ("DEA", "HSI"):
        assert api.call("GET", f"/v1/files/{file_id}/content", org).status_code == 303
    assert api.call("GET", f"/v1/files/{file_id}", "DEA").status_code == 200  # a read hands nothing over
    custody = api.call("GET", f"/v1/files/{file_id}/custody", "DEA")
    assert custody.status_code == 200, custody.body
    assert (custody.data["file_id"], custody.data["sha256"]) == (file_id, _sha256(SCREENSHOT))
    chain = [(entry["event"], entry["org"], entry["sha256"]) for entry in custody.data["items"]]
    digest = _sha256(SCREENSHOT)
    assert chain == [
        ("file.declare", "HSI", digest),
        ("file.verify", "CASEBRIDGE", digest),
        ("file.download", "DEA", digest),
        ("file.download", "HSI", digest),
    ]
    times = [entry["at"] for entry in custody.data["items"]]
    assert times == sorted(times) and len(set(times)) == 4
    assert all(entry["subject"] for entry in custody.data["items"])
    # The same entries are on the case's own trail, which the owner reads too.
    trail = api.call("GET", f"/v1/cases/{case_id}/audit?limit=100", "DEA").data["items"]
    assert {r["audit_id"] for r in trail} >= {entry["audit_id"] for entry in custody.data["items"]}
    # Only the owner of the case reads the chain.
    assert api.call("GET", f"/v1/files/{file_id}/custody", "HSI").status_code == 403


def test_declaring_is_one_write_and_no_call_to_s3(api, aws, dynamo_calls, s3_calls):
    case_id = api.open_case("DEA")["case_id"]
    dynamo_calls.reset()
    assert declare(api, case_id).status_code == 201
    assert dynamo_calls.operations == ["TransactWriteItems"]
    assert s3_calls == []


def test_reading_a_file_is_its_read_its_cases_read_and_the_audit_record(api, aws, dynamo_calls):
    case_id = api.open_case("DEA")["case_id"]
    file_id = declare(api, case_id).data["file"]["file_id"]
    dynamo_calls.reset()
    assert api.call("GET", f"/v1/files/{file_id}", "DEA").status_code == 200
    assert dynamo_calls.operations == ["GetItem", "GetItem", "PutItem"]


def test_the_upload_window_closes_15_minutes_after_the_declaration(api, aws):
    from datetime import datetime

    case_id = api.open_case("DEA")["case_id"]
    declared = declare(api, case_id).data
    opened = datetime.fromisoformat(declared["file"]["declared_at"])
    assert datetime.fromisoformat(declared["upload"]["expires_at"]) - opened == timedelta(minutes=15)


def test_a_checked_file_is_news_to_whom_it_concerns_and_names_nothing_of_it(api, aws, pump):
    """`File Added` to the participants; `File Rejected` to the declarer and the owner; the
    file's id and links, never its name, hash or description."""
    import json

    import jsonschema

    from tests.test_events import drain_queues, schema_for

    case_id = api.open_case("DEA")["case_id"]
    api.call("POST", f"/v1/referrals/{api.refer(case_id, 'HSI')['referral_id']}/accept", "HSI")
    added = declare(api, case_id).data
    rejected = declare(api, case_id, "HSI").data
    upload(aws, added, SCREENSHOT)
    upload(aws, rejected, b"other bytes")
    pump.drain()
    events = {e["detail"]["file_id"]: e for e in drain_queues(aws) if e["detail-type"].startswith("File")}
    assert events.keys() == {added["file"]["file_id"], rejected["file"]["file_id"]}
    news = events[added["file"]["file_id"]]
    assert news["detail-type"] == "File Added" and news["detail"]["recipients"] == ["DEA", "HSI"]
    refusal = events[rejected["file"]["file_id"]]
    assert refusal["detail-type"] == "File Rejected" and refusal["detail"]["recipients"] == ["DEA", "HSI"]
    assert refusal["detail"]["organisations"] == {"owner": "DEA", "by": "HSI"}
    assert news["detail"]["links"] == {"case": f"/v1/cases/{case_id}", "file": f"/v1/files/{added['file']['file_id']}"}
    for event in events.values():
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
        text = json.dumps(event)
        assert "instagram-menu" not in text and added["file"]["sha256"] not in text and "Screenshot" not in text


def test_a_file_never_uploaded_expires_with_its_url_and_a_late_landing_upload_is_still_checked(api, aws):
    from datetime import datetime

    from chalicelib.wiring import timer_scheduler

    case_id = api.open_case("DEA")["case_id"]
    never = declare(api, case_id).data
    late = declare(api, case_id).data
    closes = datetime.fromisoformat(never["upload"]["expires_at"])
    assert timer_scheduler().run(closes - timedelta(seconds=1)).fired == 0
    assert timer_scheduler().run(closes + timedelta(seconds=1)).fired == 2
    for declared in (never, late):
        assert api.call("GET", f"/v1/files/{declared['file']['file_id']}", "DEA").data["status"] == "expired"
    # An upload that started before the URL ran out and landed after: checked all the same.
    upload(aws, late, SCREENSHOT)
    assert api.call("GET", f"/v1/files/{late['file']['file_id']}", "DEA").data["status"] == "available"
    assert api.call("GET", f"/v1/files/{never['file']['file_id']}", "DEA").data["status"] == "expired"


def test_a_file_that_arrived_in_time_never_expires(api, aws):
    from datetime import datetime

    from chalicelib.wiring import timer_scheduler

    case_id = api.open_case("DEA")["case_id"]
    declared = declare(api, case_id).data
    upload(aws, declared, SCREENSHOT)
    run = timer_scheduler().run(datetime.fromisoformat(declared["upload"]["expires_at"]) + timedelta(seconds=1))
    assert (run.fired, run.dropped) == (0, 1)
    assert api.call("GET", f"/v1/files/{declared['file']['file_id']}", "DEA").data["status"] == "available"


def tip_declaration(content: bytes = SCREENSHOT) -> dict[str, Any]:
    return {**declaration(content), "viewed_by_platform": True, "publicly_available": True}


def test_a_platform_attaches_files_to_its_tip_and_promotion_carries_them_to_the_case(api, aws, platform_world, pump):
    """META's tip is routed to DEA: META declares a file, DEA (and nobody else) reads and
    downloads it; promoting the tip puts the same object among the new case's files, on its
    chain of custody; META keeps seeing its file's status and nothing of the case."""
    tip = platform_world["tip"]
    declared = api.call("POST", f"/v1/tips/{tip}/files", "META", tip_declaration())
    assert declared.status_code == 201, declared.body
    file = declared.data["file"]
    assert (file["tip_id"], file["case_id"], file["viewed_by_platform"]) == (tip, None, True)
    assert api.call("POST", f"/v1/tips/{tip}/files", "TIKTOK", tip_declaration()).status_code == 404
    assert api.call("POST", f"/v1/tips/{tip}/files", "DEA", tip_declaration()).status_code == 403
    upload(aws, declared.data, SCREENSHOT)
    file_id = file["file_id"]
    assert api.call("GET", f"/v1/files/{file_id}", "META").data["status"] == "available"
    assert api.call("GET", f"/v1/files/{file_id}", "TIKTOK").status_code == 404
    assert api.call("GET", f"/v1/files/{file_id}", "HSI").status_code == 404
    assert api.call("GET", f"/v1/files/{file_id}/content", "DEA").status_code == 303

    promoted = api.call("POST", f"/v1/tips/{tip}/promote", "DEA", {})
    assert promoted.status_code == 201, promoted.body
    case_id = promoted.data["case_id"]
    pump.drain()
    listed = api.call("GET", f"/v1/cases/{case_id}/files", "DEA").data["items"]
    assert [(item["file_id"], item["case_id"]) for item in listed] == [(file_id, case_id)]
    assert api.call("GET", f"/v1/files/{file_id}/content", "DEA").status_code == 303
    chain = api.call("GET", f"/v1/files/{file_id}/custody", "DEA").data["items"]
    assert [(entry["event"], entry["org"]) for entry in chain] == [
        ("file.declare", "META"),
        ("file.verify", "CASEBRIDGE"),
        ("file.download", "DEA"),
        ("file.transfer", "CASEBRIDGE"),
        ("file.download", "DEA"),
    ]
    assert chain[3]["reason"] == f"from tip {tip}"
    assert len({entry["sha256"] for entry in chain}) == 1
    seen = api.call("GET", f"/v1/files/{file_id}", "META")
    assert seen.status_code == 200 and seen.data["case_id"] is None and case_id not in seen.body.decode()
    # The tip is triaged: its platform adds no more files to it.
    late = api.call("POST", f"/v1/tips/{tip}/files", "META", tip_declaration())
    assert late.status_code == 409, late.body
    pump.drain()  # a retried change of the tip carries nothing twice
    assert len(api.call("GET", f"/v1/files/{file_id}/custody", "DEA").data["items"]) == 5


def test_reading_the_chain_of_custody_is_two_reads_one_index_query_and_the_audit_record(api, aws, dynamo_calls):
    case_id = api.open_case("DEA")["case_id"]
    file_id = declare(api, case_id).data["file"]["file_id"]
    dynamo_calls.reset()
    assert api.call("GET", f"/v1/files/{file_id}/custody", "DEA").status_code == 200
    assert dynamo_calls.operations == ["GetItem", "GetItem", "Query", "PutItem"]


def test_a_download_url_is_two_reads_and_the_custody_record_and_no_call_to_s3(api, aws, dynamo_calls, s3_calls):
    case_id = api.open_case("DEA")["case_id"]
    declared = declare(api, case_id).data
    upload(aws, declared, SCREENSHOT)
    dynamo_calls.reset()
    s3_calls.clear()
    assert api.call("GET", f"/v1/files/{declared['file']['file_id']}/content", "DEA").status_code == 303
    assert dynamo_calls.operations == ["GetItem", "GetItem", "PutItem"]
    assert s3_calls == []


def test_a_tips_file_is_news_to_the_agency_it_went_to_and_a_rejection_to_its_platform_alone(
    api, aws, platform_world, pump
):
    """Before its tip reaches a case: `File Added` to DEA (the tip's agency) with the tip's id;
    `File Rejected` to META alone, which never learns from an event who has its tip. On
    promotion the file is news to the new case's participants."""
    from tests.test_events import drain_queues, schema_for

    tip = platform_world["tip"]
    drain_queues(aws)
    good = api.call("POST", f"/v1/tips/{tip}/files", "META", tip_declaration()).data
    bad = api.call("POST", f"/v1/tips/{tip}/files", "META", tip_declaration()).data
    upload(aws, good, SCREENSHOT)
    upload(aws, bad, b"not the screenshot")
    pump.drain()
    events = {e["detail"]["file_id"]: e for e in drain_queues(aws) if e["detail-type"].startswith("File")}
    added, rejected = events[good["file"]["file_id"]], events[bad["file"]["file_id"]]
    assert (added["detail-type"], added["detail"]["recipients"], added["detail"]["tip_id"]) == (
        "File Added",
        ["DEA"],
        tip,
    )
    assert added["detail"]["organisations"] == {"by": "META", "to": "DEA"} and "case_id" not in added["detail"]
    assert (rejected["detail-type"], rejected["detail"]["recipients"]) == ("File Rejected", ["META"])
    assert rejected["detail"]["organisations"] == {"by": "META"} and "DEA" not in json.dumps(rejected)
    for event in events.values():
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))

    case_id = api.call("POST", f"/v1/tips/{tip}/promote", "DEA", {}).data["case_id"]
    pump.drain()
    pump.drain()
    carried = [e["detail"] for e in drain_queues(aws) if e["detail-type"] == "File Added"]
    assert [(d["file_id"], d["case_id"], d["recipients"]) for d in carried] == [
        (good["file"]["file_id"], case_id, ["DEA"])
    ]
