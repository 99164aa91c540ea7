"""What a running local stack wrote to `.local/` (`stack.json`, `stack.pid`), and clients of its embedded moto."""

from __future__ import annotations

import json
import os
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


#: The running stack's process id, under `.local/`: written as it starts, removed as it stops.
#: A stack killed without warning (SIGKILL, a power cut) leaves it behind, naming a process
#: that is gone: that stack is not running.
PID_FILE = "stack.pid"


def note_pid(folder: Path) -> None:
    """Marks `folder/.local/` as in use by this process, the running stack."""
    (folder / ".local" / PID_FILE).write_text(f"{os.getpid()}\n")


def forget_pid(folder: Path) -> None:
    (folder / ".local" / PID_FILE).unlink(missing_ok=True)


def running_pid(folder: Path) -> int | None:
    """The process id of the stack running in `folder`, or None if none is (no pid file, or the
    process it names is gone)."""
    try:
        pid = int((folder / ".local" / PID_FILE).read_text())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)  # signal 0: is it there? (nothing is sent)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # there, another user's
    return pid


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
