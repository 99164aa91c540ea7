"""moto at the local stack's scale: what it keeps of every request, and what it redoes for each.

moto 5.2 is built for tests, which reset it every few seconds; `make run` serves for weeks,
and `make bench-registry` onboards 20,000 organisations into it. `install()` mends the two
things that grew with every request:

1. **Every model object moto ever made is kept.** `BaseModel.__new__` appends each instance
   to its class's `instances_tracked` (for the `/moto-api/data.json` dashboard, and for a
   reset to let go of them): every DynamoDB `Item` (a new one per write, and the copies a
   transaction keeps to put back), every stream record (each with its item's images), every
   SQS message, S3 object, grant and ACL, long after the table, the stream, the queue or the
   bucket let go of them. That was most of the local stack's growth per organisation
   onboarded. Here instances are not tracked: what moto holds is what its backends hold
   (and the dashboard, which nothing here reads, lists nothing).
2. **EventBridge parses each target's input paths for every event.** moto builds what it
   delivers to a target from an input template and its paths (`EventTemplateParser.parse`:
   the default eight when the target names none) and parses each with
   `jsonpath_ng.ext.parse`, which builds a new PLY lexer and parser on every call: about
   4 ms an event and target, with two targets (the archive and the delivery queue) most of a
   `PutEvents`. The paths are the same eight strings for every event: here each is parsed
   once and kept (a parsed path holds nothing of the event it is matched against).
3. **An item is a tree of objects.** moto keeps each attribute of a DynamoDB item as a
   `DynamoType` (an object, its type and value, a dict or list of more of them for a map or
   a list) in a dict of its own: about 3.4 KiB an item of the local stack, whose JSON is
   0.7 KB. Here an item between requests is its attributes `marshal`led, (type, value)
   pairs, and compressed (0.4 KB), unpacked into moto's tree when moto reads `item.attrs`
   during a request, and packed again when the request ends if it changed (every DynamoDB
   request runs under `moto_dynamodb.LOCK`, so no request sees another's tree).
   Expressions, conditions, transactions and streams are moto's own, on moto's own tree.
4. **What is written once and seldom read is kept as moto found it.** An S3 object's bytes
   sit in a `SpooledTemporaryFile` (with its own dict of arguments and a `BytesIO`), beside
   an ACL of its own (three objects and two lists): here a small one's are kept
   zlib-compressed in a slotted buffer (a large one still spools to disk), and every
   object made `private` shares one ACL. An EventBridge archive keeps each event as a tree
   of dicts: here each is kept `marshal`led and compressed, unpacked when a replay reads it.
5. **SQS remembers every receipt handle it ever deleted** (`Queue.deleted_messages`, so
   that deleting one twice succeeds); here only the newest `HANDLES_KEPT`.
6. **Every request lists its handler's methods.** `BaseResponse.call_action` finds the
   method an action names among `inspect.getmembers` of the handler's class, walked afresh
   for every request (a millisecond of each, for a list that never changes while moto
   runs): here it is walked once per class.
"""

from __future__ import annotations

import functools
import importlib
import io
import marshal
import tempfile
import types
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: Parsed paths kept; the local stack's rules use the eight default ones.
PATHS_KEPT = 256
#: An S3 object up to this size is kept compressed in memory; a larger one spools as moto's do.
SMALL_OBJECT = 64 * 1024
#: Receipt handles of deleted messages an SQS queue remembers (the local pump deletes what it delivered at once).
HANDLES_KEPT = 10_000

_ORIGINALS: dict[tuple[Any, str], Any] = {}


def install() -> None:
    """Installs every mend (idempotent)."""
    from moto.core import responses as moto_responses
    from moto.core.common_models import BaseModel
    from moto.dynamodb.models.dynamo_type import Item
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler
    from moto.events.models import Rule
    from moto.s3 import models as s3_models
    from moto.sqs.models import Queue

    paths = importlib.import_module("jsonpath_ng.ext")  # where moto's events import `parse` from

    if _ORIGINALS:
        return
    _ORIGINALS[(BaseModel, "__new__")] = BaseModel.__dict__["__new__"]
    BaseModel.__new__ = staticmethod(_untracked)  # type: ignore[method-assign,assignment]
    _ORIGINALS[(paths, "parse")] = paths.parse
    vars(paths)["parse"] = functools.lru_cache(maxsize=PATHS_KEPT)(paths.parse)
    _ORIGINALS[(Item, "attrs")] = None  # an instance attribute until now
    Item.attrs = property(_unpacked_attributes, _opened_attributes)  # type: ignore[assignment]
    _ORIGINALS[(Item, "__reduce__")] = None
    Item.__reduce__ = _packed_item  # type: ignore[method-assign,assignment]
    for handler in (DynamoHandler, DynamoDBStreamsHandler):
        _ORIGINALS[(handler, "call_action")] = handler.call_action
        handler.call_action = _packing_after(handler.call_action)  # type: ignore[method-assign]
    _ORIGINALS[(s3_models, "tempfile")] = vars(s3_models)["tempfile"]
    vars(s3_models)["tempfile"] = types.SimpleNamespace(SpooledTemporaryFile=CompactBody)
    _ORIGINALS[(s3_models, "get_canned_acl")] = vars(s3_models)["get_canned_acl"]
    vars(s3_models)["get_canned_acl"] = _private_shared(s3_models.get_canned_acl)
    _ORIGINALS[(Rule, "_send_to_events_archive")] = Rule._send_to_events_archive
    Rule._send_to_events_archive = _archived_packed(Rule._send_to_events_archive)  # type: ignore[method-assign]
    _ORIGINALS[(Queue, "delete_message")] = Queue.delete_message
    Queue.delete_message = _handles_bounded(Queue.delete_message)  # type: ignore[method-assign]
    listed = vars(moto_responses)["method_names_from_class"]  # imported there from moto.core.utils
    _ORIGINALS[(moto_responses, "method_names_from_class")] = listed
    vars(moto_responses)["method_names_from_class"] = functools.cache(listed)


def uninstall() -> None:
    """Puts moto back as it comes, its tables' items as trees again."""
    trees = [(item, item.attrs) for item in _every_item()] if _ORIGINALS else []
    for (owner, name), original in _ORIGINALS.items():
        if original is None:
            delattr(owner, name)
        else:
            setattr(owner, name, original)
    _ORIGINALS.clear()
    _OPENED.clear()
    for item, tree in trees:
        vars(item)["attrs"] = tree


def _untracked(cls: type, *args: Any, **kwargs: Any) -> Any:
    """`BaseModel.__new__` without its `cls.instances_tracked.append(instance)`."""
    return object.__new__(cls)


# 3. Items packed between requests.

#: Items whose attributes are moto's tree for the length of the current request.
_OPENED: list[Any] = []


def _unpacked_attributes(item: Any) -> Any:
    """`item.attrs`: the item's tree, unpacked on first reading in a request."""
    try:
        opened = item._casebridge_open
    except AttributeError:  # an item made before the mend (a snapshot of an older stack)
        opened = vars(item).pop("attrs")
        _opened_attributes(item, opened)
        return opened
    if opened is None:
        unpacked = zlib.decompress(item._casebridge_packed)
        opened = _attributes(marshal.loads(unpacked))  # noqa: S302 - packed by `pack_opened`
        _opened_attributes(item, opened)
        item._casebridge_unpacked = unpacked  # an item read and not changed is not packed again
    return opened


def _opened_attributes(item: Any, attributes: Any) -> None:
    """`item.attrs = ...`: moto's tree, kept as it is until the request ends."""
    item._casebridge_open, item._casebridge_unpacked = attributes, None
    _OPENED.append(item)


def pack_opened() -> None:
    """Packs every item unpacked (or written) since the last time: the end of a request.
    An item whose values marshal cannot hold (none that moto makes) stays a tree."""
    while _OPENED:
        item = _OPENED.pop()
        opened = item._casebridge_open
        if opened is None:
            continue
        try:
            marshalled = _marshalled(opened)
        except (AttributeError, ValueError):
            continue
        if marshalled != item._casebridge_unpacked:
            item._casebridge_packed = zlib.compress(marshalled, 1)
        item._casebridge_open = item._casebridge_unpacked = None


def _marshalled(attributes: dict[str, Any]) -> bytes:
    return marshal.dumps({name: _plain(value) for name, value in attributes.items()})


def _plain(value: Any) -> tuple[str, Any]:
    """A `DynamoType` as (type, value), a map's and a list's members likewise."""
    if value.type == "M":
        return "M", {name: _plain(member) for name, member in value.value.items()}
    if value.type == "L":
        return "L", [_plain(member) for member in value.value]
    return value.type, value.value


def _attributes(packed: dict[str, tuple[str, Any]]) -> Any:
    from moto.dynamodb.models.dynamo_type import LimitedSizeDict

    attributes = LimitedSizeDict.__new__(LimitedSizeDict)
    dict.update(attributes, {name: _typed(*pair) for name, pair in packed.items()})  # checked when written
    return attributes


def _typed(kind: str, value: Any) -> Any:
    """A `DynamoType` as its constructor makes it (its two attributes inline), without its checks."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    made = DynamoType.__new__(DynamoType)
    made.type = kind
    if kind == "M":
        value = {name: _typed(*pair) for name, pair in value.items()}
    elif kind == "L":
        value = [_typed(*pair) for pair in value]
    made.value = value
    return made


def _packed_item(item: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """An item pickled (a snapshot) as its keys and its packed attributes: as they are
    between requests, or packed from its tree (an item of the current request)."""
    opened = getattr(item, "_casebridge_open", None)
    packed = getattr(item, "_casebridge_packed", None) if opened is None else None
    if packed is None:
        packed = zlib.compress(_marshalled(item.attrs), 1)
    return _item, (type(item), item.hash_key, item.range_key, packed)


def _item(kind: type[Any], hash_key: Any, range_key: Any, packed: bytes) -> Any:
    made = object.__new__(kind)
    made.hash_key, made.range_key = hash_key, range_key
    made._casebridge_open, made._casebridge_unpacked, made._casebridge_packed = None, None, packed
    return made


def _every_item() -> list[Any]:
    from moto.dynamodb.models import dynamodb_backends

    found: list[Any] = []
    for regions in dynamodb_backends.values():
        for backend in regions.values():
            for table in backend.tables.values():
                for partition in table.items.values():
                    found.extend(partition.values() if table.range_key_attr else [partition])
    return found


def _packing_after(original: Callable[..., Any]) -> Callable[..., Any]:
    from chalicelib.devtools.moto_dynamodb import LOCK

    def call_action(self: Any) -> Any:
        with LOCK:
            try:
                return original(self)
            finally:
                pack_opened()

    return call_action


# 4. Objects and archived events kept compressed.


class CompactBody:
    """What moto's S3 object uses of its `SpooledTemporaryFile` (seek, read, write, truncate,
    close), the bytes kept zlib-compressed; past `SMALL_OBJECT` (or the size moto spools
    at), a real spooled file takes over."""

    __slots__ = ("_at", "_max_size", "_packed", "_spooled")

    def __init__(self, max_size: int = 0, *args: Any, **kwargs: Any) -> None:
        self._packed, self._at, self._max_size = b"", 0, max_size
        self._spooled: Any = None

    def _bytes(self) -> bytes:
        return zlib.decompress(self._packed) if self._packed else b""

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if self._spooled is not None:
            return int(self._spooled.seek(offset, whence))
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._at, io.SEEK_END: len(self._bytes())}[whence]
        self._at = base + offset
        return self._at

    def tell(self) -> int:
        return int(self._spooled.tell()) if self._spooled is not None else self._at

    def read(self, size: int | None = -1) -> bytes:
        if self._spooled is not None:
            return bytes(self._spooled.read(size))
        data = self._bytes()
        end = len(data) if size is None or size < 0 else self._at + size
        chunk, self._at = data[self._at : end], min(end, len(data))
        return chunk

    def write(self, data: bytes) -> int:
        if self._spooled is not None:
            return int(self._spooled.write(data))
        whole = self._bytes()
        whole = whole[: self._at] + bytes(data) + whole[self._at + len(data) :]
        limit = min(SMALL_OBJECT, self._max_size or SMALL_OBJECT)
        if len(whole) > limit:
            self._spooled = tempfile.SpooledTemporaryFile(self._max_size)  # noqa: SIM115 - moto closes it
            self._spooled.write(whole)
            self._spooled.seek(self._at + len(data))
            self._packed = b""
            return len(data)
        self._packed, self._at = zlib.compress(whole) if whole else b"", self._at + len(data)
        return len(data)

    def truncate(self, size: int | None = None) -> int:
        if self._spooled is not None:
            return int(self._spooled.truncate(size))
        size = self._at if size is None else size
        data = self._bytes()[:size]
        self._packed = zlib.compress(data) if data else b""
        return size

    def close(self) -> None:
        if self._spooled is not None:
            self._spooled.close()
        self._packed = b""


def _private_shared(original: Callable[[str], Any]) -> Callable[[str], Any]:
    """moto's `get_canned_acl`, with one `private` ACL for every object and bucket made with it
    (moto replaces an object's ACL, never changes one in place)."""
    made: dict[str, Any] = {}

    def get_canned_acl(acl: str) -> Any:
        if acl != "private":
            return original(acl)
        if acl not in made:
            made[acl] = original(acl)
        return made[acl]

    return get_canned_acl


class PackedEvents:
    """An EventBridge archive's events (what moto keeps as a list of dicts), each kept
    `marshal`led and compressed; read back in order by a replay."""

    def __init__(self, events: Iterable[Any] = ()) -> None:
        self._packed: list[bytes] = []
        for event in events:
            self.append(event)

    def append(self, event: Any) -> None:
        self._packed.append(zlib.compress(marshal.dumps(event)))

    def __iter__(self) -> Iterator[Any]:
        return (marshal.loads(zlib.decompress(packed)) for packed in self._packed)  # noqa: S302 - packed above

    def __len__(self) -> int:
        return len(self._packed)


def _archived_packed(original: Callable[..., Any]) -> Callable[..., Any]:
    """moto's `Rule._send_to_events_archive`, into an archive whose events are packed
    (an archive of an older stack's snapshot is packed at its next event)."""
    from moto.events.models import events_backends

    def send(self: Any, resource_id: str, event: Any) -> None:
        archive = events_backends[self.account_id][self.region_name].archives.get(resource_id.split(":")[0])
        if archive is not None and not isinstance(archive.events, PackedEvents):
            archive.events = PackedEvents(archive.events)  # type: ignore[assignment]
        original(self, resource_id, event)

    return send


# 5. Receipt handles forgotten in time.


class RecentHandles(dict[str, None]):
    """The set of deleted receipt handles moto keeps, as the newest `HANDLES_KEPT`."""

    def update(self, handles: Iterable[str]) -> None:  # type: ignore[override]
        for handle in handles:
            self[handle] = None
        while len(self) > HANDLES_KEPT:
            del self[next(iter(self))]


def _handles_bounded(original: Callable[..., Any]) -> Callable[..., Any]:
    def delete_message(self: Any, receipt_handle: str) -> None:
        if not isinstance(self.deleted_messages, RecentHandles):
            self.deleted_messages = RecentHandles.fromkeys(self.deleted_messages)
        original(self, receipt_handle)

    return delete_message
