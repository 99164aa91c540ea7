"""Audit records with the CJIS Security Policy 5.4.1.1 fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"


@dataclass(frozen=True)
class AuditRecord:
    """One auditable event: when, which component, what event, who (person, organisation), outcome.

    `case_id` is set when the event concerns a case the store knows; the record then sits in
    that case's trail, which its owner reads. `reason` says why a failure failed.
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
