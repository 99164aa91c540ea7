"""Deconfliction at 1,000 and 100,000 stored identifiers and operations: the cost of a check stays flat.

Loads background identifiers (unique values on other agencies' cases) and operations
(spread over the continental US and a year), plants a few true matches, then measures one
add of 10 identifiers and one operation registration through the API: DynamoDB round trips
and items examined (Query `ScannedCount`, BatchGetItem responses).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.cases import Contact, open_case
from chalicelib.domain.deconfliction import hold
from chalicelib.domain.identifiers import Identifier, IdentifierType
from chalicelib.domain.operations import Location, Operation, OperationKind, cells
from chalicelib.domain.record_ids import new_id, new_operation_id

PROBE_PHONES = [f"+1202555{n:04d}" for n in range(110, 120)]
PROBE_PLACE = {"lat": 38.8977, "lon": -77.0365, "radius_m": 250}
PROBE_START = datetime(2027, 6, 15, 22, 0, tzinfo=UTC)
YEAR = datetime(2027, 1, 1, tzinfo=UTC)


class Meter:
    """Counts DynamoDB calls and the items each one examined."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.examined = 0

    def before(self, model: Any, **_: Any) -> None:
        self.calls.append(model.name)

    def after(self, http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        if model.name == "Query":
            self.examined += int(parsed.get("ScannedCount", 0))
        elif model.name == "BatchGetItem":
            self.examined += sum(len(items) for items in parsed.get("Responses", {}).values())

    def reset(self) -> None:
        self.calls.clear()
        self.examined = 0


def report_deconfliction_scaling(client: Any, call: Callable[..., Any], targets: tuple[int, ...]) -> None:
    """The checks' cost with `targets` identifiers and operations stored, growing in turn."""
    from chalicelib import wiring
    from chalicelib.storage import records
    from chalicelib.storage.table import Item

    meter = Meter()
    events = Item._get_connection().connection.client.meta.events
    index = wiring.blind_index()
    rng = random.Random(7)  # noqa: S311 - reproducible background data, not secrets
    loaded = 0
    rows = []
    hsi_case = call(client, "POST", "/v1/cases", "HSI", {"title": "bench holder"}).json_body["case_id"]
    # the planted true matches: HSI holds two of the probe phones and plans one overlapping operation
    call(client, "POST", f"/v1/cases/{hsi_case}/identifiers", "HSI",
         {"identifiers": [{"type": "phone", "value": phone} for phone in PROBE_PHONES[:2]]})  # fmt: skip
    start = PROBE_START.isoformat()
    call(client, "POST", "/v1/operations", "HSI", _operation_body(hsi_case, start))
    _without_stream(Item.Meta.table_name)
    for target in targets:
        _load(target - loaded, rng, index, records, Item)
        loaded = target
        events.register("before-call.dynamodb", meter.before)
        events.register("after-call.dynamodb", meter.after)
        # a fresh probe each round, removed afterwards, so that rounds do not see each other
        dea_case = call(client, "POST", "/v1/cases", "DEA", {"title": "bench probe"}).json_body["case_id"]
        meter.reset()
        added = call(client, "POST", f"/v1/cases/{dea_case}/identifiers", "DEA",
                     {"identifiers": [{"type": "phone", "value": phone} for phone in PROBE_PHONES]})  # fmt: skip
        add_calls, add_examined = len(meter.calls), meter.examined
        meter.reset()
        planned = call(client, "POST", "/v1/operations", "DEA", _operation_body(dea_case, start))
        op_calls, op_examined = len(meter.calls), meter.examined
        events.unregister("before-call.dynamodb", meter.before)
        events.unregister("after-call.dynamodb", meter.after)
        for stored in added.json_body["identifiers"]:
            call(client, "DELETE", f"/v1/cases/{dea_case}/identifiers/{stored['identifier_id']}", "DEA")
        call(client, "POST", f"/v1/operations/{planned.json_body['operation']['operation_id']}/cancel", "DEA")
        hits = len(added.json_body["hits"])
        conflicts = len(planned.json_body["conflicts"])
        rows.append((target, add_calls, add_examined, hits, op_calls, op_examined, conflicts))
    print("Deconfliction checks as the index grows (10 identifiers added; one operation planned)")
    print(
        f"  {'stored':>8}  {'add: calls':>10} {'examined':>8} {'hits':>4}   {'op: calls':>9} {'examined':>8} {'conflicts':>9}"
    )
    for target, add_calls, add_examined, hits, op_calls, op_examined, conflicts in rows:
        print(
            f"  {target:>8}  {add_calls:>10} {add_examined:>8} {hits:>4}   {op_calls:>9} {op_examined:>8} {conflicts:>9}"
        )
    (_, small_calls, small_examined, *_), (_, big_calls, big_examined, *_) = rows[0], rows[-1]
    small_op, big_op = rows[0][4:6], rows[-1][4:6]
    largest, smallest = f"{rows[-1][0]:,}", f"{rows[0][0]:,}"
    print(
        f"  ratio {largest}/{smallest}: add calls {big_calls / small_calls:.2f}, examined {big_examined / max(small_examined, 1):.2f};"
        f" operation calls {big_op[0] / small_op[0]:.2f}, examined {big_op[1] / max(small_op[1], 1):.2f}"
    )
    print("  (add: 10 identifiers x 1 key = 10 Queries of the blind index, 1 BatchGetItem, 1 TransactWriteItems;")
    print("   operation: one Query per grid cell its circle touches, 1 TransactWriteItems)")
    print()


def _operation_body(case_id: str, start: str) -> dict[str, Any]:
    ends = (datetime.fromisoformat(start) + timedelta(hours=2)).isoformat()
    return {"case_id": case_id, "kind": "controlled_buy", "location": PROBE_PLACE, "starts_at": start, "ends_at": ends}


def _load(count: int, rng: random.Random, index: Any, records: Any, item: Any) -> None:
    """Background: `count` identifiers and `count` operations of ATF, written in batches."""
    now = datetime.now(UTC)
    with item.batch_write() as batch:
        for n in range(count):
            case_id = new_id("case", now)
            value = Identifier(IdentifierType.EMAIL, f"noise{rng.getrandbits(64):x}@example.com")
            case = open_case(case_id, "ATF", "bench", now, title="background")
            batch.save(records.identifier_item(hold(case, value, index.token(value), "ATF", "bench", now)))
            location = Location(rng.uniform(25.0, 49.0), rng.uniform(-124.0, -67.0), rng.uniform(50, 500))
            starts_at = YEAR + timedelta(minutes=rng.randrange(365 * 24 * 60))
            operation = Operation(
                new_operation_id(case_id, now), case_id, "ATF", OperationKind.SURVEILLANCE, location, starts_at,
                starts_at + timedelta(hours=rng.uniform(1, 12)), Contact(name=f"ATF {n}"), now, "bench", now,
                cells=cells(location),
            )  # fmt: skip
            batch.save(records.operation_item(operation))
            for cell in operation.cells:
                batch.save(records.cell_item(operation, cell))


def _without_stream(table_name: str) -> None:
    """The stream is not pumped here, and moto would keep every background write's record.

    moto's UpdateTable with `StreamEnabled: false` leaves the shard behind and then fails
    every put (moto 5.2.5), so the bench detaches it from moto's table directly.
    """
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    table = dynamodb_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].tables[table_name]
    table.stream_shard = None
    table.stream_specification = {"StreamEnabled": False}
