"""The client: an httpx client that authenticates with a token provider, retries 429 and 503
as `Retry-After` says, turns problem documents into exceptions, and gives each creating call
an `Idempotency-Key` that its retries reuse; with page iterators, the event feed as an
iterator that follows, and file transfers that check the SHA-256.

Every operation of the API is a generated function in `casebridge_client.generated.api`
(openapi-python-client, from the API's own document); `Casebridge.call` runs one:

    from casebridge_client import Casebridge
    from casebridge_client.generated.api.cases import open_case, list_cases
    from casebridge_client.generated.models import CaseCreate

    cb = Casebridge("https://api.casebridge.example.gov", token=lambda: my_idp.token())
    case = cb.call(open_case, body=CaseCreate(title="Counterfeit M30 vendor"))
    for found in cb.pages(list_cases, status="open"):
        print(found.case_id, found.title)
"""

from __future__ import annotations

import hashlib
import inspect
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

import httpx

from casebridge_client.errors import FileNotReady, FileRejected, ProblemError, problem_from
from casebridge_client.generated.api.files import read_file
from casebridge_client.generated.client import Client

#: A token, or something that returns a fresh one (a long job refreshes through it).
TokenProvider = str | Callable[[], str]
#: Told how many bytes moved so far, and of how many.
Progress = Callable[[int, int], None]
CHUNK = 1024 * 1024
#: A presigned transfer: quick to connect, as long as it needs to move the bytes (5 GiB at most).
TRANSFER_TIMEOUT = httpx.Timeout(30.0, read=3600.0, write=3600.0)


class _Bearer(httpx.Auth):
    """`Authorization: Bearer <token>` with a token asked for on each request."""

    def __init__(self, token: TokenProvider) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._token() if callable(self._token) else self._token
        request.headers["Authorization"] = f"Bearer {token}"
        yield request


class RetryTransport(httpx.BaseTransport):
    """Sends a request again on 429 and 503, after `Retry-After` seconds (else a doubling
    pause), at most `retries` times; the same request, so the same `Idempotency-Key`."""

    def __init__(
        self, inner: httpx.BaseTransport, retries: int = 3, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._inner = inner
        self._retries = retries
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        for attempt in range(self._retries + 1):
            response = self._inner.handle_request(request)
            if response.status_code not in (429, 503) or attempt == self._retries:
                return response
            pause = _retry_after(response.headers.get("retry-after"), attempt)
            response.close()
            self._sleep(pause)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._inner.close()


def _retry_after(header: str | None, attempt: int) -> float:
    """`Retry-After` in seconds, or half a second doubling with each attempt."""
    fallback = 0.5 * (1 << attempt)
    try:
        return max(0.0, float(header)) if header is not None else fallback
    except ValueError:
        return fallback


def _raise_problem(response: httpx.Response) -> None:
    if response.status_code >= 400:
        response.read()
        raise problem_from(response.status_code, response.headers.get("content-type", ""), response.content)


class Casebridge:
    """One organisation's connection to the API."""

    def __init__(
        self,
        base_url: str,
        token: TokenProvider,
        *,
        retries: int = 3,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = httpx.Client(
            base_url=base_url,
            auth=_Bearer(token),
            transport=RetryTransport(transport or httpx.HTTPTransport(), retries, sleep),
            timeout=timeout,
            event_hooks={"response": [_raise_problem]},
        )
        self._sleep = sleep
        #: The generated operations' client, on the same connection (retries, token, exceptions).
        self.generated = Client(base_url=base_url).set_httpx_client(self.http)

    def call(self, operation: ModuleType, **arguments: Any) -> Any:
        """Runs a generated operation (`casebridge_client.generated.api.<area>.<operation>`); what
        it answered, parsed. A creating call gets an `Idempotency-Key` unless one is given."""
        if (
            "idempotency_key" in inspect.signature(operation.sync_detailed).parameters
            and "idempotency_key" not in arguments
        ):
            arguments["idempotency_key"] = str(uuid.uuid4())
        return operation.sync_detailed(client=self.generated, **arguments).parsed

    def call_with_etag(self, operation: ModuleType, **arguments: Any) -> tuple[Any, str | None]:
        """A read and its `ETag`, for the `if_match` of an update (412 if someone changed it since)."""
        response = operation.sync_detailed(client=self.generated, **arguments)
        return response.parsed, response.headers.get("etag")

    def pages(self, operation: ModuleType, **arguments: Any) -> Iterator[Any]:
        """Every item of a list operation, page after page (`next_cursor`)."""
        cursor: str | None = None
        while True:
            page = self.call(operation, **arguments, **({"cursor": cursor} if cursor else {}))
            yield from page.items
            cursor = page.next_cursor if isinstance(page.next_cursor, str) else None
            if not cursor:
                return

    def events(
        self, after: str | None = None, *, types: list[str] | None = None, follow: bool = True, poll: float = 5.0
    ) -> Iterator[dict[str, Any]]:
        """The organisation's event feed, oldest first, from `after` (a cursor or an event id):
        each `{"id", "detail_type", "occurred_at", "detail"}`. Following, it waits `poll`
        seconds on an empty page and goes on from the cursor that page answered."""
        cursor = after
        while True:
            params: dict[str, Any] = {"limit": 100}
            if cursor:
                params["after"] = cursor
            if types:
                params["types"] = ",".join(types)
            page = self.http.get("/v1/events", params=params).json()
            yield from page["items"]
            cursor = page["next_cursor"]
            if not page["items"]:
                if not follow:
                    return
                self._sleep(poll)

    def upload(self, declared: Any, source: Path | bytes, progress: Progress | None = None) -> None:
        """PUTs a declared file's bytes where the declaration said (`FileDeclared.upload`),
        checking first that they are the bytes declared (the API checks them again)."""
        upload = declared.upload
        data = source.read_bytes() if isinstance(source, Path) else source
        if hashlib.sha256(data).hexdigest() != declared.file.sha256.lower():
            raise ValueError("these bytes are not the ones declared: their SHA-256 differs")
        headers = dict(upload.headers.additional_properties) if hasattr(upload.headers, "additional_properties") else {}
        sent = 0

        def chunks() -> Iterator[bytes]:
            nonlocal sent
            for start in range(0, len(data), CHUNK):
                piece = data[start : start + CHUNK]
                sent += len(piece)
                if progress is not None:
                    progress(sent, len(data))
                yield piece

        with httpx.Client(timeout=TRANSFER_TIMEOUT) as plain:  # a presigned URL: no token, no problem documents
            response = plain.request(upload.method, upload.url, headers=headers, content=chunks())
            response.raise_for_status()

    def download(self, file_id: str, sha256: str, target: BinaryIO, progress: Progress | None = None) -> int:
        """Streams a file's bytes into `target`, checking them against `sha256` (the file's
        declared and verified hash); how many bytes. A mismatch raises and is worth reporting."""
        located = self.http.get(f"/v1/files/{file_id}/content", follow_redirects=False)
        url = located.headers["location"]
        digest, received = hashlib.sha256(), 0
        with httpx.Client(timeout=TRANSFER_TIMEOUT) as plain, plain.stream("GET", url) as response:
            response.raise_for_status()
            total = int(response.headers.get("content-length", "0"))
            for piece in response.iter_bytes(CHUNK):
                digest.update(piece)
                target.write(piece)
                received += len(piece)
                if progress is not None:
                    progress(received, total)
        if digest.hexdigest() != sha256.lower():
            raise ValueError(f"file {file_id}: the bytes received are not the ones verified (SHA-256 differs)")
        return received

    def wait_for_file(self, file_id: str, *, timeout: float = 60.0, interval: float = 1.0) -> Any:
        """Reads a file until its check is done; the file (`FileOut`), once `available`.

        An upload returns as soon as the bytes are sent: the API checks them (and, where the
        stage says so, waits for the malware scan) a moment later, and a download before that
        is a 409. `FileRejected` if it ended `rejected` or `expired` (it never will be
        available), `FileNotReady` if it was still being checked after `timeout` seconds:

            declared = cb.call(declare_case_file, case_id=case_id, body=declaration)
            cb.upload(declared, path)
            file = cb.wait_for_file(declared.file.file_id, timeout=120)
        """
        started, waited = time.monotonic(), 0.0
        while True:
            found = self.call(read_file, file_id=file_id)
            status = str(found.status)
            if status == "available":
                return found
            if status in ("rejected", "expired"):
                reason = found.rejected_because if isinstance(found.rejected_because, str) else None
                raise FileRejected(found, status, reason)
            # Both clocks: the pauses asked for (a test's sleep does not pass time) and the time gone.
            if waited >= timeout or time.monotonic() - started >= timeout:
                raise FileNotReady(file_id, status, timeout)
            pause = min(interval, max(timeout - waited, 0.0))
            self._sleep(pause)
            waited += pause

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Casebridge:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


__all__ = ["Casebridge", "ProblemError", "RetryTransport"]
