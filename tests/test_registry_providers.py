"""Identity providers bound through the registry only: each speaks for the organisations whose
entries name it, names them by the claim its entry says, and is changed by two persons."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.devtools.issuer import DevIssuer
from chalicelib.domain.organisations import Binding, IdentityProvider
from chalicelib.identity_keys import TrustedKeys
from chalicelib.services.organisations import CachedDirectory
from tests.test_organisations import NEVADA as ONBOARDED_NEVADA

OPERATOR = "CASEBRIDGE"
SECOND = {"sub": "second.operator@casebridge.example"}
#: Nevada's own provider, which the stage's settings do not name: only the registry binds it.
NEVADA_IDP = DevIssuer.generate("https://idp.dps.nv.example.gov")
#: Nevada's CJIS broker: federates the state's agencies, names each by its NCIC ORI.
NEVADA_CJIS = DevIssuer.generate("https://cjis.nv.example.gov", algorithm="ES256")
#: Never bound to anyone.
STRANGER = DevIssuer.generate("https://idp.stranger.example")

#: Nevada as `tests/test_organisations.py` onboards it, with no provider of its own yet.
NEVADA = {name: value for name, value in ONBOARDED_NEVADA.items() if name != "identity_providers"}
WASHOE = {
    "code": "NVWASHOE",
    "name": "Washoe County Sheriff's Office",
    "kind": "local_agency",
    "ori": "NV0160000",
    "jurisdiction": {"state": "NV", "county": "Washoe"},
    "verification_line": "+17753283000",
}


def provider(issuer: DevIssuer, claim: str = "org") -> dict[str, object]:
    return {"issuer": issuer.issuer, "jwks": issuer.jwks(), "claim": claim}


def onboarded(api, body):
    assert api.call("POST", "/v1/organisations", OPERATOR, body).status_code == 201
    approved = api.call("POST", f"/v1/organisations/{body['code']}/approve", OPERATOR, **SECOND)
    assert approved.status_code == 200, approved.body
    return approved.data


def as_(issuer: DevIssuer, org: str, **claims: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {issuer.token(org, **claims)}"}


def test_a_provider_bound_only_in_the_registry_speaks_for_its_organisation_and_no_other(api, aws):
    from chalicelib.storage.table import AuditItem

    onboarded(api, {**NEVADA, "identity_providers": [provider(NEVADA_IDP)]})
    own = api.call("POST", "/v1/cases", None, {"title": "Carfentanil, Reno"}, headers=as_(NEVADA_IDP, "NVDPS"))
    assert own.status_code == 201 and own.data["owner"] == "NVDPS"

    refused = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "DEA", sub="sa.rivera@dea.gov"))
    assert (refused.status_code, refused.data["reason"]) == (401, "issuer_not_bound")
    [record] = [item for item in AuditItem.scan() if item.event == "auth.denied"]
    assert (record.identity, record.org) == ("unverified", "UNVERIFIED")
    assert (record.claimed_org, record.claimed_subject) == ("DEA", "sa.rivera@dea.gov")


def test_an_issuer_nobody_binds_reads_as_any_signature_that_did_not_verify(api, aws):
    onboarded(api, {**NEVADA, "identity_providers": [provider(NEVADA_IDP)]})
    stranger = api.call("GET", "/v1/cases", None, headers=as_(STRANGER, "NVDPS"))
    # The bound issuer with a key it never published: the same answer, word for word.
    impostor = DevIssuer.generate(NEVADA_IDP.issuer)
    wrong_key = api.call("GET", "/v1/cases", None, headers=as_(impostor, "NVDPS"))
    assert stranger.status_code == wrong_key.status_code == 401
    assert stranger.data == wrong_key.data
    assert stranger.data["reason"] == "signature_not_verified"


def test_a_cjis_broker_bound_to_two_agencies_names_each_by_its_ori(api, aws):
    broker = provider(NEVADA_CJIS, claim="ori")
    onboarded(api, {**NEVADA, "identity_providers": [broker]})
    onboarded(api, {**WASHOE, "identity_providers": [broker]})

    for code, ori in (("NVDPS", "NVNHP0000"), ("NVWASHOE", "NV0160000")):
        # The `org` claim is not what this provider's tokens are read by: the ORI is.
        opened = api.call("POST", "/v1/cases", None, {"title": "Pills"}, headers=as_(NEVADA_CJIS, "DEA", ori=ori))
        assert opened.status_code == 201 and opened.data["owner"] == code

    dea_ori = api.call("GET", "/v1/organisations/DEA", OPERATOR).data["ori"]
    refused = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_CJIS, "DEA", ori=dea_ori))
    assert (refused.status_code, refused.data["reason"]) == (401, "issuer_not_bound")
    no_ori = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_CJIS, "NVDPS"))
    assert (no_ori.status_code, no_ori.data["reason"]) == (401, "missing_claim")


def test_an_ori_names_one_organisation_of_the_registry(api, aws):
    onboarded(api, NEVADA)
    taken = api.call(
        "POST", "/v1/organisations", OPERATOR, {**WASHOE, "ori": "NVNHP0000", "jurisdiction": WASHOE["jurisdiction"]}
    )
    assert taken.status_code == 409 and "NVNHP0000 is NVDPS's already" in taken.data["detail"]


def test_identity_providers_change_with_two_persons_and_a_removed_one_is_refused_at_once(api, aws):
    onboarded(api, NEVADA)
    path, body = "/v1/organisations/NVDPS/identity-providers", {"identity_providers": [provider(NEVADA_IDP)]}
    asked = api.call("POST", path, OPERATOR, body)
    assert asked.status_code == 200 and asked.data["identity_providers"] == []
    assert asked.data["pending"]["action"] == "identity_providers"
    assert [each["issuer"] for each in asked.data["pending"]["identity_providers"]] == [NEVADA_IDP.issuer]
    assert api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS")).status_code == 401  # asked, not made
    assert api.call("POST", path, OPERATOR, body).status_code == 403  # the same person
    made = api.call("POST", path, OPERATOR, body, **SECOND)
    assert made.status_code == 200 and made.data["pending"] is None
    assert made.data["identity_providers"] == [
        {"issuer": NEVADA_IDP.issuer, "jwks_uri": None, "claim": "org", "mfa": None}
    ]
    assert api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS")).status_code == 200

    removal = {"identity_providers": [], "reason": "the provider is retired"}
    assert api.call("POST", path, OPERATOR, removal, **SECOND).status_code == 200
    assert api.call("POST", path, OPERATOR, removal).status_code == 200
    gone = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS"))
    assert (gone.status_code, gone.data["reason"]) == (401, "signature_not_verified")


def test_a_provider_removed_by_another_function_is_refused_within_the_registrys_minute(api, aws, monkeypatch):
    from chalicelib.wiring import organisation_directory

    onboarded(api, {**NEVADA, "identity_providers": [provider(NEVADA_IDP)]})
    assert api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS")).status_code == 200
    directory = organisation_directory()
    # Another function removes it: this one's cache is not told.
    monkeypatch.setattr(directory, "forget", lambda code: None)
    path, removal = "/v1/organisations/NVDPS/identity-providers", {"identity_providers": []}
    assert api.call("POST", path, OPERATOR, removal).status_code == 200
    assert api.call("POST", path, OPERATOR, removal, **SECOND).status_code == 200

    assert api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS")).status_code == 200  # still warm
    directory.clock = lambda: 61.0
    refused = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS"))
    assert (refused.status_code, refused.data["reason"]) == (401, "signature_not_verified")


def test_a_proposal_with_keys_this_api_cannot_verify_with_is_a_400(api, aws):
    private = {**NEVADA_IDP.public_jwk(), "d": "c2VjcmV0"}
    bad = {**NEVADA, "identity_providers": [{"issuer": NEVADA_IDP.issuer, "jwks": {"keys": [private]}}]}
    refused = api.call("POST", "/v1/organisations", OPERATOR, bad)
    assert refused.status_code == 400 and "private key" in refused.data["detail"]


def test_an_issuers_organisations_are_read_once_a_minute():
    reads: list[str] = []
    binding = Binding("NVDPS", "NVNHP0000", IdentityProvider(NEVADA_IDP.issuer, jwks=NEVADA_IDP.jwks()))

    def bound_to(issuer: str) -> tuple[Binding, ...]:
        reads.append(issuer)
        return (binding,) if issuer == NEVADA_IDP.issuer else ()

    now = [0.0]
    directory = CachedDirectory(lambda code: None, timedelta(seconds=60), lambda: now[0], bound_to=bound_to)
    for _ in range(3):
        assert directory.bound_to(NEVADA_IDP.issuer) == (binding,)
        assert directory.bound_to(STRANGER.issuer) == ()
    assert reads == [NEVADA_IDP.issuer, STRANGER.issuer]
    now[0] = 60.0
    directory.bound_to(NEVADA_IDP.issuer)
    assert reads[-1] == NEVADA_IDP.issuer and len(reads) == 3


def test_a_registry_providers_jwks_uri_is_fetched_into_the_one_key_cache():
    fetched: list[str] = []

    def fetch(uri: str) -> object:
        fetched.append(uri)
        return NEVADA_IDP.jwks()

    keys = TrustedKeys.of([], fetch=fetch, clock=lambda: 0.0)
    uri = "https://idp.dps.nv.example.gov/jwks.json"
    first = keys.provider(NEVADA_IDP.issuer, uri, None)
    assert keys.provider(NEVADA_IDP.issuer, uri, None) is first
    verifying = first.keys()
    assert [key.key_id for key in verifying] == [NEVADA_IDP.key_id]
    assert first.keys() == verifying  # from the cache
    assert fetched == [uri]


def test_a_provider_naming_organisations_by_ori_is_only_for_one_with_an_ori(api, aws):
    platform = {
        "code": "KICK",
        "name": "Kick",
        "kind": "platform",
        "services": [{"code": "KICK", "kind": "video_sharing"}],
    }
    refused = api.call(
        "POST", "/v1/organisations", OPERATOR, {**platform, "identity_providers": [provider(NEVADA_IDP, "ori")]}
    )
    assert refused.status_code == 400 and "by ORI, and it has none" in refused.data["detail"]


def test_a_confirmed_change_of_providers_is_an_event_to_the_operator_and_the_organisation(api, aws, pump, later):
    onboarded(api, NEVADA)
    path, body = "/v1/organisations/NVDPS/identity-providers", {"identity_providers": [provider(NEVADA_IDP)]}
    assert api.call("POST", path, OPERATOR, body).status_code == 200
    assert api.call("POST", path, OPERATOR, body, **SECOND).status_code == 200
    pump.drain()
    later()
    # The operator's copy goes to its deliveries (the operator has no feed route); NVDPS reads
    # its feed with a token of the provider just bound.
    page = api.call("GET", "/v1/events?limit=100", None, headers=as_(NEVADA_IDP, "NVDPS"))
    assert page.status_code == 200, page.body
    changed = [item for item in page.data["items"] if item["detail_type"] == "Organisation Identity Providers Changed"]
    assert len(changed) == 1  # the first person's proposal is no event


def test_a_registry_providers_token_costs_no_round_trip_once_warm(api, aws, dynamo_calls):
    onboarded(api, {**NEVADA, "identity_providers": [provider(NEVADA_IDP)]})
    headers = as_(NEVADA_IDP, "NVDPS")
    dynamo_calls.reset()
    assert api.call("GET", "/v1/cases", None, headers=headers).status_code == 200
    cold = list(dynamo_calls.operations)
    dynamo_calls.reset()
    assert api.call("GET", "/v1/cases", None, headers=headers).status_code == 200
    warm = list(dynamo_calls.operations)
    dynamo_calls.reset()
    assert api.call("GET", "/v1/cases", "DEA").status_code == 200  # a stage-trusted issuer's
    assert warm == dynamo_calls.operations
    assert cold.count("Query") == warm.count("Query") + 1  # the issuer's partition, once a minute


def test_a_registry_provider_publishing_at_a_jwks_uri_rotates_its_keys_without_a_change(api, aws, monkeypatch):
    from chalicelib.api.auth import verifier
    from chalicelib.settings import settings

    published = {"keys": [NEVADA_IDP.public_jwk()]}
    fetched: list[str] = []

    def fetch(uri: str) -> object:
        fetched.append(uri)
        return published

    # The API's one key cache, with its fetches answered here instead of over the network.
    now = [0.0]
    keys = TrustedKeys.of(settings().trusted_issuers, fetch=fetch, clock=lambda: now[0])
    monkeypatch.setattr(verifier(), "_keys", keys)
    uri = "https://idp.dps.nv.example.gov/.well-known/jwks.json"
    entry = {"issuer": NEVADA_IDP.issuer, "jwks_uri": uri}
    onboarded(api, {**NEVADA, "identity_providers": [entry]})
    assert api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS")).status_code == 200
    assert api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS")).status_code == 200
    assert fetched == [uri]  # cached

    rotated = DevIssuer.generate(NEVADA_IDP.issuer)
    published["keys"].append(rotated.public_jwk())
    refused = api.call("GET", "/v1/cases", None, headers=as_(rotated, "NVDPS"))
    assert refused.status_code == 401 and fetched == [uri]  # a new `kid` fetches at most once a minute
    now[0] = 61.0
    assert api.call("GET", "/v1/cases", None, headers=as_(rotated, "NVDPS")).status_code == 200
    assert fetched == [uri, uri]


def test_a_provider_may_name_the_organisation_in_another_claim_and_an_unknown_code_is_unknown(api, aws):
    onboarded(api, {**NEVADA, "identity_providers": [provider(NEVADA_IDP, claim="agency_code")]})
    named = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "DEA", agency_code="NVDPS"))
    assert named.status_code == 200  # its `org` says DEA: not the claim this provider is read by
    other = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NVDPS", agency_code="DEA"))
    assert (other.status_code, other.data["reason"]) == (401, "issuer_not_bound")

    onboarded(api, {**WASHOE, "identity_providers": [provider(NEVADA_IDP)]})
    unknown = api.call("GET", "/v1/cases", None, headers=as_(NEVADA_IDP, "NOSUCHORG"))
    assert (unknown.status_code, unknown.data["reason"]) == (401, "unknown_organisation")


def test_a_change_of_providers_breaking_a_registry_rule_is_a_400(api, aws):
    path = "/v1/organisations/META/identity-providers"
    refused = api.call("POST", path, OPERATOR, {"identity_providers": [provider(NEVADA_IDP, "ori")]})
    assert refused.status_code == 400 and "by ORI, and it has none" in refused.data["detail"]
    twice = {"identity_providers": [provider(NEVADA_IDP), provider(NEVADA_IDP)]}
    assert api.call("POST", path, OPERATOR, twice).status_code == 400
