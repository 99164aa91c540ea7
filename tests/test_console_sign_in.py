"""The dev identity providers' sign-in for the console: authorization code with PKCE (S256), a
code used once, for its client, redirect and verifier; a token signed by the provider's own key.
And the console's files, served under the site's policy."""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest

from chalicelib.console_site import FOLDER, content_security_policy, security_headers, shipped_files
from chalicelib.devtools.console_server import ConsoleServer
from chalicelib.devtools.issuer import DevProvider
from chalicelib.devtools.sign_in import CLIENT_ID, SignIn, challenge_of, scopes_of
from chalicelib.domain.people import Person, PersonRole, PersonStatus

API = "http://127.0.0.1:8000"
REDIRECT = f"{API}/console/"
AUTHORIZE = "/dev/issuers/platforms/authorize"
TOKEN = "/dev/issuers/platforms/token"


def person(subject: str, org: str, role: PersonRole, status: PersonStatus = PersonStatus.ACTIVE) -> Person:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    return Person(
        person_id=f"per_{subject}",
        org=org,
        issuer="https://platforms.casebridge.local",
        subject=subject,
        name=f"{role} of {org}",
        email=subject,
        roles=(role,),
        registered_at=now,
        registered_by="seed",
        status=status,
    )


DESK = person("agent.meta@example.gov", "META", PersonRole.LEGAL_DESK)
GONE = person("left.meta@example.gov", "META", PersonRole.LEGAL_DESK, PersonStatus.SUSPENDED)


@pytest.fixture
def sign_in(tmp_path):
    DevProvider.PLATFORMS.prepare(tmp_path)
    return SignIn(tmp_path, lambda issuer: {"META": [DESK, GONE]}, (REDIRECT,))


def authorization(verifier: str = "", **changes: str) -> dict[str, str]:
    """What the console sends the authorize endpoint, for `verifier` (a fresh one if none)."""
    return {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
        "code_challenge": challenge_of(verifier or secrets.token_urlsafe(48)),
        "code_challenge_method": "S256",
        **changes,
    }


def authorize(sign_in: SignIn, verifier: str, chosen: Person = DESK, **changes: str) -> str:
    """The authorize form posted as the page posts it; the code the provider redirects with."""
    asked = authorization(verifier, state="s1", person=chosen.person_id, mfa="otp", **changes)
    answer = sign_in.answer("POST", AUTHORIZE, urlencode(asked).encode())
    assert answer is not None and answer.status == 303, answer
    location = urlparse(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["s1"]
    return query["code"][0]


def exchange(sign_in: SignIn, code: str, verifier: str, **changes: str):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
        **changes,
    }
    answer = sign_in.answer("POST", TOKEN, urlencode(form).encode())
    assert answer is not None
    return answer.status, json.loads(answer.body)


def test_the_code_and_its_verifier_give_a_token_signed_by_the_provider_for_the_person_chosen(sign_in, tmp_path):
    verifier = secrets.token_urlsafe(48)
    status, body = exchange(sign_in, authorize(sign_in, verifier), verifier)
    assert status == 200 and body["token_type"] == "Bearer"
    provider = DevProvider.PLATFORMS.load(tmp_path)
    key = jwt.PyJWK(provider.public_jwk())
    claims = jwt.decode(body["access_token"], key, algorithms=[provider.algorithm], audience="casebridge")
    assert (claims["iss"], claims["sub"], claims["org"]) == (provider.issuer, DESK.subject, "META")
    assert claims["amr"] == ["pwd", "otp"] and "legal:respond" in claims["scope"].split()


def test_a_code_is_used_once(sign_in):
    verifier = secrets.token_urlsafe(48)
    code = authorize(sign_in, verifier)
    assert exchange(sign_in, code, verifier)[0] == 200
    assert exchange(sign_in, code, verifier) == (400, {"error": "invalid_grant"})


@pytest.mark.parametrize(
    "changes",
    [
        {"code_verifier": secrets.token_urlsafe(48)},  # not the verifier of the challenge
        {"redirect_uri": "http://127.0.0.1:9/console/"},
        {"client_id": "someone-else"},
    ],
)
def test_a_code_is_refused_with_another_verifier_redirect_or_client(sign_in, changes):
    verifier = secrets.token_urlsafe(48)
    code = authorize(sign_in, verifier)
    assert exchange(sign_in, code, verifier, **changes) == (400, {"error": "invalid_grant"})


def test_the_other_providers_token_endpoint_refuses_the_code(sign_in, tmp_path):
    DevProvider.AGENCIES.prepare(tmp_path)
    verifier = secrets.token_urlsafe(48)
    code = authorize(sign_in, verifier)
    form = {"grant_type": "authorization_code", "code": code, "code_verifier": verifier}
    form |= {"client_id": CLIENT_ID, "redirect_uri": REDIRECT}
    answer = sign_in.answer("POST", "/dev/issuers/agencies/token", urlencode(form).encode())
    assert answer is not None and answer.status == 400


@pytest.mark.parametrize(
    "changes",
    [
        {"redirect_uri": "https://attacker.example/console/"},
        {"code_challenge_method": "plain"},
        {"client_id": "someone-else"},
        {"response_type": "token"},
    ],
)
def test_the_authorize_page_refuses_a_foreign_redirect_and_anything_but_s256(sign_in, changes):
    answer = sign_in.answer("GET", f"{AUTHORIZE}?{urlencode(authorization(**changes))}")
    assert answer is not None and answer.status == 400
    assert b"Location" not in json.dumps(answer.headers).encode()


def test_a_suspended_person_is_offered_but_cannot_sign_in(sign_in):
    asked = authorization()
    page = sign_in.answer("GET", f"{AUTHORIZE}?{urlencode(asked)}")
    assert page is not None and page.status == 200
    assert b"left.meta@example.gov" in page.body and b"disabled" in page.body
    assert "form-action 'self'" in page.headers["Content-Security-Policy"]
    refused = sign_in.answer("POST", AUTHORIZE, urlencode({**asked, "person": GONE.person_id}).encode())
    assert refused is not None and refused.status == 400


def test_a_person_suspended_after_the_code_was_issued_gets_no_token(tmp_path):
    """The administrator suspends them the day they leave: a code they got a moment before is
    worth nothing, as their next sign-in would be."""
    DevProvider.PLATFORMS.prepare(tmp_path)
    registry = {"META": [DESK]}
    sign_in = SignIn(tmp_path, lambda issuer: registry, (REDIRECT,))
    verifier = secrets.token_urlsafe(48)
    code = authorize(sign_in, verifier)
    registry["META"] = [replace(DESK, status=PersonStatus.SUSPENDED)]
    assert exchange(sign_in, code, verifier) == (400, {"error": "invalid_grant"})


def test_a_supervisor_may_approve_and_waive_and_an_administrator_keeps_persons():
    supervisor = person("supervisor.dea@example.gov", "DEA", PersonRole.SUPERVISOR)
    admin = person("admin.dea@example.gov", "DEA", PersonRole.ADMIN)
    officer = set(scopes_of(person("agent.dea@example.gov", "DEA", PersonRole.OFFICER)).split())
    assert {"emergency:approve", "deconfliction:waive"} <= set(scopes_of(supervisor).split())
    assert "people:admin" in scopes_of(admin).split()
    assert not officer & {"emergency:approve", "deconfliction:waive"}


def test_the_console_is_served_under_its_policy_and_never_outside_its_folder(tmp_path):
    server = ConsoleServer(tmp_path, API, lambda issuer: {})
    page = server.answer("GET", "/console/")
    assert page is not None and page.status == 200 and page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Content-Security-Policy"] == content_security_policy()
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]
    moved = server.answer("GET", "/console")
    assert moved is not None and (moved.status, moved.headers["Location"]) == (301, "/console/")
    for escape in ("/console/../app.py", "/console/%2e%2e/app.py", "/console/js/../../Makefile"):
        refused = server.answer("GET", escape)
        assert refused is not None and refused.status == 404
    config = server.answer("GET", "/console/config.json")
    assert config is not None and json.loads(config.body)["providers"][0]["client_id"] == CLIENT_ID
    again = server.answer("GET", "/console/", if_none_match=page.headers["ETag"])
    assert again is not None and again.status == 304
    assert server.answer("GET", "/v1/cases") is None  # the API's


def test_no_file_of_the_console_has_an_inline_script_or_style():
    """The policy refuses them; this says which file, before a browser does."""
    for path in shipped_files():
        text = path.read_text()
        assert "<style" not in text and " style=" not in text and "javascript:" not in text, path
        if path.suffix == ".html":
            assert "<script>" not in text and " onclick=" not in text, path
    assert (FOLDER / "index.html") in shipped_files()


def test_the_site_headers_name_the_api_origin_for_connect_only():
    headers = security_headers(["https://api.example.gov/"])
    assert "connect-src 'self' https://api.example.gov;" in headers["Content-Security-Policy"]
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "no-referrer"


def test_every_module_is_preloaded_by_the_page_so_none_waits_for_its_importer():
    page = (FOLDER / "index.html").read_text()
    modules = {path.relative_to(FOLDER).as_posix() for path in shipped_files() if path.suffix == ".js"}
    preloaded = {line.split('href="')[1].split('"')[0] for line in page.splitlines() if "modulepreload" in line}
    assert preloaded == modules - {"js/main.js"}
