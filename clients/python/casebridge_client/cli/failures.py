"""How a command ends when it cannot do what it was asked: one line on stderr and an exit code
per kind of failure, decided here for every command (docs/reference/cli-errors-and-profiles.md).
No traceback reaches the user unless asked for (`--debug`, `CASEBRIDGE_DEBUG=1`)."""

from __future__ import annotations

import os
from enum import IntEnum

import httpx

from casebridge_client.errors import FileNotReady, FileRejected, ProblemError


class ExitCode(IntEnum):
    """What scripts branch on. Stable within a major version: a new kind gets a new number."""

    OK = 0
    #: The API refused (a problem response not listed below: 400, 403, 413, 422, 5xx), or
    #: something nobody foresaw (the message says what; `--debug` shows where).
    API = 1
    #: The command line itself: typer's own (a missing argument, an unknown option), a value
    #: outside its choices, a body the operation cannot take (a required field missing), a
    #: secret given as an argument, an unknown operation id or parameter.
    USAGE = 2
    #: The API could not be reached: connection refused, DNS, timeout, TLS.
    UNREACHABLE = 3
    #: Local input: a file that cannot be read or written, JSON that is not, no config or no
    #: such profile, a local login outside the repository or for an organisation the registry
    #: does not know.
    LOCAL = 4
    #: 401: no token the API accepts (expired, another issuer, unknown organisation); the
    #: API's detail says which.
    AUTHENTICATION = 5
    #: 404: absent, or not visible to you (the API never says which).
    NOT_FOUND = 6
    #: 409 or 412: not in a state that allows it, a duplicate, or a stale `If-Match`.
    CONFLICT = 7
    #: 429 or 503, still, after the client's retries.
    BUSY = 8
    #: A download whose bytes are not the ones verified (the file is removed).
    INTEGRITY = 9
    #: `--wait`: the file was rejected (not the bytes declared, or a threat) or expired.
    FILE_REJECTED = 10
    #: `--wait`: the file was still being checked when the wait ran out.
    FILE_NOT_READY = 11


_BY_STATUS = {
    401: ExitCode.AUTHENTICATION,
    404: ExitCode.NOT_FOUND,
    409: ExitCode.CONFLICT,
    412: ExitCode.CONFLICT,
    429: ExitCode.BUSY,
    503: ExitCode.BUSY,
}


class Refused(Exception):
    """A command refuses to go on, and says why: `Refused(ExitCode.LOCAL, "…")`."""

    def __init__(self, code: ExitCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def outcome(error: Exception) -> tuple[ExitCode, list[str]]:
    """The exit code and the lines (on stderr) that a failure ends a command with."""
    code, lines = _classified(error)
    # One line each, whatever a server or the operating system put in a message.
    return code, [f"casebridge: {' '.join(line.split())}" if i == 0 else line for i, line in enumerate(lines)]


def _classified(error: Exception) -> tuple[ExitCode, list[str]]:
    if isinstance(error, Refused):
        return error.code, [error.message]
    if isinstance(error, ProblemError):
        return _problem(error)
    if isinstance(error, FileRejected):
        return ExitCode.FILE_REJECTED, [str(error)]
    if isinstance(error, FileNotReady):
        return ExitCode.FILE_NOT_READY, [f"{error} (wait longer with --wait-timeout, or see `casebridge files show`)"]
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return ExitCode.LOCAL, [
            f"the API's address is not one casebridge can call ({error}): check the profile or CASEBRIDGE_URL"
        ]
    if isinstance(error, httpx.TransportError):
        return ExitCode.UNREACHABLE, [_unreachable(error)]
    if isinstance(error, httpx.HTTPStatusError):  # a presigned transfer, straight to the storage
        return ExitCode.API, [
            f"the storage refused the transfer: {error.response.status_code} {error.response.reason_phrase}"
        ]
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return ExitCode.LOCAL, [f"{where}{error.strerror or error}"]
    return ExitCode.API, [f"unexpected {type(error).__name__}: {error} (--debug shows where)"]


def _problem(problem: ProblemError) -> tuple[ExitCode, list[str]]:
    line = f"{problem.status} {problem.title}: {problem.detail}"
    if problem.title == "HTTP error":  # not a problem document: something else answered
        line += " (not casebridge's answer: is the address right?)"
    elif problem.status == 401:
        line += f" ({_new_token()})"
    return _BY_STATUS.get(problem.status, ExitCode.API), [
        line,
        *(f"  {error.field}: {error.message}" for error in problem.errors),
    ]


def _new_token() -> str:
    """How to replace the token that was refused, where it came from: the profile named, the
    environment, or the profile `default` (`terminal._connect` chooses in that order)."""
    from casebridge_client.cli.terminal import session

    if session.profile is not None:
        name = session.profile
        return f"a new token for the profile {name!r}: `casebridge --profile {name} login`, or `… login --local`"
    if os.environ.get("CASEBRIDGE_URL") and os.environ.get("CASEBRIDGE_TOKEN"):
        return "a new token in CASEBRIDGE_TOKEN, which this call used"
    return "a new token for the profile 'default': `casebridge login`, or `casebridge login --local`"


def _unreachable(error: httpx.TransportError) -> str:
    try:
        url = error.request.url
        where = f"{url.scheme}://{url.netloc.decode()}"
    except RuntimeError:  # an error raised before its request was made
        where = "the API"
    if isinstance(error, httpx.TimeoutException):
        return f"no answer from {where} in time ({type(error).__name__}): is the address right?"
    reason = str(error) or type(error).__name__
    return f"cannot reach {where}: {reason} (is the stack running, `make run`? is the address right?)"
