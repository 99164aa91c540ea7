"""`make notifications ORG=HSI`: every event delivered to an organisation, oldest first, one JSON line each.

Reads what the local stack logged as it delivered (`.local/events/<ORG>.jsonl`), not the
queue: an SQS receive cannot peek (each one counts towards the dead-letter redrive), so
reading the queue here would move an integration's messages to its dead-letter queue.
Nothing is consumed; call it as often as you like. While the stack runs, it first waits
until the stream pump has delivered the reactions of every write made before the call
(`make settle`), so that what it prints does not race the pump.

`SINCE=` (`--since`) keeps the events delivered at or after a time: a Unix time in seconds
(`python3 -c 'import time; print(time.time())'`, as the walkthrough takes at its start) or
an ISO 8601 time (`2026-12-06T18:30:00Z`).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chalicelib.devtools.delivery_log import delivered
from chalicelib.devtools.settling import wait_until_settled
from chalicelib.devtools.stack_file import described, running

LOCAL = Path(".local")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", required=True)
    parser.add_argument("--since", type=_moment, help="only events delivered at or after this time")
    args = parser.parse_args()
    if not (LOCAL / "stack.json").exists():
        sys.exit("the local stack has not run here: start it with `make run`")
    stack = described(LOCAL.parent)
    org = args.org.upper()
    if org not in stack["organisations"]:
        sys.exit(f"no organisation {args.org}; organisations: {', '.join(stack['organisations'])}")
    if not running(stack):
        print(
            f"the local stack is not running ({stack['api_url']} does not answer); events delivered before:",
            file=sys.stderr,
        )
    elif not wait_until_settled(LOCAL / "pump.json"):
        print("the stream pump has not settled in 30 s; events delivered so far:", file=sys.stderr)
    for event in delivered(LOCAL / "events", org):
        if args.since is None or _delivered_at(event) >= args.since:
            print(json.dumps(event, separators=(",", ":")))


def _moment(text: str) -> float:
    """A Unix time, or an ISO 8601 time (UTC unless it says otherwise), as a Unix time."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is neither a Unix time nor an ISO 8601 time") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _delivered_at(event: dict[str, Any]) -> float:
    """When the local stack logged the event (its `time`, to the microsecond)."""
    return _moment(event["time"])


if __name__ == "__main__":
    main()
