"""Events: every change reaches the bus at least once, validates against its schema, and
names references only. Fed with real moto stream records and with the samples in `events/`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import boto3
import jsonschema
import pytest

from chalicelib.devtools.pump import StreamPump
from chalicelib.domain.notifications import CASEWORK_DETAIL_TYPES, DETAIL_TYPES
from chalicelib.stream.publisher import EventPublisher
from chalicelib.wiring import build_stream_handler, cases, referral_service, referrals
from tests.conftest import load_event

EVENTS_DIR = Path(__file__).parent.parent / "events"
SCHEMAS = EVENTS_DIR / "schemas"


def schema_for(detail_type):
    return json.loads((SCHEMAS / f"{detail_type.lower().replace(' ', '-')}.json").read_text())


def drain_queues(aws):
    """Every event the bus's one rule put on the delivery queue, taken off it."""
    sqs = boto3.client("sqs")
    events = []
    url = aws.delivery_queue_url
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            events.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return events


def every_kind_of_change(api):
    case = api.open_case("DEA")
    case_id = case["case_id"]
    api.call("PATCH", f"/v1/cases/{case_id}", "DEA", {"summary": "s"}, {"If-Match": '"v1"'})
    api.call("POST", f"/v1/cases/{case_id}/notes", "DEA", load_event("api/add-note.json"))
    accepted = api.refer(case_id, "HSI")
    api.call("POST", f"/v1/referrals/{accepted['referral_id']}/accept", "HSI")
    declined = api.refer(case_id, "USPIS")
    api.call(
        "POST", f"/v1/referrals/{declined['referral_id']}/decline", "USPIS", load_event("api/decline-referral.json")
    )
    withdrawn = api.refer(case_id, "ATF")
    api.call("POST", f"/v1/referrals/{withdrawn['referral_id']}/withdraw", "DEA")
    api.call("POST", f"/v1/cases/{case_id}/close", "DEA")
    api.call("POST", f"/v1/cases/{case_id}/reopen", "DEA")
    return case_id


def test_there_is_one_schema_per_detail_type():
    assert sorted(path.stem for path in SCHEMAS.glob("*.json")) == sorted(
        t.lower().replace(" ", "-") for t in DETAIL_TYPES
    )


def test_every_emitted_event_validates_against_its_schema(api, aws, pump):
    every_kind_of_change(api)
    pump.drain()
    events = drain_queues(aws)
    assert {event["detail-type"] for event in events} == set(CASEWORK_DETAIL_TYPES)
    for event in events:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
        assert event["source"] == "casebridge"


def test_each_organisation_gets_only_what_names_it_and_each_event_once(api, own_queues, pump):
    every_kind_of_change(api)
    pump.drain()
    received = {org: own_queues.received(org) for org in own_queues.urls}
    for org, events in received.items():
        assert all(org in event["detail"]["recipients"] for event in events)
        ids = [event["detail"]["id"] for event in events]
        assert len(ids) == len(set(ids))
    assert {len(received[org]) > 0 for org in ("DEA", "HSI", "USPIS", "ATF")} == {True}
    assert received["META"] == []


@pytest.mark.parametrize("sample", sorted(path.stem for path in (EVENTS_DIR / "notifications").glob("*.json")))
def test_sample_notifications_validate_and_carry_no_content(sample):
    event = json.loads((EVENTS_DIR / "notifications" / f"{sample}.json").read_text())
    jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
    text = json.dumps(event)
    for content in ("+12025550143", "plug.nyc", "Counterfeit M30", "38.8977", "SA Rivera"):
        assert content not in text


def test_every_detail_type_has_a_sample_notification():
    from chalicelib.domain.notifications import DETAIL_TYPES

    samples = {json.loads(path.read_text())["detail-type"] for path in (EVENTS_DIR / "notifications").glob("*.json")}
    assert samples == set(DETAIL_TYPES)
    assert len(samples) == 75  # the registry's seven, the persons' eight and the watch center's thirteen among them


def test_every_detail_type_has_a_row_on_the_events_page():
    """docs/events/index.md is where a consumer learns when an event comes and to whom."""
    page = (Path(__file__).parent.parent / "docs" / "events" / "index.md").read_text()
    table = page.split("| detail-type | when | recipients |", 1)[1].split("\n\n", 1)[0]
    rows = [row for row in table.splitlines() if row.startswith("|")]
    # A row's first cell names its detail types; what is in brackets is a field of theirs.
    cells = [re.sub(r"\(.*?\)", "", row.split("|")[1]) for row in rows]
    listed = {name for cell in cells for name in cell.split("`")[1::2]}
    assert listed == set(DETAIL_TYPES)


def test_sample_stream_record_of_a_new_case_is_published_and_projected(aws):
    event = load_event("stream/case-opened.json")
    result = build_stream_handler(EventPublisher(aws.topology.bus_name)).handle(event)
    assert result == {"batchItemFailures": []}
    delivered = drain_queues(aws)
    assert [e["detail-type"] for e in delivered] == ["Case Opened"]
    image = event["Records"][0]["dynamodb"]["NewImage"]
    assert delivered[0]["detail"]["case_id"] == image["case_id"]["S"]
    page = cases().memberships(image["owner"]["S"], None, 10, None)
    assert [row.case_id for row in page.items] == [image["case_id"]["S"]]


class FlakyEventBridge:
    """EventBridge that fails for a while: errors, then partial FailedEntryCount, then recovers."""

    def __init__(self, failures: int) -> None:
        self.real = boto3.client("events")
        self.failures = failures
        self.calls = 0

    def put_events(self, Entries):
        self.calls += 1
        if self.calls <= self.failures:
            if self.calls % 2:
                raise self.real.exceptions.InternalException({"Error": {"Code": "InternalException"}}, "PutEvents")
            # Partly refused: the first entry throttled, the rest put on the bus.
            rest = self.real.put_events(Entries=Entries[1:])["Entries"] if len(Entries) > 1 else []
            return {
                "FailedEntryCount": 1,
                "Entries": [{"ErrorCode": "ThrottlingException", "ErrorMessage": "slow"}, *rest],
            }
        return self.real.put_events(Entries=Entries)


def test_every_change_reaches_the_bus_after_an_eventbridge_outage(api, aws):
    every_kind_of_change(api)
    flaky = FlakyEventBridge(failures=3)
    handler = build_stream_handler(EventPublisher(aws.topology.bus_name, boto3_client=flaky))
    pump = StreamPump(aws.table_stream_arn, handler, max_attempts=10)
    pump.drain(rounds=50)
    assert pump.dead_letters == []
    events = drain_queues(aws)
    ids = {event["detail"]["id"] for event in events}
    # one event per change: open, update, note, 3 referrals created, 3 decided, close, reopen
    assert len(ids) == 11
    assert {event["detail-type"] for event in events} == set(CASEWORK_DETAIL_TYPES)


def test_a_retried_record_publishes_the_same_event_id(aws):
    event = load_event("stream/case-opened.json")
    handler = build_stream_handler(EventPublisher(aws.topology.bus_name))
    handler.handle(event)
    handler.handle(event)
    delivered = drain_queues(aws)
    assert len(delivered) == 2
    assert delivered[0]["detail"]["id"] == delivered[1]["detail"]["id"]


def test_a_poison_record_is_dead_lettered_without_blocking_the_rest(api, aws):
    api.open_case("DEA")
    api.open_case("HSI")

    class Poisoned:
        def __init__(self) -> None:
            self.inner = build_stream_handler(EventPublisher(aws.topology.bus_name))
            self.poison = None

        def handle(self, event, context=None):
            if self.poison is None:
                self.poison = event["Records"][0]["eventID"]
            records = event["Records"]
            failures = [
                {"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in records if r["eventID"] == self.poison
            ]
            rest = {"Records": [r for r in records if r["eventID"] != self.poison]}
            result = self.inner.handle(rest)
            return {"batchItemFailures": failures + result["batchItemFailures"]}

    handler = Poisoned()
    pump = StreamPump(aws.table_stream_arn, handler, max_attempts=3)
    pump.drain(rounds=20)
    assert [record["eventID"] for record in pump.dead_letters] == [handler.poison]
    assert {e["detail-type"] for e in drain_queues(aws)} == {"Case Opened"}


def test_an_older_case_image_never_overwrites_newer_projections(api, aws):
    from dataclasses import replace

    case_id = api.open_case("DEA")["case_id"]
    api.refer(case_id, "HSI")
    current = cases().get_case(case_id)
    newer = replace(current, title="Newer", version=current.version + 5)
    cases().project_cases([newer])
    referral_service().follow_cases([(newer, newer.updated_at)])
    cases().project_cases([current])
    referral_service().follow_cases([(current, current.updated_at)])
    assert cases().memberships("DEA", None, 10, None).items[0].title == "Newer"
    assert referrals().referral_box("HSI", "IN", None, 10, None).items[0].case_title == "Newer"


def every_kind_of_deconfliction(api, pump):
    from chalicelib.domain.notifications import DECONFLICTION_DETAIL_TYPES

    dea = api.open_case("DEA")["case_id"]
    hsi = api.open_case("HSI")["case_id"]
    batch = load_event("api/add-identifiers.json")
    added = api.call("POST", f"/v1/cases/{dea}/identifiers", "DEA", batch).data["identifiers"]
    api.call("POST", f"/v1/cases/{hsi}/identifiers", "HSI", {"identifiers": batch["identifiers"][:1]})
    api.call("DELETE", f"/v1/cases/{dea}/identifiers/{added[-1]['identifier_id']}", "DEA")
    operation = load_event("api/register-operation.json")
    planned = api.call("POST", "/v1/operations", "DEA", {**operation, "case_id": dea}).data["operation"]
    theirs = api.call("POST", "/v1/operations", "HSI", {**operation, "case_id": hsi}).data["operation"]
    pump.drain()  # conflicts are recorded from the operations as they stand when the stream runs
    for version, kind in enumerate(["raid", "arrest", "surveillance", "raid", "arrest"], start=1):
        # HSI's fifth answer about where DEA will be (its plan, found by DEA's record first, is
        # counted as DEA's question): DEA is told it is probed.
        headers = {"If-Match": f'"v{version}"'}
        api.call("PATCH", f"/v1/operations/{theirs['operation_id']}", "HSI", {"kind": kind}, headers)
        pump.drain()
    path = f"/v1/operations/{planned['operation_id']}"
    api.call("PATCH", path, "DEA", {"kind": "raid"}, {"If-Match": '"v1"'})
    api.call("POST", f"{path}/cancel", "DEA")
    return set(DECONFLICTION_DETAIL_TYPES)


def test_every_deconfliction_event_validates_against_its_schema(api, aws, pump):
    expected = every_kind_of_deconfliction(api, pump)
    pump.drain()
    events = [event for event in drain_queues(aws) if event["detail-type"] in expected]
    assert {event["detail-type"] for event in events} == expected
    for event in events:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))


def every_kind_of_platform_change(api, pump):
    from datetime import datetime

    from chalicelib.wiring import timer_scheduler

    tips = [
        api.call(
            "POST",
            "/v1/tips",
            "TIKTOK",
            {**load_event("api/submit-tip-minimal.json"), "platform_reference": f"E-{n}", "escalate": n == 0},
        ).data["tip_id"]
        for n in range(3)
    ]
    pump.drain()
    promoted = api.call("POST", f"/v1/tips/{tips[0]}/promote", "DEA", {}).data["case_id"]
    api.call("POST", f"/v1/tips/{tips[1]}/link", "DEA", {"case_id": promoted})
    api.call("POST", f"/v1/tips/{tips[2]}/dismiss", "DEA", {"reason": "duplicate of an older report"})
    referral = api.refer(promoted, "HSI", priority="urgent")
    body = load_event("api/request-preservation.json")
    preservation = api.call("POST", f"/v1/cases/{promoted}/preservations", "DEA", body).data
    path = f"/v1/preservations/{preservation['preservation_id']}"
    api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LE-1"})
    extended = api.call("POST", f"{path}/extend", "DEA").data
    ends = datetime.fromisoformat(extended["expires_at"].replace("Z", "+00:00"))
    timer_scheduler().run(datetime.fromisoformat(referral["respond_by"].replace("Z", "+00:00")))
    timer_scheduler().run(ends)
    return tips[0]


def test_every_tip_preservation_and_timer_event_validates_against_its_schema(api, aws, pump):
    from chalicelib.domain.notifications import PLATFORM_DETAIL_TYPES

    escalated = every_kind_of_platform_change(api, pump)
    pump.drain()
    events = [e for e in drain_queues(aws) if e["detail-type"] in PLATFORM_DETAIL_TYPES]
    assert {e["detail-type"] for e in events} == set(PLATFORM_DETAIL_TYPES)
    for event in events:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
    routed = {e["detail"]["tip_id"]: e["detail"] for e in events if e["detail-type"] == "Tip Routed"}
    assert routed[escalated]["urgent"] is True
    assert all("urgent" not in detail for tip_id, detail in routed.items() if tip_id != escalated)
    platform_copies = [e for e in events if "TIKTOK" in e["detail"]["recipients"]]
    assert platform_copies == []  # platforms follow tips by reading them, not by events
