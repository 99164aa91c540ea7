"""An answer that comes after the person went on never shows over where they are: a conflict
read slowly while the duty agent opened another, a registry entry while the operator reviews
another, a section's earlier refresh answered after its latest. On a watch floor, the wrong
conflict on screen is the wrong officer called; at the registry, the wrong agency approved."""

from __future__ import annotations

import re
from typing import Any

from tests.console.conftest import FEED_WAIT_MS, Api, Watched, example, sign_in
from tests.console.test_watch_floor import conflicting, floor_conflict


def answered(page: Any, path: str) -> None:
    """Until the page holds the whole answer to its read of `path` (its resource timing says so),
    and some turns more: what that answer set off has run by then."""
    page.wait_for_function(
        "(path) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(path) && e.responseEnd > 0)",
        arg=path,
    )
    page.evaluate("() => new Promise((done) => setTimeout(done, 200))")


def test_a_conflict_read_after_another_was_opened_never_shows_over_it(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    conflicting(api, "raid", 38.8977, 3)
    conflicting(api, "arrest", 38.9100, 5)
    sign_in(console, console_stack["console"], "Agencies", "Duty agent WBWATCH")
    floor = page.get_by_role("region", name="Conflicts, most urgent first")
    for kind in ("raid", "arrest"):
        floor.get_by_role("row").filter(has_text=kind).wait_for(timeout=FEED_WAIT_MS)
    raid = floor_conflict(api, "raid")["conflict_id"]

    held: list[Any] = []
    page.route(
        re.compile(f"/v1/conflicts/{raid}$"), lambda route: held.append(route)
    )  # the raid's read waits, unanswered
    floor.get_by_role("row").filter(has_text="raid").get_by_role("button").click()
    page.wait_for_function("() => document.querySelector('main [aria-busy=true]')")
    page.get_by_role("button", name="Watch floor", exact=True).click()  # the duty agent goes on
    floor.get_by_role("row").filter(has_text="arrest").get_by_role("button").click()
    page.locator("main dd", has_text="arrest").first.wait_for()

    assert len(held) == 1
    held[0].continue_()
    answered(page, f"/v1/conflicts/{raid}")
    shown = page.locator("main").inner_text()
    assert "arrest" in shown and "raid" not in shown


def test_an_entry_read_after_the_operator_opened_another_for_review_never_shows_over_it(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    page = console.page
    slow, quick = (
        {**example("propose-organisation"), "code": code, "ori": ori}
        for code, ori in (
            ("NVSLOW", "NVSLW0001"),
            ("NVQUICK", "NVQCK0001"),
        )
    )
    for proposal in (slow, quick):
        api.call("POST", "/v1/organisations", "CASEBRIDGE", proposal)
    sign_in(console, console_stack["console"], "Agencies", "Registrar CASEBRIDGE")
    waiting = page.get_by_role("region", name="Waiting for a second person")

    held: list[Any] = []
    page.route(re.compile("/v1/organisations/NVSLOW$"), lambda route: held.append(route))
    waiting.get_by_role("button", name="Review NVSLOW").click()
    waiting.get_by_role("button", name="Review NVQUICK").click()
    page.get_by_role("button", name="Approve the onboarding of NVQUICK").wait_for()

    assert len(held) == 1
    held[0].continue_()
    answered(page, "/v1/organisations/NVSLOW")
    assert page.get_by_role("button", name="Approve the onboarding of NVSLOW").count() == 0
    assert page.get_by_role("region", name=re.compile("NVQUICK · ")).is_visible()


def test_a_case_page_the_officer_left_before_it_answered_reads_nothing_more_and_listens_to_nothing(
    console: Watched, console_stack: dict[str, Any], api: Api
) -> None:
    """Its sections' reads (each audited as a read of the case) and its listener for the case's
    events belong to a page the officer sees; one left while it loaded starts none of them."""
    page = console.page
    left = api.call("POST", "/v1/cases", "DEA", {"title": "Left"})["case_id"]
    api.call("POST", "/v1/cases", "DEA", {"title": "Kept"})
    sign_in(console, console_stack["console"], "Agencies", "Duty agent DEA")
    cases = page.get_by_role("region", name="Cases")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    held: list[Any] = []
    page.route(re.compile(f"/v1/cases/{left}$"), lambda route: held.append(route))
    cases.get_by_role("button", name="Open the case Left").click()
    page.wait_for_function("() => document.querySelector('main [aria-busy=true]')")
    page.get_by_role("button", name="Agency desk", exact=True).click()
    cases.get_by_role("button", name="Open the case Kept").click()
    page.get_by_role("heading", name="Kept", level=1).wait_for()

    held[0].continue_()
    answered(page, f"/v1/cases/{left}")
    assert page.get_by_role("heading", name="Kept", level=1).is_visible()
    # No section of it read: its listener, registered after them, was not either.
    assert [url for url in asked if f"/v1/cases/{left}/" in url] == []


def test_a_sections_earlier_refresh_answered_late_never_shows_over_its_latest(
    console: Watched, console_stack: dict[str, Any]
) -> None:
    page = console.page
    page.goto(console_stack["console"])
    shown = page.evaluate(
        """async () => {
            const { section } = await import("./js/parts.js");
            const { h } = await import("./js/dom.js");
            let answerTheFirst;
            const first = new Promise((answer) => { answerTheFirst = answer; });
            let reads = 0;
            const list = section("late", "Late", async () => {
                reads += 1;
                if (reads === 1) return h("p", {}, await first);
                return h("p", {}, "as it stands now");
            });
            document.body.append(list.node);
            const slow = list.refresh();
            await list.refresh();
            answerTheFirst("as it stood before");
            await slow;
            const body = list.node.querySelector("#late-body");
            return [body.textContent, body.getAttribute("aria-busy")];
        }"""
    )
    assert shown == ["as it stands now", "false"]
