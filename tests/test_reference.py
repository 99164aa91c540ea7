"""The API reference at /docs: Swagger UI from files the bundle carries, under a strict CSP, no token."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin

import pytest

from chalicelib.api.routes import reference
from scripts import swagger_ui

ROOT = Path(__file__).resolve().parents[1]
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def get(client, path: str, **headers: str):
    """GET `path` with no token; headers lower-cased."""
    response = client.http.get(path, headers=headers)
    response.headers = {name.lower(): value for name, value in response.headers.items()}
    return response


def assert_hardened(response) -> None:
    assert response.headers["content-security-policy"] == POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cross-origin-resource-policy"] == "same-origin"


class Page(HTMLParser):
    """What a browser would load from the page, and anything inline that the policy would refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.inline: list[str] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        found = dict(attrs)
        if tag == "style" or "style" in found or any(name.startswith("on") for name in found):
            self.inline.append(tag)
        if tag == "script" and found.get("src"):
            self.loads.append(str(found["src"]))
        if tag == "link" and found.get("rel") == "stylesheet":
            self.loads.append(str(found["href"]))

    def handle_data(self, data: str) -> None:
        if self._tag == "script" and data.strip():
            self.inline.append("script")


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_the_page_is_served_without_a_token_under_the_policy(client):
    response = get(client, "/docs")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert_hardened(response)
    assert b"<title>casebridge API reference</title>" in response.body


def test_the_page_loads_swagger_ui_and_our_initialiser_from_this_api_and_runs_nothing_inline(client):
    page = parsed(get(client, "/docs").body.decode())
    assert page.inline == []
    names = [re.sub(r"\.[0-9a-f]{12}\.", ".", load.removeprefix("docs/")) for load in page.loads]
    assert names == ["swagger-ui.css", "swagger-ui-bundle.js", "reference.js"]
    for load in page.loads:
        assert not load.startswith(("http:", "https:", "//", "/"))  # relative: this API, under any stage prefix
        asset = get(client, urljoin("/docs", load))
        assert asset.status_code == 200, load
        assert_hardened(asset)


def test_each_asset_is_the_file_in_the_bundle_with_its_media_type_and_a_year_of_cache(client):
    folder = ROOT / "chalicelib" / "data" / "reference"
    types = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
    for name, asset in reference.assets().items():
        response = get(client, f"/docs/{asset.name}")
        assert response.body == (folder / name).read_bytes()
        assert response.headers["content-type"] == types[Path(name).suffix]
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["etag"] == asset.etag


def test_an_asset_named_without_its_version_or_unknown_is_a_404_problem(client):
    for path in ("/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js.map", "/docs/nope.000000000000.js"):
        response = get(client, path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"
        assert json.loads(response.body)["status"] == 404
        assert_hardened(response)


@pytest.mark.parametrize("path", ["/docs", "asset"])
def test_an_unchanged_page_or_asset_is_a_304_with_no_body(client, path):
    path = f"/docs/{reference.assets()['reference.js'].name}" if path == "asset" else path
    etag = get(client, path).headers["etag"]
    for if_none_match in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = get(client, path, **{"If-None-Match": if_none_match})
        assert again.status_code == 304, if_none_match
        assert again.body == b""
        assert again.headers["etag"] == etag
        assert_hardened(again)
    assert get(client, path, **{"If-None-Match": '"other"'}).status_code == 200


def test_docs_with_a_slash_is_moved_to_docs(client):
    response = get(client, "/docs/")
    assert (response.status_code, response.headers["location"]) == (301, "/docs")


def test_the_root_sends_a_browser_to_the_reference_and_a_client_the_links(client):
    response = get(client, "/", Accept="application/json")
    assert (response.status_code, response.headers["location"]) == (302, "/docs")
    links = json.loads(response.body)
    assert links == {"reference": "/docs", "openapi": "/v1/openapi.json", "health": "/v1/health"}
    for link in links.values():
        assert get(client, link).status_code == 200, link


def test_the_initialiser_shows_the_document_this_api_serves(client):
    script = (ROOT / "chalicelib" / "data" / "reference" / "reference.js").read_text()
    [url] = re.findall(r'url: "([^"]+)"', script)
    assert urljoin("/docs", url) == "/v1/openapi.json"
    assert "validatorUrl: null" in script and "queryConfigEnabled: false" in script
    assert get(client, urljoin("/docs", url)).status_code == 200


@pytest.mark.parametrize(
    ("route", "url", "location"),
    [("/docs", "/v1/docs/", "/v1/docs"), ("/", "/v1/", "/v1/docs"), ("/", "/v1", "/v1/docs")],
)
def test_behind_an_api_gateway_stage_the_redirects_keep_its_prefix(aws, route, url, location):
    """API Gateway calls the app with the route and, in `requestContext.path`, the URL's path
    with the stage in front (`/v1/docs/`); the local stack has no stage."""
    from app import app

    event = {
        "resource": route,
        "path": route,
        "httpMethod": "GET",
        "headers": {"Host": "api.example.gov"},
        "multiValueHeaders": {"Host": ["api.example.gov"]},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {"resourcePath": route, "path": url, "httpMethod": "GET", "stage": "v1"},
        "body": None,
        "isBase64Encoded": False,
    }
    response = app(event, None)
    assert response["headers"]["Location"] == location


def test_paths_names_exactly_the_reference_routes_and_none_is_in_the_document():
    from app import app
    from chalicelib.api.openapi import document

    served = {
        path
        for path, methods in app.routes.items()
        for entry in methods.values()
        if entry.view_function.__module__ == reference.__name__
    }
    assert served == set(reference.PATHS)
    assert not set(reference.PATHS) & set(document()["paths"])


def test_the_committed_swagger_ui_files_are_the_pinned_packages():
    """`python -m scripts.swagger_ui` copies them; a new pin without a new copy fails here."""
    pins = dict(line.split("==") for line in (ROOT / "requirements-dev.txt").read_text().splitlines() if "==" in line)
    assert metadata.version(swagger_ui.PACKAGE) == pins[swagger_ui.PACKAGE]
    for name in swagger_ui.FILES:
        assert (swagger_ui.TARGET / name).read_bytes() == (swagger_ui.source() / name).read_bytes(), name


def test_swagger_ui_stays_out_of_the_lambda_runtime_dependencies():
    assert "swagger" not in (ROOT / "requirements.txt").read_text().lower()


@pytest.fixture(scope="module")
def local_api():
    """Chalice's local server, as `make run` serves the API (the reference needs no AWS)."""
    from scripts.localstack import local_server

    server = local_server("127.0.0.1", 0)  # once per process: it rebases Chalice's local app class
    threading.Thread(target=server.server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server.server_address[1]}"
    server.server.shutdown()


#: CI sets CASEBRIDGE_BROWSER_REQUIRED (and installs Chromium), so there a missing browser fails.
@pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("CASEBRIDGE_BROWSER_REQUIRED"),
    reason="needs a browser: apt-get install chromium",
)
@pytest.mark.parametrize("fragment", ["", "#/cases/openCase"])
def test_a_real_browser_renders_every_operation_under_the_policy_and_reports_no_violation(
    fragment, local_api, tmp_path
):
    """Headless Chromium opens `/docs` on Chalice's local server (as `make run` serves it), runs
    Swagger UI and prints the rendered page; every message its console printed (a refused
    inline style or script, a blocked fetch) fails the test. With `#/cases/openCase` an
    operation opens too: its schemas, examples and highlighted code render."""
    from chalicelib.api.openapi import document

    shown = subprocess.run(
        [
            str(shutil.which("chromium")),
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path}",
            "--enable-logging=stderr",
            "--log-level=0",
            "--virtual-time-budget=15000",
            "--dump-dom",
            f"{local_api}/docs{fragment}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    console = [line for line in shown.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    operations = sum(len(methods) for methods in document()["paths"].values())
    assert shown.stdout.count('class="opblock-summary-path"') == operations
    if fragment:
        assert 'class="highlight-code' in shown.stdout
