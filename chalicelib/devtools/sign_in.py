"""The dev identity providers' OpenID Connect endpoints, for the console on `make run`: an
authorize page where you pick an organisation the provider speaks for and one of its persons
(from the registry), and a token endpoint that checks the PKCE verifier and answers a token
really signed by that provider's key, as `make token` does.

Authorization code with PKCE (RFC 7636, S256 only): the code is one use, lives a minute, and
is bound to the client, its redirect URI and the challenge. The page and the token endpoint are
served by the local server beside the API (`scripts/localstack.py`), never by a deployed stage,
where each organisation brings its own provider.
"""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

from chalicelib.devtools.issuer import MFA_CLAIMS, DevProvider, default_scopes
from chalicelib.domain.people import Person, PersonRole, PersonStatus

#: For a provider's issuer: each organisation it speaks for, with its persons under that issuer.
PeopleOf = Callable[[str], dict[str, list[Person]]]
#: The console's client id at the dev providers.
CLIENT_ID = "casebridge-console"
#: The paths of each provider's endpoints on the local server.
AUTHORIZE_PATH = "/dev/issuers/{provider}/authorize"
TOKEN_PATH = "/dev/issuers/{provider}/token"  # noqa: S105 (a path, not a secret)
#: How long an authorization code may wait for its exchange.
CODE_SECONDS = 60
#: How long a token of the console lasts: a working shift's hour, then sign in again.
TOKEN_SECONDS = 3600
#: The authorize page's policy: its own stylesheet (the console's), a form posted to itself.
PAGE_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
)

#: What a person's role adds to what their organisation's kind grants (`default_scopes`): a
#: supervisor approves emergencies and concurs with exigent waivers of conflicts (a commander),
#: an administrator keeps the organisation's persons.
ROLE_SCOPES = {
    PersonRole.OFFICER: "",
    PersonRole.SUPERVISOR: "emergency:approve deconfliction:waive",
    PersonRole.LEGAL_DESK: "",
    PersonRole.ADMIN: "people:admin",
}


def scopes_of(person: Person) -> str:
    """The scopes a dev provider asserts for `person`: their organisation's kind's, and their roles'."""
    base = default_scopes(person.org).split()
    extra = [scope for role in person.roles for scope in ROLE_SCOPES[role].split()]
    return " ".join(dict.fromkeys([*base, *extra]))


@dataclass(frozen=True)
class Grant:
    """An authorization code's promise: who signed in, for which client and redirect, under
    which PKCE challenge, until when."""

    provider: DevProvider
    person: Person
    mfa: str
    client_id: str
    redirect_uri: str
    challenge: str
    expires: float


@dataclass(frozen=True)
class Answer:
    """What the local server sends: a status, headers and a body."""

    status: int
    headers: dict[str, str]
    body: bytes


class SignIn:
    """Both dev providers' authorize and token endpoints, over the registry's persons.

    `people_of(issuer)` answers, for a provider's issuer, each organisation it speaks for with
    its persons (the registry's, read by the local server); `redirects` are the console's
    redirect URIs the providers accept.
    """

    def __init__(self, folder: Path, people_of: PeopleOf, redirects: tuple[str, ...]) -> None:
        self.folder = folder
        self.people_of = people_of
        self.redirects = redirects
        self._codes: dict[str, Grant] = {}
        self._lock = threading.Lock()

    def answer(self, method: str, url: str, body: bytes = b"") -> Answer | None:
        """The answer to `method url` if it is one of the providers' endpoints, else None."""
        parsed = urlparse(url)
        for provider in DevProvider:
            if parsed.path == AUTHORIZE_PATH.format(provider=provider):
                asked = _params(parsed.query if method == "GET" else body.decode("utf-8", "replace"))
                return self.authorize(provider, method, asked)
            if parsed.path == TOKEN_PATH.format(provider=provider) and method == "POST":
                return self.token(provider, _params(body.decode("utf-8", "replace")))
        return None

    def authorize(self, provider: DevProvider, method: str, asked: dict[str, str]) -> Answer:
        refusal = self._refusal(asked)
        if refusal:
            return _page(400, "Sign-in refused", f"<p>{html.escape(refusal)}</p>")
        if method == "GET":
            return _page(200, "Sign in", self._choices(provider, asked, self._people(provider)))
        person = self._active(provider, asked.get("person", ""))
        mfa = asked.get("mfa", "phishing_resistant")
        if person is None or mfa not in MFA_CLAIMS:
            return _page(400, "Sign-in refused", "<p>Choose an active person of an organisation listed.</p>")
        code = secrets.token_urlsafe(32)
        expires = time.time() + CODE_SECONDS
        grant = Grant(
            provider, person, mfa, asked["client_id"], asked["redirect_uri"], asked["code_challenge"], expires
        )
        with self._lock:
            self._codes[code] = grant
        location = f"{asked['redirect_uri']}?{urlencode({'code': code, 'state': asked.get('state', '')})}"
        return Answer(303, {"Location": location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}, b"")

    def token(self, provider: DevProvider, asked: dict[str, str]) -> Answer:
        """RFC 6749 4.1.3 with RFC 7636 4.6: the code, once, for its client, redirect and verifier."""
        if asked.get("grant_type") != "authorization_code":
            return _token_error("unsupported_grant_type")
        with self._lock:
            now = time.time()
            self._codes = {code: grant for code, grant in self._codes.items() if grant.expires > now}
            grant = self._codes.pop(asked.get("code", ""), None)
        verifier = asked.get("code_verifier", "")
        if (
            grant is None
            or grant.provider is not provider
            or grant.client_id != asked.get("client_id")
            or grant.redirect_uri != asked.get("redirect_uri")
            or not 43 <= len(verifier) <= 128
            or not secrets.compare_digest(challenge_of(verifier), grant.challenge)
        ):
            return _token_error("invalid_grant")
        person = self._active(provider, grant.person.person_id)  # suspended since the code was issued: none
        if person is None:
            return _token_error("invalid_grant")
        signed = provider.load(self.folder).token(
            person.org,
            scope=scopes_of(person),
            sub=person.subject,
            lifetime=TOKEN_SECONDS,
            mfa=grant.mfa,
            name=person.name,
            email=person.email,
        )
        body = {"access_token": signed, "token_type": "Bearer", "expires_in": TOKEN_SECONDS, "scope": scopes_of(person)}
        return _json(200, body)

    def _refusal(self, asked: dict[str, str]) -> str:
        if asked.get("response_type") != "code":
            return "response_type must be code"
        if asked.get("client_id") != CLIENT_ID:
            return f"unknown client; the console is {CLIENT_ID}"
        if asked.get("redirect_uri") not in self.redirects:
            return "that redirect URI is not the console's"
        if asked.get("code_challenge_method") != "S256" or not 43 <= len(asked.get("code_challenge", "")) <= 128:
            return "PKCE with S256 is required"
        return ""

    def _people(self, provider: DevProvider) -> dict[str, list[Person]]:
        return self.people_of(provider.load(self.folder).issuer)

    def _active(self, provider: DevProvider, person_id: str) -> Person | None:
        """The person of an organisation the provider speaks for, as the registry has them now, if active."""
        people = self._people(provider)
        found = next((one for persons in people.values() for one in persons if one.person_id == person_id), None)
        return found if found is not None and found.status is PersonStatus.ACTIVE else None

    def _choices(self, provider: DevProvider, asked: dict[str, str], people: dict[str, list[Person]]) -> str:
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(asked.get(name, ""))}">'
            for name in (
                "response_type",
                "client_id",
                "redirect_uri",
                "state",
                "code_challenge",
                "code_challenge_method",
            )
        )
        groups = []
        for org, persons in sorted(people.items()):
            choices = "".join(
                f'<li><label><input type="radio" name="person" value="{html.escape(person.person_id)}" required'
                f"{' disabled' if person.status is not PersonStatus.ACTIVE else ''}> "
                f'{html.escape(person.name)} <span class="muted">{html.escape(person.subject)} · '
                f"{html.escape(', '.join(person.roles))}"
                f"{'' if person.status is PersonStatus.ACTIVE else ' · ' + html.escape(person.status)}</span></label></li>"
                for person in persons
            )
            groups.append(f'<fieldset><legend>{html.escape(org)}</legend><ul class="plain">{choices}</ul></fieldset>')
        mfa = "".join(
            f'<option value="{name}"{" selected" if name == "phishing_resistant" else ""}>{name}</option>'
            for name in MFA_CLAIMS
        )
        return (
            f"<p>The <strong>{html.escape(provider)}</strong> development identity provider speaks for these "
            "organisations. Choose who signs in to the casebridge console.</p>"
            f'<form method="post" class="stack">{hidden}{"".join(groups)}'
            f'<label for="mfa">How they signed in (MFA)</label><select id="mfa" name="mfa">{mfa}</select>'
            '<button type="submit">Sign in</button></form>'
        )


def challenge_of(verifier: str) -> str:
    """RFC 7636 4.2: BASE64URL(SHA256(verifier)), unpadded."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _params(query: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(query, keep_blank_values=True).items()}


def _page(status: int, title: str, content: str) -> Answer:
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · dev identity provider</title>"
        '<link rel="stylesheet" href="/console/console.css"></head>'
        f'<body><main class="signin" id="main"><h1>{html.escape(title)}</h1>{content}</main></body></html>'
    )
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": PAGE_POLICY,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return Answer(status, headers, body.encode())


def _json(status: int, body: dict[str, object]) -> Answer:
    import json

    headers = {"Content-Type": "application/json", "Cache-Control": "no-store", "Pragma": "no-cache"}
    return Answer(status, headers, json.dumps(body).encode())


def _token_error(error: str) -> Answer:
    return _json(400, {"error": error})
