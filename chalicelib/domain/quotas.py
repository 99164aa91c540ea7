"""Deconfliction must not be an oracle: how much one person and one organisation may ask.

Every answer of deconfliction says something about other organisations' data: a check says
who holds a value, an operation's conflicts say whose raid is near. Repeated often enough,
the answers locate a target or another agency's operation (16 PATCHes of one operation
narrowed a raid to a metre). So each kind of question is counted per person and per
organisation in fixed hourly windows, and the count is charged in the same write as the
question's own records: a request over its quota changes nothing and learns nothing
(429 with `Retry-After`, audited). Separately, the organisation whose data keeps being hit
by one other organisation is told (`Deconfliction Probing`), see `PROBE_ALERT_AFTER`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from chalicelib.domain.errors import DomainError

#: Quotas count in fixed windows of this length (UTC hours).
WINDOW = timedelta(hours=1)
#: A quota counter's name: whose it is (`("ORG", org)`, or `("SUB", org, hashed person)`).
Counter = tuple[str, ...]


class Question(StrEnum):
    """What is counted, in units of what is asked."""

    CHECKED_IDENTIFIERS = "identifiers.checked"  # identifiers sent to POST /v1/deconfliction/checks
    ADDED_IDENTIFIERS = "identifiers.added"  # identifiers put on cases (each one is matched)
    OPERATION_CHECKS = "operations.checked"  # operations registered, changed or cancelled


@dataclass(frozen=True)
class Quota:
    per_person: int
    per_org: int


#: Defaults, per stage configurable (`CASEBRIDGE_QUOTAS`). An agency's case work needs a
#: few dozen checks and a handful of operation changes an hour; a sweep of an area code does not.
DEFAULT_QUOTAS = {
    Question.CHECKED_IDENTIFIERS: Quota(per_person=500, per_org=5_000),
    Question.ADDED_IDENTIFIERS: Quota(per_person=1_000, per_org=10_000),
    Question.OPERATION_CHECKS: Quota(per_person=12, per_org=200),
}


#: In one window, this many `checked` hits (or operation conflicts) that one organisation's
#: questions caused on another's data tell the other organisation it is being probed.
class Probe(StrEnum):
    """An answer one organisation's question found in another's data."""

    CHECKED = "checked"  # its check matched the other's identifier
    MATCH = "match"  # its identifier add matched the other's
    CONFLICT = "conflict"  # its operation, planned or moved, conflicted with the other's


PROBE_ALERT_AFTER = {Probe.CHECKED: 20, Probe.MATCH: 20, Probe.CONFLICT: 5}


class Answer(NamedTuple):
    """One answer `by_org`'s question found in `org`'s data, counted towards its probing."""

    org: str
    by_org: str
    kind: Probe
    at: datetime


class QuotaExceeded(DomainError):
    """The caller has asked its quota's worth this window: 429, retry after `retry_after` seconds."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


def window_of(at: datetime) -> datetime:
    return at.replace(minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Charge:
    """What one request costs against its person's and its organisation's quota."""

    question: Question
    org: str
    #: The caller as persons are compared (`domain.persons`: issuer and canonical subject), so
    #: that `Agent.DEA` and `agent.dea` draw on one person's quota.
    person: str
    units: int
    at: datetime
    quota: Quota

    @property
    def window(self) -> datetime:
        return window_of(self.at)

    @property
    def window_ends(self) -> datetime:
        return self.window + WINDOW

    def counters(self) -> list[tuple[Counter, int]]:
        """(counter, limit) for the organisation and the person; subjects are hashed, not stored."""
        person = hashlib.sha256(f"{self.org}\x1f{self.person}".encode()).hexdigest()[:24]
        return [(("ORG", self.org), self.quota.per_org), (("SUB", self.org, person), self.quota.per_person)]

    def refused(self, used: dict[Counter, int]) -> QuotaExceeded | None:
        """Why the charge does not fit, given what the counters hold (after a refused write)."""
        for (name, limit), who in zip(self.counters(), ("your organisation", "you"), strict=True):
            if used.get(name, 0) + self.units > limit:
                retry = max(1, int((self.window_ends - self.at).total_seconds()))
                return QuotaExceeded(
                    f"{who} may ask for {limit} {self.question.value} an hour; this request asks for {self.units} "
                    f"and {used.get(name, 0)} were asked this hour. Retry after {retry} s.",
                    retry,
                )
        return None


@dataclass(frozen=True)
class ProbeAlert:
    """`org` is told that `by_org`'s questions hit its data `count` times in the window."""

    alert_id: str
    org: str
    by_org: str
    kind: str
    window: datetime
    count: int
    at: datetime
