"""DynamoDB failing on the request path: a 503 with Retry-After, nothing half-written, then success on retry.

Faults are injected into the botocore client PynamoDB and the store share, before the
request leaves: what a caller sees once the SDK's own retries are spent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import load_event

WRITES = ("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")
READS = ("GetItem", "Query", "BatchGetItem", "TransactGetItems")

#: DynamoDB's answers that mean "not now": each must become a 503, never a 500 or a 409.
BUSY = ("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "InternalServerError")


class Faults:
    """Makes chosen DynamoDB operations fail with a chosen error code until `heal`."""

    def __init__(self, events: Any) -> None:
        self._events = events
        self.failed: list[str] = []
        self._operations: tuple[str, ...] = ()
        self._response: dict[str, Any] = {}

    def fail(self, operations: tuple[str, ...], code: str, reasons: list[dict[str, str]] | None = None) -> None:
        self._operations = operations
        self._response = {"Error": {"Code": code, "Message": "injected"}}
        if reasons is not None:
            self._response["CancellationReasons"] = reasons

    def heal(self) -> None:
        self._operations = ()

    def __call__(self, model: Any, **_: Any) -> None:
        if model.name in self._operations:
            self.failed.append(model.name)
            raise ClientError(self._response, model.name)


@pytest.fixture
def faults(client: Any) -> Iterator[Faults]:
    from chalicelib.storage.table import Item

    events = Item._get_connection().connection.client.meta.events
    injector = Faults(events)
    events.register("before-call.dynamodb", injector)
    yield injector
    events.unregister("before-call.dynamodb", injector)


def table_items() -> list[dict[str, Any]]:
    """Every item, serialised: the test's own look at the table (the app never scans)."""
    from chalicelib.storage.table import Item

    return sorted((item.serialize() for item in Item.scan()), key=lambda item: (item["pk"]["S"], item["sk"]["S"]))


def assert_unavailable(response: Any) -> None:
    assert response.status_code == 503, response.body
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "1"
    assert response.data["status"] == 503


#: Each write as a caller makes it: name → (setup, request) where setup prepares what the
#: request needs and returns the arguments of `api.call`.
def _open_case(api: Any) -> tuple[Any, ...]:
    return ("POST", "/v1/cases", "DEA", load_event("api/open-case.json"), {"Idempotency-Key": "faulty-1"})


def _update_case(api: Any) -> tuple[Any, ...]:
    case = api.open_case()
    return (
        "PATCH",
        f"/v1/cases/{case['case_id']}",
        "DEA",
        {"summary": "Vendor moved to Telegram"},
        {"If-Match": '"v1"'},
    )


def _refer(api: Any) -> tuple[Any, ...]:
    case = api.open_case()
    body = {"to_org": "HSI", "reason": "Border nexus"}
    return ("POST", f"/v1/cases/{case['case_id']}/referrals", "DEA", body, {"Idempotency-Key": "faulty-2"})


def _accept(api: Any) -> tuple[Any, ...]:
    referral = api.refer(api.open_case()["case_id"])
    return ("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI", None, {})


def _add_identifiers(api: Any) -> tuple[Any, ...]:
    case = api.open_case()
    body = load_event("api/add-identifiers.json")
    return ("POST", f"/v1/cases/{case['case_id']}/identifiers", "DEA", body, {})


def _submit_tip(api: Any) -> tuple[Any, ...]:
    return ("POST", "/v1/tips", "META", load_event("api/submit-tip.json"), {})


def _request_preservation(api: Any) -> tuple[Any, ...]:
    case = api.open_case()
    body = load_event("api/request-preservation.json")
    return ("POST", f"/v1/cases/{case['case_id']}/preservations", "DEA", body, {"Idempotency-Key": "faulty-3"})


WRITE_REQUESTS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "open a case": _open_case,
    "update a case": _update_case,
    "refer": _refer,
    "accept": _accept,
    "add identifiers": _add_identifiers,
    "submit a tip": _submit_tip,
    "request a preservation": _request_preservation,
}
SUCCESS = {"open a case": 201, "update a case": 200, "refer": 201, "accept": 200, "add identifiers": 201}


@pytest.mark.parametrize("code", BUSY)
@pytest.mark.parametrize("request_name", list(WRITE_REQUESTS))
def test_a_busy_table_is_a_503_with_nothing_written_and_the_retry_succeeds(api, faults, request_name, code):
    method, path, org, body, headers = WRITE_REQUESTS[request_name](api)
    before = table_items()
    faults.fail(WRITES, code)
    response = api.call(method, path, org, body, headers=headers)
    assert_unavailable(response)
    assert faults.failed, "the request never reached DynamoDB"
    assert table_items() == before
    faults.heal()
    retried = api.call(method, path, org, body, headers=headers)
    assert 200 <= retried.status_code < 300, retried.body


@pytest.mark.parametrize("request_name", list(WRITE_REQUESTS))
def test_a_transaction_conflict_is_a_503_not_a_refusal(api, faults, request_name):
    """Another transaction touched the same items at the same moment: retry, it is not a 409 or 412."""
    method, path, org, body, headers = WRITE_REQUESTS[request_name](api)
    before = table_items()
    faults.fail(("TransactWriteItems",), "TransactionCanceledException", [{"Code": "TransactionConflict"}])
    response = api.call(method, path, org, body, headers=headers)
    assert_unavailable(response)
    assert table_items() == before
    faults.heal()
    assert 200 <= api.call(method, path, org, body, headers=headers).status_code < 300


@pytest.mark.parametrize(
    ("method", "path_of", "org"),
    [
        ("GET", lambda case: f"/v1/cases/{case}", "DEA"),
        ("GET", lambda case: "/v1/cases", "DEA"),
        ("GET", lambda case: f"/v1/cases/{case}/audit", "DEA"),
        ("GET", lambda case: "/v1/tips", "DEA"),
    ],
)
@pytest.mark.parametrize("code", BUSY)
def test_a_throttled_read_is_a_503(api, faults, method, path_of, org, code):
    case = api.open_case()["case_id"]
    faults.fail(READS, code)
    assert_unavailable(api.call(method, path_of(case), org))
    faults.heal()
    assert api.call(method, path_of(case), org).status_code == 200


def test_a_throttled_audit_write_fails_the_read_rather_than_serve_it_unaudited(api, faults):
    """CJIS: a read that cannot leave its audit record is not served."""
    case = api.open_case()["case_id"]
    faults.fail(("PutItem",), "ProvisionedThroughputExceededException")
    response = api.call("GET", f"/v1/cases/{case}", "DEA")
    assert_unavailable(response)
    assert "case_id" not in response.data and "summary" not in response.data
