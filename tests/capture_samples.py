"""Regenerates events/stream and events/notifications from a real moto run.

.venv/bin/python -m tests.capture_samples
"""

from __future__ import annotations

import json
from pathlib import Path

import tests.conftest as conftest


def main() -> None:
    from chalice.test import Client
    from moto import mock_aws

    from chalicelib.devtools.provision import provision
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import stream_handler

    with mock_aws():
        aws = provision("test")
        from app import app

        captured: list[dict] = []

        class Recorder:
            def handle(self, event, context=None):
                captured.extend(event["Records"])
                return stream_handler().handle(event, context)

        with Client(app) as client:
            api = conftest.Api(client)
            body = json.loads(Path("events/api/open-case.json").read_text())
            case = api.open_case("DEA", **body)
            refer_body = json.loads(Path("events/api/refer-case.json").read_text())
            referral = api.call("POST", f"/v1/cases/{case['case_id']}/referrals", "DEA", refer_body).data
            api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
            identifiers = json.loads(Path("events/api/add-identifiers.json").read_text())
            api.call("POST", f"/v1/cases/{case['case_id']}/identifiers", "DEA", identifiers)
            atf_case = api.open_case("ATF")
            api.call("POST", f"/v1/cases/{atf_case['case_id']}/identifiers", "ATF", identifiers)
            operation = json.loads(Path("events/api/register-operation.json").read_text())
            api.call("POST", "/v1/operations", "DEA", {**operation, "case_id": case["case_id"]})
            pump = StreamPump(aws.table_stream_arn, Recorder())
            theirs = api.call("POST", "/v1/operations", "ATF", {**operation, "case_id": atf_case["case_id"]}).data
            pump.drain()
            # ATF moves its operation five times: DEA is told it is being probed (5 conflicts).
            for version, kind in enumerate(["raid", "arrest", "surveillance", "raid", "arrest"], start=1):
                path = f"/v1/operations/{theirs['operation']['operation_id']}"
                api.call("PATCH", path, "ATF", {"kind": kind}, {"If-Match": f'"v{version}"'})
                pump.drain()
        wanted = {
            "case-opened": lambda r: (
                r["eventName"] == "INSERT" and r["dynamodb"]["NewImage"].get("kind", {}).get("S") == "case"
            ),
            "referral-created": lambda r: (
                r["eventName"] == "INSERT" and r["dynamodb"]["NewImage"].get("kind", {}).get("S") == "referral"
            ),
            "referral-accepted": lambda r: (
                r["eventName"] == "MODIFY" and r["dynamodb"]["NewImage"].get("kind", {}).get("S") == "referral"
            ),
            "identifier-added": lambda r: (
                r["eventName"] == "INSERT" and r["dynamodb"]["NewImage"].get("kind", {}).get("S") == "identifier"
            ),
            "operation-planned": lambda r: (
                r["eventName"] == "INSERT" and r["dynamodb"]["NewImage"].get("kind", {}).get("S") == "operation"
            ),
        }
        for name, match in wanted.items():
            record = next(r for r in captured if match(r))
            Path(f"events/stream/{name}.json").write_text(
                json.dumps({"Records": [record]}, indent=2, default=str) + "\n"
            )
        import boto3

        sqs = boto3.client("sqs")
        messages = []
        for org in ("DEA", "HSI", "ATF"):
            while batch := sqs.receive_message(QueueUrl=aws.queue_urls[org], MaxNumberOfMessages=10).get("Messages"):
                messages += batch
                for message in batch:
                    sqs.delete_message(QueueUrl=aws.queue_urls[org], ReceiptHandle=message["ReceiptHandle"])
        for message in messages:
            event = json.loads(message["Body"])
            slug = event["detail-type"].lower().replace(" ", "-")
            Path(f"events/notifications/{slug}.json").write_text(json.dumps(event, indent=2) + "\n")


if __name__ == "__main__":
    main()
