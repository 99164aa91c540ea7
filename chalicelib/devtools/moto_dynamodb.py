"""moto's DynamoDB and DynamoDB Streams as DynamoDB behaves: atomic, and as fast at 100,000 items as at 10.

moto 5.2 departs from DynamoDB in four ways that matter to a stack people test against for
weeks, and spends most of a test's time in a fifth; `install()` mends each, and `make run`
and every test run on it.

1. **Refused transactions leak.** moto applies a `TransactWriteItems`'s items and, if a
   condition fails, puts the old state back. A reader in between (the stream pump) saw a
   write that never happened: refused accepts once put a case into a stranger's case list,
   and refused referrals reached three agencies as `Referral Created`. Here every DynamoDB
   and Streams request of the process runs under one lock (DynamoDB serialises conflicting
   writes too), and a refused transaction's stream records go with it. Callers still
   interleave their requests freely.
2. **Transactions copy the whole table**, stream included, to be able to put it back:
   memory and time grew with the table on every write. Here a transaction keeps a copy of
   just the items it names, and puts those back.
3. **Every Query walks every item** (and sorts them): lists, inboxes and the blind index
   slowed down as the table grew. Here a table Query reads its partition, and an index
   Query reads a bucket of the index's partition key, kept up to date on every write.
4. **Streams keep every record and every iterator.** Here records are numbered by a
   counter (a sequence number is never reused, not even a refused write's), the local
   stack releases the records its pump has settled (`release_stream`; DynamoDB keeps
   them 24 hours, which at a laptop's scale is memory without end), and only the newest
   `ITERATORS_KEPT` shard iterators are kept (DynamoDB's expire after 15 minutes).
5. **Every answer walks the service model.** moto 5.2 serializes a result through botocore's
   shape of the operation, member by member, attribute value by attribute value: half the
   time of a test that reads and writes items, and of the stream pump. The item operations
   (`JSON_DUMPED`) are plain JSON of what the backend returned, as DynamoDB's wire format
   is: the output shape's members, binary values in base64, times in epoch seconds to the
   millisecond, byte for byte what the serializer parsed gives (checked for every answer of
   a few thousand tests, `tests/test_moto_dynamodb.py` keeps one of each kind).
6. **An item's size is summed again for each attribute it is built with.** moto's
   `LimitedSizeDict` refuses an item over 400 KB by summing every attribute already set
   whenever one more is set: building an item of n attributes sums n²/2 of them, the same
   refusal as summing all n once, which is what `Item` does here.
"""

from __future__ import annotations

import base64
import bisect
import copy
import json
import threading
import types
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

#: Every DynamoDB and DynamoDB Streams request of the process, one at a time.
LOCK = threading.RLock()
#: moto's item size limit (`LimitedSizeDict`): DynamoDB's 400 KB, as moto measures it.
ITEM_SIZE_LIMIT = 405_000
#: Shard iterators a streams backend keeps; the oldest go first.
ITERATORS_KEPT = 1000

#: The operations whose answers are JSON of the backend's result, not walked through the model.
JSON_DUMPED = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
        "GetRecords",
        "GetShardIterator",
    }
)

_ORIGINALS: dict[tuple[Any, str], Any] = {}

PrimaryKey = tuple[Any, Any]  # (hash DynamoType, range DynamoType or None)


def install() -> None:
    """Installs every mend (idempotent)."""
    from moto.dynamodb import models as backend_module
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import Item
    from moto.dynamodb.models.table import StreamShard, Table
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.models import DynamoDBStreamsBackend
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler

    if _ORIGINALS:
        return
    for handler in (DynamoHandler, DynamoDBStreamsHandler):
        _replace(handler, "call_action", _locked)
        _replace(handler, "serialized", _dumped_as_json)
    # moto's own rollback copies whole tables; ours copies the items a transaction names.
    _replace(backend_module, "copy", _copy_all_but_tables(Table))
    _replace(DynamoDBBackend, "transact_write_items", _undone_on_refusal)
    _replace(DynamoDBBackend, "update_item", _reindexed_after(_updated_key))
    _replace(Table, "put_item", _reindexed_after(_returned_key))
    _replace(Table, "delete_item", _reindexed_after(_returned_key))
    _replace(Table, "query", _query_by_bucket)
    _replace(StreamShard, "add", _numbered_by_counter)
    _replace(StreamShard, "get", _read_by_sequence_number)
    _replace(DynamoDBStreamsBackend, "get_shard_iterator", _iterators_bounded)
    _replace(DynamoDBStreamsBackend, "get_records", _iterators_bounded)
    _replace(Item, "__init__", _sized_once)


def uninstall() -> None:
    for (owner, name), original in _ORIGINALS.items():
        setattr(owner, name, original)
    _ORIGINALS.clear()


def release_stream(stream_arn: str, settled: str) -> int:
    """Drops the stream records up to and including sequence number `settled`; returns how many.

    The local stack calls it with what its pump has delivered (or dead-lettered): what is
    left is what a restarted pump must still deliver, read from the trim horizon.
    """
    from moto.dynamodb.models import dynamodb_backends

    _, _, _, region, account, resource = stream_arn.split(":", 5)
    table_name = resource.split("/")[1]
    with LOCK:
        shard = dynamodb_backends[account][region].get_table(table_name).stream_shard
        if shard is None:
            return 0
        cut = bisect.bisect_right(shard.items, int(settled), key=_sequence_number)
        del shard.items[:cut]
        return cut


def _replace(owner: Any, name: str, make: Callable[[Any], Any]) -> None:
    original = getattr(owner, name)
    _ORIGINALS[(owner, name)] = original
    setattr(owner, name, make(original))


# 6. An item sized once.


def _sized_once(original: Callable[..., Any]) -> Callable[..., Any]:
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, LimitedSizeDict
    from moto.dynamodb.models.utilities import bytesize

    def __init__(self: Any, hash_key: Any, range_key: Any, attrs: dict[str, Any]) -> None:
        self.hash_key = hash_key
        self.range_key = range_key
        typed = {name: DynamoType(value) for name, value in attrs.items()}
        # `LimitedSizeDict.__setitem__`'s sum and limit, once: `update` does not call it.
        if sum(bytesize(name) + value.size() for name, value in typed.items()) > ITEM_SIZE_LIMIT:
            raise ItemSizeTooLarge
        self.attrs = LimitedSizeDict(typed)

    return __init__


# 1. One request at a time.


def _locked(original: Callable[..., Any]) -> Callable[..., Any]:
    def call_action(self: Any) -> Any:
        with LOCK:
            return original(self)

    return call_action


# 5. Answers as JSON.


def _dumped_as_json(original: Callable[..., Any]) -> Callable[..., Any]:
    from moto.core.utils import get_service_model

    def serialized(self: Any, action_result: Any) -> Any:
        result, action = action_result.result, self._get_action()
        if isinstance(result, Exception) or action not in JSON_DUMPED:
            return original(self, action_result)
        members = get_service_model(self.boto3_service_name).operation_model(action).output_shape.members
        body = json.dumps({name: value for name, value in result.items() if name in members}, default=_on_the_wire)
        return 200, {"Content-Type": "application/x-amz-json-1.0", **self.response_headers}, body

    return serialized


def _on_the_wire(value: Any) -> Any:
    """What JSON holds for a binary value (base64) and a time (epoch seconds, to the millisecond;
    a naive time is UTC, whatever the machine's zone, as moto's serializer reads it)."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, datetime):  # moto stamps stream records with a naive UTC time
        return int(value.replace(tzinfo=value.tzinfo or UTC).timestamp() * 1000) / 1000
    raise TypeError(f"{type(value).__name__} has no JSON form on DynamoDB's wire")


# 2. Transactions that put back only what they touched.


def _copy_all_but_tables(table_type: type) -> Callable[[Any], types.SimpleNamespace]:
    """moto's module sees a `copy` whose deepcopy hands a table back as it is."""

    def deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
        return value if isinstance(value, table_type) else copy.deepcopy(value, memo)

    return lambda _copy_module: types.SimpleNamespace(deepcopy=deepcopy, copy=copy.copy)


def _undone_on_refusal(original: Callable[..., Any]) -> Callable[..., Any]:
    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        before = list(_items_named(self, transact_items))
        shards = {
            id(table.stream_shard): (table.stream_shard, len(table.stream_shard.items))
            for table in self.tables.values()
            if table.stream_shard is not None
        }
        try:
            original(self, transact_items)
        except Exception:
            for table, key, item in reversed(before):
                _put_back(table, key, item)
                _reindex(table, key)
            for shard, length in shards.values():
                del shard.items[length:]
            raise

    return transact_write_items


def _items_named(backend: Any, transact_items: list[dict[str, Any]]) -> Iterable[tuple[Any, PrimaryKey, Any]]:
    """(table, key, a copy of the item as it is) for each item a transaction names."""
    for entry in transact_items:
        try:
            (operation,) = entry.values()
            table = backend.get_table(operation["TableName"])
            names = [name for name in (table.hash_key_attr, table.range_key_attr) if name]
            key = operation.get("Key") or {name: operation["Item"][name] for name in names}
            hash_value, range_value = backend.get_keys_value(table, key)
        except Exception:  # noqa: S112 - moto refuses this entry itself, before writing anything
            continue
        yield table, (hash_value, range_value), copy.deepcopy(table.get_item(hash_value, range_value))


def _put_back(table: Any, key: PrimaryKey, item: Any) -> None:
    hash_value, range_value = key
    if range_value is None:
        if item is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = item
        return
    partition = table.items.get(hash_value)
    if item is not None:
        table.items[hash_value][range_value] = item
    elif partition is not None:
        partition.pop(range_value, None)
        if not partition:
            del table.items[hash_value]


# 3. Queries that read their partition or their index bucket.


Touched = tuple[Any, PrimaryKey] | None


def _returned_key(table: Any, args: tuple[Any, ...], kwargs: dict[str, Any], result: Any) -> Touched:
    """The item a table's put or delete returned; None if it wrote nothing."""
    return None if result is None else (table, (result.hash_key, result.range_key))


def _updated_key(backend: Any, args: tuple[Any, ...], kwargs: dict[str, Any], result: Any) -> Touched:
    try:
        table = backend.get_table(args[0] if args else kwargs["table_name"])
        return table, backend.get_keys_value(table, args[1] if len(args) > 1 else kwargs["key"])
    except Exception:  # a request moto refused before it found the item
        return None


def _reindexed_after(
    touched: Callable[[Any, tuple[Any, ...], dict[str, Any], Any], Touched],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wraps a write so that, whatever it did to the item (an update can fail half-way
    through), the item's index buckets follow."""

    def wrap(original: Callable[..., Any]) -> Callable[..., Any]:
        def write(self: Any, *args: Any, **kwargs: Any) -> Any:
            result = None
            try:
                result = original(self, *args, **kwargs)
                return result
            finally:
                changed = touched(self, args, kwargs, result)
                if changed is not None:
                    _reindex(*changed)

        return write

    return wrap


Buckets = dict[str, dict[tuple[Any, ...], dict[PrimaryKey, Any]]]


def _buckets(table: Any) -> Buckets:
    """The table's index buckets: index name, then the item's values of the index's partition
    key attributes, then the items by primary key. Built on first use (a table unpickled from
    an older stack has none)."""
    buckets: Buckets | None = table.__dict__.get("_casebridge_buckets")
    if buckets is None:
        buckets = table.__dict__["_casebridge_buckets"] = {}
        table.__dict__["_casebridge_memberships"] = {}
        for partition in list(table.items.values()):
            for item in partition.values() if table.range_key_attr else [partition]:
                _reindex(table, (item.hash_key, item.range_key))
    return buckets


def _reindex(table: Any, key: PrimaryKey) -> None:
    buckets = _buckets(table)
    memberships: dict[PrimaryKey, list[tuple[str, tuple[Any, ...]]]] = table.__dict__["_casebridge_memberships"]
    # The values each bucket is kept under (none in a table pickled by an older stack).
    firsts: dict[tuple[str, tuple[Any, ...]], tuple[Any, ...]] = table.__dict__.setdefault("_casebridge_firsts", {})
    for index_name, values in memberships.pop(key, []):
        bucket = buckets[index_name][values]
        bucket.pop(key, None)
        if not bucket:
            del buckets[index_name][values]
            firsts.pop((index_name, values), None)
    hash_value, range_value = key
    partition = table.items.get(hash_value)
    item = partition if range_value is None else (partition or {}).get(range_value)
    if item is None:
        return
    # Kept by the item's own keys and by its bucket's first values: those a request or an
    # item's attributes brought would live on (and cost) as long as the item.
    key = (item.hash_key, item.range_key)
    for index in table.all_indexes():
        values = tuple(item.attrs.get(name) for name in _partition_attributes(index))
        if all(values):
            values = firsts.setdefault((index.name, values), values)
            buckets.setdefault(index.name, {}).setdefault(values, {})[key] = item
            memberships.setdefault(key, []).append((index.name, values))


def _partition_attributes(index: Any) -> list[str]:
    return [part["AttributeName"] for part in index.schema if part["KeyType"] == "HASH"]


def _query_by_bucket(original: Callable[..., Any]) -> Callable[..., Any]:
    def query(self: Any, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        candidates = _candidates(self, hash_key, index_name, kwargs.get("hash_key_conditions") or [])
        if candidates is None:
            return original(self, hash_key, *args, **kwargs)
        # moto's query takes its candidates from `all_items()`, then matches, sorts and pages.
        self.all_items = lambda: candidates
        try:
            return original(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

    return query


def _candidates(
    table: Any, hash_key: Any, index_name: str | None, conditions: list[tuple[str, Any]]
) -> list[Any] | None:
    if not index_name:
        partition = table.items.get(hash_key)
        if partition is None:
            return []
        return list(partition.values()) if table.range_key_attr else [partition]
    index = next((index for index in table.all_indexes() if index.name == index_name), None)
    wanted = dict(conditions)
    if index is None or not all(name in wanted for name in _partition_attributes(index)):
        return None  # moto's own answer, its validation error included
    values = tuple(wanted[name] for name in _partition_attributes(index))
    return list(_buckets(table).get(index_name, {}).get(values, {}).values())


# 4. Streams numbered by a counter, released once settled, with bounded iterators.


def _sequence_number(record: Any) -> int:
    return int(record.record["dynamodb"]["SequenceNumber"])


def _numbered_by_counter(original: Callable[..., Any]) -> Callable[..., Any]:
    from moto.dynamodb.models.table import StreamRecord

    def add(self: Any, old: Any, new: Any) -> None:
        if self.table.lambda_event_source_mappings:
            original(self, old, new)  # moto's Lambda integration; not used here
            return
        following = self.__dict__.get("_casebridge_next")
        if following is None:
            following = _sequence_number(self.items[-1]) + 1 if self.items else self.starting_sequence_number
        event_name = "INSERT" if old is None else "REMOVE" if new is None else "MODIFY"
        view = self.table.stream_specification["StreamViewType"]
        self.items.append(StreamRecord(self.table, view, event_name, old, new, following))
        self.__dict__["_casebridge_next"] = following + 1

    return add


def _read_by_sequence_number(original: Callable[..., Any]) -> Callable[..., Any]:
    def get(self: Any, start: int, quantity: int) -> list[dict[str, Any]]:
        first = bisect.bisect_left(self.items, start, key=_sequence_number)
        return [record.to_json() for record in self.items[first : first + quantity]]

    return get


def _iterators_bounded(original: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        while len(self.shard_iterators) > ITERATORS_KEPT:
            del self.shard_iterators[next(iter(self.shard_iterators))]
        return result

    return call
