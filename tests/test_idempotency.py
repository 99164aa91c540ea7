"""Idempotency-Key on creating POSTs, folded into the write's own transaction.

The cases Powertools' idempotency utility is tested for: replay after completion, key reuse
with another body and expiry here; concurrent duplicates in `test_races.py`, on moto's server.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.storage.table import CaseItem, IdempotencyItem, NoteItem, ReferralItem
from tests.conftest import every_operation


def test_replay_returns_the_first_response_and_creates_nothing_more(api):
    headers = {"Idempotency-Key": "case-create-1"}
    first = api.call("POST", "/v1/cases", "DEA", {"title": "Pill press"}, headers)
    again = api.call("POST", "/v1/cases", "DEA", {"title": "Pill press"}, headers)
    assert first.status_code == again.status_code == 201
    assert again.data == first.data
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["location"] == first.headers["location"]
    assert len(list(CaseItem.scan())) == 1


def test_same_key_with_another_body_is_422(api):
    headers = {"Idempotency-Key": "k"}
    api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers)
    response = api.call("POST", "/v1/cases", "DEA", {"title": "B"}, headers)
    assert response.status_code == 422
    assert len(list(CaseItem.scan())) == 1


def test_keys_belong_to_one_organisation(api):
    headers = {"Idempotency-Key": "shared"}
    api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers)
    assert api.call("POST", "/v1/cases", "HSI", {"title": "A"}, headers).status_code == 201
    assert len(list(CaseItem.scan())) == 2


def test_notes_and_referrals_replay_too(api):
    case = api.open_case()
    headers = {"Idempotency-Key": "n1"}
    note_path = f"/v1/cases/{case['case_id']}/notes"
    assert api.call("POST", note_path, "DEA", {"text": "t"}, headers).data == (
        api.call("POST", note_path, "DEA", {"text": "t"}, headers).data
    )
    headers = {"Idempotency-Key": "r1"}
    refer_path = f"/v1/cases/{case['case_id']}/referrals"
    body = {"to_org": "HSI", "reason": "r"}
    first = api.call("POST", refer_path, "DEA", body, headers)
    again = api.call("POST", refer_path, "DEA", body, headers)
    assert first.status_code == again.status_code == 201
    assert first.data == again.data
    assert len(list(NoteItem.scan())) == 1
    assert len(list(ReferralItem.scan())) == 1


def test_an_expired_key_can_be_used_again(api):
    headers = {"Idempotency-Key": "old"}
    api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers)
    record = next(iter(IdempotencyItem.scan()))
    record.update(actions=[IdempotencyItem.expires_at.set(record.created_at - timedelta(seconds=1))])
    response = api.call("POST", "/v1/cases", "DEA", {"title": "B"}, headers)
    assert response.status_code == 201
    assert "idempotent-replayed" not in response.headers
    assert len(list(CaseItem.scan())) == 2


def replayed(api, path, org, body):
    """Sends `body` twice with one key; the second answer must be the first, marked a replay."""
    headers = {"Idempotency-Key": f"replay-{path}"}
    first = api.call("POST", path, org, body, headers)
    again = api.call("POST", path, org, body, headers)
    assert first.status_code == again.status_code == 201, first.body
    assert again.body == first.body
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    return first.data


def test_every_creating_route_replays_exactly_what_it_first_answered(api, pump):
    """What a replay answers is the created resource as the use case returned it, stored as a
    domain value (`services.replays`) and rendered again by the route: byte for byte the first answer."""
    from tests.conftest import load_event

    case_id = replayed(api, "/v1/cases", "DEA", load_event("api/open-case.json"))["case_id"]
    replayed(api, f"/v1/cases/{case_id}/notes", "DEA", load_event("api/add-note.json"))
    replayed(api, f"/v1/cases/{case_id}/referrals", "DEA", load_event("api/refer-case.json"))
    pres = replayed(api, f"/v1/cases/{case_id}/preservations", "DEA", load_event("api/request-preservation.json"))
    subpoena = {**load_event("api/serve-subpoena.json"), "preservation_id": pres["preservation_id"]}
    sent = replayed(api, f"/v1/cases/{case_id}/legal-requests", "DEA", subpoena)
    # Answered, the request fulfils its preservation: a repeat still replays the first answer.
    answered = api.call("POST", f"/v1/legal-requests/{sent['request_id']}/answer", "META", {"outcome": "produced"})
    assert answered.status_code == 200, answered.body
    headers = {"Idempotency-Key": f"replay-/v1/cases/{case_id}/legal-requests"}
    again = api.call("POST", f"/v1/cases/{case_id}/legal-requests", "DEA", subpoena, headers)
    assert again.status_code == 201 and again.data["request_id"] == sent["request_id"], again.body
    asked = replayed(
        api, f"/v1/cases/{case_id}/emergency-requests", "DEA", load_event("api/ask-emergency-request.json")
    )
    assert asked["status"] == "awaiting_approval" and asked["requested_by"]["subject"] == "agent.dea@example.gov"
    # A hit and a conflict, so that the replayed answers carry the other side (and only what the caller may see).
    hsi_case = api.open_case("HSI")["case_id"]
    identifiers = load_event("api/add-identifiers.json")
    assert api.call("POST", f"/v1/cases/{hsi_case}/identifiers", "HSI", identifiers).status_code == 201
    added = replayed(api, f"/v1/cases/{case_id}/identifiers", "DEA", identifiers)
    assert [hit["org"] for hit in added["hits"]] and hsi_case not in str(added)
    operation = load_event("api/register-operation.json")
    assert api.call("POST", "/v1/operations", "HSI", {**operation, "case_id": hsi_case}).status_code == 201
    checked = replayed(api, "/v1/operations", "DEA", {**operation, "case_id": case_id})
    assert [clash["org"] for clash in checked["conflicts"]] == ["HSI"]
    tip_id = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json")).data["tip_id"]
    pump.drain()
    assert replayed(api, f"/v1/tips/{tip_id}/promote", "DEA", {"tlp": "GREEN"})["routed_to"] == "DEA"


def test_a_replay_stores_no_secret_of_the_case_and_nothing_of_the_other_side(api):
    headers = {"Idempotency-Key": "secrets"}
    case_id = api.call("POST", "/v1/cases", "DEA", {"title": "A"}, headers).data["case_id"]
    hsi_case = api.open_case("HSI", title="HSI's own title")["case_id"]
    held = {"identifiers": [{"type": "phone", "value": "+1 212 555 0199"}]}
    assert api.call("POST", f"/v1/cases/{hsi_case}/identifiers", "HSI", held).status_code == 201
    api.call("POST", f"/v1/cases/{case_id}/identifiers", "DEA", held, {"Idempotency-Key": "hit"})
    stored = " ".join(item.body for item in IdempotencyItem.scan())
    keys = [item.identifier_key for item in CaseItem.scan()]
    assert len(keys) == 2 and all(keys) and not any(key in stored for key in keys)
    assert hsi_case not in stored and "HSI's own title" not in stored


# Every creating route (`endpoint(..., creates=...)`) keeps the promise of the API overview (docs/reference/api.md): a key sent
# again with another body, or with the same body on another resource, is a 422 and creates
# nothing. The routes come from `routing.OPERATIONS`, so a new creating route without a
# recipe here fails `test_every_creating_route_has_a_recipe_for_these_tests`.


def _two_cases(api, pump) -> tuple[str, str]:
    return api.open_case("DEA")["case_id"], api.open_case("DEA")["case_id"]


def _two_tips(api, pump) -> tuple[str, str]:
    """Two of TIKTOK's tips, routed (to DEA, by the rules) so that either can be promoted."""
    from tests.conftest import load_event

    tips = [
        api.call("POST", "/v1/tips", "TIKTOK", {**load_event("api/submit-tip-minimal.json"), "platform_reference": ref})
        for ref in ("T-A", "T-B")
    ]
    pump.drain()
    return tips[0].data["tip_id"], tips[1].data["tip_id"]


def _two_legal_requests(api, pump) -> tuple[str, str]:
    from tests.conftest import load_event

    sent = [
        api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", load_event("api/serve-subpoena.json"))
        for case in _two_cases(api, pump)
    ]
    return sent[0].data["request_id"], sent[1].data["request_id"]


def _two_emergency_requests(api, pump) -> tuple[str, str]:
    """Two emergency requests to META, each approved by DEA's supervisor."""
    from tests.conftest import load_event
    from tests.test_emergency import approve

    asked = [
        api.call("POST", f"/v1/cases/{case}/emergency-requests", "DEA", load_event("api/ask-emergency-request.json"))
        for case in _two_cases(api, pump)
    ]
    ids = asked[0].data["request_id"], asked[1].data["request_id"]
    assert all(approve(api, request_id).status_code == 200 for request_id in ids)
    return ids


def _none(api, pump) -> tuple[str, str]:
    return "", ""


def _file(**fields):
    from tests.test_files import declaration

    return declaration(**fields)


def _with_its_case(api, body):
    """An operation names its case in its body, not its path: a case of its own each time."""
    return {**body, "case_id": api.open_case("DEA")["case_id"]}


def _person(login: str, roles: list[str]) -> dict[str, object]:
    return {
        "issuer": "https://issuer.casebridge.local",
        "subject": f"{login}@example.gov",
        "name": login,
        "email": f"{login}@dea.example.gov",
        "roles": roles,
    }


def _dea_and_an_agency_of_its_domain(api, pump):
    """DEA, and an agency the operator proposed whose persons' e-mail is on DEA's domain too."""
    proposed = {
        "code": "NVIDEM",
        "name": "Nevada test agency",
        "kind": "state_agency",
        "ori": "NVIDE0000",
        "jurisdiction": {"state": "NV"},
        "verification_line": "+17755550100",
        "email_domains": ["dea.example.gov"],
    }
    assert api.call("POST", "/v1/organisations", "CASEBRIDGE", proposed).status_code == 201
    return "DEA", "NVIDEM"


#: DEA's administrator (`devtools.people`): who registers DEA's persons.
_DEA_ADMIN = ("DEA", {"sub": "admin.dea@example.gov", "scope": "people:admin"})

#: Per creating route (by its view's name): the organisation that calls it (or it and the
#: claims of its token), how to make two resources its path names, its body, and another body.
RECIPES = {
    "open_case": ("DEA", _none, lambda e: e("api/open-case.json"), lambda e: {"title": "Another case"}),
    "add_note": ("DEA", _two_cases, lambda e: e("api/add-note.json"), lambda e: {"text": "Another note"}),
    "add_identifiers": (
        "DEA",
        _two_cases,
        lambda e: e("api/add-identifiers.json"),
        lambda e: {"identifiers": [{"type": "phone", "value": "+1 212 555 0199"}]},
    ),
    "declare_case_file": ("DEA", _two_cases, lambda e: _file(), lambda e: _file(description="Another file")),
    "declare_tip_file": ("TIKTOK", _two_tips, lambda e: _file(), lambda e: _file(description="Another file")),
    "request_preservation": (
        "DEA",
        _two_cases,
        lambda e: e("api/request-preservation.json"),
        lambda e: {"platform": "META", "accounts": [{"service": "INSTAGRAM", "handle": "@another"}]},
    ),
    "ask_emergency_request": (
        "DEA",
        _two_cases,
        lambda e: e("api/ask-emergency-request.json"),
        lambda e: {**e("api/ask-emergency-request.json"), "accounts": [{"service": "INSTAGRAM", "handle": "@another"}]},
    ),
    "declare_disclosed_file": (
        "META",
        _two_emergency_requests,
        lambda e: _file(),
        lambda e: _file(description="Another file"),
    ),
    "send_legal_request": (
        "DEA",
        _two_cases,
        lambda e: e("api/serve-subpoena.json"),
        lambda e: {**e("api/serve-subpoena.json"), "nondisclosure_until": None},
    ),
    "declare_production_file": (
        "META",
        _two_legal_requests,
        lambda e: _file(),
        lambda e: _file(description="Another file"),
    ),
    "register_operation": (
        "DEA",
        _none,
        lambda e: e("api/register-operation.json"),
        lambda e: {**e("api/register-operation.json"), "kind": "surveillance"},
    ),
    "refer_case": ("DEA", _two_cases, lambda e: e("api/refer-case.json"), lambda e: {"to_org": "ATF", "reason": "r"}),
    "promote_tip": ("DEA", _two_tips, lambda e: {"tlp": "GREEN"}, lambda e: {"tlp": "AMBER"}),
    "register_person": (
        _DEA_ADMIN,
        _none,
        lambda e: _person("idem.officer", ["officer"]),
        lambda e: _person("idem.supervisor", ["supervisor"]),
    ),
    "register_administrator": (
        "CASEBRIDGE",
        _dea_and_an_agency_of_its_domain,
        lambda e: _person("idem.admin", ["admin"]),
        lambda e: _person("idem.other", ["admin"]),
    ),
}


def _creating_routes():
    return [op for op in every_operation() if op.creates]


def _resource_paths(op, api, pump) -> tuple[str, str]:
    """The route's path for each of two resources it can create under."""
    _, make, _, _ = RECIPES[op.name]
    first, second = make(api, pump)
    name = op.path[op.path.index("{") + 1 : op.path.index("}")] if "{" in op.path else None
    if name is None:
        return op.path, op.path
    return op.path.format_map({name: first}), op.path.format_map({name: second})


def _send(api, op, path, body, key):
    caller = RECIPES[op.name][0]
    org, claims = caller if isinstance(caller, tuple) else (caller, {})
    if op.name == "register_operation":
        body = _with_its_case(api, body)
    return api.call(op.method, path, org, body, {"Idempotency-Key": key}, **claims)


def _refused_as_reused(response) -> None:
    assert response.status_code == 422, response.body
    assert response.data["type"].endswith("/idempotency-key-reused"), response.data
    assert "location" not in response.headers and "idempotent-replayed" not in response.headers


def test_every_creating_route_has_a_recipe_for_these_tests():
    assert {op.name for op in _creating_routes()} == set(RECIPES)


@pytest.mark.parametrize("op", _creating_routes(), ids=lambda op: op.name)
def test_a_key_sent_again_with_another_body_is_422_on_every_creating_route(api, pump, op):
    from tests.conftest import load_event

    _, _, body, other = RECIPES[op.name]
    path, _ = _resource_paths(op, api, pump)
    first = _send(api, op, path, body(load_event), "same-key")
    assert first.status_code == 201, first.body
    _refused_as_reused(_send(api, op, path, other(load_event), "same-key"))


#: A person's identity is one across organisations: the same body registers them once, whichever
#: organisation's path it is sent on (a second is 409), so an administrator has no "B" to create on.
_ONE_ACROSS_PATHS = {"register_administrator"}


@pytest.mark.parametrize(
    "op",
    [op for op in _creating_routes() if "{" in op.path and op.name not in _ONE_ACROSS_PATHS],
    ids=lambda op: op.name,
)
def test_a_key_sent_again_on_another_resource_is_422_and_creates_nothing_there(api, pump, op):
    """Case A's note, referral, legal request or emergency request is never B's answer, and B gets none."""
    from tests.conftest import load_event

    _, _, body, _ = RECIPES[op.name]
    on_a, on_b = _resource_paths(op, api, pump)
    first = _send(api, op, on_a, body(load_event), "same-key")
    assert first.status_code == 201, first.body
    _refused_as_reused(_send(api, op, on_b, body(load_event), "same-key"))
    # B is untouched: the same request with a fresh key creates there, and is no replay.
    fresh = _send(api, op, on_b, body(load_event), "fresh-key")
    assert fresh.status_code == 201 and fresh.headers["location"] != first.headers["location"], fresh.body


def test_a_cursor_from_one_cases_list_is_refused_on_anothers(api):
    """List cursors are bound to the route with its ids (`Call._binding`), not to its template."""
    case_a, case_b = api.open_case()["case_id"], api.open_case()["case_id"]
    for n in range(3):
        api.call("POST", f"/v1/cases/{case_a}/notes", "DEA", {"text": f"note {n}"})
    cursor = api.call("GET", f"/v1/cases/{case_a}/notes?limit=1", "DEA").data["next_cursor"]
    assert cursor and api.call("GET", f"/v1/cases/{case_a}/notes?limit=1&cursor={cursor}", "DEA").status_code == 200
    refused = api.call("GET", f"/v1/cases/{case_b}/notes?limit=1&cursor={cursor}", "DEA")
    assert refused.status_code == 400 and "cursor" in refused.data["detail"]
