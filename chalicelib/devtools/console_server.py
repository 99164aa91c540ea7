"""The console on `make run`: its files at `/console/` under the site's security headers, its
`config.json` (this API, the dev identity providers), and the providers' sign-in endpoints
(`chalicelib.devtools.sign_in`). Served by the local server beside the API, not by it: a deployed
stage serves the console from its own bucket and distribution (`infra/casebridge_infra/console.py`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

from chalicelib.console_site import CONFIG_FILE, FOLDER, LOCAL_PREFIX, MEDIA_TYPES, security_headers
from chalicelib.devtools.issuer import DevProvider
from chalicelib.devtools.sign_in import AUTHORIZE_PATH, CLIENT_ID, TOKEN_PATH, Answer, PeopleOf, SignIn
from chalicelib.domain.people import Person


def local_config() -> dict[str, object]:
    """What the console reads at its start: where the API is (this server) and the providers to
    sign in with, each with its endpoints and the organisations it speaks for."""
    return {
        "api_url": "",  # the same origin: the local server serves the API too
        "providers": [
            {
                "name": str(provider),
                "label": f"{provider.title()} (development identity provider)",
                "authorization_endpoint": AUTHORIZE_PATH.format(provider=provider),
                "token_endpoint": TOKEN_PATH.format(provider=provider),
                "client_id": CLIENT_ID,
                "organisations": provider.organisations(),
            }
            for provider in DevProvider
        ],
        "feed_seconds": 2,
    }


class ConsoleServer:
    """Answers the console's paths and the providers' sign-in endpoints; None for anything else
    (the API's routes)."""

    def __init__(self, folder: Path, api_url: str, people_of: PeopleOf, storage_url: str | None = None) -> None:
        self.config = json.dumps(local_config()).encode()
        # Productions go straight to the evidence bucket (moto's server, on its own port).
        self.headers = security_headers([storage_url] if storage_url else [])
        redirects = (
            api_url.rstrip("/") + LOCAL_PREFIX,
            "http://localhost:" + api_url.rsplit(":", 1)[-1] + LOCAL_PREFIX,
        )
        self.sign_in = SignIn(folder, people_of, redirects)

    def answer(self, method: str, url: str, body: bytes = b"", if_none_match: str | None = None) -> Answer | None:
        path = urlparse(url).path
        if path == LOCAL_PREFIX.rstrip("/") and method in ("GET", "HEAD"):
            return Answer(301, {"Location": LOCAL_PREFIX, **self.headers}, b"")
        if path.startswith(LOCAL_PREFIX) and method in ("GET", "HEAD"):
            return self.file(path.removeprefix(LOCAL_PREFIX) or "index.html", if_none_match)
        return self.sign_in.answer(method, url, body)

    def file(self, name: str, if_none_match: str | None) -> Answer:
        if name == CONFIG_FILE:
            body = self.config
        else:
            found = (FOLDER / name).resolve()
            if FOLDER not in found.parents or not found.is_file() or found.suffix not in MEDIA_TYPES:
                headers = {"Content-Type": "application/problem+json", **self.headers}
                problem = {"type": "about:blank", "title": "Not found", "status": 404, "detail": "no such file"}
                return Answer(404, headers, json.dumps(problem).encode())
            body = found.read_bytes()
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        # Revalidated each time (a 304 while unchanged): a developer's edit shows at the next load.
        headers = {**self.headers, "ETag": etag, "Cache-Control": "no-cache"}
        if if_none_match is not None and etag in [tag.strip() for tag in if_none_match.split(",")]:
            return Answer(304, headers, b"")
        media_type = MEDIA_TYPES[Path(name).suffix]
        return Answer(200, {**headers, "Content-Type": media_type}, body)


def registry_people(issuer: str) -> dict[str, list[Person]]:
    """Each organisation `issuer` speaks for (the stage's trusted issuers, and the registry's
    bindings of organisations onboarded through the API) with its persons under that issuer:
    what the authorize page offers."""
    from chalicelib import wiring
    from chalicelib.settings import settings

    codes = [code for entry in settings().trusted_issuers if entry.issuer == issuer for code in entry.organisations]
    codes += [binding.code for binding in wiring.organisations().bound_to(issuer)]
    found: dict[str, list[Person]] = {}
    for code in dict.fromkeys(codes):
        page = wiring.people().people_of(code, 100, None)
        found[code] = [person for person in page.items if person.issuer == issuer]
    return found
