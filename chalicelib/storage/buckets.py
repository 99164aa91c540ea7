"""An S3 bucket behind a small class: its name, and its client, handed in or built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from chalicelib.storage.table import CONNECTIONS

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class Bucket:
    """A bucket and its client: a test hands one in (`client=`); otherwise it is built on
    first use, never at import, with the pool the table's client has and `client_options`."""

    #: What this bucket's client is configured with besides its pool (botocore's `Config`).
    client_options: ClassVar[dict[str, Any]] = {}

    def __init__(self, bucket: str, client: S3Client | None = None) -> None:
        self.bucket = bucket
        self._client = client

    @property
    def client(self) -> S3Client:
        if self._client is None:
            import boto3
            from botocore.config import Config

            config = Config(max_pool_connections=CONNECTIONS, **self.client_options)
            self._client = boto3.client("s3", config=config)
        return self._client
