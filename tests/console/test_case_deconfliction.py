"""Deconfliction and the owner's acts on a case's page: DEA's officer adds to a case a phone ATF's
case holds (in another format) and reads the hit as the API answers it to DEA (ATF, and whom to
call), adds a handle with its platform, and checks an e-mail ATF holds without keeping it (ATF
learns who asked); plans a controlled buy where ATF's is, reads the conflict as the API reports
it, which WBWATCH's floor shows too, and cancels it; edits the case, reads the API's 412 when it
changed meanwhile, and reads its audit trail a page at a time; withdraws a referral still
waiting and a subpoena not yet answered; and adds an identifier from the keyboard alone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.console.conftest import (
    FEED_WAIT_MS,
    Api,
    Watched,
    assert_accessible,
    case_titled,
    example,
    focused,
    officer_opened_a_case,
    screenshot,
    sign_in,
    sign_in_by_keyboard,
    tab_to,
)


def atf_case(api: Api, title: str, identifiers: list[dict[str, str]]) -> dict[str, Any]:
    """ATF's case holding `identifiers` (set up over the API, as ATF's case system would)."""
    case: dict[str, Any] = api.call("POST", "/v1/cases", "ATF", {"title": title})
    api.call("POST", f"/v1/cases/{case['case_id']}/identifiers", "ATF", {"identifiers": identifiers})
    return case


def test_dea_adds_a_phone_atf_holds_and_reads_the_hit_then_checks_an_e_mail_without_keeping_it(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    theirs = atf_case(
        api,
        "Pill press in Baltimore",
        [{"type": "phone", "value": "+1 202 555 0143"}, {"type": "email", "value": "plugnyc@gmail.com"}],
    )
    contact = theirs["contact"]  # the point of contact of ATF's case: whom DEA is told to call
    page = console.page
    title = "Plug.nyc selling M30s"
    officer_opened_a_case(console, console_stack["console"], title)
    held = page.get_by_role("region", name="Identifiers")
    held.get_by_text("No identifier yet").wait_for()

    held.locator("summary", has_text="Add an identifier to the case").click()
    adding = held.get_by_role("form", name="Add an identifier")
    adding.get_by_label("Type").select_option("phone")
    assert adding.get_by_label("Platform").is_hidden()  # a phone takes no qualifier
    adding.get_by_label("Value").fill("(202) 555-0143")  # another format of the same number
    adding.get_by_role("button", name="Add and match").click()
    held.get_by_role("heading", name="What the API answered to the identifier added").wait_for()
    hit = held.get_by_role("table", name=re.compile("^Hits")).get_by_role("row").filter(has_text="ATF")
    assert "+12025550143" in hit.inner_text()
    assert contact["name"] in hit.inner_text()
    assert contact["phone"] in hit.inner_text()
    held.get_by_role("table", name=re.compile("identifiers the case holds")).get_by_role(
        "cell", name="phone: +12025550143", exact=True
    ).wait_for()

    adding.get_by_label("Type").select_option("social_handle")
    adding.get_by_label("Platform").fill("instagram")
    adding.get_by_label("Value").fill("@Plug.NYC")
    adding.get_by_role("button", name="Add and match").click()
    held.get_by_role("cell", name="social handle: plug.nyc (INSTAGRAM)", exact=True).wait_for()
    held.get_by_text("No hit: no other agency's open case holds it.").wait_for()

    case_id = case_titled(api, title)
    kept = api.call("GET", f"/v1/cases/{case_id}/identifiers", "DEA")["items"]
    assert sorted(item["type"] for item in kept) == ["phone", "social_handle"]
    # The stored hit, from the stream: DEA's hits list it on the case's page without a reload.
    page.get_by_role("region", name="Hits").get_by_role("row").filter(has_text="both hold it").filter(
        has_text="ATF"
    ).wait_for(timeout=FEED_WAIT_MS)
    assert_accessible(page, "a case's identifiers, a hit answered")

    held.locator("summary", has_text="Check an identifier without keeping it").click()
    checking = held.get_by_role("form", name="Check an identifier")
    checking.get_by_label("Type").select_option("email")
    checking.get_by_label("Value").fill("Plug.NYC+orders@gmail.com")  # Gmail: dots and +tag ignored
    checking.get_by_role("button", name="Check").click()
    held.get_by_role("heading", name="What the API answered to the check").wait_for()
    held.get_by_text("Checked, not kept").wait_for()
    checked = held.get_by_role("table", name=re.compile("^Hits")).get_by_role("row").filter(has_text="ATF")
    assert "plugnyc@gmail.com" in checked.inner_text()
    assert contact["name"] in checked.inner_text()
    assert len(api.call("GET", f"/v1/cases/{case_id}/identifiers", "DEA")["items"]) == 2  # not kept
    told = api.call("GET", "/v1/deconfliction/hits", "ATF")["items"]
    assert any(item["reason"] == "checked" and item["other_org"] == "DEA" for item in told)
    assert_accessible(page, "a check answered")
    screenshot(page, "case-identifiers")


def local(page: Any, instant: datetime) -> str:
    """`instant` as a `datetime-local` field takes it: the browser's own time, to the minute."""
    return str(
        page.evaluate(
            """(iso) => {
                const at = new Date(iso);
                const two = (n) => String(n).padStart(2, "0");
                return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
            }""",
            instant.isoformat(),
        )
    )


def atf_operation(api: Api, title: str, starts: datetime, hours: int, **changes: Any) -> None:
    """ATF's operation on a case of its own, from `starts` for `hours` (set up over the API): the
    documented example, with `changes`."""
    theirs = api.call("POST", "/v1/cases", "ATF", {"title": title})
    window = {
        "starts_at": starts.isoformat().replace("+00:00", "Z"),
        "ends_at": (starts + timedelta(hours=hours)).isoformat().replace("+00:00", "Z"),
    }
    api.call(
        "POST",
        "/v1/operations",
        "ATF",
        example("register-operation") | window | changes | {"case_id": theirs["case_id"]},
    )


def planned(
    page: Any,
    kind: str,
    place: tuple[str, str, str],
    starts: datetime,
    ends: datetime,
    contact: tuple[str, str] = ("", ""),
) -> Any:
    """On a case's page, an operation of `kind` planned at `place` (latitude, longitude, radius) from
    the form, with the on-scene contact's name and phone (the token's unless given); the Operations
    region."""
    operations = page.get_by_role("region", name="Operations")
    operations.locator("summary", has_text="Plan an operation").click()
    plan = operations.get_by_role("form", name="Plan an operation")
    plan.get_by_label("Kind").select_option(kind)
    for label, value in zip(("Latitude", "Longitude", "Radius"), place, strict=True):
        plan.get_by_label(label).fill(value)
    plan.get_by_label("Starts").fill(local(page, starts))
    plan.get_by_label("Ends").fill(local(page, ends))
    plan.get_by_label("On-scene contact's name").fill(contact[0])
    plan.get_by_label("On-scene contact's phone").fill(contact[1])
    plan.get_by_role("button", name="Plan and check for conflicts").click()
    return operations


def test_dea_plans_a_buy_where_atf_has_one_reads_the_conflict_and_cancels_it(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    starts = (datetime.now(UTC) + timedelta(hours=4)).replace(minute=0, second=0, microsecond=0)
    atf_operation(
        api, "Straw purchases, Anacostia", starts, 2, contact={"name": "SA Okafor", "phone": "+1 202 555 0199"}
    )
    page = console.page
    title = "Buy from plug.nyc at the corner"
    officer_opened_a_case(console, console_stack["console"], title)
    page.get_by_role("region", name="Operations").get_by_text("No operation planned on the case.").wait_for()
    operations = planned(  # about 20 m from ATF's, within its window
        page,
        "controlled_buy",
        ("38.8979", "-77.0366", "150"),
        starts + timedelta(minutes=30),
        starts + timedelta(hours=1, minutes=30),
        ("SA Rivera", "+1 202 555 0188"),
    )
    operations.get_by_role("heading", name="What the API answered to the controlled buy planned").wait_for()
    clash = operations.get_by_role("table", name=re.compile("^Conflicts")).get_by_role("row").filter(has_text="ATF")
    assert "SA Okafor" in clash.inner_text() and "+1 202 555 0199" in clash.inner_text()

    case_id = case_titled(api, title)
    (mine,) = api.call("GET", f"/v1/cases/{case_id}/operations", "DEA")["items"]
    assert (mine["kind"], mine["status"], mine["contact"]["name"]) == ("controlled_buy", "planned", "SA Rivera")
    assert mine["starts_at"].startswith((starts + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"))
    row = (
        operations.get_by_role("table", name=re.compile("operations planned"))
        .get_by_role("row")
        .filter(has_text="controlled buy (DEA)")
    )
    row.filter(has_text="conflict with ATF").wait_for(timeout=FEED_WAIT_MS)  # the stored conflict
    kept = api.call("GET", "/v1/deconfliction/conflicts", "DEA")["items"]
    assert [(item["operation_id"], item["other_org"]) for item in kept] == [(mine["operation_id"], "ATF")]
    assert_accessible(page, "an operation planned, a conflict answered")
    screenshot(page, "case-operations")

    row.get_by_role("button", name="Cancel the controlled buy").click()
    operations.get_by_role("heading", name="The controlled buy cancelled").wait_for()
    row.filter(has_text="cancelled").wait_for()
    assert api.call("GET", f"/v1/operations/{mine['operation_id']}", "DEA")["status"] == "cancelled"
    assert row.get_by_role("button", name="Cancel the controlled buy").count() == 0


def test_the_watch_floor_sees_the_conflict_a_buy_planned_on_a_case_s_page_raised(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    starts = (datetime.now(UTC) + timedelta(hours=6)).replace(minute=0, second=0, microsecond=0)
    stash = {"lat": 39.2904, "lon": -76.6122, "radius_m": 300}
    atf_operation(api, "Surveillance of a stash house", starts, 3, kind="surveillance", location=stash)
    page = console.page
    officer_opened_a_case(console, console_stack["console"], "Raid on the stash house")
    operations = planned(
        page, "raid", ("39.2904", "-76.6122", "100"), starts + timedelta(hours=1), starts + timedelta(hours=2)
    )
    operations.get_by_role("table", name=re.compile("^Conflicts")).get_by_role("row").filter(has_text="ATF").wait_for()

    page.get_by_role("button", name="Sign out").click()
    sign_in(console, console_stack["console"], "Agencies", "Duty agent WBWATCH")
    floor = page.get_by_role("region", name="Conflicts, most urgent first")
    floor.get_by_role("row").filter(has_text="DEA raid").filter(has_text="ATF surveillance").wait_for(
        timeout=FEED_WAIT_MS
    )


def instants(table: Any) -> list[datetime]:
    """The times of a table's rows, in its order."""
    shown = table.locator("time").evaluate_all("(nodes) => nodes.map((node) => node.dateTime)")
    return [datetime.fromisoformat(value) for value in shown]


def test_the_owner_edits_the_case_reads_the_412_of_a_stale_edit_and_its_audit_trail_a_page_at_a_time(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    title = "Blues by the parcel"
    officer_opened_a_case(console, console_stack["console"], title)
    page.locator("summary", has_text="Edit the case").click()
    edit = page.get_by_role("form", name="Edit the case")
    assert edit.get_by_label("Title").input_value() == title
    edit.get_by_label("Title").fill("Blues by the parcel, Phoenix to Baltimore")
    edit.get_by_label("Summary").fill(example("update-case")["summary"])
    edit.get_by_label("Marking (TLP)").select_option("AMBER+STRICT")
    edit.get_by_role("button", name="Save the changes").click()
    page.get_by_role("heading", name="Blues by the parcel, Phoenix to Baltimore", level=1).wait_for()
    assert page.get_by_role("definition").filter(has_text="TLP:AMBER+STRICT").is_visible()
    case_id = case_titled(api, "Blues by the parcel, Phoenix to Baltimore")
    changed = api.call("GET", f"/v1/cases/{case_id}", "DEA")
    assert (changed["tlp"], changed["summary"]) == ("AMBER+STRICT", example("update-case")["summary"])

    # The page holds version N; DEA's case system changes the case meanwhile (N + 1).
    page.locator("summary", has_text="Edit the case").click()
    edit = page.get_by_role("form", name="Edit the case")
    edit.get_by_label("Title").fill("Blues by the parcel (stale)")
    held = f'"v{changed["version"]}"'
    api.call(
        "PATCH", f"/v1/cases/{case_id}", "DEA", {"title": "Blues by the parcel, Phoenix"}, headers={"If-Match": held}
    )
    status, problem = api.answer("PATCH", f"/v1/cases/{case_id}", "DEA", {"title": "x"}, headers={"If-Match": held})
    assert status == 412
    edit.get_by_role("button", name="Save the changes").click()
    refusal = page.get_by_role("alert")
    refusal.wait_for()
    assert f"{problem['title']}: {problem['detail']}" in refusal.inner_text()  # the API's words
    assert api.call("GET", f"/v1/cases/{case_id}", "DEA")["title"] == "Blues by the parcel, Phoenix"
    assert_accessible(page, "a stale edit refused")
    page.get_by_role("button", name="Read the case again").click()
    page.get_by_role("heading", name="Blues by the parcel, Phoenix", level=1).wait_for()
    console.problems.clear()  # the browser reports the refused request: this test made it

    for _ in range(30):  # more reads than a page of the trail holds
        api.call("GET", f"/v1/cases/{case_id}", "DEA")
    page.get_by_role("button", name="Back to the agency desk").click()
    page.get_by_role("button", name="Open the case Blues by the parcel, Phoenix").click()
    trail = page.get_by_role("region", name="Audit trail")
    first = trail.get_by_role("table", name=re.compile("newest first: page 1"))
    first.wait_for()
    times = instants(first)
    assert len(times) == 25 and times == sorted(times, reverse=True)
    assert first.get_by_role("row").filter(has_text="case.read").count() >= 20  # the case system's reads
    assert_accessible(page, "a case's audit trail")
    screenshot(page, "case-audit")
    trail.get_by_role("button", name="Older records").click()
    second = trail.get_by_role("table", name=re.compile("newest first: page 2"))
    second.wait_for()
    older = instants(second)
    assert older and max(older) <= min(times)
    trail.get_by_role("button", name="Newer records").click()
    trail.get_by_role("table", name=re.compile("newest first: page 1")).wait_for()


def test_dea_withdraws_a_referral_still_waiting_and_a_subpoena_not_yet_answered(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    title = "Vendor's parcels via a reshipper"
    case_id = api.call("POST", "/v1/cases", "DEA", {"title": title})["case_id"]
    referral = api.call("POST", f"/v1/cases/{case_id}/referrals", "DEA", example("refer-case"))
    served = api.call("POST", f"/v1/cases/{case_id}/legal-requests", "DEA", example("serve-subpoena"))
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent DEA")
    page.get_by_role("button", name=f"Open the case {title}").click()
    page.get_by_role("heading", name=title, level=1).wait_for()

    agencies = page.get_by_role("region", name="Agencies")
    to = referral["to_org"]
    agencies.get_by_role("button", name=f"Withdraw the referral to {to}").click()
    agencies.get_by_role("row").filter(has_text="has not answered").wait_for(state="detached")
    assert api.call("GET", f"/v1/referrals/{referral['referral_id']}", "DEA")["status"] == "withdrawn"

    requests = page.get_by_role("region", name="Legal process and emergencies")
    requests.locator("summary", has_text="Withdraw the subpoena to META").click()
    withdrawing = requests.get_by_role("form", name="Withdraw the subpoena to META")
    withdrawing.get_by_label("Why it is withdrawn").fill("The account was deleted; a new subpoena follows.")
    assert_accessible(page, "a referral withdrawn, a subpoena being withdrawn")
    withdrawing.get_by_role("button", name="Withdraw").click()
    requests.get_by_role("row").filter(has_text="subpoena").filter(has_text="withdrawn").wait_for()
    assert api.call("GET", f"/v1/legal-requests/{served['request_id']}", "DEA")["status"] == "withdrawn"


def test_an_identifier_is_added_and_its_answer_read_from_the_keyboard_alone(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    """No click: Tab to the case, Enter; Tab to the form's disclosure, Enter; type, Enter; the
    focus lands on the API's answer."""
    atf_case(api, "Reshipper in Glen Burnie", [{"type": "social_handle", "platform": "TELEGRAM", "value": "@bluesdc"}])
    title = "Blues delivered in DC"
    api.call("POST", "/v1/cases", "DEA", {"title": title})
    page = console.page
    sign_in_by_keyboard(page, console_stack["console"], "Agencies", "Duty agent DEA")
    page.get_by_role("heading", name="Agency desk · DEA").wait_for()
    tab_to(page, f"Open the case {title}")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=title, level=1).wait_for()
    tab_to(page, "Add an identifier to the case", role="")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the type: typing a word's first letters chooses it
    page.keyboard.type("Social")
    page.keyboard.press("Tab")  # the platform, shown for a handle
    assert focused(page)[1].startswith("Platform")
    page.keyboard.type("telegram")
    page.keyboard.press("Tab")
    page.keyboard.type("BluesDC")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="What the API answered to the identifier added").wait_for()
    assert focused(page)[1] == "What the API answered to the identifier added"
    page.get_by_role("region", name="Identifiers").get_by_role("table", name=re.compile("^Hits")).get_by_role(
        "row"
    ).filter(has_text="ATF").wait_for()
