"""Typed domain errors; the API maps each to one problem response in one place."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    """The thing is absent, or the caller may not know that it exists."""


class Forbidden(DomainError):
    """The caller is known but its organisation kind or scopes do not allow this."""


class Conflict(DomainError):
    """The request contradicts the current state (invalid transition, duplicate)."""


class PreconditionFailed(DomainError):
    """The caller's `If-Match` names a version that is no longer current."""


def check_version(what: str, version: int, expected: int | None) -> None:
    """Nothing if `expected` (the version the caller's `If-Match` named; None where none is
    asked for) is `what`'s `version`; else `PreconditionFailed`, naming the current one."""
    if expected is not None and expected != version:
        raise PreconditionFailed(f"{what} is at version {version}, not {expected}: read it again")


class PreconditionRequired(DomainError):
    """An update came without `If-Match`."""


class TooLarge(DomainError):
    """What the request declares is larger than casebridge takes (an evidence file over 5 GiB)."""


class UnsupportedType(DomainError):
    """What the request declares is of a media type casebridge does not take."""


class IdempotencyKeyReused(DomainError):
    """An `Idempotency-Key` was sent again with a different request."""


class IdempotencyInProgress(DomainError):
    """A request with the same `Idempotency-Key` is being processed right now."""


class Unavailable(DomainError):
    """The store is throttling or contended; the caller should retry."""


class InvalidField(ValueError):
    """A value the domain cannot accept; `field` names the request field, `reason` says why.

    A `ValueError`, so that the request models report it as a field error (400).
    """

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
