"""Regenerates events/stream and events/notifications from a real moto run: every detail-type once.

.venv/bin/python -m tests.capture_samples

The scenario walks every capability (cases, notes, the four referral answers, identifiers
and hits, operations and their conflicts and probing, the four tip outcomes, preservation
requests and their clocks, an overdue referral) and keeps, for each detail-type, the first
message an organisation's queue received.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tests.conftest as conftest
from chalicelib.domain.notifications import DETAIL_TYPES

EVENTS = Path("events")


def load(name: str) -> Any:
    return json.loads((EVENTS / "api" / name).read_text())


def at(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def scenario(api: conftest.Api, pump: Any) -> None:
    from chalicelib.wiring import timer_scheduler

    case = api.open_case("DEA", **load("open-case.json"))["case_id"]
    api.call("PATCH", f"/v1/cases/{case}", "DEA", {"summary": "Vendor now ships by mail too"}, {"If-Match": '"v1"'})
    api.call("POST", f"/v1/cases/{case}/notes", "DEA", load("add-note.json"))
    accepted = api.call("POST", f"/v1/cases/{case}/referrals", "DEA", load("refer-case.json")).data
    api.call("POST", f"/v1/referrals/{accepted['referral_id']}/accept", "HSI")
    declined = api.refer(case, "USPIS")
    api.call("POST", f"/v1/referrals/{declined['referral_id']}/decline", "USPIS", load("decline-referral.json"))
    withdrawn = api.refer(case, "ATF")
    api.call("POST", f"/v1/referrals/{withdrawn['referral_id']}/withdraw", "DEA")
    overdue = api.refer(case, "USPIS")

    identifiers = load("add-identifiers.json")
    api.call("POST", f"/v1/cases/{case}/identifiers", "DEA", identifiers)
    atf_case = api.open_case("ATF")["case_id"]
    added = api.call("POST", f"/v1/cases/{atf_case}/identifiers", "ATF", identifiers).data
    api.call("DELETE", f"/v1/cases/{atf_case}/identifiers/{added['identifiers'][0]['identifier_id']}", "ATF")

    operation = load("register-operation.json")
    api.call("POST", "/v1/operations", "DEA", {**operation, "case_id": case})
    theirs = api.call("POST", "/v1/operations", "ATF", {**operation, "case_id": atf_case}).data["operation"]
    pump.drain()
    # ATF moves its operation five times: DEA is told it is being probed (5 conflicts).
    for version, kind in enumerate(["raid", "arrest", "surveillance", "raid", "arrest"], start=1):
        path = f"/v1/operations/{theirs['operation_id']}"
        api.call("PATCH", path, "ATF", {"kind": kind}, {"If-Match": f'"v{version}"'})
        pump.drain()
    api.call("POST", f"/v1/operations/{theirs['operation_id']}/cancel", "ATF")

    linked = api.call("POST", "/v1/tips", "META", load("submit-tip.json")).data["tip_id"]
    promoted = api.call("POST", "/v1/tips", "TIKTOK", load("submit-tip-minimal.json")).data["tip_id"]
    dismissed = api.call("POST", "/v1/tips", "TIKTOK", {**load("submit-tip-minimal.json"), "platform_reference": "T-2"})
    pump.drain()
    api.call("POST", f"/v1/tips/{linked}/link", "DEA", {"case_id": case})
    receiver = api.call("GET", f"/v1/tips/{promoted}", "DEA").data.get("routed_to") or "DEA"
    api.call("POST", f"/v1/tips/{promoted}/promote", receiver, {})
    api.call("POST", f"/v1/tips/{dismissed.data['tip_id']}/dismiss", receiver, {"reason": "Duplicate report"})

    preservation = api.call("POST", f"/v1/cases/{case}/preservations", "DEA", load("request-preservation.json")).data
    path = f"/v1/preservations/{preservation['preservation_id']}"
    api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LE-2026-0042"})
    extended = api.call("POST", f"{path}/extend", "DEA").data
    pump.drain()

    subpoena = {**load("serve-legal-request.json"), "kind": "subpoena", "categories": ["subscriber"]}
    answered, withdrawn, _overdue = (
        api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", subpoena).data["request_id"] for _ in range(3)
    )
    api.call("POST", f"/v1/legal-requests/{answered}/acknowledge", "META", {"platform_reference": "LERS-2026-7781"})
    api.call("POST", f"/v1/legal-requests/{answered}/answer", "META", {"outcome": "produced"})
    api.call("POST", f"/v1/legal-requests/{withdrawn}/withdraw", "DEA", {"reason": "Target arrested"})
    pump.drain()

    supervisor = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve", "name": "GS Rivera"}
    disclosed, _unacknowledged, rejected = (
        api.call("POST", f"/v1/cases/{case}/emergency-requests", "DEA", load("ask-emergency-request.json")).data[
            "request_id"
        ]
        for _ in range(3)
    )
    for approved in (disclosed, _unacknowledged):
        api.call("POST", f"/v1/emergency-requests/{approved}/approve", "DEA", {}, **supervisor)
    api.call("POST", f"/v1/emergency-requests/{rejected}/reject", "DEA", {"reason": "Not imminent"}, **supervisor)
    api.call("POST", f"/v1/emergency-requests/{disclosed}/acknowledge", "META", {})
    api.call("POST", f"/v1/emergency-requests/{disclosed}/answer", "META", {"outcome": "disclosed"})
    decided = at(api.call("GET", f"/v1/emergency-requests/{_unacknowledged}", "DEA").data["decided_at"])
    timer_scheduler().run(decided + timedelta(hours=49))  # both alerts, and the disclosure's legal process due
    pump.drain()

    arrive(api, case, b"screenshot of the menu", b"screenshot of the menu")
    arrive(api, case, b"screenshot of the menu", b"something else")
    pump.drain()

    timer_scheduler().run(at(overdue["respond_by"]) + timedelta(minutes=1))
    ends = at(extended["expires_at"])
    timer_scheduler().run(ends - timedelta(days=14))
    timer_scheduler().run(ends)
    api.call("POST", f"/v1/cases/{case}/close", "DEA")
    api.call("POST", f"/v1/cases/{case}/reopen", "DEA")
    pump.drain()


def arrive(api: conftest.Api, case: str, declared: bytes, sent: bytes) -> None:
    """A file of `case` declared as `declared` whose upload carried `sent`, and its arrival checked."""
    import base64
    import hashlib

    import boto3

    from chalicelib.devtools.queue_pump import QueuePump
    from chalicelib.settings import settings
    from chalicelib.topology import topology
    from chalicelib.wiring import arrivals_handler

    body = {**load("declare-file.json"), "size": len(declared), "sha256": hashlib.sha256(declared).hexdigest()}
    file = api.call("POST", f"/v1/cases/{case}/files", "DEA", body).data["file"]
    boto3.client("s3").put_object(
        Bucket=settings().evidence_bucket,
        Key=f"files/{file['file_id']}",
        Body=sent,
        ChecksumAlgorithm="SHA256",
        ChecksumSHA256=base64.b64encode(bytes.fromhex(file["sha256"])).decode(),
    )
    plan = topology(settings().stage)
    QueuePump.named(plan.evidence_arrivals_queue_name, arrivals_handler()).drain()


def main() -> None:
    import boto3
    from moto import mock_aws

    from chalicelib.devtools.environment import app_client
    from chalicelib.devtools.moto_dynamodb import install
    from chalicelib.devtools.provision import provision
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import stream_handler

    install()
    with mock_aws():
        aws = provision("test")
        from app import app

        captured: list[dict[str, Any]] = []

        class Recorder:
            def handle(self, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
                captured.extend(event["Records"])
                return stream_handler().handle(event, context)

        with app_client(app) as client:
            scenario(conftest.Api(client), StreamPump(aws.table_stream_arn, Recorder()))
        write_stream_samples(captured)
        sqs = boto3.client("sqs")
        samples: dict[str, dict[str, Any]] = {}
        for url in (aws.delivery_queue_url,):  # every event, as the bus's one rule delivered it
            while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
                for message in batch:
                    event = json.loads(message["Body"])
                    samples.setdefault(event["detail-type"], event)
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    missing = set(DETAIL_TYPES) - set(samples)
    assert not missing, f"the scenario produced no {sorted(missing)}"
    for detail_type, event in samples.items():
        slug = detail_type.lower().replace(" ", "-")
        (EVENTS / "notifications" / f"{slug}.json").write_text(json.dumps(event, indent=2) + "\n")
    print(f"{len(samples)} sample notifications, {datetime.now(UTC):%Y-%m-%d}")


def write_stream_samples(captured: list[dict[str, Any]]) -> None:
    def of_kind(event_name: str, kind: str) -> Any:
        return lambda r: r["eventName"] == event_name and r["dynamodb"]["NewImage"].get("kind", {}).get("S") == kind

    wanted = {
        "case-opened": of_kind("INSERT", "case"),
        "referral-created": of_kind("INSERT", "referral"),
        "referral-accepted": of_kind("MODIFY", "referral"),
        "identifier-added": of_kind("INSERT", "identifier"),
        "operation-planned": of_kind("INSERT", "operation"),
    }
    for name, match in wanted.items():
        record = next(r for r in captured if match(r))
        (EVENTS / "stream" / f"{name}.json").write_text(json.dumps({"Records": [record]}, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
