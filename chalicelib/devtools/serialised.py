"""moto's DynamoDB and DynamoDB Streams, one request at a time, as DynamoDB's transactions are atomic.

moto runs a `TransactWriteItems` by applying its items and, if a condition fails, putting
back a deep copy of the table taken before. Two things go wrong without a lock:
- a reader between the apply and the restore (the stream pump) sees records of a write
  that never happened: refused accepts once put a case into a stranger's case list;
- a transaction that copies the table while another request changes it crashes
  (`dictionary changed size during iteration`), and a restore can erase another's commit.
- the restore swaps in the copy but leaves the refused records on the stream shard it
  replaced, and a shard iterator handed out before the transaction (the pump asks for one,
  then reads with it: two requests) still reads that shard: refused referrals once reached
  three agencies as `Referral Created`.
DynamoDB serialises conflicting writes and shows nobody a refused one. With every DynamoDB
and Streams request of one process under one lock, and a refused transaction's records
taken off the shard it wrote them to, moto does too. Callers still interleave their
requests freely. The tests' race fixture and `make run` install the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

_LOCK = threading.RLock()
_ORIGINALS: dict[Any, Callable[..., Any]] = {}


def _handlers() -> list[Any]:
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler

    return [DynamoHandler, DynamoDBStreamsHandler]


def _atomic_transactions() -> None:
    from moto.dynamodb.models import DynamoDBBackend

    if DynamoDBBackend in _ORIGINALS:
        return
    original = DynamoDBBackend.transact_write_items
    _ORIGINALS[DynamoDBBackend] = original

    def transact_write_items(self: Any, transact_items: Any) -> None:
        shards = [
            (table.stream_shard, len(table.stream_shard.items))
            for table in self.tables.values()
            if getattr(table, "stream_shard", None) is not None
        ]
        try:
            original(self, transact_items)
        except Exception:
            for shard, length in shards:
                del shard.items[length:]  # what stranded iterators would still read
            raise

    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


def serialise() -> None:
    """Install the lock and atomic transactions (idempotent)."""
    _atomic_transactions()
    for handler in _handlers():
        if handler in _ORIGINALS:
            continue
        original = handler.call_action
        _ORIGINALS[handler] = original

        def call_action(self: Any, _original: Callable[..., Any] = original) -> Any:
            with _LOCK:
                return _original(self)

        handler.call_action = call_action


def unserialise() -> None:
    from moto.dynamodb.models import DynamoDBBackend

    for owner, original in list(_ORIGINALS.items()):
        if owner is DynamoDBBackend:
            owner.transact_write_items = original  # type: ignore[method-assign]
        else:
            owner.call_action = original
        del _ORIGINALS[owner]
