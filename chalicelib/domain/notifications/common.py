"""What every area's events share: the bus's source, a notification, and how an instant is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from chalicelib.domain.cases import Case

#: The event source every casebridge notification carries on the bus.
SOURCE = "casebridge"


@dataclass(frozen=True)
class Notification:
    detail_type: str
    case_id: str | None
    occurred_at: datetime
    recipients: frozenset[str]
    tlp: str | None
    organisations: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)
    #: Officer safety: consumers page someone at once.
    urgent: bool = False

    def detail(self, event_id: str, links: dict[str, str]) -> dict[str, Any]:
        """The `detail` put on the bus: what happened, and where to fetch it (`links`, which
        the API knows: `links.event_links`)."""
        detail: dict[str, Any] = {"id": event_id, "occurred_at": instant(self.occurred_at)}
        if self.case_id:
            detail["case_id"] = self.case_id
        detail.update(self.references)
        if self.tlp:
            detail["tlp"] = self.tlp
        if self.urgent:
            detail["urgent"] = True
        detail.update(organisations=self.organisations, recipients=sorted(self.recipients), links=links)
        return detail


def case_news(
    case: Case, detail_type: str, occurred_at: datetime, references: dict[str, str] | None = None, **others: str
) -> Notification:
    """News of a case or of what it holds, to its participants under its marking: the owner
    named, and the `others` involved (`author`, `by`, `planner`)."""
    return Notification(
        detail_type=detail_type,
        case_id=case.case_id,
        occurred_at=occurred_at,
        recipients=case.participants,
        tlp=case.tlp,
        organisations={"owner": case.owner, **others},
        references=references or {},
    )


def news_to(
    to: str | frozenset[str],
    detail_type: str,
    occurred_at: datetime,
    organisations: dict[str, str],
    references: dict[str, str],
    *,
    case_id: str | None = None,
    urgent: bool = False,
) -> Notification:
    """News for one organisation alone (an entry of its own list, a tip in its inbox), or for
    the few named, unmarked: it carries no case content (nor a case id, unless given)."""
    return Notification(
        detail_type=detail_type,
        case_id=case_id,
        occurred_at=occurred_at,
        recipients=frozenset({to}) if isinstance(to, str) else to,
        tlp=None,
        organisations=organisations,
        references=references,
        urgent=urgent,
    )


class Request(Protocol):
    """A request an agency made of a platform: a preservation, legal process, an emergency."""

    @property
    def org(self) -> str: ...

    @property
    def platform(self) -> str: ...


def request_news(
    request: Request,
    detail_type: str,
    occurred_at: datetime,
    recipients: frozenset[str],
    references: dict[str, str],
    *,
    urgent: bool = False,
) -> Notification:
    """News of a request between an agency and a platform: the two named as `requester` and
    `platform`, no marking, and no case id, which the platform may not learn."""
    organisations = {"requester": request.org, "platform": request.platform}
    return news_to(recipients, detail_type, occurred_at, organisations, references, urgent=urgent)


def instant(at: datetime) -> str:
    """An instant as events write it: RFC 3339, in UTC, with `Z`."""
    return at.isoformat().replace("+00:00", "Z")
