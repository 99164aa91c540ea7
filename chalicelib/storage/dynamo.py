"""The table machinery every repository uses, and no repository's rules.

One `Table` per process holds the connection. It reads (GetItem, TransactGetItems, a page
of a Query), writes one TransactWriteItems with its idempotency claim and audit record, and
turns DynamoDB's answers into `ConditionFailed` or the domain's `Unavailable`
(`translated`). Writes are handed to `Table.transact` as small functions of the
transaction (`save`, `delete`, `update`, `check`), so each repository says what it writes
and this module says how.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, PynamoDBException, TransactGetError, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactGet, TransactWrite

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import Unavailable
from chalicelib.storage import records
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim, IdempotencyRecord, Key
from chalicelib.storage.keys import IDEMPOTENCY_SK, idempotency_pk
from chalicelib.storage.table import CONNECTIONS, IdempotencyItem, Item

T = TypeVar("T")
R = TypeVar("R")

#: One write of a transaction: what `Table.transact` runs inside its TransactWriteItems.
Write = Callable[[TransactWrite], None]

#: DynamoDB's limit of items in one TransactWriteItems.
TRANSACTION_ITEMS = 100
#: Parallel keyed reads per request; DynamoDB serves each on its own partition.
_READERS = CONNECTIONS

#: Error codes that mean "try again shortly", not "you asked for something wrong".
_RETRYABLE = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "TransactionConflictException",
        "TransactionInProgressException",
        "InternalServerError",
        "ServiceUnavailable",
    }
)


class Table:
    """The one table, as the repositories use it."""

    def __init__(self, connection: Connection | None = None) -> None:
        self._connection = connection

    @property
    def connection(self) -> Connection:
        # Built on first use: importing this module must not open a client.
        if self._connection is None:
            self._connection = Item._get_connection().connection
        return self._connection

    def get(self, model: type[Item], pk: str, sk: str) -> Item | None:
        """One strongly consistent GetItem; None if absent."""
        with translated():
            try:
                return model.get(pk, sk, consistent_read=True)
            except DoesNotExist:
                return None

    def find(self, model: type[Item], pk: str, sk: str, convert: Callable[[Any], T]) -> T | None:
        """One GetItem, as the domain record `convert` makes of it; None if absent (or another kind)."""
        item = self.get(model, pk, sk)
        return convert(item) if isinstance(item, model) else None

    def get_together(self, *keys: tuple[type[Item], str, str]) -> list[Item | None]:
        """One TransactGetItems: items that must be read at the same instant (an item and its case)."""
        with translated(), TransactGet(connection=self.connection) as get:
            futures = [get.get(model, pk, sk) for model, pk, sk in keys]
        return [resolved(future) for future in futures]

    def page(
        self,
        source: Any,
        pk: str,
        condition: Condition | None,
        limit: int,
        start: Key | None,
        *,
        forward: bool,
        consistent: bool | None = True,
    ) -> tuple[list[Item], Key | None]:
        """One Query of a partition of the table (`source` a model) or of an index: a page and where the next starts.

        `consistent` is None where DynamoDB cannot read consistently (an index) or need not.
        """
        with translated():
            result = source.query(
                pk,
                condition,
                scan_index_forward=forward,
                consistent_read=consistent,
                limit=limit,
                page_size=limit,
                last_evaluated_key=start,
            )
            items = list(result)
        return items, result.last_evaluated_key

    def box(
        self,
        model: type[Item],
        pk: str | Sequence[str],
        inbound: bool,
        status: str | None,
        limit: int,
        start: Key | None,
    ) -> tuple[list[Any], Key | None]:
        """A page of an inbound (gsi1/gsi3) or outbound (gsi2/gsi4) box, newest first.

        Filtered by status on `<status>#<id>` sort keys, or across statuses on `<id>`. A box
        spread over several partitions (`pk` a sequence) is read with `sharded_page`.
        """
        if not isinstance(pk, str):
            by_status, everything = ("gsi1", "gsi3") if inbound else ("gsi2", "gsi4")
            name, prefix = (by_status, f"{status}#") if status else (everything, None)
            return self.sharded_page(model, name, pk, prefix, limit, start, forward=False)
        index: Any
        condition: Condition | None = None
        if status is None:
            index = model.gsi3 if inbound else model.gsi4
        else:
            index = model.gsi1 if inbound else model.gsi2
            sort_key = model.gsi1sk if inbound else model.gsi2sk
            condition = sort_key.startswith(f"{status}#")
        items, last = self.page(index, pk, condition, limit, start, forward=False, consistent=None)
        return [item for item in items if isinstance(item, model)], last

    def sharded_page(
        self,
        model: type[Item],
        index: str,
        partitions: Sequence[str],
        prefix: str | None,
        limit: int,
        start: Key | None,
        *,
        forward: bool,
    ) -> tuple[list[Any], Key | None]:
        """A page of a list spread over index `partitions` (a hot queue's shards), in its sort
        key's order: one Query per partition still unread, in parallel, merged.

        The cursor holds each partition's position; a page reads at most `limit` items of each.
        """
        positions: dict[str, Any] = start["shards"] if start else {str(n): None for n in range(len(partitions))}
        source: Any = getattr(model, index)
        sort_key: Any = getattr(model, f"{index}sk")

        def query(shard: str) -> tuple[str, list[Any], bool]:
            condition = sort_key.startswith(prefix) if prefix else None
            with translated():
                result = source.query(
                    partitions[int(shard)],
                    condition,
                    scan_index_forward=forward,
                    limit=limit,
                    page_size=limit,
                    last_evaluated_key=positions[shard],
                )
                items = [item for item in result if isinstance(item, model)]
            return shard, items, result.last_evaluated_key is not None

        answers = parallel(query, sorted(positions))
        merged = sorted(
            ((str(getattr(item, f"{index}sk")), shard, item) for shard, items, _ in answers for item in items),
            key=lambda entry: entry[0],
            reverse=not forward,
        )[:limit]
        taken: dict[str, Any] = {}
        for _, shard, item in merged:
            taken[shard] = item  # the last item taken from each partition
        following: dict[str, Any] = {}
        for shard, items, more in answers:
            if shard in taken:
                if more or taken[shard] is not items[-1]:
                    following[shard] = {
                        "pk": {"S": taken[shard].pk},
                        "sk": {"S": taken[shard].sk},
                        f"{index}pk": {"S": str(getattr(taken[shard], f"{index}pk"))},
                        f"{index}sk": {"S": str(getattr(taken[shard], f"{index}sk"))},
                    }
            elif items:
                following[shard] = positions[shard]
        return [item for _, _, item in merged], ({"shards": following} if following else None)

    def idempotency_record(self, org: str, key: str) -> IdempotencyRecord | None:
        item = self.get(IdempotencyItem, idempotency_pk(org, key), IDEMPOTENCY_SK)
        if not isinstance(item, IdempotencyItem) or item.resource_kind is None:
            # (None: a record kept from before replays stored values, in a restored local
            # stack; its key stays taken until it expires, answered as in progress.)
            return None
        return IdempotencyRecord(item.request_hash, item.resource_kind, item.body, item.expires_at)

    def transact(self, *writes: Write, claim: IdempotencyClaim | None = None, audit: AuditRecord | None) -> None:
        """One TransactWriteItems: the idempotency claim first, then the writes, then the audit.

        `audit` is None only for a part of a change whose audit record rides on another part.
        """
        with translated(), TransactWrite(connection=self.connection) as tw:
            if claim is not None:
                tw.save(_claim_item(claim), condition=_claim_free(claim.created_at))
            for write in writes:
                write(tw)
            if audit is not None:
                tw.save(records.audit_item(audit), condition=Item.pk.does_not_exist())

    def put_once_each(self, groups: Sequence[Sequence[Item]]) -> list[bool]:
        """Items written once (records derived from a change: a hit's claim and both sides), each
        group all or nothing, the groups together (`transact_each`): False for a group
        written before (a retry)."""
        return self.transact_each([[save(item, Item.pk.does_not_exist()) for item in group] for group in groups])

    def transact_each(
        self, groups: Sequence[Sequence[Write]], together: Callable[[list[int]], list[Write]] | None = None
    ) -> list[bool]:
        """Independent groups of conditional writes (a batch's projections, stamps, both sides
        of each hit), together: transactions of up to `TRANSACTION_ITEMS` writes, and each
        group of a refused transaction apart, so that only the groups whose own conditions
        fail are left out. Which groups were written.

        `together(indices)` are the writes of those groups in one transaction, where groups
        share items (counters they all add to: one update each); by default, all of theirs."""
        writes = together or (lambda indices: [write for i in indices for write in groups[i]])
        written = [False] * len(groups)

        def run(indices: list[int]) -> None:
            try:
                self.transact(*writes(indices), audit=None)
            except ConditionFailed:
                if len(indices) > 1:
                    for i in indices:
                        run([i])
                return
            for i in indices:
                written[i] = True

        part: list[int] = []
        for index in range(len(groups)):
            if part and len(writes([*part, index])) > TRANSACTION_ITEMS:
                run(part)
                part = []
            part.append(index)
        if part:
            run(part)
        return written


def save(item: Item, condition: Condition | None = None) -> Write:
    return lambda tw: tw.save(item, condition=condition)


def delete(item: Item, condition: Condition | None = None) -> Write:
    return lambda tw: tw.delete(item, condition=condition)


def update(key: Item, actions: list[Action], condition: Condition | None) -> Write:
    """An update of the item at `key`, which must exist."""
    exists = key.__class__.pk.exists()
    return lambda tw: tw.update(key, actions, condition=exists if condition is None else exists & condition)


def assigned(model: type[Item], values: Mapping[str, Any]) -> list[Action]:
    """Update actions that give the item these attribute values: None removes the attribute."""
    return [
        getattr(model, name).set(value) if value is not None else getattr(model, name).remove()
        for name, value in values.items()
    ]


def check(model: type[Item], pk: str, sk: str, condition: Condition) -> Write:
    return lambda tw: tw.condition_check(model, pk, sk, condition=condition)


def parallel(read: Callable[[T], R], arguments: list[T]) -> list[R]:
    """Independent keyed reads at once: a request waits for the slowest, not for the sum."""
    if len(arguments) <= 1:
        return [read(argument) for argument in arguments]
    with ThreadPoolExecutor(max_workers=min(_READERS, len(arguments))) as pool:
        return list(pool.map(read, arguments))


def _claim_item(claim: IdempotencyClaim) -> IdempotencyItem:
    return IdempotencyItem(
        idempotency_pk(claim.org, claim.key),
        IDEMPOTENCY_SK,
        request_hash=claim.request_hash,
        resource_kind=claim.kind,
        body=claim.created,
        created_at=claim.created_at,
        expires_at=claim.expires_at,
    )


def _claim_free(now: datetime) -> Condition:
    """A key is free if nobody holds it or its record expired (TTL deletes lazily)."""
    free: Condition = IdempotencyItem.pk.does_not_exist() | (IdempotencyItem.expires_at < now)
    return free


def resolved(future: Any) -> Item | None:
    try:
        return future.get()  # type: ignore[no-any-return]
    except DoesNotExist:
        return None


class translated:
    """Turns DynamoDB's answers into `ConditionFailed` or the domain's `Unavailable`."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> None:
        if error is None:
            return
        if isinstance(error, TransactWriteError):
            codes = [reason.code if reason else None for reason in error.cancellation_reasons]
            if "ConditionalCheckFailed" in codes:
                raise ConditionFailed() from error
            if "TransactionConflict" in codes:
                # Another transaction held one of the items for that instant: nothing was
                # decided, so the caller retries rather than being told it lost.
                raise Unavailable("another change to the same records was in flight; retry") from error
        if isinstance(error, PynamoDBException) and error.cause_response_code == "ConditionalCheckFailedException":
            raise ConditionFailed() from error
        code = None
        if isinstance(error, (PynamoDBException, TransactGetError)):
            code = error.cause_response_code
        elif isinstance(error, ClientError):
            code = error.response.get("Error", {}).get("Code")
        if code in _RETRYABLE or isinstance(error, BotoCoreError):
            raise Unavailable("the store is busy; retry shortly") from error
