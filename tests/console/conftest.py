"""The console in a real browser: Debian's Chromium driven by Playwright (pinned on PyPI), against
a `make run` of its own, with axe-core's accessibility checks on every screen.

Run by `make test-console` (which sets `CASEBRIDGE_CONSOLE_TESTS`), not by `make test`: the
suite's workers never start a browser. Playwright drives the system's Chromium through
`executable_path`; its own browser download is never used (CI reaches no host that serves it).
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "events" / "api"
#: Where the tests leave a screenshot of each desk: `build/` on every run, so that a run changes
#: no tracked file; `make screenshots` points it at the docs' pictures (docs/console.md).
SCREENSHOTS = Path(os.environ.get("CASEBRIDGE_SCREENSHOTS") or ROOT / "build" / "console-screenshots")
#: How long a test waits for what the event feed brings (it serves events once 5 s old).
FEED_WAIT_MS = 30_000


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Collected only by `make test-console`."""
    if not os.environ.get("CASEBRIDGE_CONSOLE_TESTS") and collection_path.suffix == ".py":
        return collection_path.name != "conftest.py"
    return None


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("needs Debian's Chromium: apt-get install chromium (.ci/run installs it)")
    return found


@pytest.fixture(scope="module")
def console_stack(stacks: Any) -> dict[str, Any]:
    """A `make run` no other test wrote to, and its console's address."""
    stack: dict[str, Any] = stacks.empty()
    described = json.loads((stack["dir"] / ".local" / "stack.json").read_text())
    # The console's origin, and the evidence bucket's (moto's server), where productions go.
    origins = {stack["url"], described["aws_endpoint_url"]}
    return {**stack, "console": stack["url"] + "/console/", "origins": origins}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


class Watched:
    """A page whose console messages and failed requests are kept: a refused inline script, a
    request to another origin or a script error fails the test that made it."""

    def __init__(self, page: Any, origin: str) -> None:
        self.page = page
        self.problems: list[str] = []
        self.origins: set[str] = set()
        page.on("console", lambda message: message.type in ("error", "warning") and self.problems.append(message.text))
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("request", lambda request: self.origins.add(_origin(request.url)))
        self.origin = origin


def _origin(url: str) -> str:
    from urllib.parse import urlparse

    parsed = urlparse(url.removeprefix("blob:"))  # a blob: URL is its creator's origin (a chart)
    return f"{parsed.scheme}://{parsed.netloc}"


@pytest.fixture
def console(browser: Any, console_stack: dict[str, Any]) -> Iterator[Watched]:
    """A fresh browser context (nothing kept between tests) on the console."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watched = Watched(page, console_stack["url"])
    yield watched
    context.close()
    assert watched.problems == []
    assert watched.origins <= console_stack["origins"]


def sign_in(watched: Watched, console_url: str, provider: str, person: str) -> None:
    """Through the sign-in screen and the dev provider's authorize page, by mouse."""
    page = watched.page
    page.goto(console_url)
    page.get_by_role("button", name=f"Sign in with {provider}").click()
    page.get_by_role("radio", name=person).check()
    page.get_by_role("button", name="Sign in").click()


def sign_in_by_keyboard(page: Any, console_url: str, provider: str, person: str) -> None:
    """The same, with no click: Tab to the provider, the arrows to the person, Enter."""
    page.goto(console_url)
    page.get_by_role("heading", name="Sign in").wait_for()
    tab_to(page, f"Sign in with {provider}")
    page.keyboard.press("Enter")
    page.get_by_role("radio", name=person).wait_for()
    tab_to(page, "", role="radio")  # into the group of persons; the arrows move in it
    while not focused(page)[1].startswith(person):
        page.keyboard.press("ArrowDown")
    tab_to(page, "Sign in", role="button")
    page.keyboard.press("Enter")


def tab_to(page: Any, name: str, role: str = "button", presses: int = 60, back: bool = False) -> None:
    """Tab (Shift+Tab, `back`) until the focused element is the `role` named `name` (at most
    `presses` times)."""
    for _ in range(presses):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        found_role, found_name = focused(page)
        if found_role == role and found_name.startswith(name):
            return
    pytest.fail(f"{name!r} could not be reached with Tab")


def focused(page: Any) -> tuple[str, str]:
    """The focused element's role and name, as a screen reader would announce them (roughly)."""
    role, name = page.evaluate(
        """() => {
            const node = document.activeElement;
            const label = node.getAttribute("aria-label") || (node.labels && node.labels[0]
                ? node.labels[0].textContent : node.textContent);
            return [node.getAttribute("role") || ({INPUT: node.type, BUTTON: "button"}[node.tagName] || ""),
                    (label || "").trim()];
        }"""
    )
    return str(role), str(name)


def assert_accessible(page: Any, screen: str) -> None:
    """axe-core (bundled by axe-playwright-python) finds no violation of WCAG 2.1 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]
    assert violations == [], f"{screen}: {violations}"


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


class Api:
    """The API over HTTP with `make token`'s tokens, as another system would call it."""

    def __init__(self, stack: dict[str, Any]) -> None:
        self.stack = stack

    def call(self, *args: Any, **kwargs: Any) -> Any:
        """The JSON answer of `answer(…)`'s call, which must succeed."""
        status, answer = self.answer(*args, **kwargs)
        if status >= 400:
            raise AssertionError(f"{args[:2]}: {status} {answer!r}")
        return answer

    def answer(
        self,
        method: str,
        path: str,
        org: str,
        body: Any = None,
        sub: str = "",
        scope: str = "",
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        """The status and the JSON answer, a refusal's problem included."""
        token = self.stack["token"](org, sub, scope)
        sent = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})}
        if method == "POST":
            import uuid

            sent["Idempotency-Key"] = str(uuid.uuid4())
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.stack["url"] + path, data=data, headers=sent, method=method)
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


def example(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def asked_emergency(api: Api) -> str:
    """DEA's officer opens a case and asks META for an emergency disclosure (the documented
    example): it waits for a second person's approval. Its id."""
    case = api.call("POST", "/v1/cases", "DEA", example("open-case-minimal"))
    asked = api.call("POST", f"/v1/cases/{case['case_id']}/emergency-requests", "DEA", example("ask-emergency-request"))
    return str(asked["request_id"])


@pytest.fixture
def api(console_stack: dict[str, Any]) -> Api:
    return Api(console_stack)


def officer_opened_a_case(watched: Watched, console_url: str, title: str) -> None:
    """DEA's officer signs in and opens a case from the agency desk's "Open a case" (title,
    summary, marking GREEN); the new case's page opens."""
    page = watched.page
    sign_in(watched, console_url, "Agencies", "Duty agent DEA")
    cases = page.get_by_role("region", name="Cases")
    cases.locator("summary", has_text="Open a case").click()
    cases.get_by_label("Title").fill(title)
    cases.get_by_label("Summary (optional)").fill("Vendor advertising 'blues' on Instagram; parcels from Phoenix.")
    cases.get_by_label("Marking (TLP)").select_option("GREEN")
    cases.get_by_role("button", name="Open the new case").click()
    page.get_by_role("heading", name=title, level=1).wait_for()


def emergency_form_filled(page: Any) -> Any:
    """On a case's page, the emergency form opened and filled with the documented example (META,
    @plug.nyc, an overdose risk); the form, to send."""
    asked = example("ask-emergency-request")["emergency"]
    requests = page.get_by_role("region", name="Legal process and emergencies")
    requests.locator("summary", has_text="Ask for an emergency disclosure").click()
    emergency = requests.get_by_role("form", name="Ask for an emergency disclosure")
    emergency.get_by_label("Platform").select_option("META")
    emergency.get_by_label("Accounts, one a line").fill("INSTAGRAM @plug.nyc")
    emergency.get_by_label("Kind of emergency").select_option(asked["kind"])
    emergency.get_by_label("What is happening").fill(asked["description"])
    emergency.get_by_label("Why it cannot wait").fill(asked["why_without_delay"])
    emergency.get_by_label("Exactly which records").fill(asked["data_needed"]["detail"])
    emergency.get_by_label("How the records would help").fill(asked["how_it_helps"])
    return emergency


def case_titled(api: Api, title: str) -> str:
    """The id of DEA's one case named `title`."""
    (found,) = [item for item in api.call("GET", "/v1/cases", "DEA")["items"] if item["title"] == title]
    return str(found["case_id"])
