"""A burst of platform tips: round trips per batch, and how writes spread over partition keys.

Platforms submit the burst in batches of 100; the router the stream handler uses routes
every tip (to four agencies); then every write the burst caused is read back from the table's stream and
attributed to the partition key it landed on, in the table and in each index. No key may
take more than 10% of the writes (the sharded audit partitions and agency inboxes see to it).

The router is the stream handler's own (`TipService.route`, asking the real blind index),
called tip by tip without publishing the events: events write nothing to DynamoDB. Only
the burst's writes are counted: the stream is read from after the last record written
before it. Every DynamoDB call is moto's (with `chalicelib/devtools/moto_dynamodb.py`).
"""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import boto3

#: (platform, service) pairs submitting, and what makes each tip go to each agency.
PLATFORMS = (("TIKTOK", None), ("X", None), ("YOUTUBE", None), ("META", "INSTAGRAM"))
ROUTED_BY = (
    {"category": "counterfeit_pills"},  # DEA
    {"category": "weapons"},  # ATF
    {"category": "smuggling"},  # HSI
    {"category": "drug_sale", "delivery": ["mail"]},  # USPIS
)
INDEXES = ("gsi1", "gsi2", "gsi3", "gsi4", "token")
LIMIT = 0.10


def report_tip_burst(client: Any, call: Callable[..., Any], tips: int, stream_arn: str) -> None:
    from chalicelib import wiring
    from chalicelib.storage.table import Item

    before_burst = _last_sequence_number(stream_arn)
    operations: list[str] = []
    events = Item._get_connection().connection.client.meta.events
    record = lambda model, **_: operations.append(model.name)  # noqa: E731
    events.register("before-call.dynamodb", record)
    started = time.perf_counter()
    batches = 0
    submitted_ids: list[str] = []
    for start in range(0, tips, 100):
        platform, service = PLATFORMS[batches % len(PLATFORMS)]
        body = {"tips": [_tip(n, service) for n in range(start, min(start + 100, tips))]}
        operations.clear()
        response = call(client, "POST", "/v1/tips/batch", platform, body)
        answer = json.loads(response.body)
        assert answer["accepted"] == len(body["tips"]), response.body
        submitted_ids += [item["tip_id"] for item in answer["results"]]
        batches += 1
    per_batch = list(operations)
    submitted = time.perf_counter() - started
    events.unregister("before-call.dynamodb", record)
    router = wiring.tip_service()
    routed = collections.Counter(
        route.to for tip_id in submitted_ids if (route := router.route(_received(wiring.tips(), tip_id)))
    )
    writes = _writes_by_key(stream_arn, before_burst)
    total = sum(writes.values())
    print(f"Tip burst: {tips:,} tips in {batches} batches of 100 from 4 platforms, routed to 4 agencies")
    print(f"  a batch of 100: {len(per_batch)} calls ({' + '.join(per_batch)}); {submitted:.1f} s for all on moto")
    print(f"  routed: {', '.join(f'{org} {count:,}' for org, count in sorted(routed.items()))}")
    print(f"  writes (table and index partitions): {total:,} over {len(writes):,} keys")
    print(f"  {'partition key':44} {'writes':>7} {'share':>7}")
    for (where, key), count in writes.most_common(6):
        print(f"  {where + ' ' + key:44} {count:>7} {count / total:>7.2%}")
    top = writes.most_common(1)[0][1] / total
    print(f"  busiest key: {top:.2%} of writes (limit {LIMIT:.0%}): {'ok' if top <= LIMIT else 'TOO HOT'}")
    print()


def _received(store: Any, tip_id: str) -> Any:
    found = store.get_tip(tip_id)
    assert found is not None
    return found


def _tip(n: int, service: str | None) -> dict[str, Any]:
    account: dict[str, Any] = {"handle": f"vendor_{n}"}
    if service:
        account["service"] = service
    return {"platform_reference": f"B-{n}", "reported_accounts": [account], **ROUTED_BY[n % len(ROUTED_BY)]}


def _records(stream_arn: str, after: str | None = None) -> Iterator[dict[str, Any]]:
    """The stream's records (moto's tables have one shard), from the start or after a sequence number."""
    client = boto3.client("dynamodbstreams")
    shard = client.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"][0]["ShardId"]
    position: dict[str, str] = {"ShardIteratorType": "TRIM_HORIZON"}
    if after is not None:
        position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
    iterator = client.get_shard_iterator(StreamArn=stream_arn, ShardId=shard, **position)["ShardIterator"]  # type: ignore[arg-type]
    while iterator:
        page = client.get_records(ShardIterator=iterator, Limit=1000)
        yield from page["Records"]
        if not page["Records"]:
            return
        iterator = page.get("NextShardIterator")


def _last_sequence_number(stream_arn: str) -> str | None:
    last = None
    for change in _records(stream_arn):
        last = change["dynamodb"]["SequenceNumber"]
    return last


def _writes_by_key(stream_arn: str, after: str | None) -> collections.Counter[tuple[str, str]]:
    """Every write the stream saw after `after`, by (table or index, partition key) it landed on."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for change in _records(stream_arn, after):
        _attribute(change["dynamodb"], counts)
    return counts


def _attribute(change: dict[str, Any], counts: collections.Counter[tuple[str, str]]) -> None:
    counts[("table", change["Keys"]["pk"]["S"])] += 1
    new, old = change.get("NewImage", {}), change.get("OldImage", {})
    for index in INDEXES:
        key = "token" if index == "token" else f"{index}pk"
        after, before = new.get(key, {}).get("S"), old.get(key, {}).get("S")
        if after:
            counts[(index, after)] += 1
        if before and before != after:
            counts[(index, before)] += 1
