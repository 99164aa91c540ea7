"""The registry seeded by the stack itself: the function behind a CloudFormation custom resource.

CloudFormation sends the resource's `Create` when the stack (or the resource) is first made,
and an `Update` when its properties change: the stack gives it the seed file's digest
(`infra/casebridge_infra/seeding.py`), so an update comes when the seed file changed, and no
other deploy calls it. Each writes the seed file's organisations the table does not hold yet
(`OrganisationRepository.seed`): never one that is there, so nothing onboarded, suspended or
changed through the API is undone. `Delete` writes nothing: the registry is the table's, and
the table outlives the stack (`RETAIN`).

The function answers CloudFormation itself, on the pre-signed URL of the request, whatever
happens: an answer that never comes holds the stack for an hour.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any

from chalicelib.observability import logger

#: The one registry a stack has: its id stays the same, so CloudFormation never replaces it.
PHYSICAL_ID = "casebridge-registry-seed"

#: Writes what the table lacks of the seed; the codes written.
Seed = Callable[[], list[str]]
#: Sends CloudFormation the answer (`put_response`).
Respond = Callable[[str, dict[str, Any]], None]


def handle(event: dict[str, Any], seed: Seed, respond: Respond | None = None) -> dict[str, Any]:
    """Seeds on `Create` and `Update`, nothing on `Delete`; answers CloudFormation, and returns the answer."""
    status, reason, data = "SUCCESS", "", {}
    try:
        if event["RequestType"] in ("Create", "Update"):
            written = seed()
            data = {"Seeded": len(written)}
            reason = f"seeded {len(written)} organisations the table did not hold"
        else:
            reason = "the registry stays with the table"
    except Exception as error:  # CloudFormation must hear of any failure, or it waits an hour
        logger.exception("seeding the registry failed")
        status, reason = "FAILED", f"seeding the registry failed: {type(error).__name__}: {error}"[:400]
    answer = {
        "Status": status,
        "Reason": reason,
        "PhysicalResourceId": event.get("PhysicalResourceId", PHYSICAL_ID),
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "Data": data,
    }
    (respond or put_response)(event["ResponseURL"], answer)
    return answer


def put_response(url: str, answer: dict[str, Any]) -> None:
    """The answer PUT on the request's pre-signed S3 URL, with no content type (as it was signed)."""
    if not url.startswith("https://"):
        raise ValueError(f"CloudFormation answers on an https URL, not {url[:40]!r}")
    body = json.dumps(answer).encode()
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": ""})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https only, checked above
        response.read()
