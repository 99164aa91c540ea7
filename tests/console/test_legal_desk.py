"""The platform legal desk in a browser: an officer asks for an emergency disclosure, a supervisor
approves it, and META's desk sees it appear without a reload, checks the requester's standing,
acknowledges and answers; once by mouse, once by keyboard alone."""

from __future__ import annotations

import hashlib
import time
import urllib.request
from pathlib import Path
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
    sign_in_by_keyboard,
    tab_to,
)

#: A production's bytes: what the desk uploads, and the SHA-256 the API must record for it.
RECORDS = b"%PDF-1.4\n% subscriber records of @plug.nyc, logins of the last 24 hours\n%%EOF\n"
SUPERVISOR = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}


def approved_emergency(api: Api) -> str:
    """An emergency DEA's officer asked META for, approved by the supervisor: it reaches META."""
    request_id = asked_emergency(api)
    api.call("POST", f"/v1/emergency-requests/{request_id}/approve", "DEA", {}, **SUPERVISOR)
    return request_id


def test_the_sign_in_screens_pass_the_accessibility_checks(console: Watched, console_stack: dict[str, Any]) -> None:
    page = console.page
    page.goto(console_stack["console"])
    page.get_by_role("heading", name="Sign in").wait_for()
    assert_accessible(page, "sign-in")
    screenshot(page, "sign-in")
    page.get_by_role("button", name="Sign in with Platforms").click()
    page.get_by_role("radio", name="Legal desk META").wait_for()
    assert_accessible(page, "the dev provider's authorize page")
    screenshot(page, "authorize")


def test_an_approved_emergency_appears_and_is_acknowledged_and_answered(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Platforms", "Legal desk META")
    page.get_by_role("heading", name="Legal desk · META").wait_for()
    page.get_by_text("No emergency requests.").wait_for()

    request_id = approved_emergency(api)  # while the desk is open: the feed brings it
    row = page.get_by_role("row").filter(has_text="overdose risk")
    row.wait_for(timeout=FEED_WAIT_MS)
    assert "approved" in row.inner_text()
    assert "left" in row.locator(".clock").inner_text()  # the SLA clock counts down
    assert "http" not in page.url.removeprefix(console_stack["console"])  # no id in the address
    assert_accessible(page, "legal desk")
    screenshot(page, "legal-desk")

    row.get_by_role("button", name="Open the overdose risk emergency request from DEA").click()
    page.get_by_role("heading", name="Emergency request from DEA").wait_for()
    standing = page.get_by_role("region", name="Requester's standing")
    standing.get_by_text("Duty agent DEA").wait_for()
    assert "active" in standing.inner_text() and "phishing resistant" in standing.inner_text()
    assert page.url == console_stack["console"]
    assert_accessible(page, "emergency request")
    screenshot(page, "emergency-request")

    page.get_by_role("button", name="Acknowledge").click()
    page.get_by_label("Production file (hashed in your browser").set_input_files(
        files=[{"name": "subscriber-records.pdf", "mimeType": "application/pdf", "buffer": RECORDS}]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("subscriber-records.pdf: available").wait_for()  # hashed here, checked by the API
    assert_accessible(page, "acknowledged emergency request, a file uploaded")
    screenshot(page, "production-upload")
    page.get_by_label("Outcome").select_option("partially_disclosed")
    page.get_by_label("Reason").fill("Login IP addresses are kept 7 days; older ones are gone.")
    page.get_by_role("button", name="Send the answer").click()
    page.get_by_text("Nothing to do: the request is answered.").wait_for()
    assert_accessible(page, "answered emergency request")
    answer = api.call("GET", f"/v1/emergency-requests/{request_id}", "DEA")["answer"]
    (file_id,) = answer["file_ids"]
    production = api.call("GET", f"/v1/files/{file_id}", "DEA")
    assert production["sha256"] == hashlib.sha256(RECORDS).hexdigest()


def test_the_legal_desk_works_from_the_keyboard_alone(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    """No click: Tab, Space and Enter from the sign-in to the acknowledgement."""
    approved_emergency(api)
    page = console.page
    sign_in_by_keyboard(page, console_stack["console"], "Platforms (development identity provider)", "Legal desk META")
    page.get_by_role("heading", name="Legal desk · META").wait_for()
    page.get_by_role("row").filter(has_text="approved").first.wait_for()
    tab_to(page, "Open the overdose risk emergency request from DEA")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Emergency request from DEA").wait_for()
    tab_to(page, "Acknowledge")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Send the answer").wait_for()
    assert page.get_by_role("region", name="Requester's standing").is_visible()


def test_a_token_the_api_refuses_returns_the_person_to_the_sign_in_saying_why(
    console: Watched, console_stack: dict[str, Any]
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Platforms", "Legal desk META")
    page.get_by_role("heading", name="Legal desk · META").wait_for()
    problem = {"title": "Unauthorized", "status": 401, "detail": "the token expired"}
    page.route("**/v1/events*", lambda route: route.fulfill(status=401, json=problem))  # the next poll
    page.get_by_role("heading", name="Sign in").wait_for(timeout=FEED_WAIT_MS)
    assert "the token expired" in page.get_by_role("alert").inner_text()
    assert page.get_by_role("navigation", name="Desks").is_hidden()
    console.problems.clear()  # the browser reports the refused request: this test made it


#: The signed court order DEA serves: what META's desk downloads, checked against its SHA-256.
ORDER = b"%PDF-1.4\n% order 1:26-mj-04417, S.D.N.Y., signed\n%%EOF\n"


def served_with_its_document(api: Api, stack: dict[str, Any]) -> str:
    """DEA uploads the signed order (declared, its bytes sent to the presigned URL, checked by the
    stack) and serves META with it; the file's id."""
    case = api.call("POST", "/v1/cases", "DEA", example("open-case-minimal"))
    declared = api.call(
        "POST",
        f"/v1/cases/{case['case_id']}/files",
        "DEA",
        {**example("declare-legal-document"), "size": len(ORDER), "sha256": hashlib.sha256(ORDER).hexdigest()},
    )
    upload = declared["upload"]
    sent = urllib.request.Request(upload["url"], data=ORDER, headers=upload.get("headers", {}), method="PUT")
    with urllib.request.urlopen(sent, timeout=15) as response:
        assert response.status == 200
    file_id = str(declared["file"]["file_id"])
    for _ in range(60):  # the stack checks what arrived (S3's notification, pumped)
        if api.call("GET", f"/v1/files/{file_id}", "DEA")["status"] == "available":
            break
        time.sleep(0.5)
    served = {**example("serve-legal-request"), "document_file_id": file_id}
    api.call("POST", f"/v1/cases/{case['case_id']}/legal-requests", "DEA", served)
    return file_id


def test_the_legal_desk_downloads_the_document_served_checked_against_its_hash(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    served_with_its_document(api, console_stack)
    page = console.page
    sign_in(console, console_stack["console"], "Platforms", "Legal desk META")
    legal = page.get_by_role("region", name="Legal process")
    legal.get_by_role("button", name="Open the court order from DEA").click()
    page.get_by_role("heading", name="Court order from DEA").wait_for()
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download the document served").click()
    download = downloading.value
    assert download.suggested_filename == example("declare-legal-document")["name"]
    assert Path(download.path()).read_bytes() == ORDER
    page.get_by_text("as declared; saved").wait_for()
    assert page.url == console_stack["console"]  # the presigned URL never reached the address bar
    assert_accessible(page, "legal request, its document downloaded")
