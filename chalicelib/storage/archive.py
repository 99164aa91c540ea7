"""The append-only archive of the audit trail: every record, copied from the stream to S3.

The bucket has S3 Object Lock in compliance mode with a default retention (per stage, at
least the year CJIS asks for): nobody, the account's root included, can change or remove
an archived record before then. One object per record, named by its id, so a retried
stream record writes the same name again; under Object Lock that is a second version,
never a replacement of the first.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from typing import Any

from chalicelib.domain.audit import AuditRecord
from chalicelib.storage.buckets import Bucket


def archive_key(record: AuditRecord) -> str:
    """`audit/<yyyy>/<mm>/<dd>/<audit id>.json`: listable by day, unique by record."""
    return f"audit/{record.at:%Y/%m/%d}/{record.audit_id}.json"


def archive_body(record: AuditRecord) -> bytes:
    document: dict[str, Any] = asdict(record)
    document["at"] = record.at.isoformat()
    document["blind_tokens"] = list(record.blind_tokens)
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


class AuditArchive(Bucket):
    """The archive bucket: a batch's new audit records are archived at once
    (`stream.reactions`), over the client's pool of connections."""

    def put(self, record: AuditRecord) -> str:
        """Archive `record`; S3 refuses the bytes unless they match the SHA-256 sent with them."""
        body = archive_body(record)
        key = archive_key(record)
        self.client.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=body,
            ContentType="application/json",
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=base64.b64encode(hashlib.sha256(body).digest()).decode(),
        )
        return key
