"""Operation deconfliction: overlapping place and time raises an urgent conflict to both sides."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import load_event
from tests.test_deconfliction import DEA_CONTACT, HSI_CONTACT, SECRET_SUMMARY, SECRET_TITLE, jsonschema_ok, open_case
from tests.test_events import drain_queues

BODY = load_event("api/register-operation.json")
WHITE_HOUSE = BODY["location"]
HSI_ON_SCENE = {"name": "SA Kim", "phone": "+1 202 555 0177"}


def plan(api, org, case_id, *, location=WHITE_HOUSE, starts_at=BODY["starts_at"], ends_at=BODY["ends_at"], **fields):
    body = {**BODY, "case_id": case_id, "location": location, "starts_at": starts_at, "ends_at": ends_at, **fields}
    return api.call("POST", "/v1/operations", org, body)


def shifted(iso, **delta):
    return (datetime.fromisoformat(iso) + timedelta(**delta)).isoformat().replace("+00:00", "Z")


@pytest.fixture
def cases(api):
    return open_case(api, "DEA", DEA_CONTACT), open_case(api, "HSI", HSI_CONTACT, title="HSI case")


def test_overlapping_operations_conflict_and_each_side_learns_only_whom_to_call(api, aws, pump, cases):
    dea_case, hsi_case = cases
    first = plan(api, "DEA", dea_case)
    assert first.status_code == 201, first.body
    assert first.data["conflicts"] == []
    assert first.headers["location"] == f"/v1/operations/{first.data['operation']['operation_id']}"
    nearby = {"lat": 38.8990, "lon": -77.0365, "radius_m": 100}  # 144 m north: circles overlap
    second = plan(
        api,
        "HSI",
        hsi_case,
        location=nearby,
        contact=HSI_ON_SCENE,
        starts_at=shifted(BODY["ends_at"], minutes=20),
        ends_at=shifted(BODY["ends_at"], hours=2),
    )
    assert second.status_code == 201, second.body
    [clash] = second.data["conflicts"]
    assert (clash["org"], clash["contact"]["name"], clash["contact"]["phone"]) == ("DEA", *BODY["contact"].values())
    for secret in (dea_case, SECRET_TITLE, SECRET_SUMMARY, first.data["operation"]["operation_id"]):
        assert secret not in second.body.decode()

    pump.drain()
    operations = {"DEA": first.data["operation"]["operation_id"], "HSI": second.data["operation"]["operation_id"]}
    case_of = {"DEA": dea_case, "HSI": hsi_case}
    for org, other, contact in (("DEA", "HSI", HSI_ON_SCENE), ("HSI", "DEA", BODY["contact"])):
        listed = api.call("GET", "/v1/deconfliction/conflicts", org)
        for secret in (case_of[other], operations[other], SECRET_TITLE, SECRET_SUMMARY, "38.89", "-77.03"):
            assert secret not in listed.body.decode()
        [conflict] = listed.data["items"]
        assert (conflict["other_org"], conflict["other_contact"]["name"]) == (other, contact["name"])
        assert api.call("GET", f"/v1/deconfliction/conflicts/{conflict['conflict_id']}", other).status_code == 404
    events = [e for e in drain_queues(aws) if e["detail-type"] == "Operation Conflict"]
    assert sorted(e["detail"]["recipients"][0] for e in events) == ["DEA", "HSI"]
    for event in events:
        jsonschema_ok(event)
        assert event["detail"]["urgent"] is True
        mine, theirs = (dea_case, hsi_case) if event["detail"]["recipients"] == ["DEA"] else (hsi_case, dea_case)
        assert event["detail"]["case_id"] == mine
        text = json.dumps(event)
        for secret in (theirs, SECRET_TITLE, SECRET_SUMMARY, "38.8", "-77.0"):
            assert secret not in text


@pytest.mark.parametrize(
    ("location", "starts_at"),
    [
        ({"lat": 38.9200, "lon": -77.0365, "radius_m": 250}, BODY["starts_at"]),  # 2.5 km away
        (WHITE_HOUSE, shifted(BODY["ends_at"], minutes=31)),  # after the 30-minute buffer
        (WHITE_HOUSE, shifted(BODY["starts_at"], days=-1)),  # the day before
    ],
)
def test_operations_apart_in_place_or_time_do_not_conflict(api, cases, location, starts_at):
    dea_case, hsi_case = cases
    plan(api, "DEA", dea_case)
    second = plan(api, "HSI", hsi_case, location=location, starts_at=starts_at, ends_at=shifted(starts_at, hours=1))
    assert second.data["conflicts"] == []


def test_an_agencys_own_operations_do_not_conflict(api, cases):
    dea_case, _ = cases
    plan(api, "DEA", dea_case)
    assert plan(api, "DEA", dea_case).data["conflicts"] == []


def test_moving_an_operation_rechecks_it(api, pump, cases):
    dea_case, hsi_case = cases
    plan(api, "DEA", dea_case)
    mine = plan(api, "HSI", hsi_case, location={"lat": 38.95, "lon": -77.0365, "radius_m": 200}).data["operation"]
    path = f"/v1/operations/{mine['operation_id']}"
    assert api.call("PATCH", path, "HSI", {"location": WHITE_HOUSE}).status_code == 428
    moved = api.call("PATCH", path, "HSI", {"location": WHITE_HOUSE}, {"If-Match": '"v1"'})
    assert moved.status_code == 200, moved.body
    assert moved.data["operation"]["version"] == 2
    assert [c["org"] for c in moved.data["conflicts"]] == ["DEA"]
    assert api.call("PATCH", path, "HSI", {"kind": "raid"}, {"If-Match": '"v1"'}).status_code == 412
    pump.drain()
    assert len(api.call("GET", "/v1/deconfliction/conflicts", "DEA").data["items"]) == 1


def test_an_operation_of_a_closed_case_can_be_cancelled_but_not_moved_into_a_conflict(api, pump, cases):
    """Moving an operation is checked for conflicts again, news to another agency: not once
    its case is closed (issue 28, finding 7's class). Cancelling it tells nobody anything new."""
    dea_case, hsi_case = cases
    plan(api, "DEA", dea_case)
    mine = plan(api, "HSI", hsi_case, location={"lat": 38.95, "lon": -77.0365, "radius_m": 200}).data["operation"]
    assert api.call("POST", f"/v1/cases/{hsi_case}/close", "HSI").status_code == 200
    path = f"/v1/operations/{mine['operation_id']}"
    moved = api.call("PATCH", path, "HSI", {"location": WHITE_HOUSE}, {"If-Match": '"v1"'})
    assert moved.status_code == 409 and "the case is closed" in moved.data["detail"]
    pump.drain()
    assert api.call("GET", "/v1/deconfliction/conflicts", "DEA").data["items"] == []
    assert api.call("POST", f"{path}/cancel", "HSI").status_code == 200


def test_a_cancelled_operation_conflicts_with_nothing(api, cases):
    dea_case, hsi_case = cases
    planned = plan(api, "DEA", dea_case).data["operation"]
    cancelled = api.call("POST", f"/v1/operations/{planned['operation_id']}/cancel", "DEA")
    assert cancelled.status_code == 200
    assert cancelled.data["operation"]["status"] == "cancelled"
    assert api.call("POST", f"/v1/operations/{planned['operation_id']}/cancel", "DEA").status_code == 409
    assert plan(api, "HSI", hsi_case).data["conflicts"] == []


def test_only_the_planning_agency_changes_its_operation(api, cases):
    dea_case, _ = cases
    referral = api.refer(dea_case, "HSI")
    api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
    planned = plan(api, "DEA", dea_case).data["operation"]
    assert api.call("GET", f"/v1/operations/{planned['operation_id']}", "HSI").status_code == 200
    response = api.call("POST", f"/v1/operations/{planned['operation_id']}/cancel", "HSI")
    assert response.status_code == 403


@pytest.mark.parametrize("org", ["HSI", "ATF"])
def test_only_participants_see_or_plan_operations_of_a_case(api, cases, org):
    dea_case, _ = cases
    planned = plan(api, "DEA", dea_case).data["operation"]
    assert plan(api, org, dea_case).status_code == 404
    for method, path in (
        ("GET", f"/v1/operations/{planned['operation_id']}"),
        ("GET", f"/v1/cases/{dea_case}/operations"),
        ("POST", f"/v1/operations/{planned['operation_id']}/cancel"),
    ):
        assert api.call(method, path, org).status_code == 404, path
    listed = api.call("GET", f"/v1/cases/{dea_case}/operations", "DEA")
    assert [o["operation_id"] for o in listed.data["items"]] == [planned["operation_id"]]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/operations"),
        ("GET", "/v1/deconfliction/conflicts"),
        ("GET", "/v1/cases/case_01JZZZZZZZZZZZZZZZZZZZZZZZ/operations"),
    ],
)
def test_platforms_cannot_use_operation_routes(api, method, path):
    assert api.call(method, path, "TIKTOK", BODY if method == "POST" else None).status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"location": {**WHITE_HOUSE, "radius_m": 5001}}, "location.radius_m"),
        ({"location": {**WHITE_HOUSE, "radius_m": 1e-308}}, "location.radius_m"),
        ({"location": {**WHITE_HOUSE, "lat": 85.0}}, "location"),
        ({"ends_at": BODY["starts_at"]}, "body"),
        ({"ends_at": shifted(BODY["starts_at"], hours=73)}, "body"),
        ({"kind": "picnic"}, "kind"),
        ({"starts_at": "2026-12-04T23:00:00"}, "starts_at"),
    ],
)
def test_invalid_operations_are_400_naming_the_field(api, cases, change, field):
    response = api.call("POST", "/v1/operations", "DEA", {**BODY, "case_id": cases[0], **change})
    assert response.status_code == 400, response.body
    assert any(error["field"].startswith(field) for error in response.data["errors"]), response.data
    assert api.call("GET", f"/v1/cases/{cases[0]}/operations", "DEA").data["items"] == []


def test_coordinates_are_kept_to_a_centimetre_so_that_dynamodb_can_store_them(api, cases):
    # Found by the stateful fuzz: DynamoDB refuses numbers below 1E-130, and this was a 500.
    location = {"lat": 2.2250738585072014e-308, "lon": -1e-300, "radius_m": 100}
    response = plan(api, "DEA", cases[0], location=location)
    assert response.status_code == 201, response.body
    assert response.data["operation"]["location"] == {"lat": 0.0, "lon": 0.0, "radius_m": 100.0}


def test_a_conflict_check_reads_a_fixed_set_of_cells(api, cases, dynamo_calls):
    dea_case, hsi_case = cases
    start = datetime(2026, 12, 1, tzinfo=UTC)
    for n in range(20):
        at = (start + timedelta(hours=6 * n)).isoformat()
        plan(api, "DEA", dea_case, starts_at=at, ends_at=shifted(at, hours=1))
    dynamo_calls.reset()
    plan(api, "HSI", hsi_case)
    from chalicelib.domain.operations import Location, cells

    touched = len(cells(Location(**WHITE_HOUSE)))
    assert sorted(dynamo_calls.operations) == sorted(["Query"] * touched + ["TransactWriteItems"])


def test_reads_are_keyed_one_round_trip_plus_the_audit_write(api, cases, dynamo_calls):
    dea_case, _ = cases
    planned = plan(api, "DEA", dea_case).data["operation"]
    expected = {
        f"/v1/operations/{planned['operation_id']}": ["TransactGetItems", "PutItem"],
        f"/v1/cases/{dea_case}/operations": ["GetItem", "Query", "PutItem"],
        f"/v1/cases/{dea_case}/identifiers": ["GetItem", "Query", "PutItem"],
        "/v1/deconfliction/conflicts": ["Query", "PutItem"],
        "/v1/deconfliction/hits": ["Query", "PutItem"],
    }
    for path, operations in expected.items():
        dynamo_calls.reset()
        assert api.call("GET", path, "DEA").status_code == 200
        assert dynamo_calls.operations == operations, path


@pytest.mark.parametrize(
    "starts_at", ["9999-12-31T20:00:00Z", "0001-01-01T02:00:00Z", "2100-01-01T00:00:00Z", "1999-12-31T23:00:00Z"]
)
def test_times_beyond_what_the_product_computes_with_are_400_for_any_caller(api, cases, starts_at):
    # Year 9999 overflowed the conflict search (a 500) before the visibility check, so any
    # agency could trigger it with any case id: ATF names DEA's case here.
    body = {**BODY, "case_id": cases[0], "starts_at": starts_at}
    response = api.call("POST", "/v1/operations", "ATF", body)
    assert response.status_code == 400, response.body
    assert {error["field"] for error in response.data["errors"]} >= {"starts_at"}
    planned = plan(api, "DEA", cases[0]).data["operation"]
    change = api.call(
        "PATCH",
        f"/v1/operations/{planned['operation_id']}",
        "DEA",
        {"starts_at": starts_at},
        headers={"If-Match": '"v1"'},
    )
    assert change.status_code == 400, change.body
