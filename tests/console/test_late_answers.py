"""An answer that comes after the person went on never shows over where they are: a conflict
read slowly while the duty agent opened another, a registry entry while the operator reviews
another, a section's earlier refresh answered after its latest. On a watch floor, the wrong
conflict on screen is the wrong officer called; at the registry, the wrong agency approved."""

from __future__ import annotations

import re
from typing import Any

from tests.console.conftest import FEED_WAIT_MS, Api, Watched, example, sign_in
from tests.console.test_watch_floor import conflicting, floor_conflict


def one_turn(page: Any) -> None:
    """Until the page's pending callbacks ran: what an answer set off has been drawn by then."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 50))")


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
    with page.expect_response(re.compile(f"/v1/conflicts/{raid}$")):
        held[0].continue_()
    one_turn(page)
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
    with page.expect_response(re.compile("/v1/organisations/NVSLOW$")):
        held[0].continue_()
    one_turn(page)
    assert page.get_by_role("button", name="Approve the onboarding of NVSLOW").count() == 0
    assert page.get_by_role("region", name=re.compile("NVQUICK · ")).is_visible()


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
