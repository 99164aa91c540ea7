"""The moto `make run` serves from keeps what its backends keep, and no more, and parses an
event's paths once (`chalicelib/devtools/moto_scale.py`)."""

from __future__ import annotations

import gc
import json
import weakref
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.sqs.models import sqs_backends

from chalicelib.devtools.moto_dynamodb import release_stream
from chalicelib.domain.notifications import SOURCE
from chalicelib.storage.table import Item

ACCOUNT, REGION = "123456789012", "us-east-1"


@pytest.fixture
def scaled(aws: Any) -> Iterator[Any]:
    """The mends for one test: the rest of the suite runs on moto as it comes."""
    from chalicelib.devtools import moto_scale

    moto_scale.install()
    try:
        yield aws
    finally:
        moto_scale.uninstall()


def gone(reference: weakref.ref[Any]) -> bool:
    gc.collect()
    return reference() is None


def test_an_overwritten_item_and_its_released_stream_records_are_let_go_of(scaled):
    table = boto3.resource("dynamodb").Table(Item.Meta.table_name)
    table.put_item(Item={"pk": "CASE#a", "sk": "CASE", "title": "first"})
    backend_table = dynamodb_backends[ACCOUNT][REGION].get_table(Item.Meta.table_name)
    first_item = weakref.ref(backend_table.get_item(DynamoType({"S": "CASE#a"}), DynamoType({"S": "CASE"})))
    first_record = weakref.ref(backend_table.stream_shard.items[-1])

    for n in range(5):
        table.put_item(Item={"pk": "CASE#a", "sk": "CASE", "title": f"version {n}"})
    assert gone(first_item)  # the table holds only the newest version

    newest = backend_table.stream_shard.items[-1].record["dynamodb"]["SequenceNumber"]
    release_stream(scaled.table_stream_arn, newest)
    assert backend_table.stream_shard.items == []
    assert gone(first_record)


def test_a_deleted_message_is_let_go_of(scaled):
    sqs = boto3.client("sqs")
    sqs.send_message(QueueUrl=scaled.delivery_queue_url, MessageBody="{}")
    queue = sqs_backends[ACCOUNT][REGION].queues[scaled.delivery_queue_url.rsplit("/", 1)[1]]
    message = weakref.ref(queue._messages[0])
    (received,) = sqs.receive_message(QueueUrl=scaled.delivery_queue_url)["Messages"]
    sqs.delete_message(QueueUrl=scaled.delivery_queue_url, ReceiptHandle=received["ReceiptHandle"])
    assert gone(message)


def test_an_events_paths_are_parsed_once_and_it_reaches_its_targets_as_before(scaled, monkeypatch):
    from jsonpath_ng.ext.parser import ExtendedJsonPathParser

    def put(n: int) -> None:
        entry = {"Source": SOURCE, "DetailType": "Case Opened", "Detail": json.dumps({"n": n})}
        answer = boto3.client("events").put_events(Entries=[{**entry, "EventBusName": scaled.topology.bus_name}])
        assert answer["FailedEntryCount"] == 0

    put(1)
    parsers = []
    monkeypatch.setattr(ExtendedJsonPathParser, "__init__", _counted(ExtendedJsonPathParser.__init__, parsers))
    put(2)

    assert parsers == []
    bodies = boto3.client("sqs").receive_message(QueueUrl=scaled.delivery_queue_url, MaxNumberOfMessages=10)
    details = [json.loads(message["Body"])["detail"] for message in bodies["Messages"]]
    assert sorted(detail["n"] for detail in details) == [1, 2]


def _counted(method: Any, calls: list[object]) -> Any:
    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(self)
        method(self, *args, **kwargs)

    return counted
