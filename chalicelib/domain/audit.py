"""Audit records with the CJIS Security Policy 5.4.1.1 fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"


class Identity(StrEnum):
    """How far the record's `subject` and `org` are known to be true."""

    VERIFIED = "verified"  # from a token whose signature, issuer, audience and times verified
    UNVERIFIED = "unverified"  # no token, or one that failed: what it claimed is under `claimed_*`
    SYSTEM = "system"  # casebridge itself (the stream handler, the timers)


#: The log line the stream handler writes when it sees an audit item changed or removed;
#: the stack's alarm matches it (a metric filter on the stream function's logs).
AUDIT_TAMPERED = "audit record changed or removed"

#: Who an unverified request is recorded as: never the organisation it claimed to be.
UNVERIFIED_SUBJECT = "unverified"
UNVERIFIED_ORG = "UNVERIFIED"

#: C0 and C1 controls and the bidi overrides: escaped before they reach a record or a log
#: line, so that a forged `sub` cannot start a new line in a reader's view of the trail.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escaped(text: str) -> str:
    r"""`text` with every control character written out: `"a\r\nb"` becomes `"a\\u000d\\u000ab"`."""
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


@dataclass(frozen=True)
class AuditRecord:
    """One auditable event: when, which component, what event, who (person, organisation), outcome.

    `case_id` is set when the event concerns a case the store knows; the record then sits in
    that case's trail, which its owner reads. `reason` says why a failure failed. `identity`
    says whether `subject` and `org` were verified; what an unverified caller claimed is
    kept apart, in `claimed_subject` and `claimed_org`. `source_ip` and `user_agent` say from
    where. Every text is stored with its control characters escaped.
    """

    audit_id: str
    at: datetime
    component: str
    event: str
    subject: str
    org: str
    outcome: Outcome
    case_id: str | None = None
    resource_id: str | None = None
    reason: str | None = None
    request_id: str | None = None
    identity: Identity = Identity.VERIFIED
    claimed_subject: str | None = None
    claimed_org: str | None = None
    source_ip: str | None = None
    user_agent: str | None = None
    #: What a deconfliction check looked for, as blind-index tokens: never the values.
    blind_tokens: tuple[str, ...] = ()
    #: The SHA-256 of the evidence file the event handed over (its chain of custody).
    sha256: str | None = None

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if type(value) is str:  # not the enums, which are str too
                object.__setattr__(self, field.name, escaped(value))
