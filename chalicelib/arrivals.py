"""The evidence bucket's news, delivered through one SQS queue: S3's `ObjectCreated`
notifications (Chalice cannot package `on_s3_event` for the CDK), each checked against its
file's declaration (`FileService.check_arrival`), and, where the stage scans for malware,
GuardDuty's scan results, which an EventBridge rule on the default bus forwards
(`FileService.record_scan`).

A message is one of:
- S3's notification document (`{"Records": [{"s3": {"object": {"key"}}}]}`, the key
  URL-encoded), or S3's test event (`{"Event": "s3:TestEvent"}`, ignored);
- an EventBridge event of `detail-type` "GuardDuty Malware Protection Object Scan Result"
  (`detail.s3ObjectDetails.objectKey`, `detail.scanResultDetails.scanResultStatus`).

A message whose handling fails is given back (`batchItemFailures`) and SQS delivers it
again; both are idempotent, so a repeated delivery changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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


def arrived_keys(document: dict[str, Any]) -> list[str]:
    """The object keys one S3 notification names."""
    return [unquote_plus(record["s3"]["object"]["key"]) for record in document.get("Records", ()) if "s3" in record]


def scan_result(document: dict[str, Any]) -> tuple[str, ScanResult, list[str]] | None:
    """The object key, verdict and threat names of a GuardDuty scan result; None for any other message."""
    if document.get("source") != SCAN_SOURCE or document.get("detail-type") != SCAN_RESULT:
        return None
    detail = document["detail"]
    details = detail.get("scanResultDetails") or {}
    status = details.get("scanResultStatus") or "FAILED"  # a scan that ended without one
    threats = [threat.get("name", "") for threat in details.get("threats") or ()]
    return detail["s3ObjectDetails"]["objectKey"], ScanResult(status.lower()), threats


def check_arrivals(messages: Iterable[tuple[str, str]], service: FileService, at: datetime) -> dict[str, Any]:
    """Each message (`(message id, body)`) handled; the partial batch response."""
    failed = []
    for message_id, body in messages:
        try:
            document = json.loads(body)
            scanned = scan_result(document)
            if scanned is not None:
                key, result, threats = scanned
                recorded = service.record_scan(key, result, threats, at)
                if recorded is not None:
                    logger.info("evidence file scanned", extra={"file_id": recorded.file_id, "scan": recorded.scan})
            for key in arrived_keys(document):
                checked = service.check_arrival(key, at)
                if checked is not None:
                    logger.info("evidence file checked", extra={"file_id": checked.file_id, "status": checked.status})
        except Exception:
            logger.exception("handling an evidence message failed", extra={"message_id": message_id})
            failed.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failed}
