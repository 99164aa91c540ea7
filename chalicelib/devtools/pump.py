"""Feeds a table's stream records to the stream handler, with Lambda's retry semantics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import boto3


class Handler(Protocol):
    def handle(self, event: dict[str, Any], context: Any = None) -> dict[str, Any]: ...


@dataclass
class StreamPump:
    """Reads every shard from the start and delivers records in order, retrying failures.

    Like Lambda with `ReportBatchItemFailures` and `BisectBatchOnFunctionError`, a batch is
    retried from its first failed record; a record that fails `max_attempts` times goes to
    `dead_letters` (the on-failure destination in AWS) and the records behind it move on.
    """

    stream_arn: str
    handler: Handler
    max_attempts: int = 5
    batch_size: int = 100
    dead_letters: list[dict[str, Any]] = field(default_factory=list)
    #: The last sequence number read from each shard.
    _positions: dict[str, str] = field(default_factory=dict)
    _pending: list[dict[str, Any]] = field(default_factory=list)
    _attempts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._client = boto3.client("dynamodbstreams")
        self.quiet = False

    def drain(self, rounds: int = 10) -> int:
        """Delivers what is waiting; returns how many records were delivered successfully.

        `quiet` says afterwards whether it stopped because the stream had nothing more.
        """
        delivered = 0
        self.quiet = False
        for _ in range(rounds):
            self._pending += self._read_new()
            if not self._pending:
                self.quiet = True
                break
            delivered += self._deliver()
        return delivered

    def settled(self) -> str | None:
        """The sequence number through which every record read is delivered or dead-lettered:
        what the stream may let go of (moto's tables have one shard), None before any read."""
        if self._pending:
            return str(min(int(record["dynamodb"]["SequenceNumber"]) for record in self._pending) - 1)
        return max(self._positions.values(), key=int, default=None)

    def _deliver(self) -> int:
        batch = self._pending[: self.batch_size]
        result = self.handler.handle({"Records": batch})
        failed = {failure["itemIdentifier"] for failure in result.get("batchItemFailures", [])}
        sequence = [record["dynamodb"]["SequenceNumber"] for record in batch]
        first_failure = next((i for i, number in enumerate(sequence) if number in failed), None)
        if first_failure is None:
            self._pending = self._pending[len(batch) :]
            return len(batch)
        record = batch[first_failure]
        attempts = self._attempts.get(record["eventID"], 0) + 1
        self._attempts[record["eventID"]] = attempts
        if attempts >= self.max_attempts:
            self.dead_letters.append(record)
            first_failure += 1
        self._pending = self._pending[first_failure:]
        return first_failure

    def _read_new(self) -> list[dict[str, Any]]:
        shards = self._client.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]
        records: list[dict[str, Any]] = []
        for shard in shards:
            shard_id = shard["ShardId"]
            # A fresh iterator after the last record read, not the previous NextShardIterator:
            # moto replaces the table (stream included) when a transaction fails, which
            # strands iterators handed out before.
            position: dict[str, str] = {"ShardIteratorType": "TRIM_HORIZON"}
            if shard_id in self._positions:
                position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": self._positions[shard_id]}
            iterator = self._client.get_shard_iterator(StreamArn=self.stream_arn, ShardId=shard_id, **position)  # type: ignore[arg-type]
            page = self._client.get_records(ShardIterator=iterator["ShardIterator"], Limit=1000)
            if page["Records"]:
                self._positions[shard_id] = page["Records"][-1]["dynamodb"]["SequenceNumber"]
            records += [self._as_lambda_record(record) for record in page["Records"]]
        return records

    def _as_lambda_record(self, record: Any) -> dict[str, Any]:
        """boto3's record, in the shape Lambda hands a function (epoch seconds, source ARN)."""
        change = dict(record["dynamodb"])
        created = change.get("ApproximateCreationDateTime")
        if created is not None and not isinstance(created, (int, float)):
            change["ApproximateCreationDateTime"] = created.timestamp()
        return {**record, "dynamodb": change, "eventSourceARN": self.stream_arn}
