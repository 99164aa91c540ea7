"""What every area's events share: the bus's source, a notification, and how an instant is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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


def instant(at: datetime) -> str:
    """An instant as events write it: RFC 3339, in UTC, with `Z`."""
    return at.isoformat().replace("+00:00", "Z")
