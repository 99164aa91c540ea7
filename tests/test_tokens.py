"""Bearer tokens: every way a token can be wrong is a 401 (or 403 for scope), and audited."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from tests.conftest import ES_ISSUER, ISSUER


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(**overrides):
    now = int(time.time())
    claims = {
        "iss": ISSUER.issuer,
        "aud": "casebridge",
        "sub": "a@dea.gov",
        "org": "DEA",
        "scope": "cases:read",
        "iat": now,
        "exp": now + 600,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _signed(**overrides):
    return jwt.encode(_claims(**overrides), ISSUER.private_key, algorithm="RS256", headers={"kid": ISSUER.key_id})


def _hs256_with_public_key():
    public = ISSUER.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = _b64({"alg": "HS256", "typ": "JWT", "kid": ISSUER.key_id})
    payload = _b64(_claims())
    import hashlib
    import hmac

    signature = hmac.new(public, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


BAD_TOKENS = {
    "expired": lambda: _signed(exp=int(time.time()) - 3600, iat=int(time.time()) - 7200),
    "not yet valid": lambda: _signed(nbf=int(time.time()) + 3600),
    "wrong issuer": lambda: _signed(iss="https://evil.example"),
    "wrong audience": lambda: _signed(aud="someone-else"),
    "unknown key id": lambda: jwt.encode(_claims(), ISSUER.private_key, algorithm="RS256", headers={"kid": "nope"}),
    "alg none": lambda: f"{_b64({'alg': 'none', 'kid': ISSUER.key_id})}.{_b64(_claims())}.",
    "HS256 signed with the public key": _hs256_with_public_key,
    "unknown org": lambda: _signed(org="KGB"),
    "no exp": lambda: _signed(exp=None),
    "lives 100 years": lambda: _signed(exp=int(time.time()) + 100 * 365 * 86400),
    "lives a second longer than the stage allows": lambda: _signed(exp=int(time.time()) + _longest() + 1),
    "sub with a trailing space": lambda: _signed(sub="a@dea.gov "),
    "sub with a leading tab": lambda: _signed(sub="\ta@dea.gov"),
    "sub with a zero-width joiner": lambda: _signed(sub="a\u200d@dea.gov"),
    "sub with a right-to-left override": lambda: _signed(sub="a@\u202evog.aed"),
    "sub with a NUL": lambda: _signed(sub="a@dea.gov\x00"),
    "empty sub": lambda: _signed(sub=""),
    "name with a bidi isolate": lambda: _signed(name="SA \u2067Rivera\u2069"),
    "email with a zero-width space": lambda: _signed(email="a\u200b@dea.gov"),
    "phone with a line separator": lambda: _signed(phone="+12025550143\u2028"),
    "name that is a Hangul filler": lambda: _signed(name="\u3164"),
    "malformed": lambda: "not.a.jwt",
    "garbage scheme": lambda: None,
}


def _longest() -> int:
    from chalicelib.settings import settings

    return int(settings().max_token_lifetime.total_seconds())


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
def test_bad_token_is_401_and_audited(api, aws, kind):
    token = BAD_TOKENS[kind]()
    header = "Basic dXNlcjpwYXNz" if token is None else f"Bearer {token}"
    response = api.call("GET", "/v1/cases", None, headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert "www-authenticate" in response.headers
    from chalicelib.storage.table import AuditItem

    denied = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert len(denied) == 1
    assert denied[0].outcome == "failure"


def test_a_token_that_lives_as_long_as_the_stage_allows_and_readable_claims_are_accepted(api):
    token = _signed(exp=int(time.time()) + _longest(), name="Special Agent Rivera", email="a@dea.gov", phone="+1 202")
    assert api.call("GET", "/v1/cases", None, headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_a_refused_identity_claim_is_audited_as_unverified_with_the_claim_it_broke(api, aws):
    from chalicelib.storage.table import AuditItem

    token = _signed(sub="a@dea.gov\u200b", org="DEA")
    assert api.call("GET", "/v1/cases", None, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    [record] = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert (record.identity, record.subject, record.org, record.claimed_org) == (
        "unverified",
        "unverified",
        "UNVERIFIED",
        "DEA",
    )
    assert record.reason == "the 'sub' claim holds the invisible or control character U+200B"


def test_es256_tokens_from_a_second_issuer_are_accepted(api):
    token = ES_ISSUER.token("HSI")
    assert api.call("GET", "/v1/cases", None, headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [("GET", "/v1/cases", "cases:write"), ("POST", "/v1/cases", "cases:read"), ("GET", "/v1/referrals", "")],
)
def test_missing_scope_is_403_and_audited(api, method, path, scope):
    response = api.call(method, path, "DEA", {"title": "t"} if method == "POST" else None, scope=scope)
    assert response.status_code == 403
    assert "scope" in response.data["detail"]
    assert denials() == [("DEA", "failure")]


@pytest.mark.parametrize("path", ["/v1/cases", "/v1/referrals", "/v1/deconfliction/hits", "/v1/tips"])
def test_platform_tokens_are_403_on_agency_routes_and_audited(api, path):
    response = api.call("GET", path, "TIKTOK")
    assert response.status_code == 403
    assert "platform" in response.data["detail"] or "scope" in response.data["detail"]
    assert denials() == [("TIKTOK", "failure")]


def test_agency_tokens_are_403_on_platform_routes_and_audited(api):
    response = api.call("POST", "/v1/tips", "DEA", {"category": "distribution"})
    assert response.status_code == 403
    assert denials() == [("DEA", "failure")]


def denials() -> list[tuple[str, str]]:
    """(organisation, outcome) of every refused attempt the audit trail recorded."""
    from chalicelib.storage.table import AuditItem

    return [(item.org, item.outcome) for item in AuditItem.scan() if item.outcome == "failure"]


def test_a_forged_token_writes_its_claims_as_claims_never_into_the_claimed_trail(api, aws):
    """A token that fails verification proves nothing: its `org` and `sub` were once
    written as the identity, into DEA's own trail, CRLF and all."""
    from chalicelib.storage.table import AuditItem

    forged = _signed(iss="https://evil.example", sub="agent\r\n2026-12-02 INFO login ok user=admin", org="DEA")
    headers = {"Authorization": f"Bearer {forged}", "User-Agent": "probe/1.0"}
    assert api.call("GET", "/v1/cases", None, headers=headers).status_code == 401

    [record] = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert (record.identity, record.subject, record.org) == ("unverified", "unverified", "UNVERIFIED")
    assert not record.pk.startswith("AUDIT#DEA#")
    assert record.claimed_org == "DEA"
    assert record.claimed_subject == "agent\\u000d\\u000a2026-12-02 INFO login ok user=admin"
    assert record.user_agent == "probe/1.0"
    assert record.request_id  # named even where the gateway names none
    for value in record.attribute_values.values():
        assert "\r" not in str(value) and "\n" not in str(value)


def test_a_verified_caller_refused_for_scope_is_recorded_as_verified(api, aws):
    from chalicelib.storage.table import AuditItem

    assert api.call("POST", "/v1/cases", "DEA", {"title": "x"}, scope="cases:read").status_code == 403
    [record] = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert (record.identity, record.org, record.claimed_org) == ("verified", "DEA", None)
    assert record.pk.startswith("AUDIT#DEA#")


def test_control_characters_in_a_signed_subject_are_refused_and_recorded_escaped_as_a_claim(api, aws):
    """Such a subject was once accepted, its record escaped; it is refused now (a person
    reads no control character), and what it claimed is kept, escaped, as a claim."""
    from chalicelib.storage.table import AuditItem

    case = api.call("POST", "/v1/cases", "DEA", {"title": "x"}, sub="agent\r\nforged line\x1b[2J")
    assert case.status_code == 401
    assert not [item for item in AuditItem.scan() if item.event == "case.open"]
    [record] = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert (record.identity, record.subject, record.org) == ("unverified", "unverified", "UNVERIFIED")
    assert record.claimed_subject == "agent\\u000d\\u000aforged line\\u001b[2J"
    assert all(ord(character) >= 32 for character in record.claimed_subject + record.reason)
