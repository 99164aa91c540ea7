"""`make settle`: waits until the local stream pump has delivered the reactions of every write made so far.

Case lists, tip routing, deconfliction hits and events follow a write a pump round later
(as on AWS, where the stream invokes a Lambda function). Scripts and the walkthrough call
this between a write and a read of what follows from it.
"""

from __future__ import annotations

import sys

from chalicelib.devtools.settling import wait_until_settled
from chalicelib.devtools.stack_file import described, running
from scripts.notifications import LOCAL


def main() -> None:
    if not (LOCAL / "stack.json").exists() or not running(described(LOCAL.parent)):
        sys.exit("the local stack is not running: start it with `make run`")
    if not wait_until_settled(LOCAL / "pump.json"):
        sys.exit("the stream pump has not settled in 30 s")


if __name__ == "__main__":
    main()
