"""Nothing is addressed to an organisation that is not active: no legal process, preservation
or emergency request to a suspended (or only proposed) platform, no referral and no tip to a
suspended agency. The refusal names the recipient's status: every active organisation reads
the directory, which lists only the active ones, so the status is no secret."""

from __future__ import annotations

import pytest

from chalicelib.domain.cases import open_case
from chalicelib.domain.organisations import seed
from chalicelib.domain.tip_routing import route_tip, routing_rules
from tests.conftest import load_event
from tests.test_organisations import OPERATOR, SECOND, registry_step
from tests.test_routing import NOW, tip

SUPERVISOR = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}
SUBPOENA = {**load_event("api/serve-legal-request.json"), "kind": "subpoena", "categories": ["subscriber"]}
#: What an agency addresses to a platform from a case: (route under the case, body, audit event, noun).
TO_A_PLATFORM = {
    "legal process": ("legal-requests", SUBPOENA, "legal.send", "legal process"),
    "a preservation request": (
        "preservations",
        load_event("api/request-preservation.json"),
        "preservation.request",
        "a preservation request",
    ),
    "an emergency request": (
        "emergency-requests",
        load_event("api/ask-emergency-request.json"),
        "emergency.ask",
        "an emergency request",
    ),
}


def suspended(api, code: str) -> None:
    for person in ({}, SECOND):
        assert registry_step(api, f"{code}", "suspend", {}, **person).status_code == 200


def reinstated(api, code: str) -> None:
    for person in ({}, SECOND):
        assert registry_step(api, f"{code}", "reinstate", {}, **person).status_code == 200


@pytest.mark.parametrize("what", list(TO_A_PLATFORM))
def test_nothing_is_addressed_to_a_suspended_platform_and_the_refusal_is_audited(api, what):
    from chalicelib.storage.table import AuditItem

    route, body, event, noun = TO_A_PLATFORM[what]
    case = api.open_case("DEA")["case_id"]
    suspended(api, "META")
    refused = api.call("POST", f"/v1/cases/{case}/{route}", "DEA", body)
    assert refused.status_code == 409, refused.body
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.data["detail"] == f"META is suspended in the registry: {noun} cannot be addressed to it"
    [record] = [item for item in AuditItem.scan() if item.event == event]
    assert (record.outcome, record.org, record.resource_id) == ("failure", "DEA", case)

    reinstated(api, "META")
    assert api.call("POST", f"/v1/cases/{case}/{route}", "DEA", body).status_code == 201


def test_nothing_is_addressed_to_a_platform_only_proposed(api):
    kick = {"code": "KICK", "name": "Kick", "kind": "platform", "services": [{"code": "KICK", "kind": "video_sharing"}]}
    assert api.call("POST", "/v1/organisations", OPERATOR, kick).status_code == 201
    case = api.open_case("DEA")["case_id"]
    body = {**load_event("api/request-preservation.json"), "platform": "KICK"}
    body["accounts"] = [{"service": "KICK", "handle": "@plug.nyc"}]
    refused = api.call("POST", f"/v1/cases/{case}/preservations", "DEA", body)
    assert refused.status_code == 409 and refused.data["detail"].startswith("KICK is proposed in the registry")


def test_a_request_made_before_its_platform_was_suspended_is_replayed_not_refused(api):
    case = api.open_case("DEA")["case_id"]
    key = {"Idempotency-Key": "subpoena-meta-1"}
    first = api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", SUBPOENA, headers=key)
    assert first.status_code == 201
    suspended(api, "META")
    again = api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", SUBPOENA, headers=key)
    assert (again.status_code, again.data["request_id"]) == (201, first.data["request_id"])
    other = api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", SUBPOENA, headers={"Idempotency-Key": "k2"})
    assert other.status_code == 409


def test_an_emergency_request_asked_before_its_platform_was_suspended_is_not_approved_but_may_be_rejected(api):
    case = api.open_case("DEA")["case_id"]
    asked = load_event("api/ask-emergency-request.json")
    waiting, other = (
        api.call("POST", f"/v1/cases/{case}/emergency-requests", "DEA", asked).data["request_id"] for _ in range(2)
    )
    suspended(api, "META")
    refused = api.call("POST", f"/v1/emergency-requests/{waiting}/approve", "DEA", {}, **SUPERVISOR)
    assert refused.status_code == 409
    assert refused.data["detail"] == "META is suspended in the registry: an emergency request cannot be addressed to it"
    assert api.call("GET", f"/v1/emergency-requests/{waiting}", "DEA").data["status"] == "awaiting_approval"
    # The officer who asked is still refused first: the second-person rule holds whatever the platform.
    assert api.call("POST", f"/v1/emergency-requests/{waiting}/approve", "DEA", {}).status_code == 403
    rejected = api.call(
        "POST", f"/v1/emergency-requests/{other}/reject", "DEA", {"reason": "META suspended"}, **SUPERVISOR
    )
    assert rejected.status_code == 200 and rejected.data["status"] == "rejected"


def test_a_preservation_is_not_extended_at_a_suspended_platform(api):
    case = api.open_case("DEA")["case_id"]
    requested = api.call("POST", f"/v1/cases/{case}/preservations", "DEA", load_event("api/request-preservation.json"))
    path = f"/v1/preservations/{requested.data['preservation_id']}"
    assert api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LE-1"}).status_code == 200
    suspended(api, "META")
    refused = api.call("POST", f"{path}/extend", "DEA")
    assert refused.status_code == 409 and "META is suspended in the registry" in refused.data["detail"]
    reinstated(api, "META")
    assert api.call("POST", f"{path}/extend", "DEA").status_code == 200


def test_a_nondisclosure_order_is_not_served_on_a_suspended_platform(api, aws):
    from tests.test_legal import legal_document

    case = api.open_case("DEA")["case_id"]
    first = legal_document(api, aws, case)
    served = api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", {**SUBPOENA, "document_file_id": first})
    assert served.status_code == 201, served.body
    later = {"until": "2027-12-01T00:00:00Z", "document_file_id": legal_document(api, aws, case)}
    path = f"/v1/legal-requests/{served.data['request_id']}/nondisclosure"
    suspended(api, "META")
    refused = api.call("POST", path, "DEA", later)
    assert refused.status_code == 409
    assert (
        refused.data["detail"] == "META is suspended in the registry: a nondisclosure order cannot be addressed to it"
    )
    reinstated(api, "META")
    assert api.call("POST", path, "DEA", later).status_code == 200


def test_nothing_is_referred_or_rerouted_to_a_suspended_agency(api, pump):
    case = api.open_case("DEA")["case_id"]
    suspended(api, "ATF")
    referred = api.call("POST", f"/v1/cases/{case}/referrals", "DEA", {"to_org": "ATF", "reason": "firearms"})
    assert referred.status_code == 409
    assert referred.data["detail"] == "ATF is suspended in the registry: a referral cannot be addressed to it"

    submitted = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json"))
    pump.drain()
    tip_id = submitted.data["tip_id"]
    [to] = [
        agency for agency in ("DEA", "HSI", "USPIS") if api.call("GET", f"/v1/tips/{tip_id}", agency).status_code == 200
    ]
    rerouted = api.call("POST", f"/v1/tips/{tip_id}/reroute", to, {"to_org": "ATF", "reason": "firearms"})
    assert rerouted.status_code == 409
    assert rerouted.data["detail"] == "ATF is suspended in the registry: a tip cannot be addressed to it"


def test_a_tip_whose_rule_names_a_suspended_agency_goes_to_the_next_rule_that_matches(api, pump):
    suspended(api, "USPIS")
    parcel = {**load_event("api/submit-tip-minimal.json"), "platform_reference": "P-1", "delivery": ["parcel"]}
    parcel["category"] = "counterfeit_pills"
    submitted = api.call("POST", "/v1/tips", "TIKTOK", parcel)
    assert submitted.status_code in (200, 201, 202), submitted.body
    pump.drain()
    routed = api.call("GET", f"/v1/tips/{submitted.data['tip_id']}", "DEA")
    assert routed.status_code == 200, routed.body
    assert (routed.data["route"]["rule"], routed.data["status"]) == ("distribution", "new")  # not `mail-nexus`


def test_a_known_target_held_by_a_suspended_agency_does_not_route_to_it():
    held = open_case("case_01JBBBBBBBBBBBBBBBBBBBBBBB", "ATF", "sa@atf", NOW, title="t")
    rules = routing_rules(seed())
    assert route_tip(tip(category="counterfeit_pills"), rules, [(held, 2)]).to == "ATF"
    route = route_tip(tip(category="counterfeit_pills"), rules, [(held, 2)], lambda code: code != "ATF")
    assert route is not None and (route.to, route.rule) == ("DEA", "distribution")


def test_a_tip_no_active_agency_would_take_is_routed_to_nobody():
    rules = routing_rules(seed())
    assert route_tip(tip(category="counterfeit_pills"), rules, [], lambda code: code != "DEA") is None
