"""mkdocs hook: the built site loads every script, stylesheet, font and frame from itself.

Swagger UI's assets come from the `mkdocs-swagger-ui-tag` package and the theme's fonts are the
system's: a page that pulled code from a CDN would run whatever that host serves, next to API
tokens pasted into Swagger UI. Links a reader follows (`<a href>`) may point anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

#: What a browser fetches by itself: scripts, frames, images, and `<link>`s other than navigation.
LOADED = re.compile(
    r"<(?:script|iframe|img)\b[^>]*\bsrc=\"(?P<src>[^\"]+)\""
    r"|<link\b(?![^>]*\brel=\"(?:canonical|alternate|next|prev)\")[^>]*\bhref=\"(?P<href>[^\"]+)\"",
    re.IGNORECASE,
)


def foreign_loads(html: str) -> list[str]:
    """The addresses on another host that a page makes the browser fetch."""
    found = (match.group("src") or match.group("href") for match in LOADED.finditer(html))
    return [address for address in found if re.match(r"(?:[a-z]+:)?//", address, re.IGNORECASE)]


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    offending = {
        str(page.relative_to(site)): loads
        for page in sorted(site.rglob("*.html"))
        if (loads := foreign_loads(page.read_text(errors="replace")))
    }
    if offending:
        raise PluginError(f"pages load from other hosts: {offending}")
