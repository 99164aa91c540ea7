"""A case's acts on the agency desk, for an agency with no case system of its own: DEA's officer
opens a case from the desk, refers it to HSI, uploads a file (hashed in the browser) and downloads
it (checked against its SHA-256), and closes it; a participant who tries to close it reads the
API's refusal; from the case's page the officer asks META for an emergency disclosure, serves a
court order with its signed document (uploaded there) and requests a preservation; and a case
opened and referred from the keyboard alone."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from tests.console.conftest import (
    Api,
    Watched,
    assert_accessible,
    case_titled,
    emergency_form_filled,
    example,
    officer_opened_a_case,
    screenshot,
    sign_in,
    sign_in_by_keyboard,
    tab_to,
)

#: The evidence DEA's officer uploads from the browser, and downloads back.
MENU = b"\x89PNG\r\n\x1a\n a screenshot of the vendor's menu: M30 x100 $900\n"
#: The signed court order DEA's officer uploads as a document to serve, then serves.
ORDER = b"%PDF-1.4\n% order 1:26-mj-04417, S.D.N.Y., signed\n%%EOF\n"


def test_an_officer_opens_a_case_refers_it_uploads_and_downloads_a_file_and_closes_it(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    title = "Blues mailed from Phoenix"
    page = console.page
    officer_opened_a_case(console, console_stack["console"], title)
    assert page.title() == "Agency desk · casebridge console"  # case content stays out of the tab's title
    assert page.get_by_role("definition").filter(has_text="TLP:GREEN").is_visible()
    assert page.url == console_stack["console"]  # no case id in the address

    agencies = page.get_by_role("region", name="Agencies")
    agencies.locator("summary", has_text="Refer the case to another agency").click()
    agencies.get_by_label("Agency").select_option("HSI")
    agencies.get_by_label("Why it is theirs too").fill("The vendor recruits couriers across the border.")
    agencies.get_by_label("Priority").select_option("urgent")
    agencies.get_by_role("button", name="Refer", exact=True).click()
    agencies.get_by_role("row").filter(has_text="HSI").filter(has_text="has not answered").wait_for()

    files = page.get_by_role("region", name="Files")
    files.get_by_label("File (hashed in your browser").set_input_files(
        files=[{"name": "menu.png", "mimeType": "image/png", "buffer": MENU}]
    )
    files.get_by_label("What it is (optional)").fill("The vendor's story: a menu of M30 pills")
    files.get_by_role("button", name="Upload").click()
    files.get_by_text("menu.png: available").wait_for()  # hashed here, checked by the API
    row = files.get_by_role("row").filter(has_text="menu.png")
    with page.expect_download() as downloading:
        row.get_by_role("button", name="Download menu.png").click()
    assert Path(downloading.value.path()).read_bytes() == MENU
    row.get_by_text("as declared; saved").wait_for()
    assert_accessible(page, "a case opened from the desk, referred, a file uploaded and downloaded")
    screenshot(page, "case-acts")

    case_id = case_titled(api, title)
    (declared,) = api.call("GET", f"/v1/cases/{case_id}/files", "DEA")["items"]
    assert declared["sha256"] == hashlib.sha256(MENU).hexdigest()
    assert api.call("GET", f"/v1/cases/{case_id}", "DEA")["tlp"] == "GREEN"

    page.get_by_role("button", name="Close the case").click()
    page.get_by_role("button", name="Reopen the case").wait_for()
    assert api.call("GET", f"/v1/cases/{case_id}", "DEA")["status"] == "closed"
    outbound = api.call("GET", "/v1/referrals?box=outbound", "DEA")["items"]
    assert [(item["to_org"], item["priority"], item["status"]) for item in outbound if item["case_id"] == case_id] == [
        ("HSI", "urgent", "withdrawn")
    ]
    assert page.get_by_role("region", name="Agencies").get_by_text("Refer the case").count() == 0
    assert_accessible(page, "a closed case")


def test_a_participant_cannot_close_the_case_and_reads_the_api_s_words(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    title = "Couriers crossing at Nogales"
    case_id = api.call("POST", "/v1/cases", "DEA", {"title": title})["case_id"]
    referral = api.call("POST", f"/v1/cases/{case_id}/referrals", "DEA", example("refer-case"))
    api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Duty agent HSI")
    page.get_by_role("button", name=f"Open the case {title}").click()
    page.get_by_role("heading", name=title, level=1).wait_for()
    page.get_by_role("button", name="Close the case").click()
    refusal = page.get_by_role("alert")
    refusal.wait_for()
    assert "only the owning agency (DEA) can close this case" in refusal.inner_text()
    assert api.call("GET", f"/v1/cases/{case_id}", "DEA")["status"] == "open"
    assert page.get_by_text("Only DEA, the owner agency, reads the case's audit trail.").is_visible()
    assert page.get_by_role("region", name="Audit trail").count() == 0
    assert page.locator("summary", has_text="Edit the case").count() == 0  # the owner's
    console.problems.clear()  # the browser reports the refused request: this test made it


def test_an_officer_asks_meta_for_an_emergency_disclosure_serves_a_court_order_and_asks_a_preservation(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    title = "Plug selling M30s to teenagers"
    page = console.page
    officer_opened_a_case(console, console_stack["console"], title)
    requests = page.get_by_role("region", name="Legal process and emergencies")

    emergency = emergency_form_filled(page)
    emergency.get_by_label("Non-content records").check()
    assert_accessible(page, "a case's page, the emergency form open")
    screenshot(page, "emergency-ask")
    emergency.get_by_role("button", name="Ask for the disclosure").click()
    requests.get_by_role("table", name=re.compile("Emergency disclosure requests")).get_by_role("row").filter(
        has_text="awaiting approval"
    ).wait_for()

    files = page.get_by_role("region", name="Files")  # the signed order, uploaded as a document to serve
    files.get_by_label("File (hashed in your browser").set_input_files(
        files=[{"name": "order-1-26-mj-04417.pdf", "mimeType": "application/pdf", "buffer": ORDER}]
    )
    files.get_by_label("Purpose").select_option("legal_process")
    files.get_by_role("button", name="Upload").click()
    files.get_by_text("order-1-26-mj-04417.pdf: available").wait_for()

    order = example("serve-legal-request")
    requests.locator("summary", has_text="Serve legal process").click()
    legal = requests.get_by_role("form", name="Serve legal process")
    legal.get_by_label("Platform").select_option("META")
    legal.get_by_label("Kind").select_option("court_order")
    legal.get_by_label("Accounts, one a line").fill("INSTAGRAM @plug.nyc\nINSTAGRAM 17841400000000001")
    legal.get_by_label("Non-content records").check()
    legal.get_by_label("Records from").fill("2026-09-01")
    legal.get_by_label("to", exact=True).fill("2026-11-30")
    legal.get_by_label("Reference").fill(order["authority"]["reference"])
    legal.get_by_label("Issued by").fill(order["authority"]["issued_by"])
    legal.get_by_label("Issued on").fill("2026-12-01")
    legal.get_by_label("Signed document").select_option(label="order-1-26-mj-04417.pdf")
    legal.get_by_label("Not to be disclosed").fill("2027-06-01")
    legal.get_by_role("button", name="Serve").click()
    requests.get_by_role("table", name=re.compile("Legal process")).get_by_role(
        "cell", name="court order", exact=True
    ).wait_for()

    requests.locator("summary", has_text="Request a preservation").click()
    preservation = requests.get_by_role("form", name="Request a preservation")
    preservation.get_by_label("Platform").select_option("META")
    preservation.get_by_label("Accounts, one a line").fill("INSTAGRAM @plug.nyc")
    preservation.get_by_role("button", name="Request the preservation").click()
    requests.get_by_role("table", name=re.compile("Preservation requests")).get_by_text("META").wait_for()
    assert_accessible(page, "a case's page, three requests asked")

    case_id = case_titled(api, title)
    (emergency_request,) = [
        item for item in api.call("GET", "/v1/emergency-requests", "DEA")["items"] if item["case_id"] == case_id
    ]
    assert set(emergency_request["emergency"]["data_needed"]["categories"]) == {"subscriber", "non_content"}
    (account,) = emergency_request["accounts"]  # "INSTAGRAM @plug.nyc", as the API normalises it
    assert "plug.nyc" in account["value"] and "INSTAGRAM" in account.values()
    (served,) = [item for item in api.call("GET", "/v1/legal-requests", "DEA")["items"] if item["case_id"] == case_id]
    assert served["authority"]["reference"] == order["authority"]["reference"]
    assert served["date_range"]["from"].startswith("2026-09-01")
    assert served["nondisclosure_until"].startswith("2027-06-01")
    (document,) = api.call("GET", f"/v1/cases/{case_id}/files", "DEA")["items"]
    assert served["document_file_id"] == document["file_id"]
    assert document["sha256"] == hashlib.sha256(ORDER).hexdigest()


def test_an_officer_opens_a_case_and_refers_it_from_the_keyboard_alone(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    """No click: Tab to a disclosure and Enter opens it; Tab through its fields, type, Enter."""
    title = "Pill press parts shipped to Tucson"
    page = console.page
    sign_in_by_keyboard(page, console_stack["console"], "Agencies", "Duty agent DEA")
    page.get_by_role("heading", name="Agency desk · DEA").wait_for()
    tab_to(page, "Open a case", role="")  # the disclosure's summary
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type(title)
    tab_to(page, "Open the new case")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=title, level=1).wait_for()

    tab_to(page, "Refer the case to another agency", role="")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the agency: typing a code's first letters chooses it
    page.keyboard.type("HSI")
    page.keyboard.press("Tab")
    page.keyboard.type("Press parts crossed at Nogales.")
    tab_to(page, "Refer")
    page.keyboard.press("Enter")
    agencies = page.get_by_role("table", name="The agencies of the case and their part")
    agencies.get_by_role("row").filter(has_text="HSI").filter(has_text="has not answered").wait_for()
    case_id = case_titled(api, title)
    assert api.call("GET", f"/v1/cases/{case_id}", "DEA")["tlp"] == "AMBER"  # the marking unless chosen
