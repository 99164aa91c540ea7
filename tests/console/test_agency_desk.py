"""The agency desk in a browser: a referral from DEA arrives in HSI's inbox without a reload and is
accepted, and the case joins HSI's list; another is declined with a reason."""

from __future__ import annotations

from typing import Any

from tests.console.conftest import (
    FEED_WAIT_MS,
    Api,
    Watched,
    asked_emergency,
    assert_accessible,
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
