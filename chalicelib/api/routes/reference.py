"""The API reference: Swagger UI at `/docs`, served by the API from files its bundle carries.

No token, no CDN: the page, Swagger UI's two files (copied from the pinned package by
`python -m scripts.swagger_ui`) and our `reference.js` all come from `chalicelib/data/reference`,
under a Content-Security-Policy that lets the page load those and call this API, and nothing
else. These routes are not operations of the API: the OpenAPI document leaves them out, and
`PATHS` names them for the tests and the CDK stack.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chalice.app import Blueprint, Response

from chalicelib.api import problems
from chalicelib.api.routes.meta import stage_prefix

reference = Blueprint(__name__)

#: The routes of the reference: served without a token, kept out of the OpenAPI document.
PATHS = ("/", "/docs", "/docs/{asset}")

#: The page's own files and Swagger UI's; nothing from another origin, no inline script or
#: style, no frame around the page, no form or `<base>` to send it elsewhere. `data:` images:
#: Swagger UI's stylesheet draws its icons as `data:` SVGs.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
#: An asset's URL names its content: it may be kept for a year and never asked again.
IMMUTABLE = "public, max-age=31536000, immutable"
#: The page is asked again every time, and answered 304 while it has not changed.
REVALIDATE = "no-cache"

#: The files the page loads, with their media types, as `chalicelib/data/reference` holds them.
_MEDIA_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "reference.js": "text/javascript; charset=utf-8",
}


@dataclass(frozen=True)
class File:
    """A file of the reference: what it holds, its media type, and the name it is served under."""

    body: str
    media_type: str
    name: str = ""

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body.encode()).hexdigest()

    @property
    def etag(self) -> str:
        return f'"{self.digest[:32]}"'


def _read(name: str) -> str:
    return resources.files("chalicelib.data").joinpath("reference", name).read_text(encoding="utf-8")


@cache
def assets() -> dict[str, File]:
    """Each asset by its name in the folder, served as `swagger-ui.<12 hex of its SHA-256>.css`."""
    found = {}
    for name, media_type in _MEDIA_TYPES.items():
        content = File(_read(name), media_type)
        stem, _, extension = name.rpartition(".")
        found[name] = File(content.body, media_type, f"{stem}.{content.digest[:12]}.{extension}")
    return found


@cache
def served() -> dict[str, File]:
    """Each asset by the name it is served under."""
    return {asset.name: asset for asset in assets().values()}


@cache
def page() -> File:
    """`index.html`, each asset named as it is served."""
    html = _read("index.html")
    for name, asset in assets().items():
        html = html.replace(f'"docs/{name}"', f'"docs/{asset.name}"')
    return File(html, "text/html; charset=utf-8", "index.html")


def _served(file: File, cache_control: str) -> Response:
    """`file`, or 304 when the caller's `If-None-Match` names its ETag."""
    request = reference.current_request
    headers: dict[str, str | list[str]] = {**SECURITY_HEADERS, "ETag": file.etag, "Cache-Control": cache_control}
    if _matches(request.headers.get("if-none-match"), file.etag):
        return Response(body="", status_code=304, headers=headers)
    return Response(body=file.body, status_code=200, headers={**headers, "Content-Type": file.media_type})


def _matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 13.1.2: `*`, or any of the listed tags, compared weakly (`W/` ignored)."""
    if if_none_match is None:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


@reference.route("/", methods=["GET"])
def front_door() -> Response:
    """302 to the reference; the body names the API's entry points, for a client that does not follow redirects."""
    prefix = stage_prefix(reference.current_request)
    links = {"reference": f"{prefix}/docs", "openapi": f"{prefix}/v1/openapi.json", "health": f"{prefix}/v1/health"}
    headers = {**SECURITY_HEADERS, "Location": links["reference"], "Content-Type": "application/json"}
    return Response(body=json.dumps(links), status_code=302, headers={**headers, "Cache-Control": "no-cache"})


@reference.route("/docs", methods=["GET"])
def reference_page() -> Response:
    """The page; `/docs/` is sent to `/docs` (301), where the page's relative links resolve."""
    request = reference.current_request
    if str((request.context or {}).get("path") or "").endswith("/"):
        location = f"{stage_prefix(request)}/docs"
        return Response(body="", status_code=301, headers={**SECURITY_HEADERS, "Location": location})
    return _served(page(), REVALIDATE)


@reference.route("/docs/{asset}", methods=["GET"])
def reference_asset(asset: str) -> Response:
    found = served().get(asset)
    if found is None:
        return problems.generic(404, "no such file of the API reference", headers=SECURITY_HEADERS)
    return _served(found, IMMUTABLE)
