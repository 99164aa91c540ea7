"""The watch floor in a browser: DEA's and ATF's buys at the same corner reach WBWATCH's floor
without a reload; its duty agent owns the conflict, notifies both officers, sees both agencies
confirm contact, resolves it `joint` and finds it among the resolved; DEA's officer, from the
keyboard alone, sees who owns another conflict and confirms contact on DEA's side; DEA's officer
asks for an exigent waiver of a third and DEA's supervisor concurs; the duty agent hands a
conflict over to the center's supervisor, picked among those who have owned one."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.console.conftest import (
    FEED_WAIT_MS,
    Api,
    Watched,
    assert_accessible,
    example,
    screenshot,
    sign_in,
    sign_in_by_keyboard,
    tab_to,
)


def conflicting(api: Api, kind: str, lat: float, hours: int, starts: datetime | None = None) -> str:
    """DEA and ATF each register an operation of `kind` at the same place and time, for an hour
    from `hours` ahead (on the hour) or from `starts`: the stream opens a conflict on WBWATCH's
    floor. Its id (as the center lists it)."""
    starts = starts or (datetime.now(UTC) + timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)
    operation = example("register-operation") | {
        "kind": kind,
        "location": {"lat": lat, "lon": -77.0365, "radius_m": 250},
        "starts_at": starts.isoformat().replace("+00:00", "Z"),
        "ends_at": (starts + timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
    }
    for org in ("DEA", "ATF"):
        case = api.call("POST", "/v1/cases", org, {"title": f"{org} {kind} at {lat}"})
        api.call("POST", "/v1/operations", org, operation | {"case_id": case["case_id"]})
    return kind


def floor_conflict(api: Api, kind: str) -> dict[str, Any]:
    found = api.call("GET", "/v1/conflicts", "WBWATCH")["items"]
    return next(item for item in found if kind in (item["first"]["kind"], item["second"]["kind"]))


def test_the_watch_floor_owns_notifies_and_resolves_a_conflict_joint_and_lists_it_resolved(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent WBWATCH")
    page.get_by_role("heading", name="Watch floor · WBWATCH").wait_for()
    floor = page.get_by_role("region", name="Conflicts, most urgent first")
    floor.get_by_text("No conflict waits on the watch floor.").wait_for()

    conflicting(api, "controlled_buy", 38.8977, 3)
    row = floor.get_by_role("row").filter(has_text="controlled buy")
    row.wait_for(timeout=FEED_WAIT_MS)  # no reload: the floor reads its list again at the feed's pace
    assert "unowned for" in row.inner_text()
    assert "left" in row.inner_text()  # the clock to the earlier start
    page.get_by_role("img", name=re.compile(r"Map of 1 unresolved conflict")).wait_for()
    assert page.locator("svg.map circle.area").count() == 2  # a radius per operation
    assert_accessible(page, "watch floor")
    screenshot(page, "watch-floor")

    row.get_by_role("button", name=re.compile("Open the conflict of")).click()
    page.get_by_role("heading", name=re.compile("Conflict of (DEA and ATF|ATF and DEA)")).wait_for()
    page.get_by_role("button", name="Own it").click()
    page.locator("main dd", has_text="Duty agent WBWATCH").wait_for()
    page.get_by_role("button", name="Notify both officers").click()
    page.locator(".badge", has_text="notified").wait_for()

    conflict = floor_conflict(api, "controlled_buy")
    for org in ("DEA", "ATF"):
        api.call("POST", f"/v1/conflicts/{conflict['conflict_id']}/contact", org)
    page.get_by_role("button", name="Back to the watch floor").click()
    row.filter(has_text="DEA: confirmed").filter(has_text="ATF: confirmed").wait_for(timeout=FEED_WAIT_MS)
    row.get_by_role("button", name=re.compile("Open the conflict of")).click()
    page.get_by_role("heading", name="History").wait_for()
    assert_accessible(page, "a conflict")
    screenshot(page, "conflict")

    page.get_by_label("Outcome", exact=True).select_option("joint")
    page.get_by_label("Note").fill("One team; DEA leads the entry")
    page.get_by_role("button", name="Resolve").click()
    page.get_by_text("Nothing to do: the conflict is resolved.").wait_for()
    resolved = api.call("GET", f"/v1/conflicts/{conflict['conflict_id']}", "WBWATCH")
    assert (resolved["state"], resolved["outcome"], resolved["owned_by_name"]) == (
        "resolved",
        "joint",
        "Duty agent WBWATCH",
    )
    assert [step["step"] for step in resolved["history"]][-1] == "resolved"

    page.get_by_role("button", name="Back to the watch floor").click()
    floor.get_by_text("No conflict waits on the watch floor.").wait_for()  # the list shows the unresolved
    floor.get_by_label("Show").select_option("resolved")
    done = (
        floor.get_by_role("table", name=re.compile("^Resolved conflicts"))
        .get_by_role("row")
        .filter(has_text="controlled buy")
    )
    done.filter(has_text="joint (by WBWATCH)").wait_for()
    assert_accessible(page, "watch floor, resolved conflicts")


def test_an_agency_officer_sees_who_owns_a_conflict_and_confirms_contact_by_keyboard(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    sign_in_by_keyboard(page, console_stack["console"], "Agencies", "Duty agent DEA")
    section = page.get_by_role("region", name="Conflicts on the watch floor")
    section.get_by_text("No conflict of your operations is open.").wait_for()
    conflicting(api, "surveillance", 39.2904, 5)  # Baltimore, later: no conflict with the other test's
    # DEA sees ATF's agency and on-scene contact, never ATF's operation (its kind is not shown)
    row = section.get_by_role("row").filter(has_text="ATF")
    row.wait_for(timeout=FEED_WAIT_MS)  # from the feed's Conflict Opened
    assert "unowned for" in row.inner_text()
    path = f"/v1/conflicts/{floor_conflict(api, 'surveillance')['conflict_id']}"
    api.call("POST", f"{path}/own", "WBWATCH")
    api.call("POST", f"{path}/notify", "WBWATCH")
    row.filter(has_text="Duty agent WBWATCH").wait_for(timeout=FEED_WAIT_MS)  # who owns it, from the feed
    tab_to(page, "Open the conflict with ATF", presses=120)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("Conflict of")).wait_for()
    assert_accessible(page, "a conflict, for an agency")
    tab_to(page, "Confirm contact")
    page.keyboard.press("Enter")
    page.get_by_role("cell", name="contact confirmed").wait_for()  # in the history, once the page is read again
    mine = api.call("GET", path, "DEA")
    dea = mine["first"] if mine["first"]["org"] == "DEA" else mine["second"]
    assert dea["contact_confirmed_at"] is not None


def test_an_officer_asks_for_an_exigent_waiver_and_a_commander_of_the_agency_concurs(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent DEA")
    section = page.get_by_role("region", name="Conflicts on the watch floor")
    section.get_by_text("Loading…").wait_for(state="detached")
    shown = section.locator("[data-key^='open-']").evaluate_all("(buttons) => buttons.map((b) => b.dataset.key)")
    conflicting(api, "arrest", 39.05, 9)  # later than the other tests' conflicts, and elsewhere
    key = page.wait_for_function(  # the row the feed's Conflict Opened adds
        "(shown) => [...document.querySelectorAll(\"[data-key^='open-']\")].map((b) => b.dataset.key)"
        ".find((key) => !shown.includes(key))",
        arg=shown,
        timeout=FEED_WAIT_MS,
    ).json_value()
    conflict_id = key.removeprefix("open-")
    opener = page.locator(f'[data-key="{key}"]')  # its row's button
    opener.click()
    page.locator("summary", has_text="Ask to proceed with the conflict unresolved").click()
    page.get_by_label("The exigent circumstance").fill("Hostage taken at the address: entry now.")
    page.get_by_role("button", name="Ask for the waiver").click()
    page.locator("main dd", has_text="Waiting for a commander of the agency to concur.").wait_for()
    page.get_by_text("A commander of your agency (with the right to waive) concurs").wait_for()  # not this officer
    assert page.get_by_role("button", name="Concur with the waiver").count() == 0
    assert_accessible(page, "a conflict with a waiver asked")

    page.get_by_role("button", name="Sign out").click()
    sign_in(console, console_stack["console"], "Agencies", "Duty supervisor DEA")
    section.get_by_role("row").filter(has=opener).filter(has_text="DEA: waiting for a commander").wait_for()
    assert_accessible(page, "agency desk, a waiver waiting")
    opener.click()
    page.get_by_role("button", name="Concur with the waiver").click()
    page.locator("main dd", has_text="Concurred by Duty supervisor DEA").wait_for()
    assert_accessible(page, "a conflict with a waiver concurred")
    waived = api.call("GET", f"/v1/conflicts/{conflict_id}", "DEA")["waiver"]
    assert (waived["org"], waived["asked_by_name"], waived["concurred_by_name"]) == (
        "DEA",
        "Duty agent DEA",
        "Duty supervisor DEA",
    )


def test_the_floor_hands_a_conflict_over_to_a_person_picked_among_its_owners(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    conflicting(api, "raid", 38.95, 11)
    conflicting(api, "undercover_meet", 38.85, 13)
    page = console.page
    floor = page.get_by_role("region", name="Conflicts, most urgent first")

    def open_conflict(kind: str) -> None:
        row = floor.get_by_role("row").filter(has_text=kind)
        row.get_by_role("button", name=re.compile("Open the conflict of")).click(timeout=FEED_WAIT_MS)
        page.get_by_role("button", name="Own it").click()

    sign_in(console, console_stack["console"], "Agencies", "Duty supervisor WBWATCH")
    open_conflict("raid")  # the supervisor owns one: they are among the floor's owners
    page.locator("main dd", has_text="Duty supervisor WBWATCH").wait_for()
    page.get_by_role("button", name="Sign out").click()

    sign_in(console, console_stack["console"], "Agencies", "Duty agent WBWATCH")
    open_conflict("undercover meet")
    page.locator("main dd", has_text="Duty agent WBWATCH").wait_for()
    picked = page.locator("datalist option[label='Duty supervisor WBWATCH']").get_attribute("value")
    assert picked is not None
    page.get_by_label("Person of the center").fill(picked)
    page.get_by_role("button", name="Hand over").click()
    page.locator("main dd", has_text="Duty supervisor WBWATCH").wait_for()
    assert_accessible(page, "a conflict handed over")
    meet = floor_conflict(api, "undercover_meet")
    assert (meet["owned_by"], meet["owned_by_name"]) == (picked, "Duty supervisor WBWATCH")


def test_contact_not_confirmed_half_an_hour_before_the_start_stands_as_an_alert_on_the_floor(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent WBWATCH")
    alerts = page.get_by_role("region", name="Alerts")
    alerts.get_by_text("No alert stands").wait_for()
    page.evaluate(  # every announcement kept, as a screen reader would have read it
        """() => {
            window.said = [];
            new MutationObserver(() => window.said.push(document.getElementById("announcer").textContent))
                .observe(document.getElementById("announcer"), {childList: true, characterData: true, subtree: true});
        }"""
    )
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=20)  # within the 30 minutes
    conflicting(api, "search_warrant", 38.81, 0, starts)

    notice = alerts.get_by_role("listitem").filter(has_text="Contact overdue")
    notice.wait_for(timeout=FEED_WAIT_MS)  # the center's clock fired; the feed brought it
    assert "have not both confirmed contact" in notice.inner_text()
    page.wait_for_function("() => window.said.some((text) => text.startsWith('Alert: contact overdue'))")
    assert_accessible(page, "the watch floor with an alert")
    screenshot(page, "watch-alerts")

    notice.get_by_role("button", name=re.compile("Open the conflict of")).click()
    page.get_by_role("heading", name=re.compile("Conflict of (DEA and ATF|ATF and DEA)")).wait_for()
    conflict = floor_conflict(api, "search_warrant")
    for org in ("DEA", "ATF"):
        api.call("POST", f"/v1/conflicts/{conflict['conflict_id']}/contact", org)
    page.get_by_role("button", name="Back to the watch floor").click()
    alerts.get_by_text("No alert stands").wait_for(timeout=FEED_WAIT_MS)  # both called: it holds no more
