"""Problem documents (RFC 9457) as exceptions: one class per status a caller acts on, each
carrying the document's type, title, detail and field errors."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ProblemError(Exception):
    """The API refused the request and said why."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        type_: str = "about:blank",
        errors: tuple[FieldError, ...] = (),
        reason: str | None = None,
    ) -> None:
        super().__init__(f"{status} {title}: {detail}")
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_
        #: For a 400: which fields, and what is wrong with each.
        self.errors = errors
        #: For a 401: why the token was refused, as a stable code (`expired`, `unknown_organisation`, ...).
        self.reason = reason


class BadRequest(ProblemError):
    """400: malformed or invalid input; `errors` names the fields."""


class Unauthorized(ProblemError):
    """401: no token, or one the API does not accept."""


class Forbidden(ProblemError):
    """403: the token lacks the scope, or the organisation is the wrong kind for the route."""


class NotFound(ProblemError):
    """404: absent, or not visible to you (the API never says which)."""


class Conflict(ProblemError):
    """409: the resource is not in a state that allows this."""


class PreconditionFailed(ProblemError):
    """412: the `If-Match` is stale: read it again."""


class PayloadTooLarge(ProblemError):
    """413."""


class UnprocessableIdempotencyKey(ProblemError):
    """422: the `Idempotency-Key` was used with another body."""


class RateLimited(ProblemError):
    """429: a quota is spent (the client retried as long as `Retry-After` allowed)."""


class Unavailable(ProblemError):
    """503: busy (the client retried as long as `Retry-After` allowed)."""


_BY_STATUS: dict[int, type[ProblemError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    412: PreconditionFailed,
    413: PayloadTooLarge,
    422: UnprocessableIdempotencyKey,
    429: RateLimited,
    503: Unavailable,
}


def problem_from(status: int, content_type: str, body: bytes) -> ProblemError:
    """The exception a response's problem document (or, failing that, its status) stands for."""
    kind = _BY_STATUS.get(status, ProblemError)
    try:
        document = json.loads(body) if "json" in content_type else {}
    except ValueError:
        document = {}
    errors = tuple(FieldError(str(e.get("field", "")), str(e.get("message", ""))) for e in document.get("errors") or ())
    return kind(
        status,
        str(document.get("title", "HTTP error")),
        str(document.get("detail", body[:200].decode(errors="replace"))),
        str(document.get("type", "about:blank")),
        errors,
        str(document["reason"]) if isinstance(document.get("reason"), str) else None,
    )


class FileNotReady(Exception):
    """A file waited for (`Casebridge.wait_for_file`) was still not checked when the wait ran out."""

    def __init__(self, file_id: str, status: str, waited: float) -> None:
        super().__init__(f"file {file_id} is still {status} after {waited:g} s: its check has not finished")
        self.file_id = file_id
        self.status = status
        self.waited = waited


class FileRejected(Exception):
    """A file waited for ended `rejected` (its bytes were not the ones declared, or the scan found
    a threat) or `expired` (its bytes never arrived): it will never be `available`."""

    def __init__(self, file: object, status: str, reason: str | None) -> None:
        because = f" ({reason})" if reason else ""
        super().__init__(f"file {getattr(file, 'file_id', '?')} was {status}{because}: it cannot be downloaded")
        #: The file as last read (`FileOut`).
        self.file = file
        self.status = status
        self.reason = reason
