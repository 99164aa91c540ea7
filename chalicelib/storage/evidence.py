"""The evidence bucket: presigned upload and download URLs, and what actually arrived.

Presigning is local (no call to S3): declaring a file costs its one TransactWriteItems.
The upload URL signs `Content-Type`, `Content-Length` and `x-amz-checksum-sha256`, so in
AWS S3 itself refuses a body whose length or SHA-256 differs from the declaration. moto
checks neither signatures, expiry nor checksums, and stores whatever checksum the client
sent as if it were true: so the arrival check reads the object back and hashes what is
there (`arrived`), whatever S3 claims. In AWS that costs a read of the object (up to 5 GiB,
streamed in 8 MiB parts); it is what makes the check independent of the upload's headers.

The bucket is versioned: the check reads the version S3's notification names (the latest,
where a notification names none, as moto's do) and every download URL is signed for the
version that was checked (`versionId`), so bytes PUT after the check are never handed out.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from typing import Any, ClassVar

from chalicelib.domain.files import DOWNLOAD_WINDOW, UNVERSIONED, EvidenceFile
from chalicelib.storage.buckets import Bucket
from chalicelib.storage.contracts import Arrived, Upload

_PART = 8 * 1024 * 1024


class EvidenceBucket(Bucket):
    #: The arrival check hashes the bytes itself: botocore must not refuse to hand over an
    #: object whose stored checksum is a lie (it would raise on reading).
    client_options: ClassVar[dict[str, Any]] = {
        "signature_version": "s3v4",
        "response_checksum_validation": "when_required",
    }

    def upload(self, file: EvidenceFile, now: datetime) -> Upload:
        """A presigned `PUT` of the declared bytes, valid until the file's upload window closes."""
        checksum = base64.b64encode(bytes.fromhex(file.sha256)).decode()
        headers = {
            "Content-Type": file.media_type,
            "Content-Length": str(file.size),
            # An Object Lock bucket takes a PUT only with Content-MD5 or this header (S3's
            # PutObject reference; moto enforces it too).
            "x-amz-sdk-checksum-algorithm": "SHA256",
            "x-amz-checksum-sha256": checksum,
        }
        seconds = max(1, int((file.upload_expires_at - now).total_seconds()))
        url = self.client.generate_presigned_url(
            "put_object",
            Params={
                "Bucket": self.bucket,
                "Key": file.object_key,
                "ContentType": file.media_type,
                "ContentLength": file.size,
                "ChecksumAlgorithm": "SHA256",
                "ChecksumSHA256": checksum,
            },
            ExpiresIn=seconds,
        )
        return Upload(url, headers, file.upload_expires_at)

    def download(self, file: EvidenceFile) -> str:
        """A presigned `GET` of the checked version of the file's bytes for `DOWNLOAD_WINDOW`,
        served under its declared name and type, as an attachment."""
        assert file.object_version is not None, "only a checked version is served (files.servable)"
        disposition = f"attachment; filename*=UTF-8''{_quoted(file.name)}"
        params: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": file.object_key,
            "VersionId": file.object_version,
            "ResponseContentType": file.media_type,
            "ResponseContentDisposition": disposition,
        }
        return self.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=int(DOWNLOAD_WINDOW.total_seconds())
        )

    def arrived(self, key: str, version: str | None) -> Arrived | None:
        """`version` of the object under `key` (the latest if None), hashed as it is; None if
        there is no such object or version."""
        from botocore.exceptions import ClientError

        selected: dict[str, Any] = {"VersionId": version} if version else {}
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=key, **selected)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "NoSuchVersion"):
                return None
            raise
        digest, size = hashlib.sha256(), 0
        for part in found["Body"].iter_chunks(_PART):
            digest.update(part)
            size += len(part)
        # S3 names an object put while versioning was off "null", and takes that name back.
        return Arrived(size, digest.hexdigest(), found.get("VersionId") or UNVERSIONED)


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
