"""Legal process between agencies and platforms (issue 18): a subpoena, a 2703(d) court order
or a search warrant served through casebridge on a platform, which acknowledges and answers
it; the kind sets what may be asked (18 U.S.C. 2703), and the platform never learns the case."""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta
from typing import Any

import jsonschema
import pytest

from tests.conftest import load_event
from tests.test_files import SCREENSHOT, declare, upload

KINDS = ("subpoena", "court_order", "search_warrant")
CATEGORIES = ("subscriber", "non_content", "content")
ALLOWED = {
    "subpoena": {"subscriber"},
    "court_order": {"subscriber", "non_content"},
    "search_warrant": {"subscriber", "non_content", "content"},
}


def served(**fields: Any) -> dict[str, Any]:
    body = load_event("api/serve-legal-request.json")
    body.update(fields)
    return {key: value for key, value in body.items() if value is not None}


def legal_document(api, aws, case_id: str, org: str = "DEA", **fields: Any) -> str:
    """A signed document `org` declares on the case for legal process, uploaded and checked."""
    declared = declare(api, case_id, org, purpose="legal_process", **fields)
    assert declared.status_code == 201, declared.body
    upload(aws, declared.data, SCREENSHOT)
    return str(declared.data["file"]["file_id"])


@pytest.fixture
def document(api, aws) -> dict[str, str]:
    """DEA's case, and the signed order: a file DEA declared on it for legal process, available."""
    case_id = api.open_case("DEA")["case_id"]
    return {"case": case_id, "file": legal_document(api, aws, case_id)}


def serve(api, case_id: str, org: str = "DEA", **fields: Any) -> Any:
    return api.call("POST", f"/v1/cases/{case_id}/legal-requests", org, served(**fields))


@pytest.mark.parametrize(
    ("kind", "categories"),
    [(kind, list(chosen)) for kind in KINDS for n in (1, 2, 3) for chosen in itertools.combinations(CATEGORIES, n)],
)
def test_the_kind_of_process_sets_the_records_it_may_compel(api, document, kind, categories):
    answer = serve(api, document["case"], kind=kind, categories=categories, document_file_id=document["file"])
    beyond = [category for category in categories if category not in ALLOWED[kind]]
    if not beyond:
        assert answer.status_code == 201, answer.body
        assert answer.data["categories"] == categories
        return
    assert answer.status_code == 400, answer.body
    assert answer.headers["content-type"] == "application/problem+json"
    [error] = answer.data["errors"]
    assert error["field"] == f"categories.{categories.index(beyond[0])}"
    assert beyond[0] in error["message"]


def test_a_court_order_or_warrant_is_served_with_its_signed_document_and_a_subpoena_may_be(api, document):
    for kind in ("court_order", "search_warrant"):
        refused = serve(api, document["case"], kind=kind, categories=["subscriber"])
        assert refused.status_code == 400 and refused.data["errors"][0]["field"] == "document_file_id"
    assert serve(api, document["case"], kind="subpoena", categories=["subscriber"]).status_code == 201


def test_the_document_must_be_an_available_file_of_the_same_case(api, aws, document):
    other = api.open_case("DEA")["case_id"]
    elsewhere = serve(api, other, document_file_id=document["file"])
    assert elsewhere.status_code == 409 and "not a file DEA declared on this case" in elsewhere.data["detail"]
    pending = declare(api, document["case"], purpose="legal_process").data["file"]["file_id"]
    waiting = serve(api, document["case"], document_file_id=pending)
    assert waiting.status_code == 409 and "pending_upload" in waiting.data["detail"]
    # An agency with no part in the case learns nothing of its files: the case is absent.
    hidden = serve(api, document["case"], "ATF", document_file_id=pending)
    assert hidden.status_code == 404


def test_the_platform_served_reads_the_process_and_its_document_but_never_the_case(api, document):
    sent = serve(api, document["case"], document_file_id=document["file"]).data
    request_id = sent["request_id"]
    assert (sent["status"], sent["case_id"]) == ("sent", document["case"])
    read = api.call("GET", f"/v1/legal-requests/{request_id}", "META")
    assert read.status_code == 200, read.body
    assert read.data["case_id"] is None and document["case"] not in read.body.decode()
    assert read.data["nondisclosure_until"] == "2027-06-01T00:00:00Z"
    assert read.data["date_range"] == {"from": "2026-09-01T00:00:00Z", "to": "2026-11-30T23:59:59Z"}
    assert [a["value"] for a in read.data["accounts"]] == ["plug.nyc", "17841400000000001"]
    # Serving the order shares that one file with META, and no other platform.
    file = api.call("GET", f"/v1/files/{document['file']}", "META")
    assert file.status_code == 200 and file.data["case_id"] is None
    assert api.call("GET", f"/v1/files/{document['file']}/content", "META").status_code == 303
    assert api.call("GET", f"/v1/files/{document['file']}", "TIKTOK").status_code == 404
    assert api.call("GET", f"/v1/legal-requests/{request_id}", "TIKTOK").status_code == 404
    assert api.call("GET", f"/v1/legal-requests/{request_id}", "ATF").status_code == 404
    chain = api.call("GET", f"/v1/files/{document['file']}/custody", "DEA").data["items"]
    served_entry = [entry for entry in chain if entry["event"] == "file.serve"]
    assert [(e["org"], e["reason"]) for e in served_entry] == [("DEA", f"served on META with {request_id}")]
    downloads = [entry for entry in chain if entry["event"] == "file.download"]
    assert [entry["org"] for entry in downloads] == ["META"]


def test_the_platform_acknowledges_and_answers_once_and_the_agency_withdraws_only_before(api, document):
    request_id = serve(api, document["case"], kind="subpoena", categories=["subscriber"]).data["request_id"]
    path = f"/v1/legal-requests/{request_id}"
    acknowledged = api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LERS-88121"})
    assert acknowledged.status_code == 200, acknowledged.body
    assert (acknowledged.data["status"], acknowledged.data["platform_reference"]) == ("acknowledged", "LERS-88121")
    assert api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "again"}).status_code == 409
    rejected = api.call("POST", f"{path}/answer", "META", {"outcome": "rejected"})
    assert rejected.status_code == 400 and rejected.data["errors"][0]["field"] == "reason_code"
    partial = api.call("POST", f"{path}/answer", "META", {"outcome": "partially_produced"})
    assert partial.status_code == 400 and partial.data["errors"][0]["field"] == "detail"
    answered = api.call(
        "POST", f"{path}/answer", "META", {"outcome": "rejected", "reason_code": "no_records", "detail": "No data held"}
    )
    assert answered.status_code == 200, answered.body
    assert answered.data["answer"]["outcome"] == "rejected" and answered.data["status"] == "answered"
    assert api.call("POST", f"{path}/withdraw", "DEA", {"reason": "moot"}).status_code == 409
    assert api.call("POST", f"{path}/answer", "META", {"outcome": "produced"}).status_code == 409

    other = serve(api, document["case"], kind="subpoena", categories=["subscriber"]).data["request_id"]
    withdrawn = api.call("POST", f"/v1/legal-requests/{other}/withdraw", "DEA", {"reason": "Target arrested"})
    assert withdrawn.status_code == 200 and withdrawn.data["status"] == "withdrawn"
    assert api.call("POST", f"/v1/legal-requests/{other}/answer", "META", {"outcome": "produced"}).status_code == 409


def test_each_side_lists_its_own_requests_by_status(api, document):
    first = serve(api, document["case"], kind="subpoena", categories=["subscriber"]).data["request_id"]
    second = serve(api, document["case"], kind="subpoena", categories=["subscriber"]).data["request_id"]
    api.call("POST", f"/v1/legal-requests/{first}/acknowledge", "META", {"platform_reference": "R-1"})
    inbox = api.call("GET", "/v1/legal-requests", "META").data["items"]
    assert [item["request_id"] for item in inbox] == [second, first]
    sent = api.call("GET", "/v1/legal-requests?status=sent", "META").data["items"]
    assert [item["request_id"] for item in sent] == [second]
    assert all(item["case_id"] is None for item in inbox)
    assert [i["request_id"] for i in api.call("GET", "/v1/legal-requests", "DEA").data["items"]] == [second, first]
    assert api.call("GET", "/v1/legal-requests", "TIKTOK").data["items"] == []
    assert api.call("GET", "/v1/legal-requests", "ATF").data["items"] == []


def test_every_step_is_news_to_both_sides_and_names_nothing_of_the_process(api, aws, pump, document):
    from chalicelib.wiring import timer_scheduler
    from tests.test_events import drain_queues, schema_for

    drain_queues(aws)
    answered = serve(api, document["case"], document_file_id=document["file"]).data
    path = f"/v1/legal-requests/{answered['request_id']}"
    api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LERS-1"})
    api.call("POST", f"{path}/answer", "META", {"outcome": "produced"})
    withdrawn = serve(api, document["case"], kind="subpoena", categories=["subscriber"]).data
    api.call("POST", f"/v1/legal-requests/{withdrawn['request_id']}/withdraw", "DEA", {"reason": "moot"})
    overdue = serve(api, document["case"], kind="subpoena", categories=["subscriber"]).data
    due = datetime.fromisoformat(overdue["due_at"])
    assert timer_scheduler().run(due - timedelta(seconds=1)).fired == 0
    assert timer_scheduler().run(due + timedelta(seconds=1)).fired == 1
    assert timer_scheduler().run(due + timedelta(hours=2)).fired == 0
    pump.drain()
    events = [e for e in drain_queues(aws) if e["detail-type"].startswith("Legal Request")]
    kinds = sorted(e["detail-type"] for e in events if e["detail"]["recipients"] == ["DEA", "META"])
    assert sorted({e["detail-type"] for e in events}) == [
        "Legal Request Acknowledged",
        "Legal Request Answered",
        "Legal Request Overdue",
        "Legal Request Sent",
        "Legal Request Withdrawn",
    ]
    assert len(kinds) == len(events) // 2 * 2 or kinds  # each event reaches both queues
    for event in events:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
        text = json.dumps(event)
        for secret in (document["case"], "plug.nyc", "1:26-mj-04417", "non_content", "LERS-1"):
            assert secret not in text
    [outcome] = [e["detail"]["outcome"] for e in events if e["detail-type"] == "Legal Request Answered"][:1]
    assert outcome == "produced"


def test_serving_is_one_write_and_a_document_adds_the_reads_of_its_case_and_file(api, document, dynamo_calls):
    """Each sensitive act reads its person first: one GetItem (`services.people.standing`)."""
    dynamo_calls.reset()
    assert serve(api, document["case"], kind="subpoena", categories=["subscriber"]).status_code == 201
    assert dynamo_calls.operations == ["GetItem", "TransactWriteItems"]
    dynamo_calls.reset()
    request_id = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    assert dynamo_calls.operations == ["GetItem", "GetItem", "GetItem", "TransactWriteItems"]
    dynamo_calls.reset()
    api.call("GET", f"/v1/legal-requests/{request_id}", "META")
    assert dynamo_calls.operations == ["GetItem", "PutItem", "GetItem"]  # and its requester, as registered now
    dynamo_calls.reset()
    api.call("GET", f"/v1/legal-requests/{request_id}", "DEA")
    assert dynamo_calls.operations == ["GetItem", "GetItem", "PutItem", "GetItem"]
    dynamo_calls.reset()
    api.call("POST", f"/v1/legal-requests/{request_id}/acknowledge", "META", {"platform_reference": "R"})
    assert dynamo_calls.operations == ["GetItem", "GetItem", "TransactWriteItems"]  # the request, the person


def produce(api, aws, request_id: str, content: bytes = SCREENSHOT, org: str = "META") -> Any:
    """The platform uploads a production file to the request: declared, PUT, checked."""
    from tests.test_files import declaration

    declared = api.call("POST", f"/v1/legal-requests/{request_id}/files", org, declaration(content))
    if declared.status_code == 201:
        upload(aws, declared.data, content)
    return declared


def test_a_productions_files_join_the_case_with_their_custody_once_the_request_is_answered(
    api, aws, pump, document, dynamo_calls
):
    request_id = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    declared = produce(api, aws, request_id)
    assert declared.status_code == 201, declared.body
    file_id = declared.data["file"]["file_id"]
    assert declared.data["file"]["case_id"] is None
    assert api.call("GET", f"/v1/files/{file_id}", "META").data["status"] == "available"
    # Before the answer, the production is the platform's alone.
    assert api.call("GET", f"/v1/files/{file_id}", "DEA").status_code == 404
    assert file_id not in api.call("GET", f"/v1/cases/{document['case']}/files", "DEA").body.decode()
    assert produce(api, aws, request_id, org="TIKTOK").status_code == 404
    assert produce(api, aws, request_id, org="DEA").status_code == 403

    answer = {"outcome": "produced", "file_ids": [file_id]}
    dynamo_calls.reset()
    answered = api.call("POST", f"/v1/legal-requests/{request_id}/answer", "META", answer)
    assert answered.status_code == 200, answered.body
    # The request, the legal desk's person, the produced file, and one transaction for the answer and the file's move.
    assert dynamo_calls.operations == ["GetItem", "GetItem", "GetItem", "TransactWriteItems"]
    assert answered.data["answer"]["file_ids"] == [file_id]
    pump.drain()
    listed = api.call("GET", f"/v1/cases/{document['case']}/files", "DEA").data["items"]
    assert file_id in [item["file_id"] for item in listed]
    assert api.call("GET", f"/v1/files/{file_id}/content", "DEA").status_code == 303
    chain = api.call("GET", f"/v1/files/{file_id}/custody", "DEA").data["items"]
    assert [(entry["event"], entry["org"]) for entry in chain] == [
        ("file.declare", "META"),
        ("file.verify", "CASEBRIDGE"),
        ("file.transfer", "META"),
        ("file.download", "DEA"),
    ]
    assert chain[2]["reason"] == f"produced on {request_id}"
    # The platform keeps reading its file's status, never the case.
    seen = api.call("GET", f"/v1/files/{file_id}", "META")
    assert seen.data["case_id"] is None and document["case"] not in seen.body.decode()
    # Answered: no more files.
    assert produce(api, aws, request_id).status_code == 409


def test_an_answer_names_only_the_platforms_own_available_productions_of_that_request(api, aws, document):
    first = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    second = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    other = produce(api, aws, second).data["file"]["file_id"]
    waiting = api.call("POST", f"/v1/legal-requests/{first}/files", "META", load_event("api/declare-file.json"))
    path = f"/v1/legal-requests/{first}/answer"
    for file_id in (other, waiting.data["file"]["file_id"], document["file"], "file_01ARZ3NDEKTSV4RRFFQ69G5FAV"):
        refused = api.call("POST", path, "META", {"outcome": "produced", "file_ids": [file_id]})
        assert refused.status_code == 409, (file_id, refused.body)
    rejected = {"outcome": "rejected", "reason_code": "no_records", "detail": "None", "file_ids": [other]}
    assert api.call("POST", path, "META", rejected).data["errors"][0]["field"] == "file_ids"
    assert api.call("GET", f"/v1/legal-requests/{first}", "META").data["status"] == "sent"


def test_a_production_is_news_to_the_case_only_once_answered_and_its_rejection_to_the_platform_alone(
    api, aws, pump, document
):
    from tests.test_events import drain_queues, schema_for
    from tests.test_files import declaration

    pump.drain()
    drain_queues(aws)  # the order's own File Added
    request_id = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    good = produce(api, aws, request_id).data["file"]["file_id"]
    bad = api.call("POST", f"/v1/legal-requests/{request_id}/files", "META", declaration(SCREENSHOT)).data
    upload(aws, bad, b"not what was declared")
    pump.drain()
    drain = [e for e in drain_queues(aws) if e["detail-type"].startswith("File")]
    assert [(e["detail-type"], e["detail"]["recipients"], e["detail"]["request_id"]) for e in drain] == [
        ("File Rejected", ["META"], request_id)
    ]
    api.call("POST", f"/v1/legal-requests/{request_id}/answer", "META", {"outcome": "produced", "file_ids": [good]})
    pump.drain()
    added = [e for e in drain_queues(aws) if e["detail-type"] == "File Added"]
    assert [(e["detail"]["file_id"], e["detail"]["case_id"], e["detail"]["recipients"]) for e in added] == [
        (good, document["case"], ["DEA"])
    ]
    for event in drain + added:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))


def test_process_that_follows_a_preservation_is_shown_on_it_warns_if_it_ends_first_and_fulfils_it(api, pump, document):
    from chalicelib.wiring import timer_scheduler

    preservation = api.call(
        "POST", f"/v1/cases/{document['case']}/preservations", "DEA", load_event("api/request-preservation.json")
    ).data
    pres_id = preservation["preservation_id"]
    ends = datetime.fromisoformat(preservation["expires_at"])
    # Due after the preservation ends: the answer says to extend it.
    late = (ends + timedelta(days=5)).isoformat()
    sent = serve(
        api, document["case"], kind="subpoena", categories=["subscriber"], preservation_id=pres_id, due_at=late
    )
    assert sent.status_code == 201, sent.body
    assert len(sent.data["warnings"]) == 1 and pres_id in sent.data["warnings"][0]
    request_id = sent.data["request_id"]
    assert api.call("GET", f"/v1/legal-requests/{request_id}", "META").data["warnings"] == []
    shown = api.call("GET", f"/v1/preservations/{pres_id}", "META").data
    assert shown["legal_request_ids"] == [request_id]
    timely = serve(api, document["case"], kind="subpoena", categories=["subscriber"], preservation_id=pres_id)
    assert timely.data["warnings"] == []
    # Another platform's preservation, or another case's, cannot be followed.
    assert (
        serve(
            api,
            document["case"],
            platform="TIKTOK",
            kind="subpoena",
            categories=["subscriber"],
            accounts=[{"service": "TIKTOK", "handle": "@plug"}],
            preservation_id=pres_id,
        ).status_code
        == 409
    )
    other = api.open_case("DEA")["case_id"]
    assert serve(api, other, kind="subpoena", categories=["subscriber"], preservation_id=pres_id).status_code == 409

    answered = api.call("POST", f"/v1/legal-requests/{request_id}/answer", "META", {"outcome": "produced"})
    assert answered.status_code == 200, answered.body
    assert api.call("GET", f"/v1/preservations/{pres_id}", "DEA").data["status"] == "fulfilled"
    assert api.call("POST", f"/v1/preservations/{pres_id}/extend", "DEA").status_code == 409
    # Its timers find it fulfilled, and leave without news.
    for due in (ends - timedelta(days=14), ends):
        run = timer_scheduler().run(due + timedelta(seconds=1))
        assert (run.fired, run.dropped) == (0, 1)
    assert api.call("GET", f"/v1/preservations/{pres_id}", "DEA").data["status"] == "fulfilled"


def test_nondisclosure_is_shown_to_the_platform_and_its_end_is_news_once_each(api, aws, pump, document):
    """14 days before the order ends the agency alone is told (time to seek an extension); at
    the end both are. Extending it with a new order moves both timers, and serves the order."""
    from chalicelib.wiring import timer_scheduler
    from tests.test_events import drain_queues, schema_for

    until = datetime.fromisoformat("2027-06-01T00:00:00+00:00")
    request_id = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    assert api.call("GET", f"/v1/legal-requests/{request_id}", "META").data["nondisclosure_until"] == (
        "2027-06-01T00:00:00Z"
    )
    pump.drain()
    drain_queues(aws)
    warn = until - timedelta(days=14)
    assert timer_scheduler().run(warn - timedelta(seconds=1)).fired == 0
    assert timer_scheduler().run(warn + timedelta(seconds=1)).fired == 1
    assert timer_scheduler().run(until + timedelta(seconds=1)).fired == 1
    assert timer_scheduler().run(until + timedelta(hours=2)).fired == 0
    pump.drain()
    events = [e for e in drain_queues(aws) if e["detail-type"].startswith("Nondisclosure")]
    seen = sorted((e["detail-type"], tuple(e["detail"]["recipients"])) for e in events)
    assert seen == [
        ("Nondisclosure Ended", ("DEA", "META")),
        ("Nondisclosure Ending", ("DEA",)),
    ]  # each event once on the bus, naming its recipients (the delivery function fans out)
    for event in events:
        jsonschema.validate(event["detail"], schema_for(event["detail-type"]))
        assert event["detail"]["nondisclosure_until"] == "2027-06-01T00:00:00Z"


def test_the_serving_agency_extends_nondisclosure_with_a_new_order_which_moves_its_timers(api, aws, document):
    from chalicelib.wiring import timer_scheduler

    request_id = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    new_order = legal_document(api, aws, document["case"])
    path = f"/v1/legal-requests/{request_id}/nondisclosure"
    later = {"until": "2027-12-01T00:00:00Z", "document_file_id": new_order}
    assert api.call("POST", path, "DEA", {**later, "until": "2027-05-01T00:00:00Z"}).status_code == 400
    assert api.call("POST", path, "META", later).status_code == 403
    assert api.call("POST", path, "ATF", later).status_code == 404
    extended = api.call("POST", path, "DEA", later)
    assert extended.status_code == 200, extended.body
    assert extended.data["nondisclosure_until"] == "2027-12-01T00:00:00Z"
    read = api.call("GET", f"/v1/legal-requests/{request_id}", "META").data
    assert (read["nondisclosure_until"], read["nondisclosure_order_file_id"]) == ("2027-12-01T00:00:00Z", new_order)
    # The new order is served on META like the first.
    assert api.call("GET", f"/v1/files/{new_order}/content", "META").status_code == 303
    # The old end's timers leave without news; the new end's fire.
    old_end = datetime.fromisoformat("2027-06-01T00:00:00+00:00")
    for at in (old_end - timedelta(days=14), old_end):
        run = timer_scheduler().run(at + timedelta(seconds=1))
        assert run.fired == 0, run
    new_end = datetime.fromisoformat("2027-12-01T00:00:00+00:00")
    assert timer_scheduler().run(new_end - timedelta(days=14) + timedelta(seconds=1)).fired == 1
    assert timer_scheduler().run(new_end + timedelta(seconds=1)).fired == 1


def test_a_platforms_inbound_box_is_spread_over_shards_and_pages_newest_first(api, document, dynamo_calls):
    from chalicelib.storage.keys import PLATFORM_BOX_SHARDS

    subpoena = {"kind": "subpoena", "categories": ["subscriber"]}
    served_ids = [serve(api, document["case"], **subpoena).data["request_id"] for _ in range(6)]
    paged, cursor = [], ""
    while True:
        dynamo_calls.reset()
        page = api.call("GET", f"/v1/legal-requests?limit=2{cursor}", "META").data
        assert dynamo_calls.operations.count("Query") <= PLATFORM_BOX_SHARDS and "Scan" not in dynamo_calls.operations
        paged += [item["request_id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert paged == list(reversed(served_ids))
    dynamo_calls.reset()
    api.call("GET", "/v1/legal-requests", "META")
    assert dynamo_calls.operations == ["Query"] * PLATFORM_BOX_SHARDS + ["PutItem"]


# What a platform is given (issue 28, findings 4 and 5): only what the serving agency itself
# sent or declared for legal process, never RED or AMBER+STRICT material, and only while the
# process stands.


def joint_case(api, participant: str = "ATF") -> str:
    """A case DEA owns and `participant` takes part in (it accepted DEA's referral)."""
    case_id = str(api.open_case("DEA")["case_id"])
    referral = api.refer(case_id, participant)
    assert api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", participant).status_code == 200
    return case_id


def disclosed_emergency(api, case_id: str, org: str = "DEA") -> str:
    """An emergency request `org` asked META for on the case, approved, answered with a disclosure."""
    from tests.test_emergency import SUPERVISOR, ask

    request_id = ask(api, case_id, org).data["request_id"]
    supervisor = {**SUPERVISOR, "sub": f"supervisor.{org.lower()}@example.gov"}  # a seeded supervisor
    path = f"/v1/emergency-requests/{request_id}"
    assert api.call("POST", f"{path}/approve", org, {}, **supervisor).status_code == 200
    assert api.call("POST", f"{path}/answer", "META", {"outcome": "disclosed"}).status_code == 200
    return str(request_id)


def sent_and_declared_by_dea(api, aws, case_id: str) -> dict[str, str]:
    """What DEA sent META or declared on the case, by the field of legal process that names it:
    a preservation, an emergency request answered with a disclosure, a document."""
    preservation = load_event("api/request-preservation.json")
    sent = api.call("POST", f"/v1/cases/{case_id}/preservations", "DEA", preservation)
    return {
        "preservation_id": sent.data["preservation_id"],
        "emergency_id": disclosed_emergency(api, case_id),
        "document_file_id": legal_document(api, aws, case_id),
    }


ABSENT = {
    "preservation_id": "pres_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    "emergency_id": "emer_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    "document_file_id": "file_01ARZ3NDEKTSV4RRFFQ69G5FAV",
}


@pytest.mark.parametrize("named", list(ABSENT))
def test_a_participant_cannot_follow_or_carry_another_agencys_preservation_emergency_or_document(api, aws, named):
    """ATF works DEA's case: naming DEA's preservation, emergency disclosure or document would
    show META `requester: ATF` beside `requester: DEA`. It is answered as an absent id is."""
    case_id = joint_case(api)
    deas = sent_and_declared_by_dea(api, aws, case_id)
    subpoena = {"kind": "subpoena", "categories": ["subscriber"]}
    refused = serve(api, case_id, "ATF", **subpoena, **{named: deas[named]})
    absent = serve(api, case_id, "ATF", **subpoena, **{named: ABSENT[named]})
    assert refused.status_code == absent.status_code == 409, refused.body
    assert refused.data["detail"].replace(deas[named], "?") == absent.data["detail"].replace(ABSENT[named], "?")
    # Nothing of DEA's was marked followed or shared, and META sees no request of ATF's.
    assert api.call("GET", "/v1/legal-requests", "ATF").data["items"] == []
    assert api.call("GET", f"/v1/preservations/{deas['preservation_id']}", "META").data["legal_request_ids"] == []
    assert api.call("GET", f"/v1/emergency-requests/{deas['emergency_id']}", "DEA").data["followed_by"] is None
    assert api.call("GET", f"/v1/files/{deas['document_file_id']}", "META").status_code == 404
    # DEA itself follows and carries its own.
    assert serve(api, case_id, "DEA", **subpoena, **{named: deas[named]}).status_code == 201


def test_only_a_document_its_agency_declared_for_legal_process_is_served(api, aws, pump):
    """Not evidence, not a platform's tip file carried to the case (the platform would learn
    which agency got its tip), not a production; and a document is never RED or AMBER+STRICT."""
    from tests.test_files import declaration

    tip = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json")).data["tip_id"]
    pump.drain()
    tip_file = api.call("POST", f"/v1/tips/{tip}/files", "META", declaration()).data
    upload(aws, tip_file, SCREENSHOT)
    case_id = api.open_case("DEA")["case_id"]
    assert api.call("POST", f"/v1/tips/{tip}/link", "DEA", {"case_id": case_id}).status_code == 200
    pump.drain()
    carried = tip_file["file"]["file_id"]
    assert api.call("GET", f"/v1/files/{carried}", "DEA").data["case_id"] == case_id
    evidence = declare(api, case_id).data
    upload(aws, evidence, SCREENSHOT)
    order = legal_document(api, aws, case_id)
    first = serve(api, case_id, document_file_id=order).data["request_id"]
    produced = produce(api, aws, first).data["file"]["file_id"]
    api.call("POST", f"/v1/legal-requests/{first}/answer", "META", {"outcome": "produced", "file_ids": [produced]})

    for file_id in (carried, produced):  # a platform's file: as if it did not exist
        refused = serve(api, case_id, document_file_id=file_id)
        assert refused.status_code == 409 and "not a file DEA declared on this case" in refused.data["detail"]
    refused = serve(api, case_id, document_file_id=evidence["file"]["file_id"])
    assert refused.status_code == 409 and "declared as evidence" in refused.data["detail"]
    for marking in ("RED", "AMBER+STRICT"):
        undeclarable = declare(api, case_id, purpose="legal_process", tlp=marking)
        assert undeclarable.status_code == 400 and undeclarable.data["errors"][0]["field"] == "tlp"
    assert api.call("GET", f"/v1/files/{carried}", "META").data["tlp"] is None  # its own tip file, no marking


def test_the_platform_reads_a_served_document_with_its_own_marking_never_the_cases(api, aws):
    case_id = api.open_case("DEA", tlp="CLEAR")["case_id"]
    order = legal_document(api, aws, case_id)  # AMBER unless the declaration says
    green = legal_document(api, aws, case_id, tlp="GREEN")
    for file_id, marking in ((order, "AMBER"), (green, "GREEN")):
        assert serve(api, case_id, document_file_id=file_id).status_code == 201
        seen = api.call("GET", f"/v1/files/{file_id}", "META").data
        assert (seen["tlp"], seen["purpose"], seen["case_id"]) == (marking, "legal_process", None)


@pytest.mark.parametrize("marking", ["RED", "AMBER+STRICT"])
def test_nothing_of_a_case_marked_red_or_amber_strict_reaches_a_platform(api, aws, marking):
    """TLP 2.0: RED is for the people it names, AMBER+STRICT for the recipient's own
    organisation; a platform is neither, so no request and no document goes to one."""
    from tests.test_emergency import approve, ask

    case_id = api.open_case("DEA")["case_id"]
    order = legal_document(api, aws, case_id)
    preservation = api.call(
        "POST", f"/v1/cases/{case_id}/preservations", "DEA", load_event("api/request-preservation.json")
    ).data["preservation_id"]
    waiting = ask(api, case_id).data["request_id"]
    served = serve(api, case_id, document_file_id=order).data["request_id"]
    etag = api.call("GET", f"/v1/cases/{case_id}", "DEA").headers["etag"]
    remarked = api.call("PATCH", f"/v1/cases/{case_id}", "DEA", {"tlp": marking}, headers={"If-Match": etag})
    assert remarked.status_code == 200, remarked.body

    refusals = {
        "serve": serve(api, case_id, kind="subpoena", categories=["subscriber"]),
        "preserve": api.call(
            "POST", f"/v1/cases/{case_id}/preservations", "DEA", load_event("api/request-preservation.json")
        ),
        "extend preservation": api.call("POST", f"/v1/preservations/{preservation}/extend", "DEA"),
        "ask": ask(api, case_id),
        "approve": approve(api, waiting),
        "extend nondisclosure": api.call(
            "POST",
            f"/v1/legal-requests/{served}/nondisclosure",
            "DEA",
            {"until": "2027-12-01T00:00:00Z", "document_file_id": order},
        ),
    }
    for name, refused in refusals.items():
        assert refused.status_code == 409, (name, refused.body)
        assert f"TLP:{marking}" in refused.data["detail"], (name, refused.data)
    assert api.call("GET", f"/v1/emergency-requests/{waiting}", "META").status_code == 404
    assert [item["request_id"] for item in api.call("GET", "/v1/legal-requests", "META").data["items"]] == [served]


def test_a_withdrawn_requests_documents_leave_the_platforms_view(api, aws, document):
    """Its document and its nondisclosure orders; a document another standing request served stays."""
    shared = legal_document(api, aws, document["case"])
    withdrawn = serve(api, document["case"], document_file_id=document["file"]).data["request_id"]
    standing = serve(api, document["case"], document_file_id=shared).data["request_id"]
    order = legal_document(api, aws, document["case"])
    extended = api.call(
        "POST",
        f"/v1/legal-requests/{withdrawn}/nondisclosure",
        "DEA",
        {"until": "2027-12-01T00:00:00Z", "document_file_id": order},
    )
    assert extended.status_code == 200, extended.body
    for file_id in (document["file"], order):
        assert api.call("GET", f"/v1/files/{file_id}/content", "META").status_code == 303

    assert api.call("POST", f"/v1/legal-requests/{withdrawn}/withdraw", "DEA", {"reason": "moot"}).status_code == 200
    for file_id in (document["file"], order):
        assert api.call("GET", f"/v1/files/{file_id}", "META").status_code == 404
        assert api.call("GET", f"/v1/files/{file_id}/content", "META").status_code == 404
        assert api.call("GET", f"/v1/files/{file_id}", "DEA").status_code == 200  # the case keeps it
    assert api.call("GET", f"/v1/files/{shared}/content", "META").status_code == 303
    assert api.call("GET", f"/v1/legal-requests/{standing}", "META").data["status"] == "sent"
