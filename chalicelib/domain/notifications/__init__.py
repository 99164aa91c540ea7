"""Which notification a change produces and who receives it: references, never content.

The registry of every area's events. Each area declares its detail types and the functions
that say which of them a change makes (`notifications/<area>.py`), over what every area
shares (`notifications/common.py`: the `Notification`, the bus's source); this module puts
them together, in the groups the tests drive end to end. A new event type is a constant in
its area's `DETAIL_TYPES`, a schema in `events/schemas/` and a sample in
`events/notifications/` (`docs/development/recipes.md`).
"""

from __future__ import annotations

from chalicelib.domain.notifications import (
    cases,
    deconfliction,
    emergency,
    files,
    legal,
    operations,
    organisations,
    people,
    preservations,
    referrals,
    tips,
    watch,
)
from chalicelib.domain.notifications.common import SOURCE, Notification

__all__ = [
    "AREAS",
    "CASEWORK_DETAIL_TYPES",
    "DECONFLICTION_DETAIL_TYPES",
    "DETAIL_TYPES",
    "EMERGENCY_DETAIL_TYPES",
    "EVIDENCE_DETAIL_TYPES",
    "LEGAL_DETAIL_TYPES",
    "PEOPLE_DETAIL_TYPES",
    "PLATFORM_DETAIL_TYPES",
    "REGISTRY_DETAIL_TYPES",
    "SOURCE",
    "WATCH_DETAIL_TYPES",
    "Notification",
]

#: Every area that makes events, each with its `DETAIL_TYPES`.
AREAS = (
    cases,
    referrals,
    deconfliction,
    operations,
    tips,
    preservations,
    files,
    legal,
    emergency,
    organisations,
    people,
    watch,
)

#: The groups the tests drive end to end, a scenario each (tests/test_events.py, test_emergency.py).
CASEWORK_DETAIL_TYPES = cases.DETAIL_TYPES + tuple(t for t in referrals.DETAIL_TYPES if t != referrals.REFERRAL_OVERDUE)
DECONFLICTION_DETAIL_TYPES = deconfliction.DETAIL_TYPES + operations.DETAIL_TYPES
PLATFORM_DETAIL_TYPES = (referrals.REFERRAL_OVERDUE, *tips.DETAIL_TYPES, *preservations.DETAIL_TYPES)
EVIDENCE_DETAIL_TYPES = files.DETAIL_TYPES
LEGAL_DETAIL_TYPES = legal.DETAIL_TYPES
EMERGENCY_DETAIL_TYPES = emergency.DETAIL_TYPES
REGISTRY_DETAIL_TYPES = organisations.DETAIL_TYPES
PEOPLE_DETAIL_TYPES = people.DETAIL_TYPES
WATCH_DETAIL_TYPES = watch.DETAIL_TYPES
#: Every event casebridge puts on the bus (the feed's `type` filter accepts these).
DETAIL_TYPES = (
    CASEWORK_DETAIL_TYPES
    + DECONFLICTION_DETAIL_TYPES
    + PLATFORM_DETAIL_TYPES
    + EVIDENCE_DETAIL_TYPES
    + LEGAL_DETAIL_TYPES
    + EMERGENCY_DETAIL_TYPES
    + REGISTRY_DETAIL_TYPES
    + PEOPLE_DETAIL_TYPES
    + WATCH_DETAIL_TYPES
)
