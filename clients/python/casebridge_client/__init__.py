"""casebridge's Python client: `Casebridge` (the connection), problem exceptions, and the
webhook verifier. The operations themselves are generated: `casebridge_client.generated.api`."""

from casebridge_client.client import Casebridge, RetryTransport
from casebridge_client.errors import (
    BadRequest,
    Conflict,
    FieldError,
    FileNotReady,
    FileRejected,
    Forbidden,
    NotFound,
    PreconditionFailed,
    ProblemError,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from casebridge_client.generated.version import __version__
from casebridge_client.webhooks import WebhookReplayed, WebhookVerifier

__all__ = [
    "BadRequest",
    "Casebridge",
    "Conflict",
    "FieldError",
    "FileNotReady",
    "FileRejected",
    "Forbidden",
    "NotFound",
    "PreconditionFailed",
    "ProblemError",
    "RateLimited",
    "RetryTransport",
    "Unauthorized",
    "Unavailable",
    "WebhookReplayed",
    "WebhookVerifier",
    "__version__",
]
