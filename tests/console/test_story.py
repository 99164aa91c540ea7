"""The issue's main story, all in the browser: DEA's officer opens a case and asks META for an
emergency disclosure from the case's page; DEA's supervisor, signed in next, approves it on the
agency desk; META's legal desk sees it, opens it, checks the requester's standing, acknowledges,
and answers with a file uploaded from the browser. Nothing goes over the API but what the console
sends (the test reads the API only to check what it recorded)."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.console.conftest import (
    Api,
    Watched,
    assert_accessible,
    case_titled,
    emergency_form_filled,
    officer_opened_a_case,
    sign_in,
)

#: What META discloses: its bytes, and the SHA-256 the API must record for them.
RECORDS = b"%PDF-1.4\n% the buyer account: subscriber records and login IPs of the last 24 hours\n%%EOF\n"


def signed_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()


def test_an_officer_asks_a_supervisor_approves_and_meta_answers_all_in_the_browser(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    title = "Overdose risk: a student and @plug.nyc"
    page = console.page

    # DEA's officer: a case opened from the desk, an emergency disclosure asked from its page.
    officer_opened_a_case(console, console_stack["console"], title)
    requests = page.get_by_role("region", name="Legal process and emergencies")
    emergency = emergency_form_filled(page)
    emergency.get_by_role("button", name="Ask for the disclosure").click()
    requests.get_by_role("row").filter(has_text="awaiting approval").wait_for()
    signed_out(page)

    # DEA's supervisor: the request waits on the agency desk; approved, it reaches META.
    sign_in(console, console_stack["console"], "Agencies", "Duty supervisor DEA")
    approvals = page.get_by_role("region", name="Emergency requests waiting for your approval")
    row = approvals.get_by_role("row").filter(has_text="Duty agent DEA")
    row.get_by_role("button", name="Approve").click()
    approvals.get_by_text("No emergency request waits for your approval.").wait_for()
    signed_out(page)

    # META's legal desk: on the queue with its clock; the requester's standing; acknowledged; answered.
    sign_in(console, console_stack["console"], "Platforms", "Legal desk META")
    page.get_by_role("heading", name="Legal desk · META").wait_for()
    queued = page.get_by_role("row").filter(has_text="overdose risk").filter(has_text="approved")
    assert "left" in queued.locator(".clock").inner_text()
    queued.get_by_role("button", name="Open the overdose risk emergency request from DEA").click()
    page.get_by_role("heading", name="Emergency request from DEA").wait_for()
    standing = page.get_by_role("region", name="Requester's standing")
    standing.get_by_text("Duty agent DEA").wait_for()
    assert "active" in standing.inner_text()
    assert_accessible(page, "the emergency request the officer asked in the browser")
    page.get_by_role("button", name="Acknowledge").click()
    page.get_by_label("Production file (hashed in your browser").set_input_files(
        files=[{"name": "buyer-records.pdf", "mimeType": "application/pdf", "buffer": RECORDS}]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("buyer-records.pdf: available").wait_for()
    page.get_by_label("Outcome").select_option("disclosed")
    page.get_by_role("button", name="Send the answer").click()
    page.get_by_text("Nothing to do: the request is answered.").wait_for()
    assert_accessible(page, "the answered emergency request")

    case_id = case_titled(api, title)
    (answered,) = [
        item for item in api.call("GET", "/v1/emergency-requests", "DEA")["items"] if item["case_id"] == case_id
    ]
    assert answered["requested_by"]["subject"] == "agent.dea@example.gov"
    assert answered["approved_by"]["subject"] == "supervisor.dea@example.gov"
    assert answered["answer"]["outcome"] == "disclosed"
    (file_id,) = answered["answer"]["file_ids"]
    assert api.call("GET", f"/v1/files/{file_id}", "DEA")["sha256"] == hashlib.sha256(RECORDS).hexdigest()
