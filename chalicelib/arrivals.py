"""The evidence bucket's arrivals: S3's `ObjectCreated` notifications, delivered through an
SQS queue (Chalice cannot package `on_s3_event` for the CDK), each checked against its
file's declaration (`FileService.check_arrival`).

A message is S3's notification document (`{"Records": [{"s3": {"object": {"key"}}}]}`, the
key URL-encoded) or S3's test event (`{"Event": "s3:TestEvent"}`, ignored). A message whose
check fails is given back (`batchItemFailures`) and SQS delivers it again; checking is
idempotent (a file is checked once), so a repeated delivery changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from chalicelib.observability import logger

if TYPE_CHECKING:
    from chalicelib.services.files import FileService


def arrived_keys(body: str) -> list[str]:
    """The object keys one notification names."""
    document = json.loads(body)
    return [unquote_plus(record["s3"]["object"]["key"]) for record in document.get("Records", ()) if "s3" in record]


def check_arrivals(messages: Iterable[tuple[str, str]], service: FileService, at: datetime) -> dict[str, Any]:
    """Each message (`(message id, body)`) checked; the partial batch response."""
    failed = []
    for message_id, body in messages:
        try:
            for key in arrived_keys(body):
                checked = service.check_arrival(key, at)
                if checked is not None:
                    logger.info("evidence file checked", extra={"file_id": checked.file_id, "status": checked.status})
        except Exception:
            logger.exception("checking an arrival failed", extra={"message_id": message_id})
            failed.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failed}
