"""The moto the suite and `make run` run on behaves as DynamoDB does (`chalicelib/devtools/moto_dynamodb.py`)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.table import Table
from moto.dynamodbstreams.models import dynamodbstreams_backends

from chalicelib.devtools.moto_dynamodb import release_stream
from chalicelib.storage.table import Item

ACCOUNT, REGION = "123456789012", "us-east-1"


@pytest.fixture
def table(aws: Any) -> Any:
    return boto3.resource("dynamodb").Table(Item.Meta.table_name)


def put(table: Any, pk: str, sk: str, **attributes: str) -> None:
    table.put_item(Item={"pk": pk, "sk": sk, **attributes})


def listed(table: Any, box: str) -> list[str]:
    page = table.query(
        IndexName="gsi1", KeyConditionExpression="gsi1pk = :box", ExpressionAttributeValues={":box": box}
    )
    return [item["pk"] for item in page["Items"]]


def stream_records(aws: Any, after: str | None = None) -> list[dict[str, Any]]:
    streams = boto3.client("dynamodbstreams")
    shard = streams.describe_stream(StreamArn=aws.table_stream_arn)["StreamDescription"]["Shards"][0]["ShardId"]
    position: dict[str, str] = {"ShardIteratorType": "TRIM_HORIZON"}
    if after:
        position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
    iterator = streams.get_shard_iterator(StreamArn=aws.table_stream_arn, ShardId=shard, **position)  # type: ignore[arg-type]
    return streams.get_records(ShardIterator=iterator["ShardIterator"])["Records"]


def refused_transaction(table: Any) -> None:
    """Writes two items and updates a third, then fails on a condition: nothing of it may stay."""
    client = table.meta.client
    with pytest.raises(ClientError, match="TransactionCanceled"):
        client.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": table.name,
                        "Item": {"pk": "CASE#new", "sk": "CASE", "gsi1pk": "ORG#DEA", "gsi1sk": "open#new"},
                    }
                },
                {
                    "Update": {
                        "TableName": table.name,
                        "Key": {"pk": "CASE#old", "sk": "CASE"},
                        "UpdateExpression": "SET gsi1pk = :box, title = :title",
                        "ExpressionAttributeValues": {":box": "ORG#USPIS", ":title": "leaked"},
                    }
                },
                {
                    "ConditionCheck": {
                        "TableName": table.name,
                        "Key": {"pk": "CASE#absent", "sk": "CASE"},
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
            ]
        )


def test_a_refused_transaction_leaves_no_item_no_index_entry_and_no_stream_record(aws, table):
    put(table, "CASE#old", "CASE", gsi1pk="ORG#DEA", gsi1sk="open#old", title="kept")
    before = stream_records(aws)

    refused_transaction(table)

    assert table.get_item(Key={"pk": "CASE#new", "sk": "CASE"}).get("Item") is None
    assert table.get_item(Key={"pk": "CASE#old", "sk": "CASE"})["Item"]["title"] == "kept"
    assert listed(table, "ORG#USPIS") == []
    assert listed(table, "ORG#DEA") == ["CASE#old"]
    assert stream_records(aws) == before


def test_sequence_numbers_never_repeat_not_even_a_refused_writes(aws, table):
    put(table, "CASE#a", "CASE")
    (first,) = stream_records(aws)
    numbers = {int(first["dynamodb"]["SequenceNumber"])}
    for _ in range(3):
        refused_transaction(table)  # each wrote two records before it was refused
        put(table, "CASE#a", "CASE", title="again")
        (record,) = stream_records(aws, after=str(max(numbers)))
        number = int(record["dynamodb"]["SequenceNumber"])
        assert number > max(numbers)
        numbers.add(number)


def test_a_transaction_never_copies_the_table(aws, table, monkeypatch):
    def refuse(*_: Any) -> None:
        raise AssertionError("a transaction copied the whole table")

    monkeypatch.setattr(Table, "__deepcopy__", refuse, raising=False)
    put(table, "CASE#old", "CASE", gsi1pk="ORG#DEA", gsi1sk="open#old", title="kept")
    refused_transaction(table)
    table.meta.client.transact_write_items(
        TransactItems=[{"Put": {"TableName": table.name, "Item": {"pk": "CASE#b", "sk": "CASE"}}}]
    )
    assert table.get_item(Key={"pk": "CASE#b", "sk": "CASE"})["Item"] == {"pk": "CASE#b", "sk": "CASE"}


def test_a_query_reads_its_partition_or_index_bucket_never_every_item(aws, table, monkeypatch):
    def refuse(_: Any) -> None:
        raise AssertionError("a Query walked every item of the table")

    for n in range(30):
        put(table, f"CASE#{n:02}", "CASE", gsi1pk=f"ORG#{['DEA', 'HSI', 'ATF'][n % 3]}", gsi1sk=f"open#{n:02}")
        put(table, f"CASE#{n:02}", f"IDN#{n}")
    monkeypatch.setattr(Table, "all_items", refuse)

    assert listed(table, "ORG#HSI") == [f"CASE#{n:02}" for n in range(1, 30, 3)]
    page = table.query(KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": "CASE#07"})
    assert [item["sk"] for item in page["Items"]] == ["CASE", "IDN#7"]


def test_an_item_follows_its_index_key_through_updates_and_deletes(aws, table):
    put(table, "CASE#a", "CASE", gsi1pk="ORG#DEA", gsi1sk="open#a")
    table.update_item(
        Key={"pk": "CASE#a", "sk": "CASE"},
        UpdateExpression="SET gsi1pk = :box",
        ExpressionAttributeValues={":box": "ORG#HSI"},
    )
    assert (listed(table, "ORG#DEA"), listed(table, "ORG#HSI")) == ([], ["CASE#a"])
    table.update_item(Key={"pk": "CASE#a", "sk": "CASE"}, UpdateExpression="REMOVE gsi1pk")
    assert listed(table, "ORG#HSI") == []
    put(table, "CASE#a", "CASE", gsi1pk="ORG#ATF", gsi1sk="open#a")
    assert listed(table, "ORG#ATF") == ["CASE#a"]
    table.delete_item(Key={"pk": "CASE#a", "sk": "CASE"})
    assert listed(table, "ORG#ATF") == []


def test_settled_stream_records_are_released_and_the_rest_read_from_the_trim_horizon(aws, table):
    for n in range(5):
        put(table, f"CASE#{n}", "CASE")
    records = stream_records(aws)
    settled = records[2]["dynamodb"]["SequenceNumber"]

    assert release_stream(aws.table_stream_arn, settled) == 3

    assert stream_records(aws) == records[3:]
    put(table, "CASE#5", "CASE")
    (newest,) = stream_records(aws, after=records[-1]["dynamodb"]["SequenceNumber"])
    assert int(newest["dynamodb"]["SequenceNumber"]) > int(records[-1]["dynamodb"]["SequenceNumber"])
    shard = dynamodb_backends[ACCOUNT][REGION].get_table(table.name).stream_shard
    assert len(shard.items) == 3


def test_only_the_newest_shard_iterators_are_kept(aws, table, monkeypatch):
    """The bound is `ITERATORS_KEPT` (as `make run` keeps them); 20 here: the same rule in 70
    reads of the stream rather than 1,050."""
    from chalicelib.devtools import moto_dynamodb

    monkeypatch.setattr(moto_dynamodb, "ITERATORS_KEPT", 20)
    put(table, "CASE#a", "CASE")
    for _ in range(20 + 50):
        stream_records(aws)
    assert len(dynamodbstreams_backends[ACCOUNT][REGION].shard_iterators) == 20


def test_a_snapshot_put_back_holds_what_was_captured_and_still_refuses_an_item_over_400_kb(table):
    """`devtools.snapshots`, as the local stack restarts and the authorization matrix restores a
    world: an item's attributes load in one go, and are still checked on the next write."""
    from chalicelib.devtools.snapshots import capture, put_back

    put(table, "case#kept", "meta", title="Counterfeit M30 vendor")
    captured = capture()
    put(table, "case#later", "meta")
    put_back(captured, exactly=True)

    cases = [(item["pk"], item.get("title")) for item in table.scan()["Items"] if item["pk"].startswith("case#")]
    assert cases == [("case#kept", "Counterfeit M30 vendor")]  # beside the registry's seed
    with pytest.raises(ClientError, match="size"):
        table.update_item(
            Key={"pk": "case#kept", "sk": "meta"},
            UpdateExpression="SET summary = :big",
            ExpressionAttributeValues={":big": "x" * 410_000},
        )


@pytest.fixture
def both_answers(aws: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[Any, Any]]]:
    """Every item operation's answer as the mend dumps it and as moto's serializer walks it, by operation."""
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler

    from chalicelib.devtools import moto_dynamodb

    answers: dict[str, list[tuple[Any, Any]]] = {}
    for handler in (DynamoHandler, DynamoDBStreamsHandler):
        dumped, walked = handler.serialized, moto_dynamodb._ORIGINALS[(handler, "serialized")]

        def serialized(self: Any, result: Any, dumped: Any = dumped, walked: Any = walked) -> Any:
            answer = dumped(self, result)
            if self._get_action() in moto_dynamodb.JSON_DUMPED:
                answers.setdefault(self._get_action(), []).append((answer, walked(self, result)))
            return answer

        monkeypatch.setattr(handler, "serialized", serialized)
    return answers


@pytest.fixture(params=["UTC", "America/New_York"])
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The machine's time zone: moto stamps stream records with naive UTC times."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_item_answers_dumped_as_json_are_what_the_serializer_gives(table, aws, both_answers, machine_zone):
    """Every operation the mend dumps, with every kind of attribute value: the same status,
    headers and JSON as moto's own serializer (binary in base64, times to the millisecond,
    in any zone the machine is set to)."""
    every_kind = {
        "s": "text",
        "n": Decimal("12.5"),
        "b": b"\x00\xffbytes",
        "yes": True,
        "nothing": None,
        "m": {"inner": "x", "count": 2, "raw": b"\x01"},
        "l": ["a", 1, b"\x02"],
        "ss": {"a", "b"},
        "ns": {1, 2},
        "bs": {b"\x03", b"\x04"},
    }
    key = {"pk": "K#1", "sk": "S#1"}
    table.put_item(Item={**key, **every_kind})
    table.get_item(Key=key)
    table.update_item(
        Key=key, UpdateExpression="SET s = :s", ExpressionAttributeValues={":s": "new"}, ReturnValues="ALL_NEW"
    )
    table.query(KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": "K#1"})
    table.scan(Limit=5)
    client = boto3.client("dynamodb")
    name = Item.Meta.table_name
    client.batch_get_item(RequestItems={name: {"Keys": [{"pk": {"S": "K#1"}, "sk": {"S": "S#1"}}]}})
    client.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": {"pk": {"S": "K#2"}, "sk": {"S": "S#2"}}}}]})
    client.transact_get_items(
        TransactItems=[{"Get": {"TableName": name, "Key": {"pk": {"S": "K#1"}, "sk": {"S": "S#1"}}}}]
    )
    client.transact_write_items(
        TransactItems=[{"Put": {"TableName": name, "Item": {"pk": {"S": "K#3"}, "sk": {"S": "S#3"}}}}]
    )
    table.delete_item(Key=key, ReturnValues="ALL_OLD")
    assert stream_records(aws)  # GetShardIterator and GetRecords, images of every kind included

    from chalicelib.devtools.moto_dynamodb import JSON_DUMPED

    assert set(both_answers) == JSON_DUMPED
    for action, pairs in both_answers.items():
        for (status, headers, body), (walked_status, walked_headers, walked_body) in pairs:
            assert (status, json.loads(body)) == (walked_status, json.loads(walked_body)), action
            assert headers["Content-Type"] == walked_headers["Content-Type"], action


def test_a_snapshot_leaves_each_attribute_value_with_its_attributes_inline(table):
    """Pickled the default way, a `DynamoType` gets a `__dict__` of its own for good (Python
    3.11 keeps attributes inline until something asks for it): every save of the local stack
    grew every item by about a quarter. Its values come back the same from a put back."""
    import gc

    from moto.dynamodb.models.dynamo_type import DynamoType

    from chalicelib.devtools.snapshots import capture, put_back

    put(table, "case#kept", "meta", title="Counterfeit M30 vendor")
    stored = dynamodb_backends[ACCOUNT][REGION].get_table(table.name)
    title = stored.get_item(DynamoType({"S": "case#kept"}), DynamoType({"S": "meta"})).attrs["title"]

    put_back(capture(), exactly=True)

    assert dict not in {type(referent) for referent in gc.get_referents(title)}
    assert table.get_item(Key={"pk": "case#kept", "sk": "meta"})["Item"]["title"] == "Counterfeit M30 vendor"


@pytest.mark.parametrize("filler", [2_000, 20_000, 100_000])
def test_an_item_is_sized_once_and_refused_exactly_where_moto_refuses_it(filler):
    """An item built of many attributes is summed once (mend 6), not once per attribute, and the
    limit falls at the same byte as moto's own `LimitedSizeDict`."""
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.dynamo_type import Item as MotoItem

    from chalicelib.devtools import moto_dynamodb

    moto_dynamodb.install()
    moto_s = moto_dynamodb._ORIGINALS[(MotoItem, "__init__")]
    key = DynamoType({"S": "k"})
    shapes = {
        "s": lambda n: {"S": "x" * n},
        "b": lambda n: {"B": b"y" * n},
        "m": lambda n: {"M": {"inner": {"S": "z" * n}, "n": {"N": "12.5"}}},
        "l": lambda n: {"L": [{"S": "w" * n}, {"BOOL": True}, {"NULL": True}]},
    }
    seen = set()
    for total in range(395_000, 405_400, 401):
        attrs: dict[str, Any] = {}
        left, turn = total, 0
        while left > 0:
            name = f"a{turn}"
            kind = "sbml"[turn % 4]
            attrs[name] = shapes[kind](min(filler, left))
            left -= filler
            turn += 1
        outcomes = []
        for build in (moto_s, MotoItem.__init__):
            item = object.__new__(MotoItem)
            try:
                build(item, key, None, attrs)
                outcomes.append(dict(item.attrs))
            except ItemSizeTooLarge:
                outcomes.append("refused")
        assert outcomes[0] == outcomes[1], total
        seen.add(outcomes[0] == "refused")
    assert seen == {True, False}  # the limit fell inside the range tried
