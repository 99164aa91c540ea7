"""RFC 9457 problem responses: every error of every route leaves through here."""

from __future__ import annotations

import json
import re
from typing import Any

from chalice.app import Response

from chalicelib.api.auth import Refusal, Unauthenticated
from chalicelib.domain import errors
from chalicelib.domain.people import PersonRefused
from chalicelib.domain.quotas import QuotaExceeded

PROBLEM_JSON = "application/problem+json"
_TYPE_BASE = "https://casebridge.dev/problems/"
#: What an RFC 6750 `error_description` may not hold: `"`, `\` and anything not printable ASCII.
_NOT_IN_QUOTED_STRING = re.compile(r"[^\x20\x21\x23-\x5b\x5d-\x7e]")


class ApiError(Exception):
    """An error the HTTP layer finds on its own: the request is unreadable before any domain rule."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str, field_errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field_errors = field_errors


class BadRequest(ApiError):
    pass


class ValidationFailed(ApiError):
    slug = "validation-failed"
    title = "The request is not valid"


class PayloadTooLarge(ApiError):
    status = 413
    slug = "payload-too-large"
    title = "The request body is too large"


class UnsupportedMediaType(ApiError):
    status = 415
    slug = "unsupported-media-type"
    title = "The request body must be JSON"


#: Domain error → (status, slug, title, extra headers).
_DOMAIN: dict[type[errors.DomainError], tuple[int, str, str, dict[str, str]]] = {
    errors.NotFound: (404, "not-found", "Not found", {}),
    errors.Forbidden: (403, "forbidden", "Forbidden", {}),
    errors.Conflict: (409, "conflict", "Conflict with the current state", {}),
    errors.PreconditionFailed: (412, "precondition-failed", "The resource has changed", {}),
    errors.PreconditionRequired: (428, "precondition-required", "If-Match is required", {}),
    errors.TooLarge: (413, "too-large", "Too large", {}),
    errors.UnsupportedType: (415, "unsupported-type", "Media type not accepted", {}),
    errors.IdempotencyKeyReused: (422, "idempotency-key-reused", "Idempotency-Key reused", {}),
    errors.IdempotencyInProgress: (409, "idempotency-key-in-use", "Request in progress", {"Retry-After": "1"}),
    errors.Unavailable: (503, "unavailable", "Temporarily unavailable", {"Retry-After": "1"}),
    QuotaExceeded: (429, "quota-exceeded", "Quota exceeded", {}),
}

#: Statuses Chalice or API Gateway answer by themselves, before any view runs.
_GENERIC = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("payload-too-large", "The request body is too large"),
    415: ("unsupported-media-type", "The request body must be JSON"),
    429: ("too-many-requests", "Too many requests"),
    500: ("internal-error", "Internal error"),
    502: ("bad-gateway", "Bad gateway"),
    503: ("unavailable", "Temporarily unavailable"),
    504: ("timeout", "Timed out"),
}


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    field_errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extensions: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {"type": _TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
    if field_errors:
        body["errors"] = field_errors
    body.update(extensions or {})
    all_headers: dict[str, str | list[str]] = {"Content-Type": PROBLEM_JSON, "Cache-Control": "no-store"}
    all_headers.update(headers or {})
    return Response(body=json.dumps(body), status_code=status, headers=all_headers)


def from_api_error(error: ApiError) -> Response:
    return problem(error.status, error.slug, error.title, error.detail, field_errors=error.field_errors)


def from_domain_error(error: errors.DomainError) -> Response:
    for kind in type(error).__mro__:
        if kind in _DOMAIN:
            status, slug, title, headers = _DOMAIN[kind]
            if isinstance(error, QuotaExceeded):
                headers = {"Retry-After": str(error.retry_after)}
            # A sensitive act refused for who asked says what is missing, for machines too.
            reason = {"reason": error.reason.value} if isinstance(error, PersonRefused) else None
            return problem(status, slug, title, error.detail, headers=headers, extensions=reason)
    return internal_error()


def unauthorized(refusal: Unauthenticated) -> Response:
    """The 401 of a refused token: why in `detail` and `reason`, and the RFC 6750 challenge.

    `error="invalid_request"` for a header that is not `Bearer <token>`, `invalid_token` for a
    token that does not verify, and no error at all when no credentials were sent (RFC 6750 3.1).
    """
    challenge = "Bearer"
    if refusal.refusal is not Refusal.MISSING_CREDENTIALS:
        error = "invalid_request" if refusal.refusal is Refusal.MALFORMED_HEADER else "invalid_token"
        description = _NOT_IN_QUOTED_STRING.sub("?", refusal.detail)
        challenge = f'Bearer error="{error}", error_description="{description}"'
    return problem(
        401,
        "unauthorized",
        "Unauthorized",
        refusal.detail,
        headers={"WWW-Authenticate": challenge},
        extensions={"reason": refusal.refusal.value},
    )


def internal_error() -> Response:
    return problem(500, "internal-error", "Internal error", "the request failed on our side; it has been logged")


def generic(status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    slug, title = _GENERIC.get(status, ("error", "Error"))
    return problem(status, slug, title, detail, headers=headers)


def problem_document(status: int, detail: str) -> dict[str, Any]:
    """The body `generic` answers, for refusals made outside the app (API Gateway, WAF)."""
    return json.loads(str(generic(status, detail).body))  # type: ignore[no-any-return]


def as_problem(response: Response) -> Response:
    """Rewrites Chalice's own error bodies (`{"Code", "Message"}`) as problem responses.

    Chalice answers 405, 415 and unhandled exceptions itself; its message never carries a
    stack trace because `app.debug` stays off, but its shape is not ours.
    """
    if response.status_code < 400:
        return response
    content_type = next((str(v) for k, v in response.headers.items() if k.lower() == "content-type"), "")
    if content_type.startswith(PROBLEM_JSON):
        return response
    if response.status_code >= 500:
        return internal_error()
    detail = "the request could not be served"
    if isinstance(response.body, dict) and isinstance(response.body.get("Message"), str):
        detail = response.body["Message"]
    allow = {k: str(v) for k, v in response.headers.items() if k.lower() == "allow"}
    return generic(response.status_code, detail, allow)
