"""`make notifications ORG=HSI`: prints the events waiting in an organisation's queue, one JSON line each.

Peeks without consuming (visibility timeout 0), so an integration's own consumer still gets them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import boto3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", required=True)
    args = parser.parse_args()
    stack_file = Path(".local/stack.json")
    if not stack_file.exists():
        sys.exit("the local stack is not running: start it with `make run`")
    stack = json.loads(stack_file.read_text())
    queue_url = stack["queues"].get(args.org.upper())
    if queue_url is None:
        sys.exit(f"no queue for {args.org}; organisations: {', '.join(sorted(stack['queues']))}")
    sqs = boto3.client(
        "sqs",
        endpoint_url=stack["aws_endpoint_url"],
        region_name=stack["region"],
        aws_access_key_id="local",
        aws_secret_access_key="local",  # noqa: S106 - moto accepts any credentials
    )
    seen: set[str] = set()
    for _ in range(20):
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, VisibilityTimeout=0)
        fresh = [m for m in messages.get("Messages", []) if m["MessageId"] not in seen]
        if not fresh:
            break
        for message in fresh:
            seen.add(message["MessageId"])
            print(json.dumps(json.loads(message["Body"]), separators=(",", ":")))


if __name__ == "__main__":
    main()
