"""The console's static site: where its files are, how each is served, and the security headers
that both the local server (`make run`, at `/console/`) and the CloudFront distribution send.

The console is files only (`console/` at the top of the repository: HTML, CSS, ES modules, no
build step); it calls the API with the signed-in person's token. Not part of any Lambda
function: the API never imports it, `make run` and the CDK stack do.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

#: The site's files, committed as they are served.
FOLDER = Path(__file__).resolve().parents[1] / "console"
#: Where `make run` serves it; a deployed stage serves it at its distribution's root.
LOCAL_PREFIX = "/console/"
#: The one file a deployment writes beside the others: the API's address and the identity
#: providers to sign in with (`console/js/config.js` reads it).
CONFIG_FILE = "config.json"

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}


def content_security_policy(connect: Iterable[str] = ()) -> str:
    """The console's own files and nothing else: no inline script or style, no other origin but
    the API's and the identity providers' token endpoints (`connect`, origins), no frame around
    it, no form posted anywhere (its forms are handled by its scripts), no `<base>`."""
    origins = " ".join(["'self'", *sorted({origin.rstrip("/") for origin in connect})])
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            # `blob:`: the reports' charts, pygal's SVG shown as an image (never as markup: it
            # carries an inline script, which an image never runs), docs/console.md.
            "img-src 'self' blob:",
            "font-src 'self'",
            f"connect-src {origins}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


#: Sent with every file of the site, beside its policy.
STRICT_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
#: What HTTPS-only deployments add (CloudFront's `StrictTransportSecurity`): two years, subdomains.
HSTS_SECONDS = 63072000


def security_headers(connect: Iterable[str] = ()) -> dict[str, str]:
    """Every security header of a file of the site, its policy included."""
    return {"Content-Security-Policy": content_security_policy(connect), **STRICT_HEADERS}


def shipped_files() -> list[Path]:
    """Every file the site ships, in a stable order (a deployment's config is written apart)."""
    return sorted(path for path in FOLDER.rglob("*") if path.is_file() and path.suffix in MEDIA_TYPES)
