"""The stream at sweep scale: what the stream handler calls per 100 records, and a
throughput model built on it (issue 16).

A burst goes through the API on moto (tips in batches of 100 from four platforms, and
case changes: cases opened, updated, referred, given identifiers and operations), then its
stream records go through the real stream handler in batches of 100, as Lambda hands them
over. Every AWS call the handler makes is counted, by service and operation, and by whether
it ran on the handler's own thread (one after another) or on a reader pool (at once).

The model turns the counts into time per batch with the per-call latencies of `LATENCY_MS`
(assumptions, sourced below), into records per second per shard, and into the shards and
the `ParallelizationFactor` a sweep of `SWEEP_TIPS_PER_SECOND` needs to keep up (so that the
iterator age stays at the batch window plus one batch's time, well under a minute). Only
I/O is modelled: the handler's own CPU time on a Lambda is a few milliseconds a batch.

The figures before the stream issue are constants (`BEFORE`), measured by this script's
counting on commit 3079536 (one `PutEvents` call per event, calls one after another).
"""

from __future__ import annotations

import collections
import math
import threading
from dataclasses import dataclass, field
from typing import Any

import botocore.client

from scripts.bench_tips import PLATFORMS, _tip

#: Per-call latency (ms) inside a region, as modelled. DynamoDB: "single-digit millisecond"
#: reads and writes (aws.amazon.com/dynamodb/features); a transaction does two underlying
#: operations per item (DynamoDB developer guide, "Capacity management for transactions"),
#: counted here as three times a single write; batch calls as two. EventBridge publishes no
#: latency figure; `PutEvents` is taken at 30 ms ("tens of milliseconds", issue 16). S3
#: `PutObject` of a small object: 30 ms (S3's performance guidelines speak of 100-200 ms
#: for the first byte of large GETs; small PUTs are faster).
LATENCY_MS = {
    "GetItem": 5,
    "PutItem": 5,
    "UpdateItem": 5,
    "DeleteItem": 5,
    "Query": 5,
    "BatchGetItem": 10,
    "BatchWriteItem": 10,
    "TransactGetItems": 10,
    "TransactWriteItems": 15,
    "PutEvents": 30,
    "PutObject": 30,
}
#: The reader pool's width (`storage.dynamo._READERS`): calls at once on it, each on a
#: connection of its own (`storage.table.CONNECTIONS`).
POOL = 16
#: What a sweep sends, and what each partition of a table takes (DynamoDB: 1,000 write
#: units a second per partition; each stream record is at least one write).
SWEEP_TIPS_PER_SECOND = 1_000
WRITES_PER_PARTITION = 1_000
BATCH = 100


@dataclass
class Counts:
    """Calls by operation: on the handler's thread, and on the reader pool in rounds."""

    serial: collections.Counter[str] = field(default_factory=collections.Counter)
    pooled: collections.Counter[str] = field(default_factory=collections.Counter)
    records: int = 0

    def per_batch(self) -> dict[str, tuple[float, float]]:
        """Calls per batch of 100 records by operation: all of them, and those made at once."""
        calls = self.serial + self.pooled
        scale = BATCH / self.records
        return {name: (calls[name] * scale, self.pooled[name] * scale) for name in sorted(calls)}

    def batch_ms(self) -> float:
        """Modelled I/O time of one batch of 100: serial calls add up; pooled calls overlap."""
        scale = BATCH / self.records
        serial = sum(LATENCY_MS[name] * count for name, count in self.serial.items()) * scale
        pooled = sum(LATENCY_MS[name] * count / POOL for name, count in self.pooled.items()) * scale
        return serial + pooled


class CallCounter:
    """Counts every AWS call botocore makes while it is installed."""

    def __init__(self) -> None:
        self.counts = Counts()
        self._original = botocore.client.BaseClient._make_api_call
        self._main = threading.main_thread()

    def __enter__(self) -> CallCounter:
        counts, original, main = self.counts, self._original, self._main

        def counted(client: Any, operation: str, params: Any) -> Any:
            target = counts.serial if threading.current_thread() is main else counts.pooled
            if operation in LATENCY_MS:
                target[operation] += 1
            return original(client, operation, params)

        botocore.client.BaseClient._make_api_call = counted  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        botocore.client.BaseClient._make_api_call = self._original  # type: ignore[method-assign]


def submit_tips(client: Any, call: Any, tips: int) -> None:
    """Tips in batches of 100 from four platforms."""
    for batch, start in enumerate(range(0, tips, 100)):
        platform, service = PLATFORMS[batch % len(PLATFORMS)]
        body = {"tips": [_tip(n, service) for n in range(start, min(start + 100, tips))]}
        response = call(client, "POST", "/v1/tips/batch", platform, body)
        assert response.status_code in (200, 201), (response.status_code, response.body)


def change_cases(client: Any, call: Any, cases: int) -> None:
    """`cases` cases, each opened, updated, referred, given an identifier and an operation."""
    agencies = ("DEA", "HSI", "ATF", "USPIS")
    for n in range(cases):
        org, other = agencies[n % 4], agencies[(n + 1) % 4]
        case_id = _json(call(client, "POST", "/v1/cases", org, {"title": f"Vendor {n}", "tlp": "GREEN"}))["case_id"]
        call(client, "PATCH", f"/v1/cases/{case_id}", org, {"summary": "s"}, {"If-Match": '"v1"'})
        call(client, "POST", f"/v1/cases/{case_id}/referrals", org, {"to_org": other, "reason": "overlap"})
        held = [{"type": "social_handle", "platform": "instagram", "value": f"@vendor_{n}"}]
        call(client, "POST", f"/v1/cases/{case_id}/identifiers", org, {"identifiers": held})
        operation = {
            "case_id": case_id,
            "kind": "controlled_buy",
            "location": {"lat": 38.9 + (n % 50) * 0.01, "lon": -77.0, "radius_m": 250},
            "starts_at": "2030-01-01T20:00:00Z",
            "ends_at": "2030-01-01T22:00:00Z",
        }
        call(client, "POST", "/v1/operations", org, operation)


def _json(response: Any) -> Any:
    import json

    return json.loads(response.body)


def drain(pump: Any) -> Counts:
    """Every record the stream has for `pump` through the stream handler, 100 to a batch, counted."""
    with CallCounter() as counter:
        while delivered := pump.drain(rounds=1):
            counter.counts.records += delivered
    assert not pump.dead_letters, pump.dead_letters
    return counter.counts


@dataclass(frozen=True)
class Model:
    batch_ms: float
    records_per_tip: float

    @property
    def per_shard(self) -> float:
        """Records a second one shard handles with one batch at a time."""
        return BATCH / (self.batch_ms / 1000)

    @property
    def arriving(self) -> float:
        return SWEEP_TIPS_PER_SECOND * self.records_per_tip

    @property
    def shards(self) -> int:
        """DynamoDB's: the partitions the sweep's writes need (each stream record a write)."""
        return max(1, math.ceil(self.arriving / WRITES_PER_PARTITION))

    @property
    def parallelization(self) -> int:
        """Batches at once per shard for the shards to keep up; over 10 means it cannot."""
        return max(1, math.ceil(self.arriving / (self.shards * self.per_shard)))


def report_stream(client: Any, call: Any, tips: int, cases: int, stream_arn: str) -> dict[str, Any]:
    """Runs the burst; prints the calls and the model; returns the figures (for `BEFORE`)."""
    from chalicelib import wiring
    from chalicelib.devtools.pump import StreamPump

    # One pump, as one event source mapping: each phase reads on from where the last stopped.
    pump = StreamPump(stream_arn, wiring.stream_handler(), batch_size=BATCH, max_attempts=3)
    drain(pump)  # what came before the burst
    submit_tips(client, call, tips)
    tip_counts = drain(pump)
    change_cases(client, call, cases)
    case_counts = drain(pump)
    per_tip = tip_counts.records / tips
    print(f"Stream at sweep scale: {tips:,} tips made {tip_counts.records:,} stream records ({per_tip:.1f} a tip);")
    print(f"  {cases:,} cases (opened, updated, referred, an identifier, an operation) made {case_counts.records:,}")
    print(f"  per-call latencies modelled (ms): {', '.join(f'{k} {v}' for k, v in LATENCY_MS.items())}")
    for name, counts in (("tips", tip_counts), ("cases", case_counts)):
        calls = counts.per_batch()
        listed = ", ".join(
            f"{op} {n:.1f}" + (f" ({at_once:.1f} at once)" if at_once else "") for op, (n, at_once) in calls.items()
        )
        print(f"  {name}, calls per {BATCH} records: {listed}")
    after = Model(tip_counts.batch_ms(), per_tip)
    before = Model(BEFORE["tips_batch_ms"], per_tip)
    print(f"A sweep of {SWEEP_TIPS_PER_SECOND:,} tips/s: {after.arriving:,.0f} stream records/s, {after.shards} shards")
    print(f"  (DynamoDB's, at {WRITES_PER_PARTITION:,} writes/s a partition); a batch of {BATCH} tip records:")
    print(f"  {'':8} {'I/O per batch':>14} {'records/s a shard':>18} {'ParallelizationFactor':>22}")
    for name, model in (("before", before), ("after", after)):
        factor = f"{model.parallelization}" if model.parallelization <= 10 else f"{model.parallelization} (over 10)"
        print(f"  {name:8} {model.batch_ms:11.0f} ms {model.per_shard:18,.0f} {factor:>22}")
    print(f"  records/s a shard, after/before: {after.per_shard / before.per_shard:.1f}x")
    cases_after, cases_before = Model(case_counts.batch_ms(), 0), Model(BEFORE["cases_batch_ms"], 0)
    print(
        f"  case records: {cases_before.batch_ms:.0f} ms a batch before, {cases_after.batch_ms:.0f} ms after "
        f"({cases_before.batch_ms / cases_after.batch_ms:.1f}x)"
    )
    burst = tip_counts.records + case_counts.records
    seconds_before = (tip_counts.records * before.batch_ms + case_counts.records * cases_before.batch_ms) / BATCH / 1000
    seconds_after = (tip_counts.records * after.batch_ms + case_counts.records * cases_after.batch_ms) / BATCH / 1000
    print(
        f"  the whole burst ({burst:,} records) on one shard, one batch at a time: {seconds_before:,.1f} s of I/O "
        f"before, {seconds_after:,.1f} s after ({seconds_before / seconds_after:.1f}x)"
    )
    print()
    return {"tips_batch_ms": round(tip_counts.batch_ms(), 1), "cases_batch_ms": round(case_counts.batch_ms(), 1)}


#: Modelled I/O of a batch of 100 tip records (and of case records) before the stream
#: issue: this script, copied onto commit 3079536 and run there on 2026-12-03
#: (`python -m scripts.bench_stream 2000 200`, which printed these).
BEFORE = {"tips_batch_ms": 2007.4, "cases_batch_ms": 1689.9}


def run(call: Any, tips: int, cases: int) -> dict[str, Any]:
    """The burst in a moto account of its own (the settings must already be the bench's),
    with `call` making each request with the bench's tokens."""
    from moto import mock_aws

    from chalicelib.devtools.environment import app_client
    from chalicelib.devtools.provision import provision

    with mock_aws():
        provisioned = provision("bench")
        from app import app

        with app_client(app) as client:
            return report_stream(client, call, tips, cases, provisioned.table_stream_arn)


def main() -> None:
    """The burst on its own: `python -m scripts.bench_stream [tips cases]` (10,000 and 200)."""
    import os
    import sys

    from scripts.bench import ENV, call

    os.environ.update(ENV)  # before anything reads the settings
    from chalicelib.devtools.moto_dynamodb import install

    install()
    tips, cases = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (10_000, 200)
    print(run(call, tips, cases))


if __name__ == "__main__":
    main()
