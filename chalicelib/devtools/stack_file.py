"""What a running local stack wrote to `.local/` (`stack.json`, `stack.pid`), and clients of its embedded moto."""

from __future__ import annotations

import fcntl
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


#: The running stack's process id, under `.local/`: written as it starts, and locked (`flock`)
#: for as long as its process lives. The kernel drops the lock when the process ends, however
#: it ends (SIGKILL, a power cut), so a file left behind names no running stack, even if its
#: process id now belongs to another process or to a zombie nobody has reaped.
PID_FILE = "stack.pid"
_HELD: list[int] = []


def hold_pid(folder: Path) -> int | None:
    """Marks `folder/.local/` as this process's, the running stack's, until it ends; or, if a
    stack runs there already, leaves it alone and returns that stack's process id."""
    path = folder / ".local" / PID_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return _pid_in(path)
    os.ftruncate(descriptor, 0)
    os.write(descriptor, f"{os.getpid()}\n".encode())
    _HELD.append(descriptor)  # kept open: closing it would drop the lock
    return None


def forget_pid(folder: Path) -> None:
    """At a clean stop: the pid file goes, and the lock with it."""
    (folder / ".local" / PID_FILE).unlink(missing_ok=True)
    while _HELD:
        os.close(_HELD.pop())


def running_pid(folder: Path) -> int | None:
    """The process id of the stack running in `folder`, or None if none runs there."""
    path = folder / ".local" / PID_FILE
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _pid_in(path)
    finally:
        os.close(descriptor)  # a lock this took goes with it
    return None


def _pid_in(path: Path) -> int:
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return 0  # being written this very moment


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
