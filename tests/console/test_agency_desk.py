"""The agency desk in a browser: a referral from DEA arrives in HSI's inbox without a reload and is
accepted, and the case joins HSI's list; another is declined with a reason; META's tips are promoted,
linked, dismissed and rerouted from DEA's tips inbox; DEA's officer opens a case's page, adds a
note, and reads who takes part, a file's chain of custody, a hit and the case's preservation."""

from __future__ import annotations

import re
from typing import Any

from tests.console.conftest import (
    FEED_WAIT_MS,
    Api,
    Watched,
    asked_emergency,
    assert_accessible,
    example,
    screenshot,
    sign_in,
)


def referred(api: Api, title: str) -> str:
    case = api.call("POST", "/v1/cases", "DEA", {"title": title})
    api.call(
        "POST",
        f"/v1/cases/{case['case_id']}/referrals",
        "DEA",
        {"to_org": "HSI", "reason": f"{title}: border nexus", "priority": "urgent"},
    )
    return str(case["case_id"])


def test_a_referral_from_dea_appears_and_is_accepted_or_declined(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent HSI")
    page.get_by_role("heading", name="Agency desk · HSI").wait_for()
    page.get_by_text("No referral waits for you.").wait_for()

    referred(api, "Recruiter ring on the border")
    referred(api, "Counterfeit M30 vendor")
    inbox = page.get_by_role("region", name="Referrals inbox")
    accepted = inbox.get_by_role("row").filter(has_text="Recruiter ring on the border")
    accepted.wait_for(timeout=FEED_WAIT_MS)
    inbox.get_by_role("row").filter(has_text="Counterfeit M30 vendor").wait_for(timeout=FEED_WAIT_MS)
    assert_accessible(page, "agency desk")
    screenshot(page, "agency-desk")

    accepted.get_by_role("button", name="Accept").click()
    page.get_by_role("region", name="Cases").get_by_text("Recruiter ring on the border").wait_for()

    declined = inbox.get_by_role("row").filter(has_text="Counterfeit M30 vendor")
    declined.locator("summary", has_text="Decline").click()  # the disclosure opens the form
    declined.get_by_label("Why you decline").fill("Not in our jurisdiction: no border nexus.")
    declined.get_by_role("button", name="Decline").click()
    inbox.get_by_text("No referral waits for you.").wait_for()
    assert_accessible(page, "agency desk, inbox empty")


def test_a_supervisor_approves_an_emergency_from_the_desk_and_it_reaches_meta(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    request_id = asked_emergency(api)
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty supervisor DEA")
    approvals = page.get_by_role("region", name="Emergency requests waiting for your approval")
    row = approvals.get_by_role("row").filter(has_text="overdose risk")
    row.wait_for()
    assert_accessible(page, "agency desk with approvals")
    screenshot(page, "approvals")

    row.get_by_role("button", name="Approve").click()
    approvals.get_by_text("No emergency request waits for your approval.").wait_for()
    reached = api.call("GET", f"/v1/emergency-requests/{request_id}", "META")
    assert reached["status"] == "approved"
    assert reached["approved_by"]["subject"] == "supervisor.dea@example.gov"


def test_the_tips_inbox_promotes_links_dismisses_and_reroutes(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    ring = api.call("POST", "/v1/cases", "DEA", {"title": "Blue M30 ring"})
    tips = {
        reference: api.call(
            "POST",
            "/v1/tips",
            "META",
            {
                "platform_reference": reference,
                "category": "counterfeit_pills",
                "reported_accounts": [{"service": "INSTAGRAM", "handle": handle}],
            },
        )["tip_id"]
        for reference, handle in (
            ("IG-1", "@blues.one"),
            ("IG-2", "@blues.two"),
            ("IG-3", "@blues.three"),
            ("IG-4", "@blues.four"),
        )
    }
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent DEA")
    inbox = page.get_by_role("region", name="Tips inbox")
    for reference in tips:
        inbox.get_by_role("row").filter(has_text=reference).wait_for(timeout=FEED_WAIT_MS)
    assert_accessible(page, "tips inbox")
    screenshot(page, "tips-inbox")

    def triage(reference: str) -> None:
        page.get_by_role("button", name=f"Triage the tip {reference} from META").click()
        page.get_by_role("heading", name=f"Tip {reference} from META").wait_for()

    def back_without(reference: str) -> None:
        page.get_by_role("heading", name="Agency desk · DEA").wait_for()
        inbox.get_by_text("Loading…").wait_for(state="detached")
        assert inbox.get_by_role("row").filter(has_text=reference).count() == 0

    triage("IG-1")
    assert "@blues.one" in page.get_by_role("main").inner_text()
    assert_accessible(page, "a tip")
    screenshot(page, "tip")
    page.get_by_label("Case title").fill("Blues sold by @blues.one")
    page.get_by_role("button", name="Promote").click()
    back_without("IG-1")
    page.get_by_role("region", name="Cases").get_by_text("Blues sold by @blues.one").wait_for()

    triage("IG-2")
    page.get_by_label("Case", exact=True).select_option(ring["case_id"])
    page.get_by_role("button", name="Link").click()
    back_without("IG-2")

    triage("IG-3")
    page.get_by_label("Why you dismiss it").fill("A parody account: no sale offered.")
    page.get_by_role("button", name="Dismiss").click()
    back_without("IG-3")

    triage("IG-4")
    page.get_by_label("Agency").select_option("HSI")
    page.get_by_label("Why it is theirs").fill("The seller ships across the border.")
    page.get_by_role("button", name="Reroute").click()
    inbox.get_by_text("No tip waits for triage.").wait_for()
    assert_accessible(page, "tips inbox, all triaged")

    assert api.call("GET", f"/v1/tips/{tips['IG-2']}", "DEA")["case_id"] == ring["case_id"]
    assert api.call("GET", f"/v1/tips/{tips['IG-3']}", "DEA")["status"] == "dismissed"
    rerouted = api.call("GET", f"/v1/tips/{tips['IG-4']}", "HSI")
    assert rerouted["status"] == "new" and rerouted["rerouted_from"] == ["DEA"]


def worked_case(api: Api, title: str) -> str:
    """DEA's case as a case is after a week: HSI took part through a referral, ATF is referred
    and has not answered, a file is declared, ATF holds one of its phones, META was asked to
    preserve accounts. Its id."""
    case_id = str(api.call("POST", "/v1/cases", "DEA", example("open-case") | {"title": title})["case_id"])
    for org in ("HSI", "ATF"):
        referral = api.call("POST", f"/v1/cases/{case_id}/referrals", "DEA", example("refer-case") | {"to_org": org})
    hsi = api.call("GET", "/v1/referrals?box=inbound&status=pending", "HSI")["items"]
    api.call("POST", f"/v1/referrals/{hsi[0]['referral_id']}/accept", "HSI")
    assert referral["to_org"] == "ATF"  # left pending
    api.call("POST", f"/v1/cases/{case_id}/files", "DEA", example("declare-file"))
    phone = {"identifiers": [{"type": "phone", "value": "+1 202 555 0188"}]}
    api.call("POST", f"/v1/cases/{case_id}/identifiers", "DEA", phone)
    theirs = api.call("POST", "/v1/cases", "ATF", {"title": "ATF straw purchases"})
    api.call("POST", f"/v1/cases/{theirs['case_id']}/identifiers", "ATF", phone)
    api.call("POST", f"/v1/cases/{case_id}/preservations", "DEA", example("request-preservation"))
    return case_id


def test_an_officer_opens_a_case_adds_a_note_and_reads_its_agencies_files_and_hits(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    title = "Blues shipped from Phoenix"
    worked_case(api, title)
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent DEA")
    page.get_by_role("button", name=f"Open the case {title}").click()
    page.get_by_role("heading", name=title, level=1).wait_for()

    agencies = page.get_by_role("table", name="The agencies of the case and their part")
    agencies.wait_for()  # read after the case, with the referrals still waiting
    assert agencies.get_by_role("row").filter(has_text="DEA (your agency)").filter(has_text="owner").count() == 1
    assert agencies.get_by_role("row").filter(has_text="HSI").filter(has_text="participant").count() == 1
    assert agencies.get_by_role("row").filter(has_text="ATF").filter(has_text="has not answered").count() == 1

    notes = page.get_by_role("region", name="Notes")
    notes.get_by_text("No note yet.").wait_for()
    notes.get_by_label("New note").fill("Vendor moved to Telegram; same price list.")
    notes.get_by_role("button", name="Add the note").click()
    notes.get_by_role("listitem").filter(has_text="Vendor moved to Telegram; same price list.").wait_for()
    assert "Duty agent DEA (DEA)" in notes.get_by_role("listitem").inner_text()
    assert notes.get_by_label("New note").input_value() == ""

    hits = page.get_by_role("region", name="Hits")
    hits.get_by_role("row").filter(has_text="ATF").filter(has_text="+12025550188").wait_for(timeout=FEED_WAIT_MS)
    requests = page.get_by_role("region", name="Legal process and emergencies")
    requests.get_by_role("table", name=re.compile("Preservation requests")).get_by_text("META").wait_for()

    files = page.get_by_role("region", name="Files")
    files.get_by_role("button", name="Chain of custody of instagram-menu-2026-11-30.png").click()
    chain = files.get_by_role("table", name="Every hand-over of instagram-menu-2026-11-30.png, oldest first")
    chain.get_by_role("row").filter(has_text="declared").filter(has_text="agent.dea@example.gov").wait_for()
    assert example("declare-file")["sha256"] in chain.inner_text()
    assert_accessible(page, "a case")
    screenshot(page, "case")
