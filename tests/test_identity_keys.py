"""An issuer's keys fetched from its JWKS URI: cached, refetched for a rotated key at most once a
minute, kept while the endpoint is down, and only ever public RS256/ES256 keys."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec as ec_keys

from chalicelib.devtools.issuer import DevIssuer
from chalicelib.identity_keys import (
    MAX_KEY_SET_BYTES,
    FetchedKeys,
    KeySetRefused,
    fetch_key_set,
    jwks_uri_refusal,
    signing_keys,
)
from tests.conftest import serving

URI = "https://idp.dea.example.gov/.well-known/jwks.json"


class Clock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Provider:
    """An identity provider's JWKS endpoint: what it publishes now, or how it fails, and
    every fetch it was asked for."""

    def __init__(self, published: dict[str, Any]) -> None:
        self.published: object = published
        self.failure: Exception | None = None
        self.fetches: list[str] = []

    def __call__(self, uri: str) -> object:
        self.fetches.append(uri)
        if self.failure is not None:
            raise self.failure
        return self.published


@pytest.fixture
def clock() -> Clock:
    return Clock()


def kids(keys: list[Any]) -> list[str]:
    return [key.key_id for key in keys]


def cache(provider: Provider, clock: Clock, warnings: list[Any] | None = None) -> FetchedKeys:
    def warn(message: str, extra: dict[str, Any]) -> None:
        if warnings is not None:
            warnings.append((message, extra))

    return FetchedKeys(
        "https://idp.dea.example.gov",
        URI,
        lifetime=timedelta(minutes=10),
        refetch_interval=timedelta(seconds=60),
        warn_interval=timedelta(minutes=5),
        fetch=provider,
        clock=clock,
        warn=warn,
    )


def test_the_set_is_fetched_at_first_need_and_served_from_cache_for_its_lifetime(clock):
    first = DevIssuer.generate()
    provider = Provider(first.jwks())
    keys = cache(provider, clock)
    assert provider.fetches == []  # nothing at start: a cold start fetches nothing it does not need
    assert kids(keys.keys()) == [first.key_id]
    clock.advance(599)
    assert kids(keys.keys()) == [first.key_id]
    assert provider.fetches == [URI]
    clock.advance(1)
    keys.keys()
    assert provider.fetches == [URI, URI]


def test_a_rotated_key_is_fetched_once_for_its_unknown_kid_and_then_trusted(clock):
    old, new = DevIssuer.generate(), DevIssuer.generate()
    provider = Provider(old.jwks())
    keys = cache(provider, clock)
    keys.keys()
    provider.published = {"keys": old.jwks()["keys"] + new.jwks()["keys"]}
    clock.advance(60)
    assert keys.refetch() is True
    assert kids(keys.keys()) == [old.key_id, new.key_id]
    assert len(provider.fetches) == 2


def test_unknown_kids_refetch_at_most_once_a_minute_per_issuer(clock):
    provider = Provider(DevIssuer.generate().jwks())
    keys = cache(provider, clock)
    keys.keys()
    for _ in range(100):  # a forger's made-up key ids, a second apart
        keys.refetch()
        clock.advance(1)
    # The first fetch at 0 s, then at 60 s; at 100 s the next is 20 s away.
    assert len(provider.fetches) == 2
    assert keys.refetch() is False
    clock.advance(20)
    assert keys.refetch() is True
    assert len(provider.fetches) == 3


def test_while_the_endpoint_is_down_the_last_good_keys_are_kept_and_a_warning_logged_once(clock):
    issuer = DevIssuer.generate()
    provider = Provider(issuer.jwks())
    warnings: list[Any] = []
    keys = cache(provider, clock, warnings)
    keys.keys()
    provider.failure = TimeoutError("timed out")
    for _ in range(30):  # 30 minutes of requests, every 10 seconds
        clock.advance(10)
        assert kids(keys.keys()) == [issuer.key_id]
        keys.refetch()
    # Tried at most once a minute (a timeout costs the request that pays it), warned once per 5 minutes.
    assert len(provider.fetches) == 1 + 300 // 60
    assert len(warnings) == 1
    message, extra = warnings[0]
    assert "keeping the 1 keys fetched before" in message
    assert extra == {"issuer": "https://idp.dea.example.gov", "jwks_uri": URI, "error": "timed out"}
    clock.advance(300)
    keys.keys()
    assert len(warnings) == 2  # still down five minutes later: said again


def test_an_endpoint_that_comes_back_is_used_again_and_warns_anew_the_next_time(clock):
    old, new = DevIssuer.generate(), DevIssuer.generate()
    provider = Provider(old.jwks())
    warnings: list[Any] = []
    keys = cache(provider, clock, warnings)
    keys.keys()
    provider.failure = OSError("connection refused")
    clock.advance(600)
    keys.keys()
    provider.failure, provider.published = None, new.jwks()
    clock.advance(60)
    assert kids(keys.keys()) == [new.key_id]
    provider.failure = OSError("connection refused")
    clock.advance(600)
    assert kids(keys.keys()) == [new.key_id]
    assert len(warnings) == 2


def test_an_issuer_never_reached_has_no_keys_and_is_tried_again_after_a_minute(clock):
    provider = Provider({})
    provider.failure = OSError("no route to host")
    warnings: list[Any] = []
    keys = cache(provider, clock, warnings)
    assert keys.keys() == []
    assert keys.refetch() is False
    assert "no keys yet" in warnings[0][0]
    clock.advance(60)
    provider.failure, provider.published = None, DevIssuer.generate().jwks()
    assert len(keys.keys()) == 1


@pytest.mark.parametrize(
    ("published", "why"),
    [
        ("<html>We'll be right back</html>", "a JWKS"),
        ({"keys": []}, "a JWKS"),
        ({"keys": "none"}, "a JWKS"),
        ({"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "hmac"}]}, "symmetric"),
        ("private", "private key (it carries d, dp, dq, p, q, qi)"),
        ({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}, "RS256"),
    ],
)
def test_a_set_that_is_not_public_rs256_or_es256_keys_is_refused_and_the_good_one_kept(clock, published, why):
    issuer = DevIssuer.generate()
    provider = Provider(issuer.jwks())
    warnings: list[Any] = []
    keys = cache(provider, clock, warnings)
    keys.keys()
    if published == "private":  # the provider published its private key by mistake, beside the public one
        private = json.loads(jwt.get_algorithm_by_name("RS256").to_jwk(issuer.private_key))
        published = {"keys": [*issuer.jwks()["keys"], {**private, "kid": "leaked"}]}
    provider.published = published
    clock.advance(600)
    assert kids(keys.keys()) == [issuer.key_id]
    assert why in warnings[0][1]["error"]


def test_keys_of_other_algorithms_or_for_encryption_are_left_out_not_refused():
    rsa, ec = DevIssuer.generate(), DevIssuer.generate(algorithm="ES256")
    encryption = {**DevIssuer.generate().jwks()["keys"][0], "use": "enc", "alg": "RSA-OAEP", "kid": "enc"}
    p384_key = ec_keys.generate_private_key(ec_keys.SECP384R1()).public_key()
    p384 = {**json.loads(jwt.get_algorithm_by_name("ES384").to_jwk(p384_key)), "kid": "p384"}
    document = {"keys": [encryption, p384, *rsa.jwks()["keys"], *ec.jwks()["keys"]]}
    assert kids(signing_keys(document)) == [rsa.key_id, ec.key_id]
    with pytest.raises(KeySetRefused, match="no RS256 or ES256 signing key"):
        signing_keys({"keys": [encryption]})


@pytest.mark.parametrize(
    ("uri", "local", "refusal"),
    [
        ("https://idp.dea.example.gov/jwks.json", False, None),
        ("http://idp.dea.example.gov/jwks.json", False, "must be https"),
        ("http://idp.dea.example.gov/jwks.json", True, "must be https (http only to the laptop itself)"),
        ("http://127.0.0.1:8000/dev/issuers/agencies/jwks.json", True, None),
        ("http://localhost:8000/jwks.json", True, None),
        ("http://127.0.0.1:8000/dev/issuers/agencies/jwks.json", False, "only in the local stage"),
        ("https://[::1]/jwks.json", False, "only in the local stage"),
        ("https://user:pw@idp.dea.example.gov/jwks.json", False, "no credentials"),
        ("file:///etc/passwd", True, "must name its host"),
        ("https://idp.dea.example.gov:port/jwks.json", False, "not a web address"),
    ],
)
def test_a_jwks_uri_is_https_and_on_the_laptop_only_in_the_local_stage(uri, local, refusal):
    found = jwks_uri_refusal(uri, local=local)
    assert found == refusal if refusal is None else refusal in str(found)


def test_the_fetch_follows_no_redirect_and_reads_no_more_than_the_limit():
    with serving(status=302, location="https://attacker.example/jwks.json") as server:
        with pytest.raises(OSError, match="302"):
            fetch_key_set(f"http://127.0.0.1:{server.server_port}/jwks.json")
        assert len(server.requests) == 1
    huge = {"keys": [{"kty": "RSA", "n": "A" * MAX_KEY_SET_BYTES, "e": "AQAB"}]}
    with publishing(huge) as endpoint, pytest.raises(ValueError, match="larger than 65536 bytes"):
        fetch_key_set(endpoint.uri)
    with pytest.raises(ValueError, match="not a web address"):
        fetch_key_set("file:///etc/passwd")


@pytest.mark.parametrize(
    ("entry", "stage", "complaint"),
    [
        ({}, "dev", "exactly one"),
        ({"jwks": {"keys": []}, "jwks_uri": URI}, "dev", "exactly one"),
        ({"jwks_uri": "http://idp.dea.example.gov/jwks.json"}, "dev", "must be https"),
        ({"jwks_uri": "http://127.0.0.1:8000/dev/issuers/agencies/jwks.json"}, "prod", "only in the local stage"),
        ({"jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}, "dev", "symmetric key"),
    ],
)
def test_settings_refuse_an_issuer_without_exactly_one_fetchable_source_of_public_keys(entry, stage, complaint):
    from pydantic import ValidationError

    from chalicelib.settings import Settings

    issuers = json.dumps([{"issuer": "https://idp.dea.example.gov", **entry, "organisations": ["DEA"]}])
    with pytest.raises(ValidationError, match=re.escape(complaint)):
        Settings.from_env({"CASEBRIDGE_TRUSTED_ISSUERS": issuers, "CASEBRIDGE_STAGE": stage})


def test_settings_take_a_jwks_uri_its_cache_lifetime_and_refetch_interval():
    from chalicelib.settings import LOCAL_STAGE, Settings

    local = "http://127.0.0.1:8000/dev/issuers/agencies/jwks.json"
    issuers = [{"issuer": "https://agencies.casebridge.local", "jwks_uri": local, "organisations": ["DEA"]}]
    env = {
        "CASEBRIDGE_TRUSTED_ISSUERS": json.dumps(issuers),
        "CASEBRIDGE_STAGE": LOCAL_STAGE,
        "CASEBRIDGE_JWKS_CACHE_SECONDS": "300",
        "CASEBRIDGE_JWKS_REFETCH_SECONDS": "0",
    }
    loaded = Settings.from_env(env)
    assert [issuer.model_dump() for issuer in loaded.trusted_issuers] == issuers  # no `"jwks": null` beside it
    assert (loaded.jwks_cache_lifetime, loaded.jwks_refetch_interval) == (timedelta(minutes=5), timedelta(0))
    defaults = Settings.from_env({})
    assert (defaults.jwks_cache_lifetime, defaults.jwks_refetch_interval) == (
        timedelta(minutes=10),
        timedelta(seconds=60),
    )


# Through the API: a provider trusted by its JWKS URI, served by a real HTTP endpoint.

#: DEA's own identity provider, trusted by its JWKS URI.
DEA_ISSUER = "https://idp.dea.example.gov"


class _Publishing(http.server.BaseHTTPRequestHandler):
    """An identity provider's JWKS endpoint on this machine: answers `server.answer`
    (status, body) to every GET and notes the path asked for."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        status, body = self.server.answer  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def publishing(document: object) -> Iterator[Any]:
    """`_Publishing` on a free port of 127.0.0.1, publishing `document`; its address is `uri`."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Publishing)
    server.requests = []  # type: ignore[attr-defined]
    server.answer = (200, json.dumps(document).encode())  # type: ignore[attr-defined]
    server.uri = f"http://127.0.0.1:{server.server_port}/jwks.json"  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def trusting_by_uri(monkeypatch: pytest.MonkeyPatch, uri: str, clock: Clock) -> None:
    """The API verifies with DEA's provider trusted by `uri` (default lifetime and refetch
    interval) on `clock`, as `verifier()` builds it from the settings."""
    from chalicelib.api import routing
    from chalicelib.api.auth import TokenVerifier
    from chalicelib.domain.organisations import seed
    from chalicelib.identity_keys import TrustedKeys
    from chalicelib.settings import TrustedIssuer

    issuers = [TrustedIssuer(issuer=DEA_ISSUER, jwks_uri=uri, organisations=["DEA"])]
    keys = TrustedKeys.of(issuers, clock=clock)
    verifier = TokenVerifier(issuers, "casebridge", seed(), timedelta(seconds=30), timedelta(hours=12), keys)
    monkeypatch.setattr(routing, "verifier", lambda: verifier)


def read_cases(api: Any, token: str) -> Any:
    return api.call("GET", "/v1/cases", None, headers={"Authorization": f"Bearer {token}"})


def test_a_provider_trusted_by_its_jwks_uri_is_fetched_once_and_believed(api, monkeypatch, clock):
    provider = DevIssuer.generate(issuer=DEA_ISSUER)
    with publishing(provider.jwks()) as endpoint:
        trusting_by_uri(monkeypatch, endpoint.uri, clock)
        assert endpoint.requests == []  # nothing fetched before a token needs it
        for _ in range(3):
            assert read_cases(api, provider.token("DEA")).status_code == 200
        assert endpoint.requests == ["/jwks.json"]
        refused = read_cases(api, provider.token("HSI"))  # its keys, not its binding, came from the URI
        assert (refused.status_code, refused.data["reason"]) == (401, "issuer_not_bound")


def test_a_rotated_key_is_believed_without_a_restart_and_a_made_up_kid_reads_as_a_forgery(api, monkeypatch, clock):
    old = DevIssuer.generate(issuer=DEA_ISSUER)
    new = DevIssuer.generate(issuer=DEA_ISSUER)
    with publishing(old.jwks()) as endpoint:
        trusting_by_uri(monkeypatch, endpoint.uri, clock)
        assert read_cases(api, old.token("DEA")).status_code == 200
        endpoint.answer = (200, json.dumps({"keys": [new.public_jwk(), old.public_jwk()]}).encode())
        clock.advance(60)
        assert read_cases(api, new.token("DEA")).status_code == 200  # its unknown kid fetched the set again
        assert read_cases(api, old.token("DEA")).status_code == 200  # still published: still good
        assert len(endpoint.requests) == 2

        forger = DevIssuer(DEA_ISSUER, "made-up", "RS256", DevIssuer.generate().private_key)
        forged = read_cases(api, forger.token("DEA"))
        untrusted = read_cases(api, DevIssuer.generate(issuer="https://evil.example").token("DEA"))
        assert forged.status_code == 401 and forged.data["reason"] == "signature_not_verified"
        assert forged.body == untrusted.body  # a forger learns nothing about which kids exist
        for _ in range(20):  # made-up kids, as fast as a forger likes: no fetch within the minute
            read_cases(api, forger.token("DEA"))
        assert len(endpoint.requests) == 2
        clock.advance(60)
        assert read_cases(api, forger.token("DEA")).data["reason"] == "signature_not_verified"
        assert len(endpoint.requests) == 3


@pytest.mark.parametrize("outage", ["down", "500", "garbage", "a private key"])
def test_while_the_providers_endpoint_fails_the_api_keeps_verifying_with_the_last_good_keys(
    api, monkeypatch, clock, outage
):
    provider = DevIssuer.generate(issuer=DEA_ISSUER)
    with publishing(provider.jwks()) as endpoint:
        trusting_by_uri(monkeypatch, endpoint.uri, clock)
        assert read_cases(api, provider.token("DEA")).status_code == 200
        private = json.loads(jwt.get_algorithm_by_name("RS256").to_jwk(provider.private_key))
        endpoint.answer = {
            "down": (200, b""),
            "500": (500, b"upstream unavailable"),
            "garbage": (200, b"<html>maintenance</html>"),
            "a private key": (200, json.dumps({"keys": [{**private, "kid": provider.key_id}]}).encode()),
        }[outage]
        if outage == "down":
            endpoint.shutdown()
            endpoint.server_close()
        for _ in range(3):
            clock.advance(11 * 60)  # past the cache's lifetime, every time
            assert read_cases(api, provider.token("DEA")).status_code == 200
        assert len(endpoint.requests) == (1 if outage == "down" else 4)


def test_a_key_set_a_token_names_in_its_header_is_never_fetched(api, monkeypatch, clock):
    """`jku` and `x5u` name where to find the key that signed the token: the signer's word,
    so the attacker's. Only the URIs in the settings are fetched."""
    provider = DevIssuer.generate(issuer=DEA_ISSUER)
    attacker = DevIssuer(DEA_ISSUER, provider.key_id, "RS256", DevIssuer.generate().private_key)
    with publishing(provider.jwks()) as endpoint, publishing(attacker.jwks()) as attackers:
        trusting_by_uri(monkeypatch, endpoint.uri, clock)
        for signer, status in ((attacker, 401), (provider, 200)):
            for header in ("jku", "x5u"):
                token = jwt.encode(
                    jwt.decode(signer.token("DEA"), options={"verify_signature": False}),
                    signer.private_key,  # type: ignore[arg-type]
                    algorithm="RS256",
                    headers={"kid": signer.key_id, header: attackers.uri},
                )
                assert read_cases(api, token).status_code == status
        assert attackers.requests == []
        assert endpoint.requests == ["/jwks.json"]
