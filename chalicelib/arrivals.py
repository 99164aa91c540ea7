"""The evidence bucket's news, delivered through one SQS queue: S3's `ObjectCreated`
notifications (Chalice cannot package `on_s3_event` for the CDK), each checked against its
file's declaration (`FileService.check_arrival`), and, where the stage scans for malware,
GuardDuty's scan results, which an EventBridge rule on the default bus forwards
(`FileService.record_scan`).

A message is one of:
- S3's notification document (`{"Records": [{"s3": {"object": {"key", "versionId"}}}]}`,
  the key URL-encoded), or S3's test event (`{"Event": "s3:TestEvent"}`, ignored);
- an EventBridge event of `detail-type` "GuardDuty Malware Protection Object Scan Result"
  (`detail.s3ObjectDetails.objectKey` and `versionId`, `detail.scanResultDetails.scanResultStatus`).

Both name the object's version: the bucket is versioned, and a second `PUT` to a file's key
makes another version, which is never the file's once one was checked.

A message whose handling fails is given back (`batchItemFailures`) and SQS delivers it
again; both are idempotent, so a repeated delivery changes nothing. One that fails every
time goes to the dead-letter queue, and no file waits on it for ever: a file whose bytes
were never checked expires with its upload window (the check takes an expired file all the
same, should the message be redriven), and a scan that never answers fails after
`files.SCAN_WINDOW` (timers).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from chalicelib.domain.files import OBJECT_PREFIX, ScanResult
from chalicelib.observability import logger

if TYPE_CHECKING:
    from chalicelib.services.files import FileService

#: GuardDuty Malware Protection for S3's event on the default bus, one per scanned object.
SCAN_RESULT = "GuardDuty Malware Protection Object Scan Result"
SCAN_SOURCE = "aws.guardduty"


def scan_results_pattern(bucket: str) -> dict[str, Any]:
    """The rule forwarding the scans of the evidence bucket's files to the arrivals queue
    (the CDK stack's, where the stage scans, and the local stack's)."""
    return {
        "source": [SCAN_SOURCE],
        "detail-type": [SCAN_RESULT],
        "detail": {"s3ObjectDetails": {"bucketName": [bucket], "objectKey": [{"prefix": OBJECT_PREFIX}]}},
    }


def arrived_objects(document: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The object keys one S3 notification names, each with its version (None where the
    notification names none: an unversioned bucket, or moto's)."""
    objects = [record["s3"]["object"] for record in document.get("Records", ()) if "s3" in record]
    return [(unquote_plus(found["key"]), found.get("versionId")) for found in objects]


@dataclass(frozen=True)
class Scanned:
    """What GuardDuty said of one version of one object."""

    key: str
    version: str | None
    result: ScanResult
    threats: list[str]


def scan_result(document: dict[str, Any]) -> Scanned | None:
    """A GuardDuty scan result's object, version, verdict and threat names; None for any other message."""
    if document.get("source") != SCAN_SOURCE or document.get("detail-type") != SCAN_RESULT:
        return None
    detail = document["detail"]
    details = detail.get("scanResultDetails") or {}
    status = details.get("scanResultStatus") or "FAILED"  # a scan that ended without one
    threats = [threat.get("name", "") for threat in details.get("threats") or ()]
    scanned = detail["s3ObjectDetails"]
    return Scanned(scanned["objectKey"], scanned.get("versionId"), ScanResult(status.lower()), threats)


def check_arrivals(messages: Iterable[tuple[str, str]], service: FileService, at: datetime) -> dict[str, Any]:
    """Each message (`(message id, body)`) handled; the partial batch response."""
    failed = []
    for message_id, body in messages:
        try:
            document = json.loads(body)
            scanned = scan_result(document)
            if scanned is not None:
                recorded = service.record_scan(scanned.key, scanned.version, scanned.result, scanned.threats, at)
                if recorded is not None:
                    logger.info("evidence file scanned", extra={"file_id": recorded.file_id, "scan": recorded.scan})
            for key, version in arrived_objects(document):
                checked = service.check_arrival(key, version, at)
                if checked is not None:
                    logger.info("evidence file checked", extra={"file_id": checked.file_id, "status": checked.status})
        except Exception:
            logger.exception("handling an evidence message failed", extra={"message_id": message_id})
            failed.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failed}
