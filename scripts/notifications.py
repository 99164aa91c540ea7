"""`make notifications ORG=HSI`: every event delivered to an organisation, oldest first, one JSON line each.

Reads what the local stack logged as it delivered (`.local/events/<ORG>.jsonl`), not the
queue: an SQS receive cannot peek (each one counts towards the dead-letter redrive), so
reading the queue here would move an integration's messages to its dead-letter queue.
Nothing is consumed; call it as often as you like. While the stack runs, it first waits
until the stream pump has delivered the reactions of every write made before the call
(`make settle`), so that what it prints does not race the pump.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chalicelib.devtools.delivery_log import delivered
from chalicelib.devtools.settling import wait_until_settled
from chalicelib.devtools.stack_file import described, running

LOCAL = Path(".local")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", required=True)
    args = parser.parse_args()
    if not (LOCAL / "stack.json").exists():
        sys.exit("the local stack has not run here: start it with `make run`")
    stack = described(LOCAL.parent)
    org = args.org.upper()
    if org not in stack["queues"]:
        sys.exit(f"no organisation {args.org}; organisations: {', '.join(sorted(stack['queues']))}")
    if not running(stack):
        print(
            f"the local stack is not running ({stack['api_url']} does not answer); events delivered before:",
            file=sys.stderr,
        )
    elif not wait_until_settled(LOCAL / "pump.json"):
        print("the stream pump has not settled in 30 s; events delivered so far:", file=sys.stderr)
    for event in delivered(LOCAL / "events", org):
        print(json.dumps(event, separators=(",", ":")))


if __name__ == "__main__":
    main()
