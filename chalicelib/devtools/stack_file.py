"""What a running local stack wrote to `.local/stack.json`, and clients of its embedded moto."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlparse


def described(folder: Path) -> dict[str, Any]:
    """The stack's URLs, table, bus and queues, as `make run` wrote them under `folder/.local/`."""
    stack: dict[str, Any] = json.loads((folder / ".local" / "stack.json").read_text())
    return stack


def running(stack: dict[str, Any]) -> bool:
    """Whether the stack's API answers (a connection is enough: no token, no request)."""
    address = urlparse(stack["api_url"])
    try:
        with socket.create_connection((address.hostname or "127.0.0.1", address.port or 80), timeout=1):
            return True
    except OSError:
        return False


def aws_client(folder: Path, service: str) -> Any:
    """A boto3 client of the stack's moto server (any credentials do)."""
    import boto3

    stack = described(folder)
    return boto3.client(  # type: ignore[call-overload]
        service,
        endpoint_url=stack["aws_endpoint_url"],
        region_name=stack["region"],
        aws_access_key_id="local",
        aws_secret_access_key="local",  # noqa: S106 - moto's
    )


def waiting_messages(folder: Path, queue_url: str) -> int:
    """How many messages wait in one of the stack's queues (SQS's approximate count)."""
    answer = aws_client(folder, "sqs").get_queue_attributes(
        QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages"]
    )
    return int(answer["Attributes"]["ApproximateNumberOfMessages"])
