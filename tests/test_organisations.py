"""Onboarding through the API, two persons of the operator at each step, and the directory."""

from __future__ import annotations

import pytest

from tests.conftest import ISSUER

OPERATOR = "CASEBRIDGE"
#: The operator's second person: another subject of the same identity provider.
SECOND = {"sub": "second.operator@casebridge.example"}
NEVADA = {
    "code": "NVDPS",
    "name": "Nevada Department of Public Safety",
    "kind": "state_agency",
    "ori": "NVNHP0000",
    "jurisdiction": {"state": "NV"},
    "verification_line": "+17756874300",
    # Its officers' tokens come from this provider (the suite's own, for the test).
    "identity_providers": [{"issuer": ISSUER.issuer, "jwks": ISSUER.jwks()}],
}


def registry_step(api, code, action, body=None, etag=None, **claims):
    """`POST /v1/organisations/{code}/{action}` as a person of the operator takes it: on the
    version of the entry they read (its ETag, in If-Match), or on `etag`."""
    if etag is None:
        etag = api.call("GET", f"/v1/organisations/{code}", OPERATOR).headers["etag"]
    path = f"/v1/organisations/{code}/{action}"
    return api.call("POST", path, OPERATOR, body if body is not None else {}, {"If-Match": etag}, **claims)


def onboarded(api, body=NEVADA):
    proposed = api.call("POST", "/v1/organisations", OPERATOR, body)
    assert proposed.status_code == 201, proposed.body
    approved = api.call("POST", f"/v1/organisations/{body['code']}/approve", OPERATOR, **SECOND)
    assert approved.status_code == 200, approved.body
    return approved.data


def test_a_state_agency_onboarded_through_the_api_opens_a_case_and_takes_a_dea_referral(api):
    proposed = api.call("POST", "/v1/organisations", OPERATOR, NEVADA)
    assert proposed.status_code == 201, proposed.body
    assert (proposed.data["status"], proposed.headers["location"]) == ("proposed", "/v1/organisations/NVDPS")
    refused = api.call("GET", "/v1/cases", "NVDPS")
    assert refused.status_code == 403 and "NVDPS is proposed" in refused.data["detail"]
    approved = api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, **SECOND)
    assert approved.status_code == 200 and approved.data["status"] == "active"

    assert api.open_case("NVDPS", title="Carfentanil pills, Reno")["owner"] == "NVDPS"
    case = api.open_case("DEA")
    referral = api.refer(case["case_id"], "NVDPS")
    accepted = api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "NVDPS")
    assert accepted.status_code == 200, accepted.body
    read = api.call("GET", f"/v1/cases/{case['case_id']}", "NVDPS")
    assert read.status_code == 200 and read.data["title"] == case["title"]


def test_the_proposer_may_not_approve_however_the_subject_is_spelled(api):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    for spelling in (
        "agent.casebridge@example.gov",
        "AGENT.Casebridge@Example.gov",
        "\u0430gent.casebridge@example.gov",
    ):
        refused = api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, sub=spelling)
        assert refused.status_code == 403, spelling
        assert refused.headers["content-type"] == "application/problem+json"
        assert "a second person of the operator" in refused.data["detail"]
    assert api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, **SECOND).status_code == 200


def test_the_second_person_finds_what_waits_for_them_and_nothing_decided(api):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    assert registry_step(api, "USPIS", "suspend", {"reason": "audit"}).status_code == 200
    assert registry_step(api, "ATF", "suspend", {}).status_code == 200
    assert registry_step(api, "ATF", "suspend", {}, **SECOND).status_code == 200

    pending = api.call("GET", "/v1/registry/pending", OPERATOR, **SECOND)
    assert pending.status_code == 200, pending.body
    waiting = [(item["code"], item["status"], (item["pending"] or {}).get("action")) for item in pending.data["items"]]
    assert waiting == [("NVDPS", "proposed", None), ("USPIS", "active", "suspend")]  # ATF is decided
    assert pending.data["items"][1]["pending"]["reason"] == "audit"

    assert api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, **SECOND).status_code == 200
    after = api.call("GET", "/v1/registry/pending", OPERATOR)
    assert [item["code"] for item in after.data["items"]] == ["USPIS"]


def test_the_operator_reads_a_proposal_before_approving_it_and_nobody_an_absent_one(api):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    read = api.call("GET", "/v1/organisations/NVDPS", OPERATOR, **SECOND)
    assert read.status_code == 200
    assert (read.data["status"], read.data["ori"], read.data["jurisdiction"]["state"]) == (
        "proposed",
        "NVNHP0000",
        "NV",
    )
    assert read.data["identity_providers"] == [{"issuer": ISSUER.issuer, "jwks_uri": None, "claim": "org", "mfa": None}]
    assert api.call("GET", "/v1/organisations/NVWASHOE", OPERATOR).status_code == 404


def test_an_organisation_is_proposed_once(api):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    again = api.call("POST", "/v1/organisations", OPERATOR, NEVADA)
    assert again.status_code == 409 and "already" in again.data["detail"]
    taken = api.call("POST", "/v1/organisations", OPERATOR, {**NEVADA, "code": "DEA"})
    assert taken.status_code == 409


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"ori": None}, "NCIC ORI"),
        ({"jurisdiction": {"state": "CA"}}, "is not of its state CA"),
        ({"kind": "platform"}, "only an agency has an ORI"),
        ({"identity_providers": [{"issuer": "https://idp.nv.gov"}]}, "one of the two"),
    ],
)
def test_a_proposal_breaking_a_registry_rule_is_a_400_naming_it(api, change, complaint):
    refused = api.call("POST", "/v1/organisations", OPERATOR, {**NEVADA, **change})
    assert refused.status_code == 400 and complaint in refused.data["detail"]


def test_a_suspension_takes_two_persons_and_then_the_organisations_tokens_are_refused(api):
    first = registry_step(api, "HSI", "suspend", {"reason": "compromised identity provider"})
    assert first.status_code == 200 and first.data["status"] == "active"
    assert first.data["pending"]["action"] == "suspend"
    assert api.call("GET", "/v1/cases", "HSI").status_code == 200  # asked for, not made
    assert registry_step(api, "HSI", "suspend", {}).status_code == 403  # the same person
    made = registry_step(api, "HSI", "suspend", {}, **SECOND)
    assert made.status_code == 200 and made.data["status"] == "suspended" and made.data["pending"] is None
    refused = api.call("GET", "/v1/cases", "HSI")
    assert refused.status_code == 403 and "HSI is suspended in the registry" in refused.data["detail"]
    case = api.open_case("DEA")
    not_referred = api.call("POST", f"/v1/cases/{case['case_id']}/referrals", "DEA", {"to_org": "HSI", "reason": "r"})
    assert not_referred.status_code == 409 and "suspended" in not_referred.data["detail"]

    assert registry_step(api, "HSI", "reinstate", {}, **SECOND).status_code == 200
    assert api.call("GET", "/v1/cases", "HSI").status_code == 403  # one person asked
    back = registry_step(api, "HSI", "reinstate", {})
    assert back.status_code == 200 and back.data["status"] == "active"
    assert api.call("GET", "/v1/cases", "HSI").status_code == 200


def test_the_operator_is_never_suspended_through_the_api(api):
    refused = registry_step(api, f"{OPERATOR}", "suspend", {})
    assert refused.status_code == 409


@pytest.mark.parametrize("org", ["DEA", "META"])
def test_only_the_operator_keeps_the_registry_whatever_scope_a_token_claims(api, org):
    refused = api.call("POST", "/v1/organisations", org, NEVADA, scope="registry:admin")
    assert refused.status_code == 403
    assert api.call("POST", "/v1/organisations/ATF/suspend", org, {}, scope="registry:admin").status_code == 403


def test_the_operator_needs_its_scope(api):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA, scope="cases:read").status_code == 403


def test_the_directory_lists_active_organisations_by_kind_and_state_in_pages(api):
    onboarded(api)
    assert (
        api.call("POST", "/v1/organisations", OPERATOR, {**NEVADA, "code": "NVWASHOE", "ori": "NV0160000"}).status_code
        == 201
    )
    in_nevada = api.call("GET", "/v1/organisations?state=NV", "META")
    assert in_nevada.status_code == 200
    assert in_nevada.data["items"] == [
        {
            "code": "NVDPS",
            "name": "Nevada Department of Public Safety",
            "kind": "state_agency",
            "jurisdiction": {"state": "NV", "county": None, "tribe": None},
            "takes_referrals": True,
        }
    ]  # the proposed sheriff is not in the directory
    first = api.call("GET", "/v1/organisations?kind=platform&limit=2", "NVDPS")
    assert [org["code"] for org in first.data["items"]] == ["META", "TIKTOK"]
    assert all(org["takes_referrals"] is None for org in first.data["items"])
    rest = api.call("GET", f"/v1/organisations?kind=platform&limit=2&cursor={first.data['next_cursor']}", "NVDPS")
    assert [org["code"] for org in rest.data["items"]] == ["X", "YOUTUBE"]
    other_filter = api.call("GET", f"/v1/organisations?kind=state_agency&cursor={first.data['next_cursor']}", "NVDPS")
    assert other_filter.status_code == 400
    assert api.call("GET", "/v1/organisations?kind=sheriff", "DEA").status_code == 400
    assert api.call("GET", "/v1/organisations?state=ZZ", "DEA").status_code == 400


def test_each_step_is_an_event_to_the_operator_and_the_organisation_in_their_feeds(api, own_queues, pump, later):
    import jsonschema

    from tests.test_events import schema_for

    onboarded(api)
    for action, persons in (("suspend", ({}, SECOND)), ("reinstate", (SECOND, {}))):
        for person in persons:
            assert registry_step(api, "NVDPS", action, {}, **person).status_code == 200
    pump.drain()
    received = own_queues.received(OPERATOR)  # in the operator's own account, through the delivery function
    steps = ["Organisation Proposed", "Organisation Onboarded", "Organisation Suspended", "Organisation Reinstated"]
    assert sorted(event["detail-type"] for event in received) == sorted(steps)  # the first persons' asks are none
    for event in received:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
        assert event["detail"]["recipients"] == [OPERATOR, "NVDPS"]
        assert event["detail"]["organisations"] == {"operator": OPERATOR, "organisation": "NVDPS"}
    later()  # past the feed's settle window
    for reader in ("NVDPS", OPERATOR):  # the operator reads its feed too, with its registry scope
        feed = api.call("GET", "/v1/events", reader)
        assert feed.status_code == 200
        assert [event["detail_type"] for event in feed.data["items"]] == steps, reader
    assert api.call("GET", "/v1/events", OPERATOR, scope="cases:read").status_code == 403


def test_every_step_and_every_refusal_is_in_the_operators_audit_trail(api):
    from chalicelib.storage.table import AuditItem

    version = onboarded(api)["version"]  # as read, so that no read is in the trail
    assert registry_step(api, "NVDPS", "suspend", {}, etag=f'"v{version}"').status_code == 200
    assert registry_step(api, "NVDPS", "suspend", {}, etag=f'"v{version + 1}"').status_code == 403  # the same person
    trail = sorted(
        (item.at, item.event, item.outcome, item.subject)
        for item in AuditItem.scan()
        if item.org == OPERATOR and item.event.startswith("organisation.")
    )
    assert [(event, outcome, subject) for _, event, outcome, subject in trail] == [
        ("organisation.propose", "success", "agent.casebridge@example.gov"),
        ("organisation.approve", "success", SECOND["sub"]),
        ("organisation.suspend", "success", "agent.casebridge@example.gov"),
        ("organisation.suspend", "failure", "agent.casebridge@example.gov"),
    ]
    assert all(item.resource_id == "NVDPS" for item in AuditItem.scan() if item.event.startswith("organisation."))


def test_each_step_is_one_conditional_write_and_the_directory_one_query(api, dynamo_calls):
    dynamo_calls.reset()
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    assert dynamo_calls.operations == ["TransactWriteItems"]  # the entry and its audit record
    dynamo_calls.reset()
    assert api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, **SECOND).status_code == 200
    assert dynamo_calls.operations == ["GetItem", "TransactWriteItems"]  # read to decide, then write if unchanged
    dynamo_calls.reset()
    assert api.call("GET", "/v1/organisations?state=NV", "DEA").status_code == 200
    assert dynamo_calls.operations == ["Query", "PutItem"]  # the page, and its audit record


def test_a_confirmation_of_a_request_refused_since_it_was_read_is_412_and_asks_nothing(api):
    """The second person read HSI with a suspension pending; the person who asked withdrew it
    meanwhile. Their confirmation, of what they read, neither suspends HSI nor asks anew."""
    assert registry_step(api, "HSI", "suspend", {"reason": "compromised provider"}).status_code == 200
    read = api.call("GET", "/v1/organisations/HSI", OPERATOR)
    assert read.data["pending"]["action"] == "suspend"
    withdrawn = registry_step(api, "HSI", "refuse", {"reason": "It was a test token"})
    assert withdrawn.status_code == 200, withdrawn.body

    confirmed = registry_step(api, "HSI", "suspend", {}, etag=read.headers["etag"], **SECOND)
    assert confirmed.status_code == 412, confirmed.body
    assert confirmed.headers["content-type"] == "application/problem+json"
    entry = api.call("GET", "/v1/organisations/HSI", OPERATOR).data
    assert (entry["status"], entry["pending"]) == ("active", None)


@pytest.mark.parametrize("action", ["suspend", "reinstate"])
def test_a_suspension_or_reinstatement_without_if_match_is_428_and_changes_nothing(api, action):
    before = api.call("GET", "/v1/organisations/HSI", OPERATOR).data
    answered = api.call("POST", f"/v1/organisations/HSI/{action}", OPERATOR, {"reason": "why"})
    assert answered.status_code == 428 and answered.headers["content-type"] == "application/problem+json"
    assert api.call("GET", "/v1/organisations/HSI", OPERATOR).data == before
