"""Verified requesters (issue 32): each organisation's persons, registered and verified by its
administrators, and the sensitive acts (legal process, emergency requests, their answers)
that need an active, verified person with the act's role and a strong enough sign-in."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import jsonschema
import pytest

from chalicelib.domain import people
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField
from chalicelib.domain.organisations import seed
from chalicelib.domain.people import Act, Actor, Assurance, PersonRole, PersonStatus, Refusal, Registration
from tests.conftest import ISSUER, load_event

DEA_ADMIN = {"sub": "admin.dea@example.gov", "scope": "people:admin"}
META_ADMIN = {"sub": "admin.meta@example.gov", "scope": "people:admin"}
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def registration(login: str, roles: list[str], domain: str = "dea.example.gov", **fields: Any) -> dict[str, Any]:
    return {
        "issuer": ISSUER.issuer,
        "subject": f"{login}@example.gov",
        "name": f"SA {login}",
        "email": f"{login}@{domain}",
        "roles": roles,
        **fields,
    }


def register(api, body: dict[str, Any], org: str = "DEA", admin: dict[str, str] = DEA_ADMIN) -> dict[str, Any]:
    registered = api.call("POST", "/v1/people", org, body, **admin)
    assert registered.status_code == 201, registered.body
    return registered.data  # type: ignore[no-any-return]


def step(api, person_id: str, action: str, org: str = "DEA", admin: dict[str, str] = DEA_ADMIN, **body: Any) -> Any:
    """A step an administrator takes; a verification on the version they read (If-Match)."""
    headers = None
    if action == "verify":
        read = api.call("GET", f"/v1/people/{person_id}", org, **admin)
        headers = {"If-Match": read.headers.get("etag", '"v1"')}
    return api.call("POST", f"/v1/people/{person_id}/{action}", org, body, headers, **admin)


# The lifecycle, through the API ------------------------------------------------------------------


def test_an_administrator_registers_and_verifies_a_person_and_every_step_is_an_event(api, aws, pump):
    from chalicelib.domain.notifications import PEOPLE_DETAIL_TYPES
    from tests.test_events import drain_queues, schema_for

    person = register(api, registration("ana.rivera", ["officer"], title="Special Agent", badge="DEA-4471"))
    assert (person["status"], person["verified_at"], person["org"]) == ("pending", None, "DEA")
    assert person["registered_by"] == people.person_id(ISSUER.issuer, DEA_ADMIN["sub"])
    person_id = person["person_id"]
    assert person_id == people.person_id(ISSUER.issuer, "Ana.Rivera@example.gov")

    verified = step(api, person_id, "verify")
    assert verified.status_code == 200, verified.body
    seen = verified.data
    assert seen["status"] == "active" and seen["verified_by_name"] == "Administrator DEA"
    assert datetime.fromisoformat(seen["reverify_by"]) - datetime.fromisoformat(seen["verified_at"]) == timedelta(
        days=365
    )
    changed = api.call(
        "PATCH", f"/v1/people/{person_id}", "DEA", {"title": "Group Supervisor", "roles": ["supervisor"]},
        {"If-Match": '"v2"'}, **DEA_ADMIN,
    )  # fmt: skip
    assert changed.status_code == 200, changed.body
    assert (changed.data["title"], changed.data["roles"], changed.headers["etag"]) == (
        "Group Supervisor",
        ["supervisor"],
        '"v3"',
    )
    assert step(api, person_id, "suspend", reason="left the agency").data["status"] == "suspended"
    assert step(api, person_id, "reinstate").data["status"] == "pending"
    assert step(api, person_id, "revoke").data["status"] == "revoked"
    assert step(api, person_id, "reinstate").status_code == 409

    pump.drain()
    events = [event for event in drain_queues(aws) if event["detail-type"] in PEOPLE_DETAIL_TYPES]
    assert [event["detail-type"] for event in events] == [
        "Person Registered",
        "Person Verified",
        "Person Changed",
        "Person Suspended",
        "Person Reinstated",
        "Person Revoked",
    ]
    for event in events:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
        assert event["detail"]["recipients"] == ["DEA"] and event["detail"]["person_id"] == person_id
        assert "Rivera" not in json.dumps(event)  # who they are is fetched, never sent
    trail = {(item.event, item.outcome) for item in _audit_items() if item.resource_id == person_id}
    assert {event for event, outcome in trail if outcome == "success"} >= {
        "person.register",
        "person.verify",
        "person.update",
        "person.suspend",
        "person.reinstate",
        "person.revoke",
    }


def _audit_items() -> list[Any]:
    from chalicelib.storage.table import AuditItem

    return list(AuditItem.scan())  # a test may Scan; the code never


def test_nobody_verifies_changes_or_reinstates_themselves(api):
    me = people.person_id(ISSUER.issuer, DEA_ADMIN["sub"])
    assert step(api, me, "verify").status_code == 403
    patch = api.call(
        "PATCH", f"/v1/people/{me}", "DEA", {"roles": ["admin", "supervisor"]}, {"If-Match": '"v1"'}, **DEA_ADMIN
    )
    assert patch.status_code == 403 and "second administrator" in patch.data["detail"]


def test_a_persons_email_is_on_one_of_its_organisations_domains_and_roles_fit_its_kind(api):
    wrong_domain = api.call(
        "POST", "/v1/people", "DEA", registration("x", ["officer"], domain="gmail.com"), **DEA_ADMIN
    )
    assert wrong_domain.status_code == 400 and "dea.example.gov" in wrong_domain.data["detail"]
    platform_role = api.call("POST", "/v1/people", "DEA", registration("y", ["legal_desk"]), **DEA_ADMIN)
    assert platform_role.status_code == 400 and "legal_desk" in platform_role.data["detail"]
    agency_role = api.call(
        "POST", "/v1/people", "META", registration("z", ["officer"], domain="meta.example.com"), **META_ADMIN
    )
    assert agency_role.status_code == 400


def test_the_operator_registers_an_organisations_administrator_active_at_once(api):
    body = registration("second.admin", ["admin"])
    made = api.call("POST", "/v1/organisations/DEA/administrators", "CASEBRIDGE", body)
    assert made.status_code == 201, made.body
    assert (made.data["status"], made.data["roles"]) == ("active", ["admin"])
    assert made.headers["location"] == f"/v1/people/{made.data['person_id']}"
    # The new administrator may now register persons of DEA.
    register(
        api,
        registration("new.officer", ["officer"]),
        admin={"sub": "second.admin@example.gov", "scope": "people:admin"},
    )
    officer = api.call("POST", "/v1/organisations/DEA/administrators", "CASEBRIDGE", registration("o", ["officer"]))
    assert officer.status_code == 400  # the operator registers administrators only
    assert api.call("POST", "/v1/organisations/NOPE/administrators", "CASEBRIDGE", body).status_code == 404


# One identity, whatever its spelling -------------------------------------------------------------

SPELLINGS = [
    "Ana.Rivera@example.gov",
    "ANA.RIVERA@EXAMPLE.GOV",
    "ana.rivera\uff20example.gov",
    "\u0430na.rivera@example.gov",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_persons_canonical_identity_holds_across_registration_and_every_check(api, spelling):
    case_id = api.open_case("DEA")["case_id"]
    person_id = register(api, registration("ana.rivera", ["officer"]))["person_id"]
    again = api.call(
        "POST", "/v1/people", "DEA", {**registration("ana.rivera", ["officer"]), "subject": spelling}, **DEA_ADMIN
    )
    assert again.status_code == 409, again.body  # the same person, registered already
    asked = _ask(api, case_id, sub=spelling)
    assert (asked.status_code, asked.data["reason"]) == (403, "not_verified")  # found under that spelling
    assert step(api, person_id, "verify").status_code == 200
    assert _ask(api, case_id, sub=spelling).status_code == 201


# Each refusal, for each sensitive route -----------------------------------------------------------


def _ask(api, case_id: str, **claims: Any) -> Any:
    body = load_event("api/ask-emergency-request.json")
    return api.call("POST", f"/v1/cases/{case_id}/emergency-requests", "DEA", body, **claims)


@pytest.fixture
def requests(api) -> dict[str, str]:
    """A DEA case, a subpoena served on META, an emergency request awaiting approval and one
    approved: what each sensitive route acts on."""
    case_id = api.open_case("DEA")["case_id"]
    legal = api.call("POST", f"/v1/cases/{case_id}/legal-requests", "DEA", load_event("api/serve-subpoena.json"))
    assert legal.status_code == 201, legal.body
    waiting, approved = (_ask(api, case_id).data["request_id"] for _ in range(2))
    supervisor = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}
    assert api.call("POST", f"/v1/emergency-requests/{approved}/approve", "DEA", {}, **supervisor).status_code == 200
    return {"case": case_id, "legal": legal.data["request_id"], "waiting": waiting, "approved": approved}


#: Each sensitive route: its organisation, path, body, scope, the role it needs, its audit event.
SENSITIVE = {
    "serve legal process": (
        "DEA", "/v1/cases/{case}/legal-requests", load_event("api/serve-subpoena.json"), "cases:write",
        "officer", "legal.send",
    ),
    "ask for an emergency disclosure": (
        "DEA", "/v1/cases/{case}/emergency-requests", load_event("api/ask-emergency-request.json"),
        "emergency:request", "officer", "emergency.ask",
    ),
    "approve an emergency request": (
        "DEA", "/v1/emergency-requests/{waiting}/approve", {}, "emergency:approve", "supervisor", "emergency.approve",
    ),
    "reject an emergency request": (
        "DEA", "/v1/emergency-requests/{waiting}/reject", {"reason": "not imminent"}, "emergency:approve",
        "supervisor", "emergency.reject",
    ),
    "acknowledge legal process": (
        "META", "/v1/legal-requests/{legal}/acknowledge", {"platform_reference": "R-1"}, "legal:respond",
        "legal_desk", "legal.acknowledge",
    ),
    "answer legal process": (
        "META", "/v1/legal-requests/{legal}/answer", {"outcome": "produced"}, "legal:respond", "legal_desk",
        "legal.answer",
    ),
    "acknowledge an emergency request": (
        "META", "/v1/emergency-requests/{approved}/acknowledge", {}, "legal:respond", "legal_desk",
        "emergency.acknowledge",
    ),
    "answer an emergency request": (
        "META", "/v1/emergency-requests/{approved}/answer", {"outcome": "disclosed"}, "legal:respond",
        "legal_desk", "emergency.answer",
    ),
}  # fmt: skip


def _seeded(org: str, login: str, role: str, status: PersonStatus, reverify_by: datetime | None = None) -> str:
    """A person written straight into the table in the given standing; their subject."""
    from chalicelib.devtools.people import seed_people
    from chalicelib.wiring import people as repository

    base = next(
        person
        for person in seed_people([seed().get(org)], {ISSUER.issuer: [org]}, NOW, timedelta(days=365))  # type: ignore[list-item]
        if person.subject.startswith("agent.")
    )
    subject = f"{login}.{org.lower()}@example.gov"
    person = replace(
        base,
        person_id=people.person_id(ISSUER.issuer, subject),
        subject=subject,
        roles=(PersonRole(role),),
        status=status,
        reverify_by=reverify_by or datetime.now(UTC) + timedelta(days=30),
    )
    assert repository().seed([person]) == [person.person_id]
    return subject


@pytest.mark.parametrize("route", list(SENSITIVE))
def test_each_refusal_of_a_sensitive_route_says_what_is_missing_and_is_audited(api, requests, route):
    org, template, body, scope, role, event = SENSITIVE[route]
    path = template.format(**requests)
    weak = "otp" if route == "approve an emergency request" else "none"
    callers = {
        "not_registered": {"sub": f"stranger.{org.lower()}@example.gov"},
        "not_verified": {"sub": _seeded(org, "pending", role, PersonStatus.PENDING)},
        "suspended": {"sub": _seeded(org, "suspended", role, PersonStatus.SUSPENDED)},
        "revoked": {"sub": _seeded(org, "revoked", role, PersonStatus.REVOKED)},
        "verification_lapsed": {
            "sub": _seeded(org, "lapsed", role, PersonStatus.ACTIVE, datetime.now(UTC) - timedelta(days=1))
        },
        "role_missing": {"sub": f"admin.{org.lower()}@example.gov"},
        "mfa_too_weak": {
            "mfa": weak,
            "sub": f"{'supervisor' if role == 'supervisor' else 'agent'}.{org.lower()}@example.gov",
        },
    }
    assert set(callers) == {refusal.value for refusal in Refusal}
    for reason, claims in callers.items():
        refused = api.call("POST", path, org, body, scope=f"cases:read {scope}", **claims)
        assert refused.status_code == 403, (reason, refused.body)
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.data.get("reason") == reason, (reason, refused.data)
    failures = [item for item in _audit_items() if item.event == event and item.outcome == "failure"]
    assert sorted(
        reason for item in failures for reason in Refusal if f"reason: {reason.value}" in item.reason
    ) == sorted(Refusal)
    # Nothing changed: the caller with the role and the sign-in still may.
    allowed = api.call(
        "POST", path, org, body, scope=f"cases:read {scope}", sub=_seeded(org, "able", role, PersonStatus.ACTIVE)
    )
    assert allowed.status_code in (200, 201), allowed.body


def test_a_suspension_refuses_the_next_act_at_once(api, requests):
    supervisor = people.person_id(ISSUER.issuer, "supervisor.dea@example.gov")
    assert step(api, supervisor, "suspend", reason="under investigation").status_code == 200
    refused = api.call(
        "POST", f"/v1/emergency-requests/{requests['waiting']}/approve", "DEA", {},
        sub="supervisor.dea@example.gov", scope="cases:read emergency:approve",
    )  # fmt: skip
    assert (refused.status_code, refused.data["reason"]) == (403, "suspended")
    # The operator may suspend anyone, too.
    desk = people.person_id(ISSUER.issuer, "agent.meta@example.gov")
    assert step(api, desk, "suspend", org="CASEBRIDGE", admin={}, reason="reported").status_code == 200
    path = f"/v1/emergency-requests/{requests['approved']}/acknowledge"
    assert api.call("POST", path, "META", {}).data["reason"] == "suspended"


def test_a_request_whose_officer_was_suspended_before_its_approval_is_never_sent(api, requests):
    """The second person approves what the first asked: if the first was suspended meanwhile,
    the approval is refused (audited) and nothing reaches the platform; a rejection still ends it."""
    from chalicelib.storage.table import AuditItem

    officer = people.person_id(ISSUER.issuer, "agent.dea@example.gov")
    assert step(api, officer, "suspend", reason="mailbox compromised").status_code == 200
    supervisor = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}
    path = f"/v1/emergency-requests/{requests['waiting']}"
    refused = api.call("POST", f"{path}/approve", "DEA", {}, **supervisor)
    assert refused.status_code == 409 and "the officer who asked was suspended or revoked" in refused.data["detail"]
    assert api.call("GET", path, "DEA").data["status"] == "awaiting_approval"
    assert api.call("GET", path, "META").status_code == 404  # the platform sees nothing of it
    failures = [item for item in AuditItem.scan() if item.event == "emergency.approve" and item.outcome == "failure"]
    assert [item.resource_id for item in failures] == [requests["waiting"]]
    rejected = api.call("POST", f"{path}/reject", "DEA", {"reason": "asked by a suspended officer"}, **supervisor)
    assert rejected.status_code == 200 and rejected.data["status"] == "rejected"


def test_the_standing_of_a_sensitive_act_is_one_get_item(api, requests, dynamo_calls):
    dynamo_calls.reset()
    api.call("POST", f"/v1/legal-requests/{requests['legal']}/acknowledge", "META", {"platform_reference": "R"})
    assert dynamo_calls.operations == ["GetItem", "GetItem", "TransactWriteItems"]  # the request, the person


# The domain: assurance, and the rules of a person's standing ---------------------------------------


@pytest.mark.parametrize(
    ("acr", "amr", "mapping", "level"),
    [
        (None, [], None, Assurance.NONE),
        (None, ["pwd"], None, Assurance.NONE),
        (None, ["pwd", "sms"], None, Assurance.NONE),
        (None, ["pwd", "otp"], None, Assurance.AAL2),
        (None, ["mfa"], None, Assurance.AAL2),
        (None, ["pwd", "hwk"], None, Assurance.PHISHING_RESISTANT),
        ("http://idmanagement.gov/ns/assurance/aal/3", [], None, Assurance.PHISHING_RESISTANT),
        ("urn:example:loa:2", ["pwd"], {"urn:example:loa:2": "aal2"}, Assurance.AAL2),
        (None, ["pwd", "sms"], {"sms": "aal2"}, Assurance.AAL2),
        (None, ["pwd", "otp"], {"otp": "none"}, Assurance.NONE),
    ],
)
def test_the_sign_in_is_read_from_acr_and_amr_through_the_providers_mapping(acr, amr, mapping, level):
    assert people.assurance(acr, amr, mapping) is level


def test_a_principals_assurance_uses_the_mapping_of_the_provider_that_signed_its_token():
    from chalicelib.domain.organisations import IdentityProvider
    from chalicelib.domain.principal import Principal

    provider = IdentityProvider(
        "https://idp.dea.example.gov",
        jwks_uri="https://idp.dea.example.gov/jwks",
        mfa={"urn:dea:fido": "phishing_resistant"},
    )
    dea = replace(seed().get("DEA"), identity_providers=(provider,))  # type: ignore[arg-type]
    signed = Principal("sa@dea.gov", dea, frozenset(), issuer=provider.issuer, acr="urn:dea:fido")
    other = Principal("sa@dea.gov", dea, frozenset(), issuer="https://other.example.gov", acr="urn:dea:fido")
    assert (signed.assurance, other.assurance) == (Assurance.PHISHING_RESISTANT, Assurance.NONE)


def test_an_agency_without_email_domains_registers_nobody_and_a_lapsed_verification_refuses():
    dea = seed().get("DEA")
    assert dea is not None
    by = Actor("per_01ARZ3NDEKTSV4RRFFQ69G5FAV", "Admin", "DEA")
    given = Registration(ISSUER.issuer, "sa@example.gov", "SA", "sa@dea.example.gov", (PersonRole.OFFICER,))
    with pytest.raises(Conflict):
        people.register(replace(dea, email_domains=()), given, by, NOW)
    with pytest.raises(InvalidField):
        people.register(dea, replace(given, roles=()), by, NOW)
    person = people.verify(people.register(dea, given, by, NOW), by, NOW, timedelta(days=365))
    assert people.check_standing(person, "DEA", Act.SERVE_LEGAL_PROCESS, Assurance.AAL2, NOW + timedelta(days=364))
    with pytest.raises(people.PersonRefused) as lapsed:
        people.check_standing(person, "DEA", Act.SERVE_LEGAL_PROCESS, Assurance.AAL2, NOW + timedelta(days=365))
    assert lapsed.value.reason is Refusal.VERIFICATION_LAPSED
    with pytest.raises(people.PersonRefused):
        people.check_standing(person, "HSI", Act.SERVE_LEGAL_PROCESS, Assurance.AAL2, NOW)  # another agency's
    with pytest.raises(Forbidden):
        people.verify(person, Actor(person.person_id, "SA", "DEA"), NOW, timedelta(days=365))


# What the platform sees of who is asking ---------------------------------------------------------

OFFICER_ID = people.person_id(ISSUER.issuer, "agent.dea@example.gov")
SUPERVISOR_ID = people.person_id(ISSUER.issuer, "supervisor.dea@example.gov")


def test_the_platform_reads_who_asked_as_the_registry_knows_them_now_and_is_told_of_a_suspension(
    api, aws, pump, requests
):
    from tests.test_events import drain_queues, schema_for

    path = f"/v1/emergency-requests/{requests['approved']}"
    seen = api.call("GET", path, "META").data
    officer, supervisor = seen["requester_standing"], seen["approver_standing"]
    assert (seen["requester_id"], seen["approver_id"]) == (OFFICER_ID, SUPERVISOR_ID)
    assert (seen["requester_assurance"], seen["approver_assurance"]) == ("phishing_resistant", "phishing_resistant")
    assert (officer["status"], officer["roles"], officer["verified_by"]) == ("active", ["officer"], "the seed")
    assert officer["organisation"] == {
        "code": "DEA",
        "name": "Drug Enforcement Administration",
        "kind": "federal_agency",
        "jurisdiction": {"state": "DC", "county": None, "tribe": None},
    }
    assert officer["verification_line"] == "+12025550101" and supervisor["roles"] == ["supervisor"]
    assert officer["emergency_platforms_24h"] is None  # the spray signal is read on its own route

    pump.drain()
    drain_queues(aws)
    assert step(api, OFFICER_ID, "suspend", reason="under investigation").status_code == 200
    assert api.call("GET", path, "META").data["requester_standing"]["status"] == "suspended"
    legal = api.call("GET", f"/v1/legal-requests/{requests['legal']}", "META").data
    assert legal["requester_standing"]["status"] == "suspended" and legal["requester_assurance"] == "phishing_resistant"
    pump.drain()
    events = {e["detail-type"]: e["detail"] for e in drain_queues(aws)}
    assert events["Person Suspended"]["recipients"] == ["DEA"]
    told = events["Requester Suspended"]  # to each platform the officer sent a request: META alone
    jsonschema.validate(told, schema_for("Requester Suspended"))
    assert (told["recipients"], told["requester_id"], told["urgent"]) == (["META"], OFFICER_ID, True)
    assert told["links"] == {"requester": f"/v1/requesters/{OFFICER_ID}"}
    assert requests["case"] not in json.dumps(told)


def test_the_spray_counts_the_platforms_an_officers_emergencies_reached_as_numbers_only(api, pump):
    case_id = api.open_case("DEA", platforms=["META", "TIKTOK", "X"])["case_id"]
    supervisor = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}
    for platform, account in (("META", "INSTAGRAM"), ("TIKTOK", "TIKTOK"), ("X", "X"), ("META", "INSTAGRAM")):
        body = load_event("api/ask-emergency-request.json") | {"platform": platform}
        body["accounts"] = [{"service": account, "handle": "@plug_nyc"}]
        asked = api.call("POST", f"/v1/cases/{case_id}/emergency-requests", "DEA", body)
        assert asked.status_code == 201, asked.body
        path = f"/v1/emergency-requests/{asked.data['request_id']}/approve"
        assert api.call("POST", path, "DEA", {}, **supervisor).status_code == 200
    pump.drain()
    seen = api.call("GET", f"/v1/requesters/{OFFICER_ID}", "TIKTOK")
    assert seen.status_code == 200, seen.body
    assert (seen.data["emergency_platforms_24h"], seen.data["emergency_platforms_30d"]) == (3, 3)
    text = seen.body.decode()
    assert case_id not in text and "META" not in text and '"X"' not in text  # never which
    # The approver sent them too; a platform nobody sent a request to learns nothing.
    assert api.call("GET", f"/v1/requesters/{SUPERVISOR_ID}", "X").data["emergency_platforms_24h"] == 0
    assert api.call("GET", f"/v1/requesters/{OFFICER_ID}", "YOUTUBE").status_code == 404


def test_a_platform_cannot_look_up_a_person_who_never_sent_it_a_request(api, pump, requests):
    pump.drain()
    assert api.call("GET", f"/v1/requesters/{OFFICER_ID}", "META").status_code == 200
    for platform, person in (
        ("TIKTOK", OFFICER_ID),
        ("META", people.person_id(ISSUER.issuer, "admin.dea@example.gov")),
    ):
        hidden = api.call("GET", f"/v1/requesters/{person}", platform)
        absent = api.call("GET", "/v1/requesters/per_01ARZ3NDEKTSV4RRFFQ69G5FAV", platform)
        assert hidden.status_code == absent.status_code == 404
        assert hidden.data["detail"].replace(person, "?") == absent.data["detail"].replace(
            "per_01ARZ3NDEKTSV4RRFFQ69G5FAV", "?"
        )
    assert api.call("GET", f"/v1/requesters/{OFFICER_ID}", "DEA").status_code == 403  # platforms only


def test_a_platform_reports_a_fraudulent_request_once_and_the_agency_and_operator_are_told(api, aws, pump, requests):
    from tests.test_events import drain_queues, schema_for

    pump.drain()
    drain_queues(aws)
    for kind, request_id in (("emergency-requests", requests["approved"]), ("legal-requests", requests["legal"])):
        path = f"/v1/{kind}/{request_id}/report-fraud"
        assert api.call("POST", path, "TIKTOK", {"reason": "x"}).status_code == 404  # not sent to TikTok
        reported = api.call("POST", path, "META", {"reason": "the callback line was never the agency's"})
        assert reported.status_code == 200, reported.body
        assert (reported.data["person_id"], reported.data["org"], reported.data["platform"]) == (
            OFFICER_ID,
            "DEA",
            "META",
        )
        again = api.call("POST", path, "META", {"reason": "twice"})
        assert again.status_code == 409 and "already" in again.data["detail"]
    weak = api.call(
        "POST", f"/v1/emergency-requests/{requests['approved']}/report-fraud", "META", {"reason": "r"}, mfa="none"
    )
    assert weak.data.get("reason") == "mfa_too_weak"  # its legal desk's act, signed in with MFA
    pump.drain()
    told = [e["detail"] for e in drain_queues(aws) if e["detail-type"] == "Requester Reported"]
    assert len(told) == 2
    for detail in told:
        jsonschema.validate(detail, schema_for("Requester Reported"))
        assert detail["recipients"] == ["CASEBRIDGE", "DEA"] and detail["urgent"] is True
        assert requests["case"] not in json.dumps(detail)
    assert {detail.get("emergency_id") or detail.get("request_id") for detail in told} == {
        requests["approved"],
        requests["legal"],
    }
    # The reports count in the officer's standing as platforms see it.
    assert api.call("GET", f"/v1/requesters/{OFFICER_ID}", "META").data["fraud_reports"] == 2


def test_a_verification_of_a_person_changed_since_they_were_read_is_412_and_verifies_nothing(api):
    """The administrator read Ana as an officer, and made her a supervisor meanwhile (in another
    tab, or another administrator did). A verification names what was read: the supervisor was
    never seen, so not vouched for."""
    person_id = register(api, registration("ana.rivera", ["officer"]))["person_id"]
    read = api.call("GET", f"/v1/people/{person_id}", "DEA", **DEA_ADMIN)
    raised = {"roles": ["supervisor"]}
    as_read = {"If-Match": read.headers["etag"]}
    assert api.call("PATCH", f"/v1/people/{person_id}", "DEA", raised, as_read, **DEA_ADMIN).status_code == 200

    stale = api.call("POST", f"/v1/people/{person_id}/verify", "DEA", {}, as_read, **DEA_ADMIN)
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"
    assert api.call("GET", f"/v1/people/{person_id}", "DEA", **DEA_ADMIN).data["status"] == "pending"
    assert api.call("POST", f"/v1/people/{person_id}/verify", "DEA", {}, **DEA_ADMIN).status_code == 428
