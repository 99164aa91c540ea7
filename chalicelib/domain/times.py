"""The span of time the product computes with: every time a client sends lies inside it.

Operations widen their windows by a buffer and a maximum duration, timers add 90 days, ids
carry milliseconds: a client's year 1 or 9999 would overflow those sums (once a 500). No
case, referral, tip or operation concerns a moment outside this span.
"""

from __future__ import annotations

from datetime import UTC, datetime

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def bounded(value: datetime) -> datetime:
    """`value` in UTC, if it lies in [EARLIEST, LATEST); ValueError with the span otherwise."""
    if not EARLIEST <= value < LATEST:
        raise ValueError(f"must be from {EARLIEST:%Y-%m-%d} to before {LATEST:%Y-%m-%d} (UTC)")
    return value.astimezone(UTC)
