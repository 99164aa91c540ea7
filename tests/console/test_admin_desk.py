"""The administration desk in a browser: DEA's administrator registers and verifies an officer,
who can then sign in; an administrator without MFA is refused, and told why; the operator's
second person sees a proposed agency arrive from the feed and approves it, from the keyboard alone; a
sheriff's office proposed and approved at the desk registers a deputy who accepts DEA's referral."""

from __future__ import annotations

import json
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

OFFICER = example("register-person")


def test_an_administrator_registers_and_verifies_an_officer_who_can_then_sign_in(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Administrator DEA")
    page.get_by_role("navigation", name="Desks").get_by_role("button", name="Administration").click()
    page.get_by_role("heading", name="Administration · DEA").wait_for()
    persons = page.get_by_role("region", name="Persons")
    persons.get_by_role("row").filter(has_text="Duty agent DEA").wait_for()
    assert_accessible(page, "administration")

    registering = page.get_by_role("form", name="Register a person")
    assert registering.get_by_label("Identity provider (issuer)").input_value() == OFFICER["issuer"]
    registering.get_by_label("Subject at the provider").fill(OFFICER["subject"])
    registering.get_by_label("Name", exact=True).fill(OFFICER["name"])
    registering.get_by_label("Title").fill(OFFICER["title"])
    registering.get_by_label("Work e-mail").fill(OFFICER["email"])
    registering.get_by_label("officer").check()
    registering.get_by_role("button", name="Register").click()
    row = persons.get_by_role("row").filter(has_text=OFFICER["name"])
    row.get_by_text("pending", exact=True).wait_for()
    assert_accessible(page, "administration, a person pending")
    screenshot(page, "administration")

    row.get_by_role("button", name="Verify").click()
    row.get_by_text("active", exact=True).wait_for()
    assert "Administrator DEA" in row.inner_text()  # verified by whom
    assert_accessible(page, "administration, the person verified")

    page.get_by_role("button", name="Sign out").click()
    sign_in(console, console_stack["console"], "Agencies", OFFICER["name"])
    page.get_by_role("heading", name="Agency desk · DEA").wait_for()
    assert page.get_by_text(OFFICER["name"]).first.is_visible()


def test_an_administrator_without_mfa_is_told_the_apis_reason(console: Watched, console_stack: dict[str, Any]) -> None:
    page = console.page
    page.goto(console_stack["console"])
    page.get_by_role("button", name="Sign in with Agencies").click()
    page.get_by_role("radio", name="Administrator HSI").check()
    page.get_by_label("How they signed in (MFA)").select_option("none")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Desks").get_by_role("button", name="Administration").click()
    refusal = page.get_by_role("region", name="Persons").get_by_role("alert")
    refusal.wait_for()
    assert "mfa_too_weak" in refusal.inner_text()
    assert_accessible(page, "administration, refused")
    console.problems[:] = [text for text in console.problems if "403" not in text]  # the refusal shown


def test_the_operators_second_person_approves_a_proposed_agency_from_the_keyboard_alone(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    proposal = example("propose-organisation")
    page = console.page
    sign_in_by_keyboard(page, console_stack["console"], "Agencies", "Administrator CASEBRIDGE")
    page.get_by_role("heading", name="Administration · CASEBRIDGE").wait_for()
    waiting = page.get_by_role("region", name="Waiting for a second person")
    waiting.get_by_text("Nothing waits for a second person.").wait_for()
    assert_accessible(page, "registry")

    api.call("POST", "/v1/organisations", "CASEBRIDGE", proposal)  # another person, over the API, meanwhile
    waiting.get_by_role("row").filter(has_text=proposal["code"]).wait_for(timeout=FEED_WAIT_MS)  # from the feed
    tab_to(page, f"Review {proposal['code']}")
    page.keyboard.press("Enter")
    entry = page.get_by_role("region", name=f"{proposal['code']} · {proposal['name']}")
    entry.get_by_text("its onboarding").wait_for()
    assert_accessible(page, "a proposed registry entry")
    screenshot(page, "registry")

    tab_to(page, f"Approve the onboarding of {proposal['code']}")
    page.keyboard.press("Enter")
    entry.get_by_text("nothing", exact=True).wait_for()
    assert "active" in entry.inner_text()
    waiting.get_by_text("Nothing waits for a second person.").wait_for()
    assert_accessible(page, "an approved registry entry")
    assert api.call("GET", f"/v1/organisations/{proposal['code']}", "CASEBRIDGE")["status"] == "active"

    tab_to(page, "Registry code", role="text", back=True)  # any entry, by its code, above the one shown
    page.keyboard.type("dea")
    page.keyboard.press("Enter")
    page.get_by_role("region", name="DEA · Drug Enforcement Administration").get_by_text(
        "nothing", exact=True
    ).wait_for()


def test_a_sheriffs_office_onboarded_at_the_desk_accepts_a_referral_from_dea(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    """The issue's story: the operator's first person proposes the office, a second approves it
    and registers its administrator, who registers a deputy; DEA refers a case to the office over
    the API, and the deputy accepts it at the agency desk. No case system needed."""
    issuer = json.loads((console_stack["dir"] / ".local" / "issuer.json").read_text())["issuer"]
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Administrator CASEBRIDGE")
    page.get_by_role("heading", name="Administration · CASEBRIDGE").wait_for()
    proposing = page.get_by_role("form", name="Propose an agency")
    proposing.get_by_label("Registry code").fill("WCSO")
    proposing.get_by_label("Name").fill("Washington County Sheriff's Office")
    proposing.get_by_label("Kind").select_option("local_agency")
    proposing.get_by_label("ORI").fill("MD0210000")
    proposing.get_by_label("State").fill("MD")
    proposing.get_by_label("County").fill("Washington")
    proposing.get_by_label("Verification line").fill("+13013133300")
    proposing.get_by_label("Work e-mail domains").fill("washcosheriff.gov")
    proposing.get_by_label("Identity provider (issuer URL)").fill(issuer)
    proposing.get_by_label("Its keys (JWKS URL)").fill(f"{issuer}/jwks.json")
    assert_accessible(page, "proposing an agency")
    proposing.get_by_role("button", name="Propose").click()
    entry = page.get_by_role("region", name="WCSO · Washington County Sheriff's Office")
    entry.get_by_text("its onboarding").wait_for()
    entry.get_by_role("button", name="Approve the onboarding of WCSO").click()
    refusal = entry.get_by_role("alert")  # the proposer may not approve: the API's 403, shown
    refusal.wait_for()
    assert "WCSO was proposed by you: a second person of the operator approves it" in refusal.inner_text()
    console.problems[:] = [text for text in console.problems if "403" not in text]  # the refusal shown

    page.get_by_role("button", name="Sign out").click()
    sign_in(console, console_stack["console"], "Agencies", "Registrar CASEBRIDGE")
    waiting = page.get_by_role("region", name="Waiting for a second person")
    waiting.get_by_role("row").filter(has_text="WCSO").get_by_role("button", name="Review WCSO").click()
    entry.get_by_role("button", name="Approve the onboarding of WCSO").click()
    entry.get_by_text("nothing", exact=True).wait_for()
    first = entry.get_by_role("form", name="Register an administrator of WCSO")
    assert first.get_by_label("Identity provider (issuer)").input_value() == issuer
    first.get_by_label("Subject at the provider").fill("admin@washcosheriff.gov")
    first.get_by_label("Name", exact=True).fill("Lt. Dana Keller")
    first.get_by_label("Work e-mail").fill("dana.keller@washcosheriff.gov")
    first.get_by_role("button", name="Register the administrator").click()
    entry.get_by_text("Registered Lt. Dana Keller, administrator of WCSO: active").wait_for()
    assert_accessible(page, "an onboarded agency and its administrator")

    page.get_by_role("button", name="Sign out").click()
    sign_in(console, console_stack["console"], "Agencies", "Lt. Dana Keller")
    page.get_by_role("navigation", name="Desks").get_by_role("button", name="Administration").click()
    page.get_by_role("heading", name="Administration · WCSO").wait_for()
    registering = page.get_by_role("form", name="Register a person")
    registering.get_by_label("Subject at the provider").fill("deputy.reyes@washcosheriff.gov")
    registering.get_by_label("Name", exact=True).fill("Deputy Ana Reyes")
    registering.get_by_label("Work e-mail").fill("ana.reyes@washcosheriff.gov")
    registering.get_by_label("officer").check()
    registering.get_by_role("button", name="Register").click()
    row = page.get_by_role("region", name="Persons").get_by_role("row").filter(has_text="Deputy Ana Reyes")
    row.get_by_role("button", name="Verify").click()
    row.get_by_text("active", exact=True).wait_for()

    case = api.call("POST", "/v1/cases", "DEA", example("open-case-minimal"))
    referral = {**example("refer-case"), "to_org": "WCSO", "priority": "priority"}
    api.call("POST", f"/v1/cases/{case['case_id']}/referrals", "DEA", referral)

    page.get_by_role("button", name="Sign out").click()
    sign_in(console, console_stack["console"], "Agencies", "Deputy Ana Reyes")
    page.get_by_role("heading", name="Agency desk · WCSO").wait_for()
    inbox = page.get_by_role("region", name="Referrals inbox")
    inbox.get_by_role("row").filter(has_text="DEA").get_by_role("button", name="Accept").click()
    inbox.get_by_text("No referral waits for you.").wait_for()
    page.get_by_role("region", name="Cases").get_by_role("row").filter(
        has_text=example("open-case-minimal")["title"]
    ).wait_for()
    assert_accessible(page, "the sheriff's office's agency desk")


def test_the_registrar_refuses_a_wrong_proposal_and_its_ori_is_free_again(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    proposal = {**example("propose-organisation"), "code": "NVDPSX", "ori": "NVNHP0001"}
    api.call("POST", "/v1/organisations", "CASEBRIDGE", proposal)  # the first person, over the API
    page = console.page
    sign_in(console, console_stack["console"], "Agencies", "Registrar CASEBRIDGE")
    waiting = page.get_by_role("region", name="Waiting for a second person")
    waiting.get_by_role("button", name="Review NVDPSX").click()
    entry = page.get_by_role("region", name=f"NVDPSX · {proposal['name']}")
    entry.locator("summary", has_text="Refuse the onboarding").click()
    refusing = entry.get_by_role("form", name="Refuse the onboarding of NVDPSX")
    refusing.get_by_label("Reason").fill("Its verification line is not the one the state publishes")
    assert_accessible(page, "refusing a proposal")
    refusing.get_by_role("button", name="Refuse the onboarding").click()
    page.get_by_role("heading", name="NVDPSX: its onboarding refused").wait_for()
    waiting.get_by_role("row").filter(has_text="NVDPSX").wait_for(state="detached")
    assert_accessible(page, "a proposal refused")
    assert "never proposed again" in page.get_by_role("region", name="NVDPSX: its onboarding refused").inner_text()
    renamed = {**proposal, "code": "NVDPSY"}  # the ORI is free again, under another code
    assert api.call("POST", "/v1/organisations", "CASEBRIDGE", renamed)["status"] == "proposed"
