"""The moto `make run` serves from keeps what its backends keep, and no more, and parses an
event's paths once (`chalicelib/devtools/moto_scale.py`)."""

from __future__ import annotations

import gc
import hashlib
import json
import pickle
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


def backend_item(pk: str, sk: str) -> Any:
    table = dynamodb_backends[ACCOUNT][REGION].get_table(Item.Meta.table_name)
    return table.get_item(DynamoType({"S": pk}), DynamoType({"S": sk}))


def test_an_item_is_kept_packed_between_requests_and_read_and_changed_as_moto_does(scaled):
    client = boto3.client("dynamodb")
    table = Item.Meta.table_name
    stored = {
        "pk": {"S": "CASE#a"},
        "sk": {"S": "CASE"},
        "title": {"S": "first"},
        "notes": {"L": [{"S": "one"}, {"M": {"by": {"S": "DEA"}, "at": {"N": "3"}}}]},
        "place": {"M": {"state": {"S": "NV"}, "seen": {"BOOL": True}, "gone": {"NULL": True}}},
        "tags": {"SS": ["a", "b"]},
        "blob": {"B": b"\x00\x01"},
        "count": {"N": "1"},
    }
    client.put_item(TableName=table, Item=stored)
    assert backend_item("CASE#a", "CASE")._casebridge_open is None  # packed once the request ended
    assert client.get_item(TableName=table, Key={"pk": stored["pk"], "sk": stored["sk"]})["Item"] == stored

    client.update_item(
        TableName=table,
        Key={"pk": stored["pk"], "sk": stored["sk"]},
        UpdateExpression="SET place.#s = :s, notes = list_append(notes, :more) ADD #c :one REMOVE title",
        ConditionExpression="place.seen = :yes",
        ExpressionAttributeNames={"#s": "state", "#c": "count"},
        ExpressionAttributeValues={
            ":s": {"S": "CA"},
            ":more": {"L": [{"S": "two"}]},
            ":one": {"N": "1"},
            ":yes": {"BOOL": True},
        },
    )
    with pytest.raises(client.exceptions.TransactionCanceledException):
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {**stored, "title": {"S": "never"}}}},
                {
                    "ConditionCheck": {
                        "TableName": table,
                        "Key": {"pk": {"S": "CASE#none"}, "sk": {"S": "CASE"}},
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
            ]
        )
    read = client.get_item(TableName=table, Key={"pk": stored["pk"], "sk": stored["sk"]})["Item"]
    assert read["place"]["M"]["state"] == {"S": "CA"}
    assert read["notes"]["L"][-1] == {"S": "two"}
    assert read["count"] == {"N": "2"}
    assert "title" not in read
    assert read["blob"] == {"B": b"\x00\x01"}


def test_a_snapshot_keeps_the_items_packed_and_they_read_back_whole(scaled):
    from chalicelib.devtools.snapshots import capture, put_back

    client = boto3.client("dynamodb")
    key = {"pk": {"S": "CASE#b"}, "sk": {"S": "CASE"}}
    client.put_item(TableName=Item.Meta.table_name, Item={**key, "place": {"M": {"state": {"S": "NV"}}}})
    captured = capture()
    client.delete_item(TableName=Item.Meta.table_name, Key=key)
    put_back(captured)
    assert backend_item("CASE#b", "CASE")._casebridge_open is None
    read = client.get_item(TableName=Item.Meta.table_name, Key=key)["Item"]
    assert read["place"] == {"M": {"state": {"S": "NV"}}}


def test_uninstalled_the_tables_items_are_moto_trees_again(aws):
    from chalicelib.devtools import moto_scale

    moto_scale.install()
    boto3.client("dynamodb").put_item(
        TableName=Item.Meta.table_name, Item={"pk": {"S": "CASE#c"}, "sk": {"S": "CASE"}, "n": {"N": "7"}}
    )
    moto_scale.uninstall()
    assert vars(backend_item("CASE#c", "CASE"))["attrs"]["n"] == DynamoType({"N": "7"})


def test_an_object_reads_back_byte_for_byte_small_or_spooled(scaled, monkeypatch):
    from chalicelib.devtools import moto_scale

    monkeypatch.setattr(moto_scale, "SMALL_OBJECT", 1024)
    s3 = boto3.client("s3")
    bucket = scaled.topology.evidence_bucket
    small, large = b'{"audit": "record"}' * 20, bytes(range(256)) * 40
    for key, body in (("small", small), ("large", large)):
        put = s3.put_object(Bucket=bucket, Key=key, Body=body)
        got = s3.get_object(Bucket=bucket, Key=key)
        assert got["Body"].read() == body
        assert got["ETag"] == put["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'
        assert s3.get_object(Bucket=bucket, Key=key, Range="bytes=2-5")["Body"].read() == body[2:6]


def test_an_archived_event_is_kept_packed_and_read_back_whole(scaled):
    from moto.events.models import events_backends

    from chalicelib.devtools.moto_scale import PackedEvents

    detail = {"case_id": "case_1", "recipients": ["DEA", "HSI"], "n": 1.5}
    entry = {"Source": SOURCE, "DetailType": "Case Opened", "Detail": json.dumps(detail)}
    boto3.client("events").put_events(Entries=[{**entry, "EventBusName": scaled.topology.bus_name}])
    archive = events_backends[ACCOUNT][REGION].archives[scaled.topology.archive_name]
    assert isinstance(archive.events, PackedEvents)
    assert [event["detail"] for event in archive.events] == [detail]


def test_a_queue_remembers_only_the_newest_deleted_receipt_handles(scaled, monkeypatch):
    from chalicelib.devtools import moto_scale

    monkeypatch.setattr(moto_scale, "HANDLES_KEPT", 3)
    sqs = boto3.client("sqs")
    queue = sqs_backends[ACCOUNT][REGION].queues[scaled.delivery_queue_url.rsplit("/", 1)[1]]
    handles = []
    for n in range(5):
        sqs.send_message(QueueUrl=scaled.delivery_queue_url, MessageBody=str(n))
        (received,) = sqs.receive_message(QueueUrl=scaled.delivery_queue_url)["Messages"]
        sqs.delete_message(QueueUrl=scaled.delivery_queue_url, ReceiptHandle=received["ReceiptHandle"])
        handles.append(received["ReceiptHandle"])
    assert len(queue.deleted_messages) == 3
    assert handles[-1] in queue.deleted_messages and handles[0] not in queue.deleted_messages
    sqs.delete_message(QueueUrl=scaled.delivery_queue_url, ReceiptHandle=handles[-1])  # again: as SQS, no error


def test_an_item_an_older_stack_saved_reads_back_and_is_packed_from_then_on():
    from moto.dynamodb.models.dynamo_type import Item as MotoItem

    from chalicelib.devtools import moto_scale

    moto_scale.uninstall()
    attributes = {"pk": {"S": "CASE#d"}, "sk": {"S": "CASE"}, "n": {"N": "7"}}
    saved = pickle.dumps(MotoItem(DynamoType(attributes["pk"]), DynamoType(attributes["sk"]), attributes))
    moto_scale.install()
    try:
        item = pickle.loads(saved)
        assert item.attrs["n"] == DynamoType({"N": "7"})
        moto_scale.pack_opened()
        assert item._casebridge_open is None and "attrs" not in vars(item)
        assert item.to_json()["Attributes"] == attributes
    finally:
        moto_scale.uninstall()


def test_a_handlers_methods_are_listed_once_per_class_and_are_those_moto_lists(scaled, monkeypatch):
    """Mend 6: `call_action` finds an action's method in a list walked once per handler class,
    the same list moto walks for every request; requests still reach their methods."""
    import inspect

    from moto.core import responses
    from moto.core.utils import method_names_from_class
    from moto.sqs.responses import SQSResponse

    walked: list[object] = []
    getmembers = inspect.getmembers
    monkeypatch.setattr(inspect, "getmembers", lambda *args, **kw: walked.append(args[0]) or getmembers(*args, **kw))
    responses.method_names_from_class.cache_clear()  # type: ignore[attr-defined]
    sqs = boto3.client("sqs", region_name=REGION)
    for number in range(3):
        sqs.create_queue(QueueName=f"listed-{number}")
    assert walked.count(SQSResponse) == 1
    assert responses.method_names_from_class(SQSResponse) == method_names_from_class(SQSResponse)
    assert len(sqs.list_queues()["QueueUrls"]) >= 3
