"""Refusing what waits for a second person of the operator: a proposal (its entry removed, its
code and ORI free again) or a pending change (dropped). One person's act, audited; a refused
proposal is an event to the operator alone."""

from __future__ import annotations

import pytest

from tests.conftest import ISSUER
from tests.test_organisations import NEVADA, OPERATOR, SECOND, onboarded, registry_step

WRONG = "Proposed under the wrong ORI; to be proposed again"


def refuse(api, code, person=None, reason=WRONG, etag=None):
    """As a person of the operator refuses: on the version of the entry they read (its ETag,
    in If-Match), or on `etag`."""
    if etag is None:
        etag = api.call("GET", f"/v1/organisations/{code}", OPERATOR).headers.get("etag", '"v1"')
    body = {"reason": reason}
    return api.call("POST", f"/v1/organisations/{code}/refuse", OPERATOR, body, {"If-Match": etag}, **(person or {}))


def test_a_refused_proposal_is_gone_its_ori_free_and_its_code_never_proposed_again(api):
    """Its ORI may be proposed again, under another code. Its code may not: otherwise one person
    could refuse what a second person is reviewing and propose something else under the same
    code, for the second person to approve unawares (the review found it)."""
    from chalicelib.wiring import organisations

    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    assert [binding.code for binding in organisations().bound_to(ISSUER.issuer)] == ["NVDPS"]

    refused = refuse(api, "NVDPS", SECOND)
    assert refused.status_code == 200, refused.body
    assert {name: refused.data[name] for name in ("code", "refused", "reason")} == {
        "code": "NVDPS",
        "refused": "onboarding",
        "reason": WRONG,
    }
    assert refused.data["refused_at"].endswith("Z")

    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).status_code == 404
    assert api.call("GET", "/v1/registry/pending", OPERATOR).data["items"] == []
    assert organisations().ori_holder("NVNHP0000") is None  # its ORI and its bindings went with it
    assert organisations().bound_to(ISSUER.issuer) == ()
    assert api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, **SECOND).status_code == 404

    again = api.call("POST", "/v1/organisations", OPERATOR, NEVADA)  # the same code, the same ORI
    assert again.status_code == 409, again.body
    assert "a proposal of NVDPS was refused on" in again.data["detail"]
    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).status_code == 404  # nothing half-written
    assert organisations().ori_holder("NVNHP0000") is None
    renamed = api.call("POST", "/v1/organisations", OPERATOR, {**NEVADA, "code": "NVDPS2"})  # the same ORI
    assert renamed.status_code == 201, renamed.body
    assert (renamed.data["status"], renamed.data["version"]) == ("proposed", 1)


def test_a_stale_approval_of_a_refused_proposal_finds_nothing_to_approve(aws):
    """A second person's approval decided on the proposal before it was refused is refused
    itself: the entry it would replace is gone, and nothing can take its place."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from chalicelib.domain.audit import AuditRecord, Outcome
    from chalicelib.domain.organisations import ONBOARDING, Refusal, approve, from_document, propose
    from chalicelib.storage.contracts import ConditionFailed
    from chalicelib.wiring import organisations

    registry = organisations()
    proposed = propose(from_document({**NEVADA, "identity_providers": []}), (ISSUER.issuer, "first"))
    at = datetime.now(UTC)
    record = AuditRecord("aud_1", at, "test", "organisation.propose", "first", OPERATOR, Outcome.SUCCESS)
    registry.propose(proposed, record)
    refusal = Refusal("NVDPS", ONBOARDING, WRONG, at)
    registry.remove(proposed, refusal, "first", replace(record, audit_id="aud_2"))
    with pytest.raises(ConditionFailed):
        registry.change(proposed, approve(proposed, (ISSUER.issuer, "second")), replace(record, audit_id="aud_3"))
    with pytest.raises(ConditionFailed):
        registry.propose(proposed, replace(record, audit_id="aud_4"))
    assert registry.read_organisation("NVDPS") is None and registry.ori_holder("NVNHP0000") is None
    assert registry.refused_at("NVDPS") == at


def test_the_proposer_withdraws_their_own_proposal(api):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    withdrawn = refuse(api, "NVDPS", reason="Proposed too early: their identity provider is not ready")
    assert withdrawn.status_code == 200 and withdrawn.data["refused"] == "onboarding"
    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).status_code == 404


def test_refusing_a_pending_suspension_leaves_the_organisation_active_with_nothing_pending(api):
    asked = registry_step(api, "HSI", "suspend", {"reason": "compromised provider"})
    assert asked.status_code == 200 and asked.data["pending"]["action"] == "suspend"

    refused = refuse(api, "HSI", SECOND, reason="The provider was not compromised: a test token leaked")
    assert refused.status_code == 200, refused.body
    assert (refused.data["code"], refused.data["refused"]) == ("HSI", "suspend")
    entry = api.call("GET", "/v1/organisations/HSI", OPERATOR).data
    assert (entry["status"], entry["pending"], entry["version"]) == ("active", None, asked.data["version"] + 1)
    assert api.call("GET", "/v1/registry/pending", OPERATOR).data["items"] == []
    assert api.call("GET", "/v1/cases", "HSI").status_code == 200

    # A second person's suspension now only asks again: the refused request is gone.
    again = registry_step(api, "HSI", "suspend", {}, **SECOND)
    assert again.status_code == 200 and again.data["status"] == "active"
    assert again.data["pending"]["action"] == "suspend"


def test_refusing_pending_identity_providers_keeps_the_ones_it_has(api):
    from chalicelib.wiring import organisations

    onboarded(api)
    path = "/v1/organisations/NVDPS/identity-providers"
    asked = api.call("POST", path, OPERATOR, {"identity_providers": [], "reason": "retire it"})
    assert asked.status_code == 200 and asked.data["pending"]["action"] == "identity_providers"

    refused = refuse(api, "NVDPS")  # the person who asked may withdraw it too
    assert refused.status_code == 200 and refused.data["refused"] == "identity_providers"
    entry = api.call("GET", "/v1/organisations/NVDPS", OPERATOR).data
    assert entry["pending"] is None and [p["issuer"] for p in entry["identity_providers"]] == [ISSUER.issuer]
    assert [binding.code for binding in organisations().bound_to(ISSUER.issuer)] == ["NVDPS"]
    assert api.call("GET", "/v1/cases", "NVDPS").status_code == 200


@pytest.mark.parametrize(
    ("code", "status", "words"),
    [
        ("DEA", 409, "DEA is active and nothing of it waits for a second person"),
        (OPERATOR, 409, "CASEBRIDGE is active and nothing of it waits"),  # the operator, as for `suspend`
        ("NVWASHOE", 404, "no organisation 'NVWASHOE'"),
    ],
)
def test_nothing_waiting_is_a_conflict_and_an_unknown_code_is_not_found(api, code, status, words):
    refused = refuse(api, code)
    assert refused.status_code == status
    assert refused.headers["content-type"] == "application/problem+json"
    assert words in refused.data["detail"]


def test_an_approved_organisation_can_no_longer_be_refused(api):
    onboarded(api)
    assert refuse(api, "NVDPS").status_code == 409


@pytest.mark.parametrize(
    "body",
    [None, {}, {"reason": ""}, {"reason": "x" * 2_001}, {"reason": "why", "code": "NVDPS"}, {"reason": "a\u202eb"}],
)
def test_a_refusal_says_why_or_is_a_400(api, body):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    refused = api.call("POST", "/v1/organisations/NVDPS/refuse", OPERATOR, body)
    assert refused.status_code == 400 and refused.headers["content-type"] == "application/problem+json"
    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).data["status"] == "proposed"


@pytest.mark.parametrize("org", ["DEA", "META"])
def test_only_the_operator_refuses(api, org):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    refused = api.call("POST", "/v1/organisations/NVDPS/refuse", org, {"reason": WRONG}, scope="registry:admin")
    assert refused.status_code == 403
    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).data["status"] == "proposed"


def test_a_refused_proposal_is_an_event_to_the_operator_alone_and_a_refused_change_none(api, own_queues, pump, later):
    import jsonschema

    from tests.test_events import schema_for

    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    assert refuse(api, "NVDPS", SECOND).status_code == 200
    assert registry_step(api, "ATF", "suspend", {}).status_code == 200
    assert refuse(api, "ATF", SECOND).status_code == 200
    pump.drain()
    received = own_queues.received(OPERATOR)
    assert [event["detail-type"] for event in received] == ["Organisation Proposed", "Organisation Refused"]
    event = received[1]["detail"]
    jsonschema.validate(event, schema_for("Organisation Refused"))
    assert (event["recipients"], event["organisations"], event["kind"]) == (
        [OPERATOR],
        {"operator": OPERATOR, "organisation": "NVDPS"},
        "state_agency",
    )
    assert own_queues.received("ATF") == []  # its refused suspension is nobody's event
    later()  # past the feed's settle window
    feed = api.call("GET", "/v1/events", OPERATOR)
    assert [item["detail_type"] for item in feed.data["items"]] == ["Organisation Proposed", "Organisation Refused"]


def test_every_refusal_and_every_refused_refusal_is_in_the_operators_audit_trail(api):
    from chalicelib.storage.table import AuditItem

    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    assert refuse(api, "NVDPS", SECOND).status_code == 200
    assert refuse(api, "NVDPS", SECOND).status_code == 404
    assert refuse(api, "DEA", SECOND).status_code == 409
    trail = sorted(
        (item.at, item.event, item.outcome, item.resource_id, item.reason)
        for item in AuditItem.scan()
        if item.org == OPERATOR and item.event == "organisation.refuse"
    )
    assert [entry[1:] for entry in trail] == [
        ("organisation.refuse", "success", "NVDPS", f"onboarding: {WRONG}"),
        ("organisation.refuse", "failure", "NVDPS", "NotFound"),
        (
            "organisation.refuse",
            "failure",
            "DEA",
            "Conflict: DEA is active and nothing of it waits for a second person: nothing to refuse",
        ),
    ]


def test_a_refusal_is_one_read_and_one_conditional_transaction(api, dynamo_calls):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    dynamo_calls.reset()
    assert refuse(api, "NVDPS", etag='"v1"').status_code == 200
    assert dynamo_calls.operations == ["GetItem", "TransactWriteItems"]  # read to decide, then remove if unchanged


def test_a_proposal_approved_meanwhile_is_not_removed(aws):
    """The removal is conditional on the version the refusal was decided on."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from chalicelib.domain.audit import AuditRecord, Outcome
    from chalicelib.domain.organisations import ONBOARDING, OrgStatus, Refusal, approve, from_document, propose
    from chalicelib.storage.contracts import ConditionFailed
    from chalicelib.wiring import organisations

    registry = organisations()
    proposed = propose(from_document({**NEVADA, "identity_providers": []}), (ISSUER.issuer, "first"))
    at = datetime.now(UTC)
    record = AuditRecord("aud_1", at, "test", "organisation.propose", "first", OPERATOR, Outcome.SUCCESS)
    registry.propose(proposed, record)
    registry.change(proposed, approve(proposed, (ISSUER.issuer, "second")), replace(record, audit_id="aud_2"))
    with pytest.raises(ConditionFailed):
        registry.remove(proposed, Refusal("NVDPS", ONBOARDING, WRONG, at), "first", replace(record, audit_id="aud_3"))
    assert registry.read_organisation("NVDPS").status is OrgStatus.ACTIVE
    assert registry.ori_holder("NVNHP0000") == "NVDPS"


def test_a_proposals_administrator_waits_for_its_onboarding(api):
    """The operator registers an organisation's administrator once it is active: a proposal may
    be refused, and its administrator would be left acting for nothing."""
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    person = {
        "issuer": ISSUER.issuer,
        "subject": "admin@dps.nv.gov",
        "name": "Lt. Ada Reyes",
        "email": "ada.reyes@dps.nv.gov",
        "roles": ["admin"],
    }
    early = api.call("POST", "/v1/organisations/NVDPS/administrators", OPERATOR, person, **SECOND)
    assert early.status_code == 409, early.body
    assert "NVDPS is proposed: its administrator is registered once it is active" in early.data["detail"]


def test_a_refusal_of_an_entry_changed_since_it_was_read_is_412_and_refuses_nothing(api):
    """The registrar read the entry with nothing pending on it; another person of the operator
    asks for its suspension meanwhile. The refusal names what the registrar read: the request it
    never saw is not refused unseen."""
    read = api.call("GET", "/v1/organisations/HSI", OPERATOR)
    assert read.data["pending"] is None
    asked = registry_step(api, "HSI", "suspend", {"reason": "compromised provider"}, **SECOND)
    assert asked.status_code == 200 and asked.headers["etag"] == f'"v{read.data["version"] + 1}"'

    stale = refuse(api, "HSI", etag=read.headers["etag"])
    assert stale.status_code == 412, stale.body
    assert stale.headers["content-type"] == "application/problem+json"
    assert f"HSI is at version {read.data['version'] + 1}" in stale.data["detail"]
    assert api.call("GET", "/v1/organisations/HSI", OPERATOR).data["pending"]["action"] == "suspend"

    assert refuse(api, "HSI", etag=asked.headers["etag"]).status_code == 200  # what they now read


def test_a_refusal_without_if_match_is_428_and_refuses_nothing(api):
    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    refused = api.call("POST", "/v1/organisations/NVDPS/refuse", OPERATOR, {"reason": WRONG})
    assert refused.status_code == 428 and refused.headers["content-type"] == "application/problem+json"
    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).data["status"] == "proposed"


def test_every_answer_of_an_entry_carries_its_version_as_its_etag(api):
    proposed = api.call("POST", "/v1/organisations", OPERATOR, NEVADA)
    assert proposed.headers["etag"] == '"v1"'
    approved = api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, **SECOND)
    assert approved.headers["etag"] == f'"v{approved.data["version"]}"'
    read = api.call("GET", "/v1/organisations/NVDPS", OPERATOR)
    assert read.headers["etag"] == f'"v{read.data["version"]}"' == approved.headers["etag"]


def test_an_entry_changed_between_the_check_and_the_write_is_412_too(api, monkeypatch):
    """The version named is checked against a read; another person's change landing between that
    read and the refusal's write fails the write's condition, and says so as a stale If-Match."""
    from chalicelib.wiring import organisation_service

    assert api.call("POST", "/v1/organisations", OPERATOR, NEVADA).status_code == 201
    service = organisation_service()
    as_read = service.read

    def read_then_approved(ctx, code):
        found = as_read(ctx, code)
        monkeypatch.setattr(service, "read", as_read)  # once: the approval reads it as it is
        assert api.call("POST", "/v1/organisations/NVDPS/approve", OPERATOR, **SECOND).status_code == 200
        return found

    monkeypatch.setattr(service, "read", read_then_approved)
    refused = refuse(api, "NVDPS", etag='"v1"')
    assert refused.status_code == 412, refused.body
    assert "NVDPS changed while this was decided" in refused.data["detail"]
    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).data["status"] == "active"
