"""The local stack's AWS state on disk: every moto backend in use, pickled to one file.

moto's backends are plain Python objects; pickling them is what moto itself suggests for
keeping state, and restoring them puts tables (stream position included), queues with
their waiting messages, the bus, its rules and archive, and the audit bucket back as they
were. moto's request recorder was the other candidate, but it replays every request ever
made (the pump's polling included), so a restart would grow with history, not state.

Two things of moto do not pickle as they stand: SQS queues hold a `threading.Condition`
and a few models hold locks. The pickler here writes any lock as a fresh one. Shard
iterators are not kept: they are handles, not state, and the pump asks for new ones.

The tests take the same snapshot in memory (`capture`, `put_back`): a module builds its
world once, and every test gets it back as it was (`tests/test_authorization.py`).
"""

from __future__ import annotations

import io
import pickle
import threading
from pathlib import Path
from typing import Any, BinaryIO

from chalicelib.devtools.local_files import secret_file

#: Backends that hold no state worth keeping across a restart.
NOT_KEPT = frozenset({"dynamodbstreams"})
_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


class _Pickler(pickle.Pickler):
    def __init__(self, file: BinaryIO, protocol: int) -> None:
        from moto.dynamodb.models.dynamo_type import DynamoType, LimitedSizeDict

        super().__init__(file, protocol)
        self._item_attributes = LimitedSizeDict
        self._attribute_value = DynamoType

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, _LOCK_TYPES):
            return (type(obj), ())
        if type(obj) is self._item_attributes:
            # An item's attributes. Unpickled key by key, moto would add up the size of the
            # whole item again at each key: most of the time a snapshot takes to load. Built
            # from a plain dict, it checks nothing (nor need it: the item was checked when written).
            return (self._item_attributes, (dict(obj),))
        if type(obj) is self._attribute_value:
            # An attribute's value: pickled by its two attributes. The default reduction
            # reads `__dict__`, which makes the instance a dictionary of its own for good
            # (Python 3.11 keeps an instance's attributes inline until then): each save grew
            # every item by about a quarter, some 840 bytes for ten attributes.
            return (_attribute_value, (obj.type, obj.value))
        return NotImplemented


def _attribute_value(kind: str, value: Any) -> Any:
    """A moto `DynamoType` with its attributes inline, as its constructor leaves them."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    made = DynamoType.__new__(DynamoType)
    made.type, made.value = kind, value
    return made


def capture() -> bytes:
    """Every backend in use, pickled: what `save_state` writes, and what `put_back` takes."""
    buffer = io.BytesIO()
    _dump(buffer)
    return buffer.getvalue()


def _dump(file: BinaryIO) -> None:
    from moto.core.base_backend import BackendDict

    state = {
        backends.service_name: {account: dict(regions) for account, regions in backends.items()}
        for backends in list(BackendDict._instances)  # type: ignore[misc]
        if backends.service_name not in NOT_KEPT
    }
    _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(state)


def put_back(captured: bytes, *, exactly: bool = False) -> None:
    """Puts the backends `captured` holds in place of moto's.

    With `exactly`, moto holds what it held when captured and nothing else: a backend made
    since (a region, a service, the stream iterators) is dropped, and moto makes it again,
    empty, when it is next asked for. The tests restore a world this way after each test.
    """
    from moto.backends import get_backend
    from moto.core.base_backend import BackendDict

    # Written by this process or this stack alone: 0600 in a 0700 folder (`local_files`).
    state: dict[str, dict[str, dict[str, Any]]] = pickle.loads(captured)  # noqa: S301
    if exactly:
        for in_use in list(BackendDict._instances):  # type: ignore[misc]
            kept = state.get(in_use.service_name, {})
            for account, by_region in in_use.items():
                for region in [region for region in by_region if region not in kept.get(account, {})]:
                    del by_region[region]
    for service, accounts in state.items():
        backends = get_backend(service)  # type: ignore[call-overload]
        for account, regions in accounts.items():
            for region, backend in regions.items():
                backends[account][region] = backend


def save_state(path: Path) -> int:
    """Writes every backend in use to `path` atomically (a stop mid-write keeps the old file); returns its size.
    Pickled straight to the file: at 20,000 organisations the state is some hundred MiB, which
    a `capture()` first would hold in memory twice (its buffer and the bytes it answers)."""
    with secret_file(path, durable=True) as file:
        _dump(file)
        return file.tell()


def load_state(path: Path) -> bool:
    """Puts the backends saved in `path` in place of moto's; False if there is nothing saved."""
    if not path.exists():
        return False
    put_back(path.read_bytes())
    return True


def footprint(path: Path) -> dict[str, int]:
    """Bytes each service's saved backends take in memory once loaded (`tracemalloc`), by service."""
    import tracemalloc

    with path.open("rb") as file:
        state: dict[str, Any] = pickle.load(file)  # noqa: S301 - as in `load_state`
    sizes: dict[str, int] = {}
    for service, accounts in state.items():
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(accounts)
        tracemalloc.start()
        loaded = pickle.loads(buffer.getvalue())  # noqa: S301
        sizes[service] = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del loaded
    return sizes
