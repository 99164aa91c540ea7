"""Bearer tokens: every way a token can be wrong is a 401 (or 403 for scope), and audited."""

from __future__ import annotations

import base64
import json
import re
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from chalicelib.devtools.issuer import DevIssuer
from tests.conftest import BROKER, BROKERED, ES_ISSUER, ISSUER
from tests.test_round_trips import BODIES, build_hidden_world, fill


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


#: A key of the trusted issuer's algorithm that no issuer this API trusts holds.
FORGER = DevIssuer.generate(issuer="https://evil.example")


def _forged(**overrides):
    """Claims the trusted issuer would sign, signed with a key it does not hold, under its `kid`."""
    return jwt.encode(_claims(**overrides), FORGER.private_key, algorithm="RS256", headers={"kid": ISSUER.key_id})


#: Every way a token can be wrong → the `reason` of its 401.
BAD_TOKENS = {
    "expired": (lambda: _signed(exp=int(time.time()) - 3600, iat=int(time.time()) - 7200), "expired"),
    "not yet valid": (lambda: _signed(nbf=int(time.time()) + 3600), "not_yet_valid"),
    "issued in the future": (
        lambda: _signed(iat=int(time.time()) + 3600, exp=int(time.time()) + 3900),
        "not_yet_valid",
    ),
    "untrusted issuer": (lambda: FORGER.token("DEA"), "signature_not_verified"),
    "unknown key id": (
        lambda: jwt.encode(_claims(), ISSUER.private_key, algorithm="RS256", headers={"kid": "nope"}),
        "signature_not_verified",
    ),
    "bad signature": (_forged, "signature_not_verified"),
    "an issuer that is a list, and a made-up kid": (
        lambda: f"{_b64({'alg': 'RS256', 'kid': 'k'})}.{_b64(_claims(iss=['x']))}.{_b64({'not': 'a signature'})}",
        "signature_not_verified",
    ),
    "ES256 header on an RS256 key": (
        lambda: jwt.encode(_claims(), ES_ISSUER.private_key, algorithm="ES256", headers={"kid": ISSUER.key_id}),
        "signature_not_verified",
    ),
    "another trusted issuer's iss": (lambda: _signed(iss=ES_ISSUER.issuer), "wrong_issuer"),
    "no iss": (lambda: _signed(iss=None), "wrong_issuer"),
    "wrong audience": (lambda: _signed(aud="someone-else"), "wrong_audience"),
    "alg none": (lambda: f"{_b64({'alg': 'none', 'kid': ISSUER.key_id})}.{_b64(_claims())}.", "algorithm_not_allowed"),
    "HS256 signed with the public key": (_hs256_with_public_key, "algorithm_not_allowed"),
    "unknown org": (lambda: _signed(org="KGB"), "unknown_organisation"),
    "a provider bound to other organisations": (lambda: BROKER.token("DEA"), "issuer_not_bound"),
    "no org": (lambda: _signed(org=None), "unknown_organisation"),
    "no exp": (lambda: _signed(exp=None), "missing_claim"),
    "no sub": (lambda: _signed(sub=None), "missing_claim"),
    "iat not a number": (lambda: _signed(iat="yesterday"), "invalid_claim"),
    "sub not a string": (lambda: _signed(sub=1234), "invalid_claim"),
    "scope not a string": (lambda: _signed(scope=["cases:read"]), "invalid_claim"),
    "lives 100 years": (lambda: _signed(exp=int(time.time()) + 100 * 365 * 86400), "lifetime_too_long"),
    "lives a second longer than the stage allows": (
        lambda: _signed(exp=int(time.time()) + _longest() + 1),
        "lifetime_too_long",
    ),
    "sub with a trailing space": (lambda: _signed(sub="a@dea.gov "), "invalid_claim"),
    "sub with a leading tab": (lambda: _signed(sub="\ta@dea.gov"), "invalid_claim"),
    "sub with a zero-width joiner": (lambda: _signed(sub="a\u200d@dea.gov"), "invalid_claim"),
    "sub with a right-to-left override": (lambda: _signed(sub="a@\u202evog.aed"), "invalid_claim"),
    "sub with a NUL": (lambda: _signed(sub="a@dea.gov\x00"), "invalid_claim"),
    "empty sub": (lambda: _signed(sub=""), "invalid_claim"),
    "name with a bidi isolate": (lambda: _signed(name="SA \u2067Rivera\u2069"), "invalid_claim"),
    "email with a zero-width space": (lambda: _signed(email="a\u200b@dea.gov"), "invalid_claim"),
    "phone with a line separator": (lambda: _signed(phone="+12025550143\u2028"), "invalid_claim"),
    "name that is a Hangul filler": (lambda: _signed(name="\u3164"), "invalid_claim"),
    "not a JWT": (lambda: "not.a.jwt", "not_a_jwt"),
    "Basic credentials": (lambda: "Basic dXNlcjpwYXNz", "malformed_header"),
    "Bearer and nothing": (lambda: "Bearer ", "malformed_header"),
    "no Authorization header": (lambda: None, "missing_credentials"),
}


def _longest() -> int:
    from chalicelib.settings import settings

    return int(settings().max_token_lifetime.total_seconds())


def _refused(api, kind):
    """The answer to `GET /v1/cases` with the bad token `kind` (or its Authorization header)."""
    token = BAD_TOKENS[kind][0]()
    if token is None:
        headers = {}
    elif token.startswith(("Basic ", "Bearer")):
        headers = {"Authorization": token}
    else:
        headers = {"Authorization": f"Bearer {token}"}
    return api.call("GET", "/v1/cases", None, headers=headers)


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
def test_bad_token_is_401_and_audited(api, aws, kind):
    response = _refused(api, kind)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert "www-authenticate" in response.headers
    from chalicelib.storage.table import AuditItem

    denied = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert len(denied) == 1
    assert denied[0].outcome == "failure"


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
def test_a_refused_token_says_why_in_a_reason_code_its_detail_and_its_challenge(api, kind):
    from chalicelib.api.auth import DETAILS, Refusal

    response = _refused(api, kind)
    reason = Refusal(BAD_TOKENS[kind][1])
    assert response.data["reason"] == reason
    assert set(response.data) == {"type", "title", "status", "detail", "reason"}
    if reason not in (Refusal.MISSING_CLAIM, Refusal.INVALID_CLAIM):
        assert response.data["detail"] == DETAILS[reason]
    challenge = response.headers["www-authenticate"]
    if reason is Refusal.MISSING_CREDENTIALS:
        assert challenge == "Bearer"  # RFC 6750 3.1: no error code when no credentials were sent
    else:
        error = "invalid_request" if reason is Refusal.MALFORMED_HEADER else "invalid_token"
        description = response.data["detail"] if response.data["detail"].isascii() else None
        assert challenge.startswith(f'Bearer error="{error}", error_description="')
        assert description is None or challenge.endswith(f'error_description="{description}"')


def test_every_reason_is_specified_by_a_bad_token():
    from chalicelib.api.auth import Refusal

    assert {reason for _, reason in BAD_TOKENS.values()} == set(Refusal)


def test_every_401_body_matches_the_documented_problem(api):
    import jsonschema

    from chalicelib.api.openapi import document

    schemas = document()["components"]["schemas"]
    schema = {**schemas["Unauthorized"], "$defs": schemas}
    schema = json.loads(json.dumps(schema).replace("#/components/schemas/", "#/$defs/"))
    for kind in (
        "expired",
        "no Authorization header",
        "unknown org",
        "no exp",
        "a provider bound to other organisations",
    ):
        jsonschema.validate(_refused(api, kind).data, schema)


def test_an_untrusted_issuer_an_unknown_key_and_a_bad_signature_read_byte_for_byte_the_same(api):
    """A forger must not learn which issuers and key ids exist: the three answers are one."""
    answers = [_refused(api, kind) for kind in ("untrusted issuer", "unknown key id", "bad signature")]
    assert len({answer.body for answer in answers}) == 1
    assert len({answer.headers["www-authenticate"] for answer in answers}) == 1
    assert answers[0].data["reason"] == "signature_not_verified"
    assert "evil" not in answers[0].body.decode() and ISSUER.key_id not in answers[0].body.decode()


@pytest.mark.parametrize("kind", ["untrusted issuer", "unknown key id", "bad signature"])
def test_every_unverified_signature_costs_one_signature_check(api, monkeypatch, kind):
    """A made-up issuer or `kid` is checked against a trusted key all the same: the answer
    comes no sooner than a wrong signature's."""
    from chalicelib.api.auth import verifier

    checks = []
    original = verifier()._jws.decode_complete

    def counted(*args, **kwargs):
        checks.append(kwargs["key"])
        return original(*args, **kwargs)

    monkeypatch.setattr(verifier()._jws, "decode_complete", counted)
    assert _refused(api, kind).data["reason"] == "signature_not_verified"
    assert len(checks) == 1


def test_a_missing_claim_is_named(api):
    assert _refused(api, "no exp").data["detail"] == "the token has no 'exp' claim"
    assert _refused(api, "iat not a number").data["detail"].startswith("the 'iat' claim must be a number")
    assert _refused(api, "sub not a string").data["detail"] == "the 'sub' claim must be a string"


def test_an_unknown_organisation_is_not_echoed_back(api):
    """The bearer knows the code it sent; a reflected claim is only a place to inject text."""
    detail = _refused(api, "unknown org").data["detail"]
    assert "KGB" not in detail and "organisation" in detail


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


# Each identity provider speaks only for the organisations it is bound to -----------------------


def test_a_token_from_a_provider_bound_to_others_is_audited_as_unverified_with_its_claims_apart(api, aws):
    """A trusted provider's signature proves only that it signed: the organisation a token
    names is believed only from a provider bound to it, or any provider could be DEA."""
    from chalicelib.storage.table import AuditItem

    assert BROKER.issuer != ISSUER.issuer and "DEA" not in BROKERED
    headers = {"Authorization": f"Bearer {BROKER.token('DEA', sub='sa.rivera@dea.gov')}"}
    response = api.call("GET", "/v1/cases", None, headers=headers)
    assert (response.status_code, response.data["reason"]) == (401, "issuer_not_bound")
    assert response.data["detail"] == "this token's issuer may not speak for the organisation it names"

    [record] = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert (record.identity, record.subject, record.org) == ("unverified", "unverified", "UNVERIFIED")
    assert not record.pk.startswith("AUDIT#DEA#")
    assert (record.claimed_org, record.claimed_subject) == ("DEA", "sa.rivera@dea.gov")
    assert record.reason == f"{BROKER.issuer} is not bound to DEA"


@pytest.mark.parametrize("org", BROKERED)
def test_a_broker_speaks_for_each_organisation_it_is_bound_to(api, org):
    token = BROKER.token(org)
    assert api.call("GET", "/v1/cases", None, headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("org", ["HSI", "META"])
def test_a_broker_speaks_for_no_organisation_it_is_not_bound_to(api, org):
    token = BROKER.token(org)
    response = api.call("GET", "/v1/cases", None, headers={"Authorization": f"Bearer {token}"})
    assert (response.status_code, response.data["reason"]) == (401, "issuer_not_bound")


@pytest.mark.parametrize(
    ("organisations", "complaint"),
    [
        ([], "at least 1 item"),
        (["DEA", "DEA"], "each organisation is named once"),
        (None, "Field required"),
    ],
)
def test_settings_refuse_a_provider_bound_to_nobody_or_twice_to_one_organisation(organisations, complaint):
    from pydantic import ValidationError

    from chalicelib.settings import Settings

    entry = {"issuer": "https://idp.example.gov", "jwks": {"keys": []}, "organisations": organisations}
    entry = {name: value for name, value in entry.items() if value is not None}
    with pytest.raises(ValidationError, match=re.escape(complaint)) as refused:
        Settings.from_env({"CASEBRIDGE_TRUSTED_ISSUERS": json.dumps([entry])})
    assert "trusted_issuers.0.organisations" in str(refused.value)


def _misbound_calls() -> list[tuple[str, str, str, str]]:
    """(method, path, organisation, scope) of every operation of the API: as the organisation
    the operation serves (DEA, the world's owner; META, its platform), with every scope."""
    from chalicelib.api.openapi import document
    from chalicelib.domain.organisations import OrgRole

    document()  # declares every operation
    from chalicelib.api.routing import OPERATIONS

    every_scope = " ".join(sorted({scope for op in OPERATIONS for scopes in op.scopes.values() for scope in scopes}))
    return [(op.method, op.path, "DEA" if OrgRole.AGENCY in op.scopes else "META", every_scope) for op in OPERATIONS]


def _table() -> dict[tuple[str, str], dict]:
    """Every item of the table, by key."""
    import boto3

    from chalicelib.storage.table import Item

    pages = boto3.client("dynamodb").get_paginator("scan").paginate(TableName=Item.Meta.table_name)
    return {(item["pk"]["S"], item["sk"]["S"]): item for page in pages for item in page["Items"]}


@pytest.fixture
def hidden_world(api, pump):
    """`test_round_trips.py`'s world of DEA's, built for the test."""
    return build_hidden_world(api, pump)


def test_a_provider_bound_to_others_gets_401_on_every_operation_and_leaves_only_its_audit(api, hidden_world):
    """The probe that read DEA's cases and approved its emergency request with a second
    provider's tokens, on every operation of the API, with real ids of DEA's world: each is
    401 (never 2xx, 403 or 404), and the only trace is the unverified record of the refusal."""
    calls = _misbound_calls()
    assert len(calls) == len({(method, path) for method, path, *_ in calls}) > 50
    ids = dict(hidden_world)
    answered = {}
    before = _table()  # the table once before and once after: a scan per call took half a minute
    for method, path, org, scope in calls:
        named = {**ids, "request_id": ids["legal" if path.startswith("/v1/legal-requests") else "emergency"]}
        token = BROKER.token(org, scope=scope, sub=f"supervisor.{org.lower()}@example.gov")
        headers = {"Authorization": f"Bearer {token}", "If-Match": '"v1"', "Idempotency-Key": f"probe-{method}{path}"}
        response = api.call(method, fill(path, named), None, fill(BODIES.get((method, path)), named), headers)
        answered[(method, path)] = (response.status_code, (response.data or {}).get("reason"))
    after = _table()
    wrong = {call: seen for call, seen in answered.items() if seen != (401, "issuer_not_bound")}
    assert not wrong
    # The only trace: one unverified refusal per call, each with the organisation it claimed;
    # nothing that was there changed or went.
    new = [after[key] for key in after.keys() - before.keys()]
    assert sorted((r["event"]["S"], r["identity"]["S"], r["claimed_org"]["S"]) for r in new) == sorted(
        ("auth.denied", "unverified", org) for _, _, org, _ in calls
    )
    assert all(after.get(key) == item for key, item in before.items())
