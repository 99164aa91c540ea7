"""The watch center (issue 33): a conflict between operations is owned by a person of the center
that serves either side, both officers are notified and confirm contact, the outcome is on
record; clocks escalate an unowned conflict and an overdue contact, once each; an exigent
waiver needs a second person of the agency. The center never sees a case."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain import watch
from chalicelib.domain.cases import Contact
from chalicelib.domain.operations import Location, Operation, OperationKind
from chalicelib.domain.record_ids import new_id, new_operation_id
from chalicelib.domain.watch import ConflictState, WatchedConflict
from chalicelib.storage import records as codec
from chalicelib.storage.table import AuditItem, WatchEntryItem
from chalicelib.wiring import timer_scheduler
from tests.conftest import ISSUER
from tests.test_deconfliction import PHONE, SECRET_SUMMARY, SECRET_TITLE, add, jsonschema_ok, open_case
from tests.test_events import drain_queues
from tests.test_operations import plan
from tests.test_organisations import OPERATOR, SECOND

CENTER = "WBWATCH"
DEA_ON_SCENE = {"name": "SA Dana Cole", "phone": "+1 202 555 0100"}
ATF_ON_SCENE = {"name": "SA Lou Grant", "phone": "+1 202 555 0122"}
NEARBY = {"lat": 38.8985, "lon": -77.0365, "radius_m": 150}  # 90 m north: circles overlap
SECOND_WATCHER = {"sub": "supervisor.wbwatch@example.gov"}
COMMANDER = {
    "sub": "supervisor.dea@example.gov",
    "scope": "cases:read cases:write deconfliction:waive",
    "name": "Duty supervisor DEA",
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def overlapping_buys(api, pump, **window: str) -> dict[str, Any]:
    """DEA and ATF plan overlapping controlled buys in the center's area; the stream finds the
    conflict and opens it on the watch floor. DEA's case holds a title and an identifier the
    center must never see."""
    dea_case = open_case(api, "DEA", DEA_ON_SCENE)
    assert add(api, dea_case, "DEA", PHONE).status_code == 201
    atf_case = open_case(api, "ATF", ATF_ON_SCENE, title="ATF straw purchase ring")
    dea = plan(api, "DEA", dea_case, contact=DEA_ON_SCENE, **window)
    atf = plan(api, "ATF", atf_case, location=NEARBY, contact=ATF_ON_SCENE, **window)
    assert dea.status_code == atf.status_code == 201, (dea.body, atf.body)
    pump.drain()
    [listed] = api.call("GET", "/v1/conflicts", CENTER).data["items"]
    secrets = [
        dea_case,
        atf_case,
        dea_case[5:],  # an operation id names its case's ULID
        atf_case[5:],
        dea.data["operation"]["operation_id"],
        atf.data["operation"]["operation_id"],
        SECRET_TITLE,
        SECRET_SUMMARY,
        "ATF straw purchase ring",
        "555 0143",
        "+12025550143",
    ]
    return {"conflict": listed["conflict_id"], "secrets": secrets, "dea_case": dea_case, "atf_case": atf_case}


@pytest.fixture
def buys(api, pump) -> dict[str, Any]:
    return overlapping_buys(api, pump)


@pytest.fixture
def tonight(api, pump) -> dict[str, Any]:
    """The same buys, two hours from now: the clocks have something to run to."""
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    window = {"starts_at": instant(starts), "ends_at": instant(starts + timedelta(hours=1))}
    return overlapping_buys(api, pump, **window)


def instant(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def step(api, conflict_id: str, action: str, org: str, body: Any = None, **claims: Any) -> Any:
    return api.call("POST", f"/v1/conflicts/{conflict_id}/{action}", org, body or {}, **claims)


def no_secrets(text: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in text, secret


def test_dea_and_atf_overlap_the_center_owns_it_both_confirm_contact_and_it_is_resolved_joint(api, aws, pump, buys):
    conflict_id, secrets = buys["conflict"], buys["secrets"]
    path = f"/v1/conflicts/{conflict_id}"
    opened = [e for e in drain_queues(aws) if e["detail-type"] == "Conflict Opened"]
    assert [e["detail"]["recipients"] for e in opened] == [["ATF", "DEA", CENTER]]
    assert opened[0]["detail"]["urgent"] is True
    assert opened[0]["detail"]["links"]["watched_conflict"] == path

    read = api.call("GET", path, CENTER)
    assert read.status_code == 200, read.body
    seen = read.data
    assert (seen["state"], seen["center"], seen["seen_by"]) == ("open", CENTER, None)
    sides = {side["org"]: side for side in (seen["first"], seen["second"])}
    assert sides["DEA"]["kind"] == "controlled_buy" and sides["DEA"]["contact"]["name"] == DEA_ON_SCENE["name"]
    assert sides["ATF"]["location"] == NEARBY and sides["ATF"]["contact"]["phone"] == ATF_ON_SCENE["phone"]
    no_secrets(read.body.decode(), secrets)

    owned = step(api, conflict_id, "own", CENTER)
    assert owned.status_code == 200, owned.body
    assert (owned.data["state"], owned.data["owned_by_name"]) == ("owned", "Duty agent WBWATCH")
    assert step(api, conflict_id, "own", CENTER, **SECOND_WATCHER).status_code == 409
    notified = step(api, conflict_id, "notify", CENTER)
    assert notified.data["state"] == "notified" and notified.data["first"]["notified_at"]
    officer_view = api.call("GET", path, "DEA").data  # the officers see who owns their conflict
    assert (officer_view["center"], officer_view["owned_by_name"]) == (CENTER, "Duty agent WBWATCH")

    assert step(api, conflict_id, "contact", "DEA").data["state"] == "notified"
    assert step(api, conflict_id, "contact", "DEA").status_code == 409  # once per side
    assert step(api, conflict_id, "contact", CENTER).status_code == 403  # an agency's word
    contacted = step(api, conflict_id, "contact", "ATF")
    assert contacted.data["state"] == "contacted"
    resolved = step(api, conflict_id, "resolve", CENTER, {"outcome": "joint", "note": "One team, DEA leads entry"})
    assert resolved.status_code == 200, resolved.body
    assert (resolved.data["state"], resolved.data["outcome"]) == ("resolved", "joint")
    assert [line["step"] for line in resolved.data["history"]] == [
        "opened",
        "owned",
        "notified",
        "contact_confirmed",
        "contact_confirmed",
        "resolved",
    ]
    for response in (owned, notified, contacted, resolved):
        no_secrets(response.body.decode(), secrets)

    pump.drain()
    events = [e for e in drain_queues(aws) if e["detail-type"].startswith("Conflict ")]
    assert [e["detail-type"] for e in events] == [
        "Conflict Owned",
        "Conflict Notified",
        "Conflict Contact Confirmed",
        "Conflict Contact Confirmed",
        "Conflict Resolved",
    ]
    for event in events:
        jsonschema_ok(event)
        assert event["detail"]["recipients"] == ["ATF", "DEA", CENTER]
        no_secrets(json.dumps(event), secrets)
    figures = events[-1]["detail"]
    assert figures["outcome"] == "joint"
    assert at(figures["owned_at"]) - at(figures["detected_at"]) >= timedelta(0)
    assert at(figures["contact_confirmed_at"]) >= at(figures["owned_at"])
    assert at(figures["resolved_at"]) >= at(figures["contact_confirmed_at"])

    audited = [(item.event, item.org, item.outcome) for item in AuditItem.scan() if item.resource_id == conflict_id]
    assert sorted(audited) == sorted(
        [
            ("conflict.watch.read", CENTER, "success"),
            ("conflict.watch.read", "DEA", "success"),
            ("conflict.own", CENTER, "success"),
            ("conflict.own", CENTER, "failure"),
            ("conflict.notify", CENTER, "success"),
            ("conflict.contact", "DEA", "success"),
            ("conflict.contact", "DEA", "failure"),
            ("conflict.contact", "ATF", "success"),
            ("conflict.resolve", CENTER, "success"),
        ]
    )


NEW_CENTER = {
    "code": "NEWATCH",
    "name": "New England Watch Center",
    "kind": "watch_center",
    "identity_providers": [{"issuer": ISSUER.issuer, "jwks": ISSUER.jwks()}],
    "watch": {"agencies": ["USPIS"], "states": ["MA"]},
}
WATCHING = {"scope": "conflicts:watch"}


def test_a_center_serving_neither_side_gets_404_and_an_agency_never_sees_a_centers_list(api, pump, buys):
    conflict_id = buys["conflict"]
    assert api.call("POST", "/v1/organisations", OPERATOR, NEW_CENTER).status_code == 201
    assert api.call("POST", "/v1/organisations/NEWATCH/approve", OPERATOR, **SECOND).status_code == 200
    path = f"/v1/conflicts/{conflict_id}"
    assert api.call("GET", path, "HSI").status_code == 404  # an agency with no side in it
    assert api.call("GET", "/v1/conflicts", "DEA").status_code == 403
    assert api.call("GET", "/v1/conflicts", "META").status_code == 403
    # A center serving neither side: its reads, its steps and its list answer as if nothing were there.
    assert api.call("GET", "/v1/conflicts", "NEWATCH", **WATCHING).data["items"] == []
    assert api.call("GET", path, "NEWATCH", **WATCHING).status_code == 404
    assert step(api, conflict_id, "own", "NEWATCH", **WATCHING).status_code == 404


def test_what_a_center_serves_changes_by_two_persons_of_the_operator(api):
    change = {"watch": {"agencies": ["DEA", "ATF", "HSI"], "states": ["MD"]}, "reason": "HSI joins"}
    proposed = api.call("POST", f"/v1/organisations/{CENTER}/watch", OPERATOR, change)
    assert proposed.status_code == 200, proposed.body
    assert proposed.data["pending"]["watch"]["agencies"] == ["DEA", "ATF", "HSI"]
    assert proposed.data["watch"]["agencies"] == ["DEA", "ATF"]
    assert api.call("POST", f"/v1/organisations/{CENTER}/watch", OPERATOR, change).status_code == 403
    made = api.call("POST", f"/v1/organisations/{CENTER}/watch", OPERATOR, change, **SECOND)
    assert made.status_code == 200, made.body
    assert (made.data["watch"]["agencies"], made.data["pending"]) == (["DEA", "ATF", "HSI"], None)
    agency = {"watch": {"agencies": ["DEA"]}}
    assert api.call("POST", "/v1/organisations/DEA/watch", OPERATOR, agency).status_code == 400


def test_both_agencies_agreeing_resolve_it_without_the_center(api, buys):
    conflict_id = buys["conflict"]
    first = step(api, conflict_id, "resolve", "DEA", {"outcome": "delayed", "note": "ATF goes first"})
    assert (first.data["state"], first.data["outcome"]) == ("open", None)
    other = step(api, conflict_id, "resolve", "ATF", {"outcome": "delayed", "note": "We go first"})
    assert (other.data["state"], other.data["outcome"], other.data["resolved_by_org"]) == (
        "resolved",
        "delayed",
        "both agencies",
    )
    assert step(api, conflict_id, "own", CENTER).status_code == 409


def test_what_each_agency_wrote_when_it_agreed_stays_on_its_side(api, buys):
    """The note is required to agree: the first agency's is kept on its side, for the other
    agency to read before agreeing in turn, and stays once the second one's resolves it."""
    conflict_id = buys["conflict"]
    step(api, conflict_id, "resolve", "DEA", {"outcome": "delayed", "note": "ATF goes first; DEA at 21:00"})
    for reader in ("ATF", CENTER):
        read = api.call("GET", f"/v1/conflicts/{conflict_id}", reader).data
        dea = next(side for side in (read["first"], read["second"]) if side["org"] == "DEA")
        assert (dea["agreed"], dea["agreed_note"]) == ("delayed", "ATF goes first; DEA at 21:00"), reader
    resolved = step(api, conflict_id, "resolve", "ATF", {"outcome": "delayed", "note": "We go first"}).data
    notes = {side["org"]: side["agreed_note"] for side in (resolved["first"], resolved["second"])}
    assert notes == {"DEA": "ATF goes first; DEA at 21:00", "ATF": "We go first"}
    assert resolved["note"] == "We go first"


def test_a_cancelled_operation_resolves_its_open_conflict_cancelled(api, pump, buys):
    conflict_id = buys["conflict"]
    [dea_op] = api.call("GET", f"/v1/cases/{buys['dea_case']}/operations", "DEA").data["items"]
    assert api.call("POST", f"/v1/operations/{dea_op['operation_id']}/cancel", "DEA").status_code == 200
    pump.drain()
    found = api.call("GET", f"/v1/conflicts/{conflict_id}", CENTER).data
    assert (found["state"], found["outcome"], found["resolved_by_org"]) == ("resolved", "cancelled", "DEA")


def test_a_moved_operation_that_no_longer_overlaps_clears_its_conflict(api, pump, buys):
    conflict_id = buys["conflict"]
    [dea_op] = api.call("GET", f"/v1/cases/{buys['dea_case']}/operations", "DEA").data["items"]
    far = {"location": {"lat": 38.95, "lon": -77.0365, "radius_m": 100}}
    moved = api.call("PATCH", f"/v1/operations/{dea_op['operation_id']}", "DEA", far, {"If-Match": '"v1"'})
    assert moved.status_code == 200, moved.body
    pump.drain()
    found = api.call("GET", f"/v1/conflicts/{conflict_id}", CENTER).data
    assert found["state"] == "cleared"  # as it last stood: not where DEA's operation went
    assert 38.95 not in [side["location"]["lat"] for side in (found["first"], found["second"])]


def test_the_exigent_waiver_needs_a_second_person_of_the_asking_agency(api, aws, pump, buys):
    conflict_id = buys["conflict"]
    drain_queues(aws)
    asked = step(api, conflict_id, "waiver", "DEA", {"reason": "Hostage; entry now"})
    assert asked.status_code == 200, asked.body
    assert asked.data["waiver"]["org"] == "DEA" and asked.data["waiver"]["concurred_at"] is None
    officer = {"scope": COMMANDER["scope"]}  # the officer who asked, with the scope: still one person
    assert step(api, conflict_id, "waiver/concur", "DEA", **officer).status_code == 403
    atf_commander = {"sub": "supervisor.atf@example.gov", "scope": COMMANDER["scope"]}
    assert step(api, conflict_id, "waiver/concur", "ATF", **atf_commander).status_code == 403
    assert step(api, conflict_id, "waiver/concur", "DEA", sub=COMMANDER["sub"]).status_code == 403  # no scope
    concurred = step(api, conflict_id, "waiver/concur", "DEA", **COMMANDER)
    assert concurred.status_code == 200, concurred.body
    assert concurred.data["waiver"]["concurred_by_name"] == "Duty supervisor DEA"
    assert concurred.data["state"] == "open"  # proceeding with it unresolved, on the record
    pump.drain()
    told = [e for e in drain_queues(aws) if e["detail-type"] in ("Conflict Waiver Asked", "Conflict Waived")]
    assert [(e["detail-type"], e["detail"]["recipients"], e["detail"]["urgent"]) for e in told] == [
        ("Conflict Waiver Asked", ["ATF", "DEA", CENTER], True),
        ("Conflict Waived", ["ATF", "DEA", CENTER], True),
    ]


def alerts(aws, pump) -> list[tuple[str, str, tuple[str, ...]]]:
    """The clocks' events since the last look: type, which alert, recipients."""
    pump.drain()
    wanted = ("Conflict Unowned", "Conflict Contact Overdue")
    return [
        (e["detail-type"], e["detail"].get("alert", ""), tuple(e["detail"]["recipients"]))
        for e in drain_queues(aws)
        if e["detail-type"] in wanted
    ]


def test_unowned_at_5_and_15_minutes_and_contact_overdue_30_minutes_before_the_start_each_once(api, aws, pump, tonight):
    conflict = api.call("GET", f"/v1/conflicts/{tonight['conflict']}", CENTER).data
    found, starts = at(conflict["detected_at"]), at(conflict["starts_at"])
    drain_queues(aws)
    scheduler = timer_scheduler()
    assert scheduler.run(found + timedelta(minutes=4, seconds=59)).fired == 0
    assert scheduler.run(found + timedelta(minutes=5, seconds=1)).fired == 1
    assert scheduler.run(found + timedelta(minutes=5, seconds=2)).fired == 0  # the scheduler twice: once
    assert scheduler.run(found + timedelta(minutes=15, seconds=1)).fired == 1
    center = (CENTER,)
    assert alerts(aws, pump) == [("Conflict Unowned", "1", center), ("Conflict Unowned", "2", center)]
    assert scheduler.run(starts - timedelta(minutes=30, seconds=1)).fired == 0
    assert scheduler.run(starts - timedelta(minutes=29, seconds=59)).fired == 1
    assert scheduler.run(starts - timedelta(minutes=29)).fired == 0
    assert alerts(aws, pump) == [("Conflict Contact Overdue", "", ("ATF", "DEA", CENTER))]


def test_a_scheduler_that_was_down_sends_what_it_missed_once(api, aws, pump, tonight):
    conflict = api.call("GET", f"/v1/conflicts/{tonight['conflict']}", CENTER).data
    starts = at(conflict["starts_at"])
    drain_queues(aws)
    scheduler = timer_scheduler()
    assert scheduler.run(starts).fired == 3
    assert scheduler.run(starts + timedelta(minutes=1)).fired == 0
    assert sorted(kind for kind, *_ in alerts(aws, pump)) == [
        "Conflict Contact Overdue",
        "Conflict Unowned",
        "Conflict Unowned",
    ]


def test_an_owned_conflict_both_sides_contacted_raises_no_alarm(api, aws, pump, tonight):
    conflict_id = tonight["conflict"]
    assert step(api, conflict_id, "own", CENTER).status_code == 200
    for org in ("DEA", "ATF"):
        assert step(api, conflict_id, "contact", org).status_code == 200
    starts = at(api.call("GET", f"/v1/conflicts/{conflict_id}", CENTER).data["starts_at"])
    drain_queues(aws)
    run = timer_scheduler().run(starts)
    assert (run.fired, run.dropped) == (0, 3)
    assert alerts(aws, pump) == []


def test_the_watch_floors_list_is_also_geojson_for_a_map(api, buys):
    answered = api.call("GET", "/v1/conflicts", CENTER, headers={"Accept": "application/geo+json"})
    assert answered.status_code == 200 and answered.headers["content-type"] == "application/geo+json"
    assert answered.data["type"] == "FeatureCollection" and answered.data["next_cursor"] is None
    points = {feature["properties"]["org"]: feature for feature in answered.data["features"]}
    assert points["ATF"]["geometry"] == {"type": "Point", "coordinates": [NEARBY["lon"], NEARBY["lat"]]}
    assert points["ATF"]["properties"]["radius_m"] == NEARBY["radius_m"]
    assert {feature["properties"]["conflict_id"] for feature in points.values()} == {buys["conflict"]}
    no_secrets(answered.body.decode(), buys["secrets"])


def many_conflicts(count: int, resolved_every: int) -> list[WatchedConflict]:
    """`count` conflicts of WBWATCH's with starts spread over a month, every `resolved_every`th still open."""
    import random

    now = datetime(2026, 12, 7, tzinfo=UTC)
    contact = Contact("SA Dana Cole", "+12025550100", None)

    def operation(org: str, n: int) -> Operation:
        case_id = new_id("case", now + timedelta(milliseconds=n))
        location = Location(38.9, -77.03, 100)
        return Operation(
            new_operation_id(case_id, now), case_id, org, OperationKind.RAID, location, now, now, contact, now, "x", now
        )

    shuffled = random.Random(33)
    found = []
    for n in range(count):
        conflict = watch.watched(operation("DEA", n), operation("ATF", n), [CENTER], now)
        start = now + timedelta(minutes=shuffled.randrange(60 * 24 * 30))
        state = ConflictState.OPEN if n % resolved_every == 0 else ConflictState.RESOLVED
        found.append(replace(conflict, starts_at=start, state=state))
    return found


def test_the_list_is_the_most_urgent_first_at_one_query_a_page_with_10000_conflicts(api, dynamo_calls):
    """A year of a busy floor: 10,000 conflicts, 9,000 of them resolved. The list reads the
    unresolved ones from a sparse index, a page a Query, however long the history."""
    conflicts = many_conflicts(10_000, resolved_every=10)
    with WatchEntryItem.batch_write() as batch:  # straight into the table: 400 BatchWriteItem calls
        for conflict in conflicts:
            batch.save(codec.watch_entry_item(conflict, CENTER))
    urgent = sorted((c for c in conflicts if c.unresolved), key=lambda c: (c.starts_at, c.conflict_id))
    assert len(urgent) == 1_000

    def pages(query: str, count: int) -> list[str]:
        seen, cursor = [], None
        for _ in range(count):
            dynamo_calls.reset()
            path = f"/v1/conflicts?limit=100{query}" + (f"&cursor={cursor}" if cursor else "")
            page = api.call("GET", path, CENTER)
            assert page.status_code == 200, page.body
            assert dynamo_calls.operations.count("Query") == 1 and "Scan" not in dynamo_calls.operations
            seen += [item["conflict_id"] for item in page.data["items"]]
            cursor = page.data["next_cursor"]
        return seen

    assert pages("", 3) == [c.conflict_id for c in urgent[:300]]
    assert pages("&state=open", 2) == [c.conflict_id for c in urgent[:200]]
    before = urgent[150].starts_at
    soon = pages(f"&starts_before={before.isoformat().replace('+00:00', 'Z')}", 2)
    assert soon == [c.conflict_id for c in urgent[:150]]


def test_the_centers_quarter_counts_operations_conflicts_times_to_ownership_and_contact_and_outcomes(api, pump, buys):
    conflict_id = buys["conflict"]
    for action, org, body in (
        ("own", CENTER, None),
        ("notify", CENTER, None),
        ("contact", "DEA", None),
        ("contact", "ATF", None),
        ("resolve", CENTER, {"outcome": "joint", "note": "One team"}),
    ):
        assert step(api, conflict_id, action, org, body).status_code == 200
    pump.drain()
    pump.drain()  # the stream's second pass counts nothing twice
    now = datetime.now(UTC)
    quarter = f"{now.year}-Q{(now.month - 1) // 3 + 1}"
    answered = api.call("GET", f"/v1/reports/watch?period={quarter}", CENTER)
    assert answered.status_code == 200, answered.body
    found = {(s["figure"], s["shown"]): s for s in answered.data["sections"]}
    assert answered.data["audience"] == f"CENTER:{CENTER}"

    def counted(figure: str, shown: str = "counts") -> dict[str, Any]:
        return {",".join(row["labels"].values()): row["count"] for row in found[(figure, shown)]["rows"]}

    assert counted("operations") == {"controlled_buy": 2}
    assert counted("conflicts") == {"owner": 1}
    assert counted("own_time", "times") == counted("contact_time", "times") == {"": 1}  # each a time, once
    assert counted("outcomes") == {"joint": 1}
    assert found[("waivers", "counts")]["total"]["count"] == 0
    no_secrets(answered.body.decode(), buys["secrets"])
    assert api.call("GET", f"/v1/reports/watch?period={quarter}", "DEA").status_code == 404  # a center's own


def test_a_conflicts_figures_are_each_counted_at_their_step_and_only_then():
    from chalicelib.domain.figures.families import watch_facts

    created = datetime(2026, 11, 20, 12, tzinfo=UTC)
    case_id = new_id("case", created)
    a, b = (
        Operation(
            new_operation_id(case_id, created),
            case_id,
            org,
            OperationKind.CONTROLLED_BUY,
            Location(38.8977, -77.0365, 150),
            datetime(2026, 11, 20, 20, tzinfo=UTC),
            datetime(2026, 11, 20, 21, tzinfo=UTC),
            Contact("SA", "+12025550100"),
            datetime(2026, 11, 20, 12, tzinfo=UTC),
            "sub",
            datetime(2026, 11, 20, 12, tzinfo=UTC),
        )
        for org in ("DEA", "ATF")
    )
    opened = watch.watched(a, b, [CENTER, "NEWATCH"], datetime(2026, 11, 20, 12, tzinfo=UTC))
    owned = replace(opened, state=ConflictState.OWNED, owned_at=datetime(2026, 11, 20, 12, 4, tzinfo=UTC))

    def named(old: WatchedConflict | None, new: WatchedConflict) -> list[str]:
        return [fact.fact_id.rsplit(":", 1)[1] for fact in watch_facts(old, new, {})]

    assert named(None, opened) == ["found"]
    [found] = watch_facts(None, opened, {})
    assert {(t.scope, t.figure, t.dims) for t in found.tallies} == {
        (f"CENTER:{CENTER}", "conflicts", (("role", "owner"),)),
        ("CENTER:NEWATCH", "conflicts", (("role", "seer"),)),
        ("NATIONAL", "watched_conflicts", (("center", CENTER),)),
    }
    assert named(opened, owned) == ["owned"]
    assert named(owned, owned) == []
    assert named(owned, replace(owned, state=ConflictState.CLEARED)) == ["ended"]


def test_the_center_reads_its_conflicts_events_in_its_feed(api, pump, buys, later):
    assert step(api, buys["conflict"], "own", CENTER).status_code == 200
    pump.drain()
    later()  # past the feed's settle window
    read = api.call("GET", "/v1/events", CENTER)
    assert read.status_code == 200, read.body
    assert [e["detail_type"] for e in read.data["items"]] == ["Conflict Opened", "Conflict Owned"]
    no_secrets(read.body.decode(), buys["secrets"])


STEPS = [
    ("own", {}),
    ("handover", {"to": "per_" + "0" * 26}),
    ("notify", {}),
    ("contact", {}),
    ("resolve", {"outcome": "joint", "note": "probe"}),
    ("waiver", {"reason": "probe"}),
    ("waiver/concur", {}),
]
#: What each outsider may try: a center serving neither side, an agency with no side, with every scope.
OUTSIDERS = [
    ("NEWATCH", {"scope": "conflicts:watch cases:read cases:write deconfliction:waive"}),
    ("HSI", {"scope": "conflicts:watch cases:read cases:write deconfliction:waive"}),
]


def test_an_outsider_cannot_tell_a_hidden_conflict_from_an_absent_one_by_any_step(api, pump, buys):
    """Every read and step of a conflict the caller has no part in answers exactly as for an id
    that was never issued: the same status, the same problem (its id aside)."""
    assert api.call("POST", "/v1/organisations", OPERATOR, NEW_CENTER).status_code == 201
    assert api.call("POST", "/v1/organisations/NEWATCH/approve", OPERATOR, **SECOND).status_code == 200
    hidden = buys["conflict"]
    absent = new_id("cnf", datetime.now(UTC))
    for org, claims in OUTSIDERS:
        for action, body in [("", None), *STEPS]:
            answers = []
            for conflict_id in (hidden, absent):
                path = f"/v1/conflicts/{conflict_id}" + (f"/{action}" if action else "")
                method = "POST" if action else "GET"
                answered = api.call(method, path, org, body, **claims)
                answers.append((answered.status_code, answered.body.decode().replace(conflict_id, "<id>")))
            assert answers[0] == answers[1], (org, action, answers)
            assert answers[0][0] in (403, 404), (org, action, answers)
            no_secrets(answers[0][1], buys["secrets"])


def test_an_operation_moved_out_of_the_conflict_leaves_no_trace_of_where_it_went(api, aws, pump, buys):
    """Cleared, the conflict keeps the place and window where the two were in each other's way:
    where ATF's operation went is ATF's case's business, not DEA's nor the center's."""
    conflict_id = buys["conflict"]
    [atf_op] = api.call("GET", f"/v1/cases/{buys['atf_case']}/operations", "ATF").data["items"]
    elsewhere = {"lat": 40.7128, "lon": -74.006, "radius_m": 120}
    changed = {"location": elsewhere, "starts_at": "2031-01-02T03:00:00Z", "ends_at": "2031-01-02T04:00:00Z"}
    moved = api.call("PATCH", f"/v1/operations/{atf_op['operation_id']}", "ATF", changed, {"If-Match": '"v1"'})
    assert moved.status_code == 200, moved.body
    pump.drain()
    for org in ("DEA", CENTER):
        seen = api.call("GET", f"/v1/conflicts/{conflict_id}", org)
        assert seen.data["state"] == "cleared"
        atf = next(side for side in (seen.data["first"], seen.data["second"]) if side["org"] == "ATF")
        assert atf["location"] == (NEARBY if org == CENTER else None), org
        for secret in ("40.7128", "-74.006", "2031-01-02"):
            assert secret not in seen.body.decode(), (org, secret)
    events = [e for e in drain_queues(aws) if e["detail-type"] == "Conflict Cleared"]
    assert events and "2031-01-02" not in json.dumps(events)


def test_an_agency_sees_of_the_other_sides_operation_whom_to_call_and_nothing_else(api, buys):
    """The center needs both operations' kind, place and window to act; DEA needs ATF's on-scene
    contact, as `Operation Conflict` gives it, not where and when ATF's operation is."""
    conflict_id = buys["conflict"]
    for answered in (
        api.call("GET", f"/v1/conflicts/{conflict_id}", "DEA"),
        step(api, conflict_id, "contact", "DEA"),
    ):
        assert answered.status_code == 200, answered.body
        sides = {side["org"]: side for side in (answered.data["first"], answered.data["second"])}
        assert sides["DEA"]["location"]["radius_m"] and sides["DEA"]["kind"] == "controlled_buy"
        atf = sides["ATF"]
        assert atf["contact"]["phone"] == ATF_ON_SCENE["phone"]
        assert (atf["kind"], atf["location"], atf["starts_at"], atf["ends_at"]) == (None, None, None, None)
        assert str(NEARBY["lat"]) not in answered.body.decode()
    center = api.call("GET", f"/v1/conflicts/{conflict_id}", CENTER).data
    assert {side["org"]: side["location"] for side in (center["first"], center["second"])}["ATF"] == NEARBY


@pytest.mark.parametrize(
    "starts_before", ["0001-01-01T00:00:00%2B01:00", "9999-12-31T23:59:59-01:00", "2026-12-07T00:00:00", "tomorrow"]
)
def test_a_starts_before_the_list_cannot_order_by_is_a_400_never_a_500(api, starts_before):
    answered = api.call("GET", f"/v1/conflicts?starts_before={starts_before}", CENTER)
    assert answered.status_code == 400, answered.body
    assert answered.data["errors"][0]["field"] == "starts_before"


def test_an_operation_moved_back_into_the_way_is_on_the_watch_floor_again(api, aws, pump, buys):
    """Cleared when DEA moved away, the conflict is back when DEA moves back: officers' safety."""
    [dea_op] = api.call("GET", f"/v1/cases/{buys['dea_case']}/operations", "DEA").data["items"]
    path = f"/v1/operations/{dea_op['operation_id']}"
    far = {"location": {"lat": 38.95, "lon": -77.0365, "radius_m": 100}}
    assert api.call("PATCH", path, "DEA", far, {"If-Match": '"v1"'}).status_code == 200
    pump.drain()
    assert api.call("GET", "/v1/conflicts", CENTER).data["items"] == []
    back = {"location": dea_op["location"]}
    assert api.call("PATCH", path, "DEA", back, {"If-Match": '"v2"'}).status_code == 200
    pump.drain()
    [again] = api.call("GET", "/v1/conflicts", CENTER).data["items"]
    assert (again["conflict_id"], again["state"]) == (buys["conflict"], "open")
    assert [line["step"] for line in again["history"]] == ["opened", "cleared", "opened"]
    told = [e["detail"] for e in drain_queues(aws) if e["detail-type"] == "Conflict Opened"]
    assert [(d["recipients"], d["urgent"]) for d in told][-1] == (["ATF", "DEA", CENTER], True)


def test_the_center_reads_each_sides_own_kind_whichever_was_planned_first(api, pump):
    """The earlier operation comes to the check from its grid cell's entry: the entry keeps the
    kind, so the center does not read an undercover meet as `other`."""
    dea_case = open_case(api, "DEA", DEA_ON_SCENE)
    atf_case = open_case(api, "ATF", ATF_ON_SCENE, title="ATF straw purchase ring")
    assert plan(api, "DEA", dea_case, contact=DEA_ON_SCENE, kind="undercover_meet").status_code == 201
    assert plan(api, "ATF", atf_case, location=NEARBY, contact=ATF_ON_SCENE, kind="search_warrant").status_code == 201
    pump.drain()
    [listed] = api.call("GET", "/v1/conflicts", CENTER).data["items"]
    seen = api.call("GET", f"/v1/conflicts/{listed['conflict_id']}", CENTER).data
    assert {side["org"]: side["kind"] for side in (seen["first"], seen["second"])} == {
        "DEA": "undercover_meet",
        "ATF": "search_warrant",
    }


def test_the_centers_list_shows_the_alerts_the_clocks_set_without_waiting_for_a_step(api, aws, pump, tonight):
    """A timer's alert sets the conflict alone; the stream copies it to the centers' lists,
    where it stood only until the next step rewrote them."""
    conflict = api.call("GET", f"/v1/conflicts/{tonight['conflict']}", CENTER).data
    found, starts = at(conflict["detected_at"]), at(conflict["starts_at"])
    scheduler = timer_scheduler()
    assert scheduler.run(found + timedelta(minutes=15, seconds=1)).fired == 2
    assert scheduler.run(starts - timedelta(minutes=29)).fired == 1
    pump.drain()
    [listed] = api.call("GET", "/v1/conflicts", CENTER).data["items"]
    read = api.call("GET", f"/v1/conflicts/{tonight['conflict']}", CENTER).data
    assert (
        (listed["unowned_alerts"], listed["version"])
        == (2, read["version"])
        == (read["unowned_alerts"], conflict["version"])
    )
    stored = [item for item in WatchEntryItem.query(f"CNF#{tonight['conflict']}") if isinstance(item, WatchEntryItem)]
    assert [item.contact_overdue_for for item in stored] == [starts]


def test_an_alert_copied_late_never_overwrites_a_later_step_in_the_list(api, aws, pump, tonight):
    """The copy is of the conflict's version: a step taken before the stream copies an alert has
    written its entries already, with the alert and the step both."""
    conflict = api.call("GET", f"/v1/conflicts/{tonight['conflict']}", CENTER).data
    assert timer_scheduler().run(at(conflict["detected_at"]) + timedelta(minutes=5, seconds=1)).fired == 1
    assert step(api, tonight["conflict"], "own", CENTER).status_code == 200  # before the stream ran
    pump.drain()
    [listed] = api.call("GET", "/v1/conflicts", CENTER).data["items"]
    assert (listed["state"], listed["unowned_alerts"], listed["version"]) == ("owned", 1, conflict["version"] + 1)


def test_an_operation_moved_but_still_in_the_way_asks_both_agencies_to_agree_again(api, pump, buys):
    """DEA agreed to delay, and wrote why, for the plans as they stood; DEA then moves its
    operation, still in ATF's way. ATF agreeing to the old agreement resolves nothing."""
    conflict_id = buys["conflict"]
    assert step(api, conflict_id, "resolve", "DEA", {"outcome": "delayed", "note": "ATF goes first"}).status_code == 200
    [dea_op] = api.call("GET", f"/v1/cases/{buys['dea_case']}/operations", "DEA").data["items"]
    nearer = {"location": {**NEARBY, "lat": NEARBY["lat"] - 0.0002}}
    moved = api.call("PATCH", f"/v1/operations/{dea_op['operation_id']}", "DEA", nearer, {"If-Match": '"v1"'})
    assert moved.status_code == 200, moved.body
    pump.drain()
    found = api.call("GET", f"/v1/conflicts/{conflict_id}", CENTER).data
    assert found["state"] == "open" and found["history"][-1]["step"] == "moved"
    assert [(side["agreed"], side["agreed_note"]) for side in (found["first"], found["second"])] == [(None, None)] * 2

    after = step(api, conflict_id, "resolve", "ATF", {"outcome": "delayed", "note": "We go first"}).data
    assert (after["state"], after["outcome"]) == ("open", None)
