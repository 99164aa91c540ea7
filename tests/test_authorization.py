"""Need-to-know, route by route, for every kind of caller.

The world: DEA owns a case; HSI accepted a referral on it (participant); USPIS has a pending
referral (sees the referral, not the case); ATF is an agency with no part in it; META is a
platform. Anything a caller may not see is 404, exactly like an absent id.

Every operation of the OpenAPI document has a row here (`test_every_operation_has_a_row_in_the_matrix`).
Each world is built once per module, in one moto account, and each test starts from its
world exactly as it was built: what a test writes, no other test sees (`isolated`).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from chalicelib.devtools.issuer import DevIssuer
from chalicelib.domain.feed import SETTLE
from tests.conftest import ES_ISSUER, Api, build_platform_world, load_event
from tests.test_organisations import registry_step
from tests.worlds import a_world, one_account_per_module, settled

# One account per module, each world built in it once (`tests/worlds.py`) ---------------------

aws, client, api, provisioned, isolated = one_account_per_module()


# Cases, referrals, deconfliction, operations, files and the feed -------------------------------

OWNER, PARTICIPANT, PENDING, OTHER, PLATFORM, NO_TOKEN, FORGED = (
    "owner",
    "participant",
    "pending target",
    "other agency",
    "platform",
    "no token",
    "forged token",
)
CALLERS = {OWNER: "DEA", PARTICIPANT: "HSI", PENDING: "USPIS", OTHER: "ATF", PLATFORM: "META"}

# route name → (method, path template, body, expected status per caller)
ROUTES = {
    "read case": ("GET", "/v1/cases/{case}", None, {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404}),
    "update case": (
        "PATCH",
        "/v1/cases/{case}",
        {"summary": "x"},
        {OWNER: 200, PARTICIPANT: 403, PENDING: 404, OTHER: 404},
    ),
    "close case": ("POST", "/v1/cases/{case}/close", None, {OWNER: 200, PARTICIPANT: 403, PENDING: 404, OTHER: 404}),
    # `{closed}`: a case DEA closed, which HSI took part in and USPIS had been referred.
    "reopen case": (
        "POST",
        "/v1/cases/{closed}/reopen",
        None,
        {OWNER: 200, PARTICIPANT: 403, PENDING: 404, OTHER: 404},
    ),
    "list notes": ("GET", "/v1/cases/{case}/notes", None, {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404}),
    "add note": (
        "POST",
        "/v1/cases/{case}/notes",
        {"text": "n"},
        {OWNER: 201, PARTICIPANT: 201, PENDING: 404, OTHER: 404},
    ),
    "audit trail": ("GET", "/v1/cases/{case}/audit", None, {OWNER: 200, PARTICIPANT: 403, PENDING: 404, OTHER: 404}),
    "refer case": (
        "POST",
        "/v1/cases/{case}/referrals",
        {"to_org": "ATF", "reason": "r"},
        {OWNER: 201, PARTICIPANT: 201, PENDING: 404, OTHER: 404},
    ),
    "read referral": ("GET", "/v1/referrals/{pending}", None, {OWNER: 200, PARTICIPANT: 200, PENDING: 200, OTHER: 404}),
    "accept": (
        "POST",
        "/v1/referrals/{pending}/accept",
        None,
        {OWNER: 409, PARTICIPANT: 409, PENDING: 200, OTHER: 404},
    ),
    "decline": (
        "POST",
        "/v1/referrals/{pending}/decline",
        {"reason": "no nexus"},
        {OWNER: 409, PARTICIPANT: 409, PENDING: 200, OTHER: 404},
    ),
    "withdraw": (
        "POST",
        "/v1/referrals/{pending}/withdraw",
        None,
        {OWNER: 200, PARTICIPANT: 409, PENDING: 409, OTHER: 404},
    ),
    "list cases": ("GET", "/v1/cases", None, {OWNER: 200, PARTICIPANT: 200, PENDING: 200, OTHER: 200}),
    "open case": ("POST", "/v1/cases", {"title": "t"}, {OWNER: 201, PARTICIPANT: 201, PENDING: 201, OTHER: 201}),
    "referral box": (
        "GET",
        "/v1/referrals?box=outbound",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 200, OTHER: 200},
    ),
    "add identifiers": (
        "POST",
        "/v1/cases/{case}/identifiers",
        {"identifiers": [{"type": "email", "value": "plug@example.com"}]},
        {OWNER: 201, PARTICIPANT: 201, PENDING: 404, OTHER: 404},
    ),
    "list identifiers": (
        "GET",
        "/v1/cases/{case}/identifiers",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404},
    ),
    "remove identifier": (
        "DELETE",
        "/v1/cases/{case}/identifiers/{identifier}",
        None,
        {OWNER: 204, PARTICIPANT: 204, PENDING: 404, OTHER: 404},
    ),
    "check identifiers": (
        "POST",
        "/v1/deconfliction/checks",
        {"identifiers": [{"type": "phone", "value": "+1 202 555 0143"}]},
        {OWNER: 200, PARTICIPANT: 200, PENDING: 200, OTHER: 200},
    ),
    "list hits": ("GET", "/v1/deconfliction/hits", None, {OWNER: 200, PARTICIPANT: 200, PENDING: 200, OTHER: 200}),
    # ATF checked the identifier DEA holds: each has its own side of the hit, and reads only it.
    "read hit": (
        "GET",
        "/v1/deconfliction/hits/{hit}",
        None,
        {OWNER: 200, PARTICIPANT: 404, PENDING: 404, OTHER: 404},
    ),
    "read the checker's hit": (
        "GET",
        "/v1/deconfliction/hits/{their_hit}",
        None,
        {OWNER: 404, PARTICIPANT: 404, PENDING: 404, OTHER: 200},
    ),
    "plan operation": (
        "POST",
        "/v1/operations",
        {**load_event("api/register-operation.json"), "case_id": "{case}"},
        {OWNER: 201, PARTICIPANT: 201, PENDING: 404, OTHER: 404},
    ),
    "read operation": (
        "GET",
        "/v1/operations/{operation}",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404},
    ),
    "update operation": (
        "PATCH",
        "/v1/operations/{operation}",
        {"ends_at": "2026-12-05T02:00:00Z"},
        {OWNER: 200, PARTICIPANT: 403, PENDING: 404, OTHER: 404},
    ),
    "list operations": (
        "GET",
        "/v1/cases/{case}/operations",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404},
    ),
    "cancel operation": (
        "POST",
        "/v1/operations/{operation}/cancel",
        None,
        {OWNER: 200, PARTICIPANT: 403, PENDING: 404, OTHER: 404},
    ),
    "list conflicts": (
        "GET",
        "/v1/deconfliction/conflicts",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 200, OTHER: 200},
    ),
    # ATF planned an operation where and when DEA's is: each reads only its own side of the conflict.
    "read conflict": (
        "GET",
        "/v1/deconfliction/conflicts/{conflict}",
        None,
        {OWNER: 200, PARTICIPANT: 404, PENDING: 404, OTHER: 404},
    ),
    "read the other side's conflict": (
        "GET",
        "/v1/deconfliction/conflicts/{their_conflict}",
        None,
        {OWNER: 404, PARTICIPANT: 404, PENDING: 404, OTHER: 200},
    ),
    "declare file": (
        "POST",
        "/v1/cases/{case}/files",
        load_event("api/declare-file.json"),
        {OWNER: 201, PARTICIPANT: 201, PENDING: 404, OTHER: 404},
    ),
    "list files": ("GET", "/v1/cases/{case}/files", None, {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404}),
    # A platform may read its own tips' files: any other file is absent to it.
    "read file": (
        "GET",
        "/v1/files/{file}",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404, PLATFORM: 404},
    ),
    "file custody": (
        "GET",
        "/v1/files/{file}/custody",
        None,
        {OWNER: 200, PARTICIPANT: 403, PENDING: 404, OTHER: 404},
    ),
    # A platform downloads only what legal process served on it: this file is absent to META.
    "download file": (
        "GET",
        "/v1/files/{file}/content",
        None,
        {OWNER: 409, PARTICIPANT: 409, PENDING: 404, OTHER: 404, PLATFORM: 404},
    ),
    # Every organisation reads its own feed; from an event, only from one it received.
    "read the feed": (
        "GET",
        "/v1/events",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 200, OTHER: 200, PLATFORM: 200},
    ),
    # `{event}`: DEA's `Identifier Added` on the case, which its participant HSI received too.
    "read the feed after an event": (
        "GET",
        "/v1/events?after={event}",
        None,
        {OWNER: 200, PARTICIPANT: 200, PENDING: 404, OTHER: 404, PLATFORM: 404},
    ),
}
for _, _, _, expected in ROUTES.values():
    expected.setdefault(PLATFORM, 403)
    expected.update({NO_TOKEN: 401, FORGED: 401})


def forged_token(org: str) -> str:
    """Signed with a key the trusted issuer never published, under that issuer's key id."""
    forged = DevIssuer(ES_ISSUER.issuer, ES_ISSUER.key_id, "ES256", DevIssuer.generate(algorithm="ES256").private_key)
    return forged.token(org)


def joint_case(api: Api, *, pending: bool = False) -> str:
    """A case DEA owns and HSI takes part in (it accepted DEA's referral); with `pending`,
    DEA's referral to USPIS waits too."""
    case = api.open_case("DEA")["case_id"]
    accepted = api.refer(case, "HSI")
    assert api.call("POST", f"/v1/referrals/{accepted['referral_id']}/accept", "HSI").status_code == 200
    if pending:
        api.refer(case, "USPIS")
    return str(case)


@a_world
def world(api: Api, aws: Any) -> dict[str, str]:
    """DEA's case, which HSI takes part in, with a referral to USPIS waiting, a note, an
    identifier, an operation and a file; DEA's closed case, which HSI took part in; ATF's check
    of DEA's identifier and ATF's operation where and when DEA's is, both sides of the hit
    and of the conflict recorded by the stream; an event of DEA's feed that HSI received too."""
    case = joint_case(api)
    pending = api.refer(case, "USPIS")
    api.call("POST", f"/v1/cases/{case}/notes", "DEA", {"text": "first"})
    device = {"type": "device_id", "value": "abcd1234"}
    added = api.call("POST", f"/v1/cases/{case}/identifiers", "DEA", {"identifiers": [device]})
    operation = api.call(
        "POST", "/v1/operations", "DEA", {**load_event("api/register-operation.json"), "case_id": case}
    )
    declared = api.call("POST", f"/v1/cases/{case}/files", "DEA", load_event("api/declare-file.json"))
    closed = joint_case(api, pending=True)
    assert api.call("POST", f"/v1/cases/{closed}/close", "DEA").status_code == 200
    # ATF checks DEA's identifier, and plans an operation where and when DEA's is.
    assert api.call("POST", "/v1/deconfliction/checks", "ATF", {"identifiers": [device]}).status_code == 200
    theirs = {**load_event("api/register-operation.json"), "case_id": api.open_case("ATF")["case_id"]}
    assert api.call("POST", "/v1/operations", "ATF", theirs).status_code == 201
    settled(aws)  # the stream records the conflict and the feeds

    def only(org: str, path: str, id_field: str) -> str:
        (item,) = api.call("GET", path, org).data["items"]
        return str(item[id_field])

    from chalicelib.wiring import feed

    entries, _ = feed().page("DEA", None, datetime.now(UTC) + 2 * SETTLE, 100)
    (event,) = [entry.event_id for entry in entries if entry.detail_type == "Identifier Added"]
    return {
        "case": case,
        "closed": closed,
        "file": declared.data["file"]["file_id"],
        "pending": pending["referral_id"],
        "case_etag": api.call("GET", f"/v1/cases/{case}", "DEA").headers["etag"],
        "identifier": added.data["identifiers"][0]["identifier_id"],
        "operation": operation.data["operation"]["operation_id"],
        "operation_etag": operation.headers["etag"],
        "hit": only("DEA", "/v1/deconfliction/hits", "hit_id"),
        "their_hit": only("ATF", "/v1/deconfliction/hits", "hit_id"),
        "conflict": only("DEA", "/v1/deconfliction/conflicts", "conflict_id"),
        "their_conflict": only("ATF", "/v1/deconfliction/conflicts", "conflict_id"),
        "event": event,
    }


@pytest.mark.parametrize("caller", [OWNER, PARTICIPANT, PENDING, OTHER, PLATFORM, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(ROUTES))
def test_route_answers_each_caller_as_need_to_know_requires(api, world, route, caller):
    method, template, body, expected = ROUTES[route]
    headers = {}
    if method == "PATCH":  # If-Match: the ETag of the case or operation the path names
        headers["If-Match"] = world[re.search(r"\{(\w+)\}", template)[1] + "_etag"]
    path, body = filled(template, body, world)
    answered_as(api, CALLERS, caller, method, path, body, expected[caller], world, headers, forged_as="DEA")


#: What stands for any id of the world that a caller is not to see: the same shape, nothing stored.
_ULID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")
ABSENT_ULID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"


def filled(template: str, body: Any, world: dict[str, str]) -> tuple[str, Any]:
    """The path and body of a row, with the world's ids in place of `{case}` and the like."""
    path = template.format(**world)
    if body is not None:
        text = json.dumps(body)
        for name, value in world.items():
            text = text.replace("{" + name + "}", value)
        body = json.loads(text)
    return path, body


def answered_as(
    api: Api,
    callers: dict[str, Any],
    caller: str,
    method: str,
    path: str,
    body: Any,
    expected: int,
    world: dict[str, str],
    headers: dict[str, str] | None = None,
    forged_as: str = "META",
) -> Any:
    """The route called as `caller` (an organisation of `callers`, no token, or a forged one):
    the status expected, a problem document for an error, and a 404 that is the very answer
    to the same call with every id of the world it names replaced by an absent one."""

    def call(path: str, body: Any) -> Any:
        if caller == NO_TOKEN:
            return api.call(method, path, None, body, headers)
        if caller == FORGED:
            return api.call(
                method, path, None, body, {**(headers or {}), "Authorization": f"Bearer {forged_token(forged_as)}"}
            )
        org, claims = callers[caller] if isinstance(callers[caller], tuple) else (callers[caller], {})
        return api.call(method, path, org, body, headers, **claims)

    response = call(path, body)
    assert response.status_code == expected, response.body
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"
    if response.status_code == 404:
        assert "visible to you" in response.data["detail"] or "in your feed" in response.data["detail"]
        text = path + json.dumps(body)
        named = {ulid for value in world.values() if value in text for ulid in _ULID.findall(value)}
        assert named, f"a 404 names no id of the world: {path}"
        absent_path, absent_body, seen = path, json.dumps(body), response.body.decode()
        for ulid in named:  # an id, and the ids derived from it (an operation's names its case)
            absent_path, absent_body, seen = (
                part.replace(ulid, ABSENT_ULID) for part in (absent_path, absent_body, seen)
            )
        absent_response = call(absent_path, json.loads(absent_body))
        assert (absent_response.status_code, absent_response.body.decode()) == (404, seen)
        assert response.headers == absent_response.headers
    return response


def test_hidden_case_and_absent_case_answer_alike(api, world):
    hidden = api.call("GET", f"/v1/cases/{world['case']}", "ATF")
    absent = api.call("GET", "/v1/cases/case_01JAAAAAAAAAAAAAAAAAAAAAAA", "ATF")
    assert hidden.status_code == absent.status_code == 404
    assert hidden.data["title"] == absent.data["title"]
    assert hidden.data["detail"].replace(world["case"], "") == absent.data["detail"].replace(
        "case_01JAAAAAAAAAAAAAAAAAAAAAAA", ""
    )


def test_pending_target_sees_referral_but_not_case_content(api, world):
    seen = api.call("GET", f"/v1/referrals/{world['pending']}", "USPIS").data
    assert seen["case_title"] and seen["tlp"] == "AMBER" and seen["reason"]
    assert "summary" not in seen and "participants" not in seen


def test_a_cursor_from_another_organisation_is_refused(api):
    for _ in range(3):
        api.open_case("DEA")
    page = api.call("GET", "/v1/cases?limit=1", "DEA").data
    assert page["next_cursor"]
    stolen = api.call("GET", f"/v1/cases?limit=1&cursor={page['next_cursor']}", "HSI")
    assert stolen.status_code == 400
    tampered = page["next_cursor"][:-2] + ("AA" if not page["next_cursor"].endswith("AA") else "BB")
    assert api.call("GET", f"/v1/cases?limit=1&cursor={tampered}", "DEA").status_code == 400
    assert api.call("GET", f"/v1/cases?limit=1&cursor={page['next_cursor']}", "DEA").status_code == 200


def test_a_refused_participant_leaves_one_audit_record(api, world):
    from chalicelib.storage.table import AuditItem

    before = {item.audit_id for item in AuditItem.scan()}
    response = api.call("POST", f"/v1/cases/{world['case']}/close", "HSI")
    assert response.status_code == 403
    new = [item for item in AuditItem.scan() if item.audit_id not in before]
    assert [(item.event, item.org, item.outcome, item.case_id) for item in new] == [
        ("case.close", "HSI", "failure", world["case"])
    ]


# Tips and preservation requests: the agency a META tip is routed to (DEA, which also owns
# the case and sent META a preservation request), another agency, the platform that
# reported and was asked, another platform, no token and a forged one.
RECEIVER, AGENCY, REPORTER, OTHER_PLATFORM = "receiving agency", "other agency", "reporting platform", "other platform"
PLATFORM_CALLERS = {RECEIVER: "DEA", AGENCY: "ATF", REPORTER: "META", OTHER_PLATFORM: "TIKTOK"}
ANY_PLATFORM_TIP = {
    "platform_reference": "AUTHZ-NEW",
    "category": "other",
    "reported_accounts": [{"profile_urls": ["https://example.com/u/vendor"]}],
}
PLATFORM_ROUTES = {
    "submit tip": ("POST", "/v1/tips", ANY_PLATFORM_TIP, (403, 403, 201, 201)),
    "submit tips": ("POST", "/v1/tips/batch", {"tips": [ANY_PLATFORM_TIP]}, (403, 403, 200, 200)),
    "read tip": ("GET", "/v1/tips/{tip}", None, (200, 404, 200, 404)),
    "tip inbox": ("GET", "/v1/tips", None, (200, 200, 403, 403)),
    "promote tip": ("POST", "/v1/tips/{tip}/promote", {}, (201, 404, 403, 403)),
    "link tip": ("POST", "/v1/tips/{tip}/link", {"case_id": "{case}"}, (200, 404, 403, 403)),
    "dismiss tip": ("POST", "/v1/tips/{tip}/dismiss", {"reason": "r"}, (200, 404, 403, 403)),
    "reroute tip": ("POST", "/v1/tips/{tip}/reroute", {"to_org": "HSI", "reason": "r"}, (200, 404, 403, 403)),
    "request preservation": (
        "POST",
        "/v1/cases/{case}/preservations",
        load_event("api/request-preservation.json"),
        (201, 404, 403, 403),
    ),
    "read preservation": ("GET", "/v1/preservations/{pres}", None, (200, 404, 200, 404)),
    "list preservations": ("GET", "/v1/preservations", None, (200, 200, 200, 200)),
    "acknowledge": ("POST", "/v1/preservations/{pres}/acknowledge", {"platform_reference": "p"}, (403, 403, 200, 404)),
    "extend": ("POST", "/v1/preservations/{pres}/extend", None, (200, 404, 403, 403)),
    "attach a file to a tip": (
        "POST",
        "/v1/tips/{tip}/files",
        load_event("api/declare-file.json"),
        (403, 403, 201, 404),
    ),
}


@a_world
def platform_world(api: Api, aws: Any) -> dict[str, str]:
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import stream_handler

    return build_platform_world(api, StreamPump(aws.table_stream_arn, stream_handler()))


@pytest.mark.parametrize("caller", [RECEIVER, AGENCY, REPORTER, OTHER_PLATFORM, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(PLATFORM_ROUTES))
def test_tip_and_preservation_routes_answer_each_caller_as_need_to_know_requires(api, platform_world, route, caller):
    method, template, body, statuses = PLATFORM_ROUTES[route]
    expected = dict(zip(PLATFORM_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    path, body = filled(template, body, platform_world)
    answered_as(api, PLATFORM_CALLERS, caller, method, path, body, expected[caller], platform_world)


# Legal process: DEA owns the case and served META a subpoena on it; HSI takes part in the
# case; ATF has no part in it; TIKTOK is another platform.
SERVED, SUBPOENA = (
    "platform served",
    {
        "platform": "META",
        "kind": "subpoena",
        "accounts": [{"service": "INSTAGRAM", "handle": "@plug.nyc"}],
        "categories": ["subscriber"],
        "date_range": {"from": "2026-09-01T00:00:00Z", "to": "2026-11-30T00:00:00Z"},
        "authority": {"reference": "GJ-1", "issued_by": "Grand jury", "issued_at": "2026-12-01T00:00:00Z"},
    },
)
LEGAL_CALLERS = {OWNER: "DEA", PARTICIPANT: "HSI", OTHER: "ATF", SERVED: "META", OTHER_PLATFORM: "TIKTOK"}
LEGAL_ROUTES = {
    "serve legal process": ("POST", "/v1/cases/{case}/legal-requests", SUBPOENA, (201, 201, 404, 403, 403)),
    "read legal process": ("GET", "/v1/legal-requests/{legal}", None, (200, 200, 404, 200, 404)),
    "list legal process": ("GET", "/v1/legal-requests", None, (200, 200, 200, 200, 200)),
    "acknowledge legal process": (
        "POST",
        "/v1/legal-requests/{legal}/acknowledge",
        {"platform_reference": "p"},
        (403, 403, 403, 200, 404),
    ),
    "answer legal process": (
        "POST",
        "/v1/legal-requests/{legal}/answer",
        {"outcome": "produced"},
        (403, 403, 403, 200, 404),
    ),
    "withdraw legal process": (
        "POST",
        "/v1/legal-requests/{legal}/withdraw",
        {"reason": "r"},
        (200, 403, 404, 403, 403),
    ),
    # The served order is the case's file; a new order must be one too: this body names none (409 for the agency).
    "extend nondisclosure": (
        "POST",
        "/v1/legal-requests/{legal}/nondisclosure",
        {"until": "2028-01-01T00:00:00Z", "document_file_id": "file_01ARZ3NDEKTSV4RRFFQ69G5FAV"},
        (409, 403, 404, 403, 403),
    ),
    "upload a production file": (
        "POST",
        "/v1/legal-requests/{legal}/files",
        load_event("api/declare-file.json"),
        (403, 403, 403, 201, 404),
    ),
    # The officer who served META: META may look them up, no other platform; agencies never.
    "read the requester": ("GET", "/v1/requesters/{requester}", None, (403, 403, 403, 200, 404)),
    "report legal process as fraudulent": (
        "POST",
        "/v1/legal-requests/{legal}/report-fraud",
        {"reason": "no such grand jury"},
        (403, 403, 403, 200, 404),
    ),
}


@a_world
def legal_world(api: Api, aws: Any) -> dict[str, str]:
    """DEA's case, which HSI takes part in, and the subpoena DEA's officer served META on it."""
    from chalicelib.domain.people import person_id
    from tests.conftest import ISSUER

    case = joint_case(api)
    served = api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", SUBPOENA)
    assert served.status_code == 201, served.body
    officer = person_id(ISSUER.issuer, "agent.dea@example.gov")
    return {"case": case, "legal": served.data["request_id"], "requester": officer}


@pytest.mark.parametrize("caller", [*LEGAL_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(LEGAL_ROUTES))
def test_legal_process_routes_answer_each_caller_as_need_to_know_requires(api, legal_world, route, caller):
    method, template, body, statuses = LEGAL_ROUTES[route]
    expected = dict(zip(LEGAL_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    path, body = filled(template, body, legal_world)
    response = answered_as(api, LEGAL_CALLERS, caller, method, path, body, expected[caller], legal_world)
    if caller in (SERVED, OTHER_PLATFORM) and response.status_code < 300:
        assert legal_world["case"] not in response.body.decode()


# Emergency requests: DEA's officer (the owner's default token) asked META; a DEA supervisor
# (another person, with `emergency:approve`) decides; HSI takes part in the case and ATF does
# not, both holding every emergency scope, so that only who they are refuses them.
APPROVER, EVERY_SCOPE = "approver", "cases:read cases:write emergency:request emergency:approve legal:respond"
EMERGENCY_CALLERS = {
    OWNER: "DEA",
    APPROVER: ("DEA", {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}),
    PARTICIPANT: ("HSI", {"scope": EVERY_SCOPE}),
    OTHER: ("ATF", {"scope": EVERY_SCOPE}),
    SERVED: "META",
    OTHER_PLATFORM: "TIKTOK",
}
_DISCLOSED = {"outcome": "disclosed"}
#: `{approved}` reached META; `{waiting}` awaits approval.
EMERGENCY_ROUTES = {
    "ask": (
        "POST",
        "/v1/cases/{case}/emergency-requests",
        load_event("api/ask-emergency-request.json"),
        (201, 403, 201, 404, 403, 403),
    ),
    "approve": ("POST", "/v1/emergency-requests/{waiting}/approve", {}, (403, 200, 403, 404, 403, 403)),
    "reject": ("POST", "/v1/emergency-requests/{waiting}/reject", {"reason": "r"}, (403, 200, 403, 404, 403, 403)),
    # Nothing is on hold in this world: the supervisor who may confirm or withdraw learns so.
    "confirm": ("POST", "/v1/emergency-requests/{approved}/confirm", {}, (403, 409, 403, 404, 403, 403)),
    "withdraw": ("POST", "/v1/emergency-requests/{approved}/withdraw", {}, (403, 409, 403, 404, 403, 403)),
    "read approved": ("GET", "/v1/emergency-requests/{approved}", None, (200, 200, 200, 404, 200, 404)),
    "read awaiting approval": ("GET", "/v1/emergency-requests/{waiting}", None, (200, 200, 200, 404, 404, 404)),
    "list": ("GET", "/v1/emergency-requests", None, (200, 200, 200, 200, 200, 200)),
    "acknowledge approved": (
        "POST",
        "/v1/emergency-requests/{approved}/acknowledge",
        {},
        (403, 403, 403, 403, 200, 404),
    ),
    "acknowledge awaiting approval": (
        "POST",
        "/v1/emergency-requests/{waiting}/acknowledge",
        {},
        (403, 403, 403, 403, 404, 404),
    ),
    "answer": ("POST", "/v1/emergency-requests/{approved}/answer", _DISCLOSED, (403, 403, 403, 403, 200, 404)),
    "upload a file to disclose": (
        "POST",
        "/v1/emergency-requests/{approved}/files",
        load_event("api/declare-file.json"),
        (403, 403, 403, 403, 201, 404),
    ),
    "report as fraudulent": (
        "POST",
        "/v1/emergency-requests/{approved}/report-fraud",
        {"reason": "the callback line did not answer"},
        (403, 403, 403, 403, 200, 404),
    ),
}


@a_world
def emergency_world(api: Api, aws: Any) -> dict[str, str]:
    """DEA's case, which HSI takes part in, and two emergency requests to META on it: one its
    supervisor approved, one waiting for approval."""
    case = joint_case(api)
    asked = load_event("api/ask-emergency-request.json")
    approved, waiting = (
        api.call("POST", f"/v1/cases/{case}/emergency-requests", "DEA", asked).data["request_id"] for _ in range(2)
    )
    org, supervisor = EMERGENCY_CALLERS[APPROVER]
    assert api.call("POST", f"/v1/emergency-requests/{approved}/approve", org, {}, **supervisor).status_code == 200
    return {"case": case, "approved": approved, "waiting": waiting}


@pytest.mark.parametrize("caller", [*EMERGENCY_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(EMERGENCY_ROUTES))
def test_emergency_routes_answer_each_caller_as_need_to_know_and_two_people_require(
    api, emergency_world, route, caller
):
    method, template, body, statuses = EMERGENCY_ROUTES[route]
    expected = dict(zip(EMERGENCY_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    path, body = filled(template, body, emergency_world)
    response = answered_as(api, EMERGENCY_CALLERS, caller, method, path, body, expected[caller], emergency_world)
    if caller in (SERVED, OTHER_PLATFORM) and response.status_code < 300:
        assert emergency_world["case"] not in response.body.decode()
        assert emergency_world["waiting"] not in response.body.decode()  # awaiting approval: invisible to the platform


# What may not be referred may not be accepted; a decided receiver sees no later title ------------------


@pytest.mark.parametrize(
    ("change", "path"),
    [({"tlp": "RED"}, ""), ({"tlp": "AMBER+STRICT"}, ""), (None, "/close")],
    ids=["re-marked RED", "re-marked AMBER+STRICT", "closed"],
)
def test_a_referral_of_a_case_that_became_unreferable_cannot_be_accepted(api, pump, change, path):
    case = api.open_case("DEA", title="Border pill route", tlp="AMBER")
    referral = api.refer(case["case_id"], "HSI")
    if change:
        response = api.call("PATCH", f"/v1/cases/{case['case_id']}", "DEA", change, headers={"If-Match": '"v1"'})
    else:
        response = api.call("POST", f"/v1/cases/{case['case_id']}{path}", "DEA")
    assert response.status_code == 200, response.body

    accepted = api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
    assert accepted.status_code == 409, accepted.body
    assert "can no longer be accepted" in accepted.data["detail"]
    assert "TLP" not in accepted.data["detail"]  # which of the two, the receiver is not told
    assert api.call("GET", f"/v1/cases/{case['case_id']}", "HSI").status_code == 404

    # The stream withdraws it, so that both sides see why it ended.
    pump.drain()
    for org in ("DEA", "HSI"):
        seen = api.call("GET", f"/v1/referrals/{referral['referral_id']}", org).data
        assert (seen["status"], seen["decided_by"]) == ("withdrawn", "casebridge")
        assert "re-marked or closed" in seen["withdraw_reason"]
    assert api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI").status_code == 409
    assert api.call("GET", f"/v1/cases/{case['case_id']}", "HSI").status_code == 404


def test_a_referral_of_a_re_marked_case_can_be_accepted_once_it_is_referable_again(api, pump):
    case = api.open_case("DEA", title="Border pill route")
    referral = api.refer(case["case_id"], "HSI")
    api.call("PATCH", f"/v1/cases/{case['case_id']}", "DEA", {"tlp": "RED"}, headers={"If-Match": '"v1"'})
    api.call("PATCH", f"/v1/cases/{case['case_id']}", "DEA", {"tlp": "AMBER"}, headers={"If-Match": '"v2"'})
    # Before the stream withdraws it, the case is referable again: the referral stands.
    assert api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI").status_code == 200


@pytest.mark.parametrize("ending", ["decline", "withdraw"])
def test_a_former_receiver_never_reads_a_title_or_marking_set_after_the_referral_ended(api, pump, ending):
    case = api.open_case("DEA", title="Border pill route", tlp="AMBER")
    referral = api.refer(case["case_id"], "HSI")
    pump.drain()
    seen_before = api.call("GET", f"/v1/referrals/{referral['referral_id']}", "HSI").data
    assert (seen_before["case_title"], seen_before["tlp"]) == ("Border pill route", "AMBER")

    if ending == "decline":
        api.call("POST", f"/v1/referrals/{referral['referral_id']}/decline", "HSI", {"reason": "No nexus"})
    else:
        api.call("POST", f"/v1/referrals/{referral['referral_id']}/withdraw", "DEA")
    pump.drain()
    renamed = {"title": "Sinaloa courier network: CI Ramirez", "tlp": "RED"}
    response = api.call("PATCH", f"/v1/cases/{case['case_id']}", "DEA", renamed, headers={"If-Match": '"v1"'})
    assert response.status_code == 200, response.body
    pump.drain()

    read = api.call("GET", f"/v1/referrals/{referral['referral_id']}", "HSI").data
    listed = api.call("GET", "/v1/referrals?box=inbound", "HSI").data["items"]
    for seen in (read, *listed):
        assert (seen["case_title"], seen["tlp"]) == ("Border pill route", "AMBER"), seen
    # The owner still reads the case as it is.
    owner_view = api.call("GET", f"/v1/referrals/{referral['referral_id']}", "DEA").data
    assert (owner_view["case_title"], owner_view["tlp"]) == (renamed["title"], "RED")


# What legal process and emergency requests may give a platform (issue 28, findings 4, 5, 7),
# for every kind of caller: DEA owns the case, HSI takes part in it, ATF does not.


@a_world
def deas(api: Api, aws: Any) -> dict[str, str]:
    """DEA's case, which HSI takes part in, and what DEA sent META or declared on it, by the
    field of legal process that names it (`tests.test_legal.sent_and_declared_by_dea`)."""
    from tests.test_legal import sent_and_declared_by_dea

    case = joint_case(api)
    sent = sent_and_declared_by_dea(api, aws, case)
    return {"case": case, **sent}


#: A subpoena naming DEA's own preservation, disclosure or document: DEA may; HSI is answered
#: as if the id did not exist (409, like an absent one); ATF does not see the case.
@pytest.mark.parametrize("caller", [*LEGAL_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("named", ["preservation_id", "emergency_id", "document_file_id"])
def test_legal_process_follows_or_carries_only_what_its_own_agency_sent_or_declared(api, deas, named, caller):
    from tests.test_legal import ABSENT

    case = deas["case"]
    expected = {OWNER: 201, PARTICIPANT: 409, OTHER: 404, SERVED: 403, OTHER_PLATFORM: 403, NO_TOKEN: 401, FORGED: 401}
    path = f"/v1/cases/{case}/legal-requests"
    body = {**SUBPOENA, named: deas[named]}
    response = answered_as(api, LEGAL_CALLERS, caller, "POST", path, body, expected[caller], deas)
    if caller == PARTICIPANT:
        absent = api.call("POST", path, "HSI", {**SUBPOENA, named: ABSENT[named]})
        assert response.data["detail"].replace(deas[named], "?") == absent.data["detail"].replace(ABSENT[named], "?")


#: The served document, while its process stands and once it is withdrawn: the platform
#: served reads it only while it stands; the case's participants always.
@a_world
def served_documents(api: Api, aws: Any) -> dict[str, dict[str, str]]:
    """Two of DEA's cases, each with HSI taking part, each with a signed document served on META
    with a subpoena; the subpoena of the second was withdrawn."""
    from tests.test_legal import legal_document

    documents = {}
    for withdrawn in (False, True):
        case = joint_case(api)
        document = legal_document(api, aws, case)
        body = {**SUBPOENA, "document_file_id": document}
        served = api.call("POST", f"/v1/cases/{case}/legal-requests", "DEA", body).data["request_id"]
        if withdrawn:
            assert (
                api.call("POST", f"/v1/legal-requests/{served}/withdraw", "DEA", {"reason": "moot"}).status_code == 200
            )
        documents["withdrawn" if withdrawn else "standing"] = {"case": case, "document": document}
    return documents


@pytest.mark.parametrize("caller", [*LEGAL_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("withdrawn", [False, True], ids=["standing", "withdrawn"])
def test_a_served_document_is_the_platforms_only_while_its_process_stands(api, served_documents, withdrawn, caller):
    served = served_documents["withdrawn" if withdrawn else "standing"]
    document = served["document"]
    platform = 404 if withdrawn else 200
    expected = {OWNER: 200, PARTICIPANT: 200, OTHER: 404, SERVED: platform, OTHER_PLATFORM: 404}
    expected |= {NO_TOKEN: 401, FORGED: 401}
    answered_as(api, LEGAL_CALLERS, caller, "GET", f"/v1/files/{document}", None, expected[caller], served)
    downloads = expected | {OWNER: 303, PARTICIPANT: 303, SERVED: 404 if withdrawn else 303}
    answered_as(api, LEGAL_CALLERS, caller, "GET", f"/v1/files/{document}/content", None, downloads[caller], served)


#: Nothing of a RED case reaches a platform, whoever asks (HSI accepted the referral before
#: DEA re-marked it, so it still takes part).
@a_world
def red_world(api: Api, aws: Any) -> dict[str, str]:
    """DEA's case, which HSI takes part in, with an emergency request waiting for approval, then
    re-marked RED."""
    case = joint_case(api)
    asked = load_event("api/ask-emergency-request.json")
    waiting = api.call("POST", f"/v1/cases/{case}/emergency-requests", "DEA", asked).data["request_id"]
    api.call("PATCH", f"/v1/cases/{case}", "DEA", {"tlp": "RED"}, headers={"If-Match": '"v2"'})
    assert api.call("GET", f"/v1/cases/{case}", "DEA").data["tlp"] == "RED"
    return {"case": case, "waiting": waiting}


@pytest.mark.parametrize("caller", [*EMERGENCY_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", ["serve legal process", "request preservation", "ask", "approve"])
def test_nothing_of_a_red_case_reaches_a_platform_whoever_asks(api, red_world, route, caller):
    case, waiting = red_world["case"], red_world["waiting"]
    asked = load_event("api/ask-emergency-request.json")
    routes = {
        "serve legal process": (f"/v1/cases/{case}/legal-requests", SUBPOENA, (409, 403, 409, 404, 403, 403)),
        "request preservation": (
            f"/v1/cases/{case}/preservations",
            load_event("api/request-preservation.json"),
            (409, 403, 409, 404, 403, 403),
        ),
        "ask": (f"/v1/cases/{case}/emergency-requests", asked, (409, 403, 409, 404, 403, 403)),
        "approve": (f"/v1/emergency-requests/{waiting}/approve", {}, (403, 409, 403, 404, 403, 403)),
    }
    path, body, statuses = routes[route]
    expected = dict(zip(EMERGENCY_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    response = answered_as(api, EMERGENCY_CALLERS, caller, "POST", path, body, expected[caller], red_world)
    if response.status_code == 409:
        assert "TLP:RED" in response.data["detail"]
    assert api.call("GET", f"/v1/emergency-requests/{waiting}", "META").status_code == 404


#: An emergency request of a closed case is approved by nobody.
@a_world
def closed_world(api: Api, aws: Any) -> dict[str, str]:
    """DEA's case, which HSI takes part in, with an emergency request waiting for approval, then closed."""
    case = joint_case(api)
    asked = load_event("api/ask-emergency-request.json")
    waiting = api.call("POST", f"/v1/cases/{case}/emergency-requests", "DEA", asked).data["request_id"]
    assert api.call("POST", f"/v1/cases/{case}/close", "DEA").status_code == 200
    return {"case": case, "waiting": waiting}


@pytest.mark.parametrize("caller", [*EMERGENCY_CALLERS, NO_TOKEN, FORGED])
def test_an_emergency_request_of_a_closed_case_is_approved_by_nobody(api, closed_world, caller):
    waiting = closed_world["waiting"]
    statuses = (403, 409, 403, 404, 403, 403)
    expected = dict(zip(EMERGENCY_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    path = f"/v1/emergency-requests/{waiting}/approve"
    answered_as(api, EMERGENCY_CALLERS, caller, "POST", path, {}, expected[caller], closed_world)
    assert api.call("GET", f"/v1/emergency-requests/{waiting}", "META").status_code == 404


# The registry: the operator's two persons, and every other kind of caller -----------------------

OPERATOR, SECOND_OPERATOR = "operator", "operator's second person"
#: An agency and a platform whose tokens claim the operator's scope: only who they are refuses them.
REGISTRY_CALLERS = {
    OPERATOR: "CASEBRIDGE",
    SECOND_OPERATOR: ("CASEBRIDGE", {"sub": "second.operator@casebridge.example"}),
    OWNER: ("DEA", {"scope": "cases:read registry:admin"}),
    PLATFORM: ("META", {"scope": "tips:submit registry:admin"}),
}
_SHERIFF = {
    "code": "NVWASHOE",
    "name": "Washoe County Sheriff's Office",
    "kind": "local_agency",
    "ori": "NV0160000",
    "jurisdiction": {"state": "NV", "county": "Washoe"},
    "verification_line": "+17753283000",
}
#: `{proposed}` awaits approval (its proposer is the operator's first person); `{suspended}` is
#: suspended; `{active}` is an active agency.
REGISTRY_ROUTES = {
    "propose": ("POST", "/v1/organisations", _SHERIFF, (201, 201, 403, 403)),
    "read an entry": ("GET", "/v1/organisations/{proposed}", None, (200, 200, 403, 403)),
    "what waits for a second person": ("GET", "/v1/registry/pending", None, (200, 200, 403, 403)),
    "approve": ("POST", "/v1/organisations/{proposed}/approve", None, (403, 200, 403, 403)),
    "refuse a proposal (its proposer too)": (
        "POST",
        "/v1/organisations/{proposed}/refuse",
        {"reason": "proposed under the wrong ORI"},
        (200, 200, 403, 403),
    ),
    "refuse where nothing waits": (
        "POST",
        "/v1/organisations/{active}/refuse",
        {"reason": "nothing asked"},
        (409, 409, 403, 403),
    ),
    "ask to suspend": ("POST", "/v1/organisations/{active}/suspend", {}, (200, 200, 403, 403)),
    "ask to reinstate": ("POST", "/v1/organisations/{suspended}/reinstate", {}, (200, 200, 403, 403)),
    "directory": ("GET", "/v1/organisations?kind=federal_agency", None, (200, 200, 200, 200)),
    "propose identity providers": (
        "POST",
        "/v1/organisations/{active}/identity-providers",
        {"identity_providers": [], "reason": "its provider is retired"},
        (200, 200, 403, 403),
    ),
    "propose delivery settings": (
        "POST",
        "/v1/organisations/{active}/delivery",
        {"delivery": {"queue_arn": "arn:aws:sqs:us-east-1:222222222222:atf-casebridge"}, "reason": "moved"},
        (200, 200, 403, 403),
    ),
    "propose what a watch center serves": (
        "POST",
        "/v1/organisations/{center}/watch",
        {"watch": {"agencies": ["DEA", "ATF", "HSI"]}, "reason": "HSI joins"},
        (200, 200, 403, 403),
    ),
}


@a_world
def registry_world(api: Api, aws: Any) -> dict[str, str]:
    """A state agency the operator's first person proposed, and USPIS suspended by both."""
    proposed = {
        **_SHERIFF,
        "code": "NVDPS",
        "kind": "state_agency",
        "ori": "NVNHP0000",
        "jurisdiction": {"state": "NV"},
    }
    assert api.call("POST", "/v1/organisations", "CASEBRIDGE", proposed).status_code == 201
    second = REGISTRY_CALLERS[SECOND_OPERATOR][1]
    assert registry_step(api, "USPIS", "suspend").status_code == 200
    assert registry_step(api, "USPIS", "suspend", **second).status_code == 200
    world = {"proposed": "NVDPS", "suspended": "USPIS", "active": "ATF", "center": "WBWATCH"}
    # What a refusal names in If-Match: the version of the entry its caller read.
    etags = {
        f"{name}_etag": api.call("GET", f"/v1/organisations/{code}", "CASEBRIDGE").headers["etag"]
        for name, code in world.items()
    }
    return world | etags


@pytest.mark.parametrize("caller", [*REGISTRY_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(REGISTRY_ROUTES))
def test_registry_routes_answer_the_operators_two_persons_and_nobody_else(api, registry_world, route, caller):
    method, template, body, statuses = REGISTRY_ROUTES[route]
    expected = dict(zip(REGISTRY_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    headers = {}
    if template.endswith(("/refuse", "/suspend", "/reinstate")):  # If-Match: the ETag of the entry named
        headers["If-Match"] = registry_world[re.search(r"\{(\w+)\}", template)[1] + "_etag"]
    path, body = filled(template, body, registry_world)
    response = answered_as(api, REGISTRY_CALLERS, caller, method, path, body, expected[caller], registry_world, headers)
    if route == "directory" and response.status_code == 200:
        assert [org["code"] for org in response.data["items"]] == ["ATF", "DEA", "HSI"]  # USPIS is suspended


def test_a_suspended_organisation_is_refused_on_every_route_it_could_call(api, registry_world):
    for method, path in [("GET", "/v1/cases"), ("GET", "/v1/organisations"), ("GET", "/v1/events")]:
        refused = api.call(method, path, "USPIS")
        assert refused.status_code == 403, path
        assert "USPIS is suspended" in refused.data["detail"]


# Each organisation's persons: its administrators, and every other kind of caller ---------------

ADMIN, OFFICER = "administrator", "officer with the scope"
OTHER_ADMIN, PLATFORM_ADMIN = "another agency's administrator", "a platform's administrator"
#: Each holds `people:admin` (the operator, its own scope): only who they are refuses them.
PEOPLE_CALLERS = {
    ADMIN: ("DEA", {"sub": "admin.dea@example.gov", "scope": "people:admin"}),
    OFFICER: ("DEA", {"scope": "cases:read people:admin"}),
    OTHER_ADMIN: ("ATF", {"sub": "admin.atf@example.gov", "scope": "people:admin"}),
    PLATFORM_ADMIN: ("META", {"sub": "admin.meta@example.gov", "scope": "people:admin"}),
    OPERATOR: "CASEBRIDGE",
}


def _registration(login: str, roles: list[str]) -> dict[str, Any]:
    return {
        "issuer": "https://issuer.casebridge.local",
        "subject": f"{login}@example.gov",
        "name": f"SA {login}",
        "email": f"{login}@dea.example.gov",
        "roles": roles,
    }


#: `{pending}` awaits verification; `{active}` was verified; `{suspended}` is suspended: DEA's.
PEOPLE_ROUTES = {
    "register a person": ("POST", "/v1/people", _registration("row.officer", ["officer"]), (201, 403, 400, 400, 403)),
    "list persons": ("GET", "/v1/people", None, (200, 403, 200, 200, 403)),
    "read a person": ("GET", "/v1/people/{active}", None, (200, 403, 404, 404, 200)),
    "change a person": ("PATCH", "/v1/people/{active}", {"title": "Senior SA"}, (200, 403, 404, 404, 403)),
    "verify a person": ("POST", "/v1/people/{pending}/verify", {}, (200, 403, 404, 404, 403)),
    "suspend a person": ("POST", "/v1/people/{active}/suspend", {"reason": "left"}, (200, 403, 404, 404, 200)),
    "revoke a person": ("POST", "/v1/people/{active}/revoke", {}, (200, 403, 404, 404, 200)),
    "reinstate a person": ("POST", "/v1/people/{suspended}/reinstate", {}, (200, 403, 404, 404, 403)),
    "register an administrator": (
        "POST",
        "/v1/organisations/{dea}/administrators",
        _registration("second.admin", ["admin"]),
        (403, 403, 403, 403, 201),
    ),
}


@a_world
def people_world(api: Api, aws: Any) -> dict[str, str]:
    """Three persons DEA's administrator registered: one pending, one verified, one suspended."""
    org, admin = PEOPLE_CALLERS[ADMIN]
    ids = {}
    for name in ("pending", "active", "suspended"):
        registered = api.call("POST", "/v1/people", org, _registration(f"{name}.officer", ["officer"]), **admin)
        assert registered.status_code == 201, registered.body
        ids[name] = registered.data["person_id"]
    for name in ("active", "suspended"):
        verified = api.call("POST", f"/v1/people/{ids[name]}/verify", org, {}, {"If-Match": '"v1"'}, **admin)
        assert verified.status_code == 200
    assert api.call("POST", f"/v1/people/{ids['suspended']}/suspend", org, {}, **admin).status_code == 200
    return {**ids, "dea": "DEA", "active_etag": '"v2"'}


@pytest.mark.parametrize("caller", [*PEOPLE_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(PEOPLE_ROUTES))
def test_people_routes_answer_their_organisations_administrators_and_the_operator(api, people_world, route, caller):
    method, template, body, statuses = PEOPLE_ROUTES[route]
    expected = dict(zip(PEOPLE_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    headers = {"If-Match": people_world["active_etag"]} if method == "PATCH" else None
    if template.endswith("/verify"):  # the pending person, as registered
        headers = {"If-Match": '"v1"'}
    path, body = filled(template, body, people_world)
    answered_as(api, PEOPLE_CALLERS, caller, method, path, body, expected[caller], people_world, headers)


# Reports of figures: each kind of organisation reads its own, oversight the nation's -----------

AGENCY_READER, PLATFORM_READER, OVERSIGHT, WATCH_CENTER = "agency", "platform", "oversight", "watch center"
#: RISSAFE, a watch center, signs in through an identity provider only the registry names.
WATCH_ISSUER = DevIssuer.generate("https://idp.rissafe.example")
REPORT_CALLERS = {AGENCY_READER: "DEA", PLATFORM_READER: "META", OVERSIGHT: "ONDCP", OPERATOR: "CASEBRIDGE"}
#: Each report, and what each kind of caller is answered: another kind's report is answered as
#: a report that does not exist (404); a kind no report is for (the operator) is refused (403).
REPORT_ROUTES = {
    "transparency report": (
        "GET",
        "/v1/reports/{report}?period=2026-H2",
        "transparency",
        {AGENCY_READER: 404, PLATFORM_READER: 200, OVERSIGHT: 404, WATCH_CENTER: 404, OPERATOR: 403},
    ),
    "agency report": (
        "GET",
        "/v1/reports/{report}?period=2026-Q3",
        "agency",
        {AGENCY_READER: 200, PLATFORM_READER: 404, OVERSIGHT: 404, WATCH_CENTER: 404, OPERATOR: 403},
    ),
    "national picture": (
        "GET",
        "/v1/reports/{report}?period=2026-H2",
        "national",
        {AGENCY_READER: 404, PLATFORM_READER: 404, OVERSIGHT: 200, WATCH_CENTER: 404, OPERATOR: 403},
    ),
    "progress report": (
        "GET",
        "/v1/reports/{report}?period=2026-H1",
        "progress",
        {AGENCY_READER: 404, PLATFORM_READER: 404, OVERSIGHT: 200, WATCH_CENTER: 404, OPERATOR: 403},
    ),
    "watch center report": (
        "GET",
        "/v1/reports/{report}?period=2026-Q4",
        "watch",
        {AGENCY_READER: 404, PLATFORM_READER: 404, OVERSIGHT: 404, WATCH_CENTER: 200, OPERATOR: 403},
    ),
}


@a_world
def reports_world(api: Api, aws: Any) -> dict[str, str]:
    """RISSAFE, a watch center, in the registry with its own identity provider."""
    from chalicelib.domain.organisations import IdentityProvider, Organisation, OrgKind, Watch
    from chalicelib.wiring import organisations

    provider = IdentityProvider(WATCH_ISSUER.issuer, jwks=WATCH_ISSUER.jwks())
    center = Organisation(
        "RISSAFE", "RISSafe", OrgKind.WATCH_CENTER, identity_providers=(provider,), watch=Watch(states=("PA",))
    )
    assert organisations().seed([center])
    return {}


def report_answer(api: Api, caller: str, path: str) -> Any:
    if caller == WATCH_CENTER:
        headers = {"Authorization": f"Bearer {WATCH_ISSUER.token('RISSAFE', scope='reports:read')}"}
        return api.call("GET", path, None, headers=headers)
    if caller == NO_TOKEN:
        return api.call("GET", path, None)
    if caller == FORGED:
        return api.call("GET", path, None, headers={"Authorization": f"Bearer {forged_token('DEA')}"})
    return api.call("GET", path, REPORT_CALLERS[caller], scope="reports:read registry:admin")


@pytest.mark.parametrize("caller", [*REPORT_CALLERS, WATCH_CENTER, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(REPORT_ROUTES))
def test_each_reads_only_its_own_report_and_oversight_the_national_one(api, reports_world, route, caller):
    _, template, name, expected = REPORT_ROUTES[route]
    response = report_answer(api, caller, template.format(report=name))
    assert response.status_code == {NO_TOKEN: 401, FORGED: 401, **expected}[caller], response.body
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"
    if response.status_code == 404:  # answered exactly as a report that does not exist
        absent = report_answer(api, caller, template.format(report="nosuch"))
        assert response.data["detail"] == absent.data["detail"].replace("nosuch", name)
        assert "visible to you" in response.data["detail"]


# Every operation has a row ----------------------------------------------------------------------

#: The routes anyone may call, with or without a token, and so no row of need-to-know:
PUBLIC = {
    ("GET", "/v1/health"),  # that the API answers, and its version: load balancers call it
    ("GET", "/v1/openapi.json"),  # the document itself (not in it): clients are generated from it
}
# The watch center (issue 33): WBWATCH serves DEA and ATF, whose operations conflict three times over:
# `{watched}` open, `{owned}` taken by WBWATCH's officer, `{waived}` with DEA's officer's waiver
# asked. NEWATCH serves neither side; HSI is no side of it; every caller's token holds the scopes
# of its kind, so that only who it is refuses it.
CENTER, SECOND_WATCHER, SIDE, COMMANDER, OTHER_SIDE, BYSTANDER, OTHER_CENTER = (
    "watch center",
    "watch center's second person",
    "side",
    "side's commander",
    "other side",
    "agency of neither side",
    "center serving neither side",
)
_WAIVE = "cases:read cases:write deconfliction:waive"
WATCH_CALLERS = {
    CENTER: "WBWATCH",
    SECOND_WATCHER: ("WBWATCH", {"sub": "supervisor.wbwatch@example.gov"}),
    SIDE: "DEA",
    COMMANDER: ("DEA", {"sub": "supervisor.dea@example.gov", "scope": _WAIVE}),
    OTHER_SIDE: "ATF",
    BYSTANDER: ("HSI", {"scope": _WAIVE}),
    OTHER_CENTER: ("NEWATCH", {"scope": "conflicts:watch"}),
    PLATFORM: "META",
}
_OUTCOME = {"outcome": "joint", "note": "one team"}
WATCH_ROUTES = {
    "the watch floor's list": ("GET", "/v1/conflicts", None, (200, 200, 403, 403, 403, 403, 200, 403)),
    "read a conflict": ("GET", "/v1/conflicts/{watched}", None, (200, 200, 200, 200, 200, 404, 404, 403)),
    "own": ("POST", "/v1/conflicts/{watched}/own", {}, (200, 200, 403, 403, 403, 403, 404, 403)),
    "hand over": (
        "POST",
        "/v1/conflicts/{owned}/handover",
        {"to": "{second_watcher}"},
        (200, 200, 403, 403, 403, 403, 404, 403),  # a supervisor may take it over too
    ),
    "notify": ("POST", "/v1/conflicts/{owned}/notify", {}, (200, 200, 403, 403, 403, 403, 404, 403)),
    "confirm contact": ("POST", "/v1/conflicts/{watched}/contact", {}, (403, 403, 200, 200, 200, 404, 403, 403)),
    "resolve": ("POST", "/v1/conflicts/{watched}/resolve", _OUTCOME, (200, 200, 200, 200, 200, 404, 404, 403)),
    "ask for a waiver": (
        "POST",
        "/v1/conflicts/{watched}/waiver",
        {"reason": "hostage"},
        (403, 403, 200, 200, 200, 404, 403, 403),
    ),
    "concur with a waiver": (
        "POST",
        "/v1/conflicts/{waived}/waiver/concur",
        {},
        (403, 403, 403, 200, 403, 404, 403, 403),
    ),
}


@a_world
def watch_world(api: Api, aws: Any) -> dict[str, str]:
    from chalicelib.domain.people import person_id
    from tests.conftest import ISSUER

    center = {
        "code": "NEWATCH",
        "name": "New England Watch Center",
        "kind": "watch_center",
        "identity_providers": [{"issuer": ISSUER.issuer, "jwks": ISSUER.jwks()}],
        "watch": {"agencies": ["USPIS"]},
    }
    assert api.call("POST", "/v1/organisations", "CASEBRIDGE", center).status_code == 201
    second = REGISTRY_CALLERS[SECOND_OPERATOR][1]
    assert api.call("POST", "/v1/organisations/NEWATCH/approve", "CASEBRIDGE", **second).status_code == 200
    planned = load_event("api/register-operation.json")
    dea_case, atf_case = api.open_case("DEA")["case_id"], api.open_case("ATF")["case_id"]
    for lat in (38.85, 38.90, 38.95):  # three places 5.5 km apart: a conflict at each
        where = {**planned["location"], "lat": lat}
        for org, case in (("DEA", dea_case), ("ATF", atf_case)):
            body = {**planned, "case_id": case, "location": where}
            assert api.call("POST", "/v1/operations", org, body).status_code == 201
    settled(aws)
    watched, owned, waived = (item["conflict_id"] for item in api.call("GET", "/v1/conflicts", "WBWATCH").data["items"])
    assert api.call("POST", f"/v1/conflicts/{owned}/own", "WBWATCH", {}).status_code == 200
    assert api.call("POST", f"/v1/conflicts/{waived}/waiver", "DEA", {"reason": "hostage"}).status_code == 200
    second_watcher = person_id(ISSUER.issuer, "supervisor.wbwatch@example.gov")
    return {"watched": watched, "owned": owned, "waived": waived, "second_watcher": second_watcher}


@pytest.mark.parametrize("caller", [*WATCH_CALLERS, NO_TOKEN, FORGED])
@pytest.mark.parametrize("route", list(WATCH_ROUTES))
def test_watch_center_routes_answer_each_caller_as_need_to_know_requires(api, watch_world, route, caller):
    method, template, body, statuses = WATCH_ROUTES[route]
    expected = dict(zip(WATCH_CALLERS, statuses, strict=True)) | {NO_TOKEN: 401, FORGED: 401}
    path, body = filled(template, body, watch_world)
    response = answered_as(api, WATCH_CALLERS, caller, method, path, body, expected[caller], watch_world)
    if response.status_code == 200 and route == "the watch floor's list":
        listed = {item["conflict_id"] for item in response.data["items"]}
        assert listed == (
            {watch_world[name] for name in ("watched", "owned", "waived")} if caller != OTHER_CENTER else set()
        )


MATRIX = (
    ROUTES,
    PLATFORM_ROUTES,
    LEGAL_ROUTES,
    EMERGENCY_ROUTES,
    REGISTRY_ROUTES,
    PEOPLE_ROUTES,
    REPORT_ROUTES,
    WATCH_ROUTES,
)


def _shape(path: str) -> str:
    """A path without its query, its parameters unnamed: `/v1/cases/{}/close`."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0])


def test_every_operation_has_a_row_in_the_matrix():
    """A new route fails here until a row says what each kind of caller gets from it."""
    from chalicelib.api.openapi import document

    documented = {(method.upper(), _shape(path)) for path, ops in document()["paths"].items() for method in ops}
    rows = {(method, _shape(template)) for table in MATRIX for method, template, *_ in table.values()}
    public = {(method, _shape(path)) for method, path in PUBLIC}
    missing = sorted(documented - rows - public)
    assert not missing, f"add a row to the authorization matrix for {missing}"
    assert rows <= documented, f"rows for routes the API does not have: {sorted(rows - documented)}"
    assert not rows & public, "a public route needs no row"


def test_the_public_routes_are_the_operations_that_need_no_token():
    from app import app
    from chalicelib.api.openapi import document

    served = {(method, path) for path, route in app.routes.items() for method in route}
    assert served >= PUBLIC
    paths = document()["paths"]
    tokenless = {
        (method.upper(), path) for path, ops in paths.items() for method, op in ops.items() if op.get("security") == []
    }
    assert tokenless == {(method, path) for method, path in PUBLIC if path in paths}


@pytest.mark.parametrize("caller", [OWNER, PLATFORM, NO_TOKEN, FORGED])
@pytest.mark.parametrize(("method", "path"), sorted(PUBLIC))
def test_a_public_route_answers_every_caller(api, method, path, caller):
    answered_as(api, CALLERS, caller, method, path, None, 200, {})


# What one test writes, no other test sees ----------------------------------------------------------

#: Each of the two tests below writes its mark to every service the worlds live in, then looks
#: for the other's: in whichever order they run, the second would find the first's.
MARKS = ("isolation-first", "isolation-second")


def marks_found(api: Api, aws: Any, case: str) -> set[str]:
    """The marks in the case's notes (DynamoDB), the evidence bucket (S3), the delivery dead-letter
    queue (SQS, empty in the worlds), the bus's rules (EventBridge)."""
    notes = {note["text"] for note in api.call("GET", f"/v1/cases/{case}/notes", "DEA").data["items"]}
    listed = boto3.client("s3").list_objects_v2(Bucket=aws.topology.evidence_bucket, Prefix="isolation-")
    objects = {item["Key"] for item in listed.get("Contents", [])}
    queue = aws.delivery_dead_letter_queue_url
    received = boto3.client("sqs").receive_message(QueueUrl=queue, MaxNumberOfMessages=10, VisibilityTimeout=0)
    messages = {message["Body"] for message in received.get("Messages", [])}
    rules = {rule["Name"] for rule in boto3.client("events").list_rules(NamePrefix="isolation-")["Rules"]}
    return (notes | objects | messages | rules) & set(MARKS)


def write_mark(api: Api, aws: Any, case: str, mark: str) -> None:
    assert api.call("POST", f"/v1/cases/{case}/notes", "DEA", {"text": mark}).status_code == 201
    boto3.client("s3").put_object(Bucket=aws.topology.evidence_bucket, Key=mark, Body=b"x")
    boto3.client("sqs").send_message(QueueUrl=aws.delivery_dead_letter_queue_url, MessageBody=mark)
    boto3.client("events").put_rule(Name=mark, EventPattern=json.dumps({"source": [mark]}))


@pytest.mark.parametrize("mark", MARKS)
def test_what_a_test_writes_no_other_test_sees(api, aws, world, mark):
    assert marks_found(api, aws, world["case"]) == set()
    write_mark(api, aws, world["case"], mark)
    assert marks_found(api, aws, world["case"]) == {mark}
