"""A batch's events go to the bus ten to a call, and a partly refused call gives back
exactly the records from the first refused one on (issue 16's publishing)."""

from __future__ import annotations

import copy
import json
from typing import Any

import boto3

from chalicelib.devtools.pump import StreamPump
from chalicelib.stream.publisher import EventPublisher
from chalicelib.wiring import build_stream_handler
from tests.conftest import load_event
from tests.test_events import drain_queues


class CountingEventBridge:
    """EventBridge as it is, counting calls and entries; entries whose event ids are in
    `refused` are throttled, every time, for the first `refusals` calls."""

    def __init__(self, refused: frozenset[str] = frozenset(), refusals: int = 0) -> None:
        self.real = boto3.client("events")
        self.calls: list[list[dict[str, Any]]] = []
        self.refused = refused
        self.refusals = refusals

    def feed_writes(self) -> list[str]:
        """The BatchWriteItem calls that put what was published into its recipients' feeds (25 entries a call)."""
        entries = sum(len(json.loads(entry["Detail"])["recipients"]) for call in self.calls for entry in call)
        return ["BatchWriteItem"] * -(-entries // 25)

    def put_events(self, Entries):
        self.calls.append(Entries)
        if self.refusals <= 0:
            return self.real.put_events(Entries=Entries)
        self.refusals -= 1
        refused_ids = self.refused
        taken = [entry for entry in Entries if _id(entry) not in refused_ids]
        put = iter(self.real.put_events(Entries=taken)["Entries"] if taken else [])
        return {
            "FailedEntryCount": len(Entries) - len(taken),
            "Entries": [
                {"ErrorCode": "ThrottlingException", "ErrorMessage": "slow"} if _id(entry) in refused_ids else next(put)
                for entry in Entries
            ],
        }


def _id(entry: dict[str, Any]) -> str:
    return str(json.loads(entry["Detail"])["id"])


def cases_opened(count: int) -> dict[str, Any]:
    """`count` stream records of new cases, each one event, in the order a shard gives them."""
    [sample] = load_event("stream/case-opened.json")["Records"]
    records = []
    for n in range(count):
        record = copy.deepcopy(sample)
        case_id = f"case_01M8Y07JV9EG12HRHW99WW{n:04d}"
        change = record["dynamodb"]
        change["Keys"]["pk"]["S"] = change["NewImage"]["pk"]["S"] = f"CASE#{case_id}"
        change["NewImage"]["case_id"]["S"] = case_id
        change["SequenceNumber"] = str(1100000000017454423009 + n)
        record["eventID"] = f"{n:032x}"
        records.append(record)
    return {"Records": records}


def publisher(aws, bridge) -> EventPublisher:
    return EventPublisher(aws.topology.bus_name, boto3_client=bridge, sleep=lambda seconds: None)


def test_a_batch_of_100_records_publishes_in_10_calls(aws):
    bridge = CountingEventBridge()
    result = build_stream_handler(publisher(aws, bridge)).handle(cases_opened(100))
    assert result == {"batchItemFailures": []}
    assert [len(entries) for entries in bridge.calls] == [10] * 10
    assert len({event["detail"]["id"] for event in drain_queues(aws)}) == 100


def test_a_partly_refused_call_gives_back_the_records_from_the_first_refused_one_and_a_retry_keeps_their_ids(aws):
    batch = cases_opened(12)
    first = CountingEventBridge()
    build_stream_handler(publisher(aws, first)).handle(batch)
    ids = [_id(entry) for entries in first.calls for entry in entries]
    drain_queues(aws)
    # Entries 3 and 7 of the first call are refused on every try of this invocation.
    bridge = CountingEventBridge(refused=frozenset({ids[3], ids[7]}), refusals=10)
    result = build_stream_handler(publisher(aws, bridge)).handle(batch)
    sequence = [record["dynamodb"]["SequenceNumber"] for record in batch["Records"]]
    assert [failure["itemIdentifier"] for failure in result["batchItemFailures"]] == sequence[3:]
    assert len(bridge.calls) == 4  # the call of 10, then its refused entries, three more times
    assert [_id(entry) for entry in bridge.calls[-1]] == [ids[3], ids[7]]
    # Lambda retries from the first refused record: the same records make the same ids.
    retry = CountingEventBridge()
    assert build_stream_handler(publisher(aws, retry)).handle({"Records": batch["Records"][3:]}) == {
        "batchItemFailures": []
    }
    assert [_id(entry) for entries in retry.calls for entry in entries] == ids[3:]


def test_records_of_one_case_in_one_batch_produce_their_events_in_order(api, aws):
    case_id = api.open_case("DEA")["case_id"]
    assert api.call("PATCH", f"/v1/cases/{case_id}", "DEA", {"summary": "s"}, {"If-Match": '"v1"'}).status_code == 200
    assert api.call("POST", f"/v1/cases/{case_id}/notes", "DEA", {"text": "n"}).status_code == 201
    assert api.call("POST", f"/v1/cases/{case_id}/close", "DEA").status_code == 200
    bridge = CountingEventBridge()
    pump = StreamPump(aws.table_stream_arn, build_stream_handler(publisher(aws, bridge)), batch_size=1000)
    pump.drain()
    published = [entry["DetailType"] for entries in bridge.calls for entry in entries]
    assert published == ["Case Opened", "Case Updated", "Note Added", "Case Closed"]
    assert len(bridge.calls) == 1


class Capture:
    """A stream handler that only keeps what it is handed."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def handle(self, event, context=None):
        self.records += event["Records"]
        return {"batchItemFailures": []}


def test_a_batch_of_100_new_tips_is_routed_and_counted_with_its_reads_at_once_and_two_writes_each(
    api, aws, dynamo_calls
):
    from chalicelib import wiring
    from chalicelib.domain.identifiers import IdentifierType, normalise

    tips = [
        {"platform_reference": f"R-{n}", "reported_accounts": [{"handle": f"vendor_{n}"}], "category": "weapons"}
        for n in range(100)
    ]
    assert api.call("POST", "/v1/tips/batch", "TIKTOK", {"tips": tips}).status_code in (200, 201)
    capture = Capture()
    StreamPump(aws.table_stream_arn, capture, batch_size=1000).drain(rounds=1)
    new_tips = [
        record
        for record in capture.records
        if record["dynamodb"]["NewImage"].get("kind", {}).get("S") == "tip" and "OldImage" not in record["dynamodb"]
    ]
    assert len(new_tips) == 100
    keys = len(wiring.blind_index().search_tokens(normalise(IdentifierType.SOCIAL_HANDLE, "@vendor_0", "tiktok")))
    dynamo_calls.reset()
    bridge = CountingEventBridge()
    assert build_stream_handler(publisher(aws, bridge)).handle({"Records": new_tips}) == {"batchItemFailures": []}
    # One blind-index Query per account and key, all at once (no holder, so no BatchGetItem),
    # then the 100 routes (each the tip's update and its audit record) in 2 transactions, and
    # the 100 tips counted into the nation's figures (each tip's claim, and the 2 counters
    # they add to) in 2 more.
    assert sorted(dynamo_calls.operations) == ["Query"] * (100 * keys) + ["TransactWriteItems"] * 4
    assert bridge.calls == []  # a new tip's news is its routing, published from the next batch
    routed = {
        api.call("GET", f"/v1/tips/{r['dynamodb']['NewImage']['tip_id']['S']}", "ATF").status_code for r in new_tips
    }
    assert routed == {200}


def test_records_written_once_go_together_and_only_one_written_before_is_left_out(aws, dynamo_calls):
    """Both sides of each hit or conflict a reaction finds: one transaction for them all, and
    where a retry finds one pair written before, each pair apart so that only it is left out."""
    from chalicelib.storage.dynamo import Table
    from chalicelib.storage.table import SchedulerItem

    def pairs(start: int, count: int) -> list[list[SchedulerItem]]:
        return [
            [SchedulerItem(f"P#{n}", side, through="x") for side in ("A", "B")] for n in range(start, start + count)
        ]

    table = Table()
    assert table.put_once_each(pairs(0, 10)) == [True] * 10
    assert dynamo_calls.operations == ["TransactWriteItems"]
    dynamo_calls.reset()
    assert table.put_once_each(pairs(9, 3)) == [False, True, True]  # pair 9 was written before
    assert dynamo_calls.operations == ["TransactWriteItems"] * 4
    dynamo_calls.reset()
    assert table.put_once_each(pairs(100, 60)) == [True] * 60  # 120 items: two transactions
    assert dynamo_calls.operations == ["TransactWriteItems"] * 2


def test_a_batch_of_new_cases_projects_their_list_entries_in_one_write(aws, dynamo_calls):
    from chalicelib import wiring

    batch = cases_opened(30)
    dynamo_calls.reset()
    bridge = CountingEventBridge()
    assert build_stream_handler(publisher(aws, bridge)).handle(batch) == {"batchItemFailures": []}
    # A new case is referred to nobody yet, so no referral is read for it; the 30 list
    # entries go out in one transaction; then the 30 events into their owner's feed.
    assert dynamo_calls.operations == ["TransactWriteItems", "BatchWriteItem", "BatchWriteItem"]
    assert bridge.feed_writes() == ["BatchWriteItem"] * 2
    owner = batch["Records"][0]["dynamodb"]["NewImage"]["owner"]["S"]
    assert len(wiring.cases().memberships(owner, None, 50, None).items) == 30


def test_a_batch_of_changes_to_referred_cases_reads_their_cases_once_and_stamps_together(api, aws, pump, dynamo_calls):
    """Ten referred cases (five referrals accepted, five pending) are retitled and noted: the
    notes' cases are read in one BatchGetItem, each case's referrals in one Query (at once),
    and the list entries and the referrals' stamps go out in one transaction each."""
    from chalicelib import wiring

    case_ids = [api.open_case("DEA")["case_id"] for _ in range(10)]
    for n, case_id in enumerate(case_ids):
        referral = api.refer(case_id, "HSI")
        if n % 2:
            assert api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI").status_code == 200
    pump.drain()
    capture = Capture()
    reader = StreamPump(aws.table_stream_arn, capture, batch_size=1000)
    reader.drain(rounds=1)
    capture.records.clear()
    for case_id in case_ids:
        case = api.call("GET", f"/v1/cases/{case_id}", "DEA")
        retitle = {"title": f"Retitled {case_id}"}
        assert (
            api.call("PATCH", f"/v1/cases/{case_id}", "DEA", retitle, {"If-Match": case.headers["etag"]}).status_code
            == 200
        )
        assert api.call("POST", f"/v1/cases/{case_id}/notes", "DEA", {"text": "n"}).status_code == 201
    reader.drain(rounds=1)
    dynamo_calls.reset()
    bridge = CountingEventBridge()
    assert build_stream_handler(publisher(aws, bridge)).handle({"Records": capture.records}) == {
        "batchItemFailures": []
    }
    assert sorted(dynamo_calls.operations) == sorted(
        ["BatchGetItem"] + ["Query"] * 10 + ["TransactWriteItems"] * 2 + bridge.feed_writes()
    )
    published = [entry["DetailType"] for entries in bridge.calls for entry in entries]
    assert sorted(published) == ["Case Updated"] * 10 + ["Note Added"] * 10
    assert len(bridge.calls) == 2
    inbox = wiring.referrals().referral_box("HSI", "IN", None, 50, None).items
    assert sorted(referral.case_title for referral in inbox) == sorted(f"Retitled {case_id}" for case_id in case_ids)


def test_a_batch_of_new_identifiers_is_matched_together_and_a_hit_between_two_of_them_is_one_pair(
    api, aws, pump, dynamo_calls
):
    """DEA and HSI each add ten values, the same ten, and the stream sees them in one batch:
    one blind-index Query per value and key, all at once, the cases they name in one BatchGetItem, each hit
    recorded once for both sides (found from either side, one pair) in one transaction, and
    the ten answers HSI got from DEA's data counted in one write."""
    from chalicelib import wiring
    from chalicelib.domain.identifiers import IdentifierType, normalise

    dea, hsi = api.open_case("DEA")["case_id"], api.open_case("HSI")["case_id"]
    pump.drain()
    capture = Capture()
    reader = StreamPump(aws.table_stream_arn, capture, batch_size=1000)
    reader.drain(rounds=1)
    capture.records.clear()
    handles = [{"type": "social_handle", "platform": "instagram", "value": f"@pills_{n}"} for n in range(10)]
    for org, case_id in (("DEA", dea), ("HSI", hsi)):
        added = api.call("POST", f"/v1/cases/{case_id}/identifiers", org, {"identifiers": handles})
        assert added.status_code == 201, added.body
    reader.drain(rounds=1)
    keys = len(wiring.blind_index().search_tokens(normalise(IdentifierType.SOCIAL_HANDLE, "@pills_0", "instagram")))
    dynamo_calls.reset()
    bridge = CountingEventBridge()
    assert build_stream_handler(publisher(aws, bridge)).handle({"Records": capture.records}) == {
        "batchItemFailures": []
    }
    # The events' cases (one BatchGetItem), the values' holders (a Query per value and key,
    # at once: both agencies' same value is one read) and their cases (one BatchGetItem), the 20 hit records (one transaction), the
    # count of answers (one UpdateItem) and the 20 recheck timers (one BatchWriteItem).
    assert sorted(dynamo_calls.operations) == sorted(
        ["BatchGetItem"] * 2
        + ["Query"] * (10 * keys)
        + ["TransactWriteItems", "UpdateItem", "BatchWriteItem"]
        + bridge.feed_writes()
    )
    pump.drain()
    hits = [e for e in drain_queues(aws) if e["detail-type"] == "Deconfliction Hit"]
    assert sorted(hit["detail"]["recipients"][0] for hit in hits) == ["DEA"] * 10 + ["HSI"] * 10
