"""Target deconfliction: hits tell whom to call and nothing else; related cases stay in house."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.timers import RECHECK_AFTER
from chalicelib.services.context import utcnow
from chalicelib.wiring import timer_scheduler
from tests.conftest import load_event
from tests.test_events import drain_queues, schema_for

PHONE = {"type": "phone", "value": "+1 202 555 0143"}
DEA_CONTACT = {"name": "SA Dana Cole", "phone": "+1 202 555 0100", "email": "dana.cole@dea.example"}
HSI_CONTACT = {"name": "SA Lee Park", "phone": "+1 202 555 0111", "email": "lee.park@hsi.example"}
SECRET_TITLE = "Sinaloa courier cell, Queens"
SECRET_SUMMARY = "CI reports weekly pill drops at the Jamaica depot"


def open_case(api, org, contact, title=SECRET_TITLE, **fields):
    return api.open_case(org, title=title, summary=SECRET_SUMMARY, contact=contact, **fields)["case_id"]


def add(api, case_id, org, *identifiers, **headers):
    return api.call("POST", f"/v1/cases/{case_id}/identifiers", org, {"identifiers": list(identifiers)}, headers)


def assert_discloses_nothing_of(text, case_id, *raw_values):
    """No case id, title, summary, note or raw identifier of the other side."""
    for secret in (case_id, SECRET_TITLE, SECRET_SUMMARY, "UC buy Friday", *raw_values):
        assert secret not in text


@pytest.fixture
def dea_case(api):
    case_id = open_case(api, "DEA", DEA_CONTACT)
    api.call("POST", f"/v1/cases/{case_id}/notes", "DEA", {"text": "UC buy Friday"})
    assert add(api, case_id, "DEA", PHONE, {"type": "email", "value": "dea.only@example.com"}).status_code == 201
    return case_id


def test_an_identifier_another_agency_holds_is_a_hit_with_whom_to_call(api, dea_case):
    hsi_case = open_case(api, "HSI", HSI_CONTACT, title="HSI border case")
    response = add(api, hsi_case, "HSI", {"type": "phone", "value": "(202) 555-0143"})
    assert response.status_code == 201, response.body
    assert response.data["identifiers"][0]["value"] == "+12025550143"
    assert response.data["hits"] == [
        {
            "identifier": {
                "type": "phone",
                "value": "+12025550143",
                "platform": None,
                "chain": None,
                "carrier": None,
                "service": None,
            },
            "org": "DEA",
            "contact": DEA_CONTACT,
        }
    ]
    assert response.data["related_cases"] == []
    assert_discloses_nothing_of(response.body.decode(), dea_case, "dea.only@example.com")


def test_both_organisations_keep_the_hit_and_get_an_event(api, aws, pump, dea_case):
    hsi_case = open_case(api, "HSI", HSI_CONTACT, title="HSI border case")
    add(api, hsi_case, "HSI", PHONE)
    pump.drain()
    for org, own_case, other_case, other, contact in (
        ("DEA", dea_case, hsi_case, "HSI", HSI_CONTACT),
        ("HSI", hsi_case, dea_case, "DEA", DEA_CONTACT),
    ):
        hits = api.call("GET", "/v1/deconfliction/hits", org)
        assert hits.status_code == 200
        [hit] = hits.data["items"]
        assert (hit["reason"], hit["case_id"], hit["other_org"], hit["other_contact"]) == (
            "match",
            own_case,
            other,
            contact,
        )
        assert api.call("GET", f"/v1/deconfliction/hits/{hit['hit_id']}", org).data == hit
        assert api.call("GET", f"/v1/deconfliction/hits/{hit['hit_id']}", other).status_code == 404
        assert_discloses_nothing_of(hits.body.decode().replace(own_case, ""), other_case)
    events = [e for e in drain_queues(aws) if e["detail-type"] == "Deconfliction Hit"]
    assert sorted(e["detail"]["recipients"][0] for e in events) == ["DEA", "HSI"]
    for event in events:
        jsonschema_ok(event)
        mine = dea_case if event["detail"]["recipients"] == ["DEA"] else hsi_case
        other_case = hsi_case if mine == dea_case else dea_case
        assert_discloses_nothing_of(json.dumps(event), other_case, "+12025550143", "202 555")


def jsonschema_ok(event):
    import jsonschema

    jsonschema.validate(event["detail"], schema_for(event["detail-type"]))


def test_matches_within_one_organisation_are_related_cases(api, dea_case):
    second = open_case(api, "DEA", DEA_CONTACT, title="Second DEA case")
    response = add(api, second, "DEA", PHONE)
    assert response.data["hits"] == []
    assert [r["case_id"] for r in response.data["related_cases"]] == [dea_case]


def test_a_case_you_joined_by_referral_is_related_not_a_hit(api, dea_case):
    referral = api.refer(dea_case, "HSI")
    api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    response = add(api, hsi_case, "HSI", PHONE)
    assert response.data["hits"] == []
    assert [r["case_id"] for r in response.data["related_cases"]] == [dea_case]


def test_closed_cases_do_not_match(api, dea_case, pump):
    api.call("POST", f"/v1/cases/{dea_case}/close", "DEA")
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    assert add(api, hsi_case, "HSI", PHONE).data["hits"] == []
    pump.drain()
    assert api.call("GET", "/v1/deconfliction/hits", "HSI").data["items"] == []


def test_a_check_attaches_nothing_and_tells_the_holder_who_checked(api, pump, dea_case):
    checked = api.call(
        "POST",
        "/v1/deconfliction/checks",
        "ATF",
        load_event("api/check-identifiers.json"),
        name="SA Ortiz",
        phone="+12025550199",
        email="ortiz@atf.example",
    )
    assert checked.status_code == 200, checked.body
    assert [(hit["org"], hit["contact"]) for hit in checked.data["hits"]] == [("DEA", DEA_CONTACT)]
    assert_discloses_nothing_of(checked.body.decode(), dea_case, "dea.only@example.com")
    [told] = api.call("GET", "/v1/deconfliction/hits", "DEA").data["items"]
    assert (told["reason"], told["case_id"], told["other_org"]) == ("checked", dea_case, "ATF")
    assert told["other_contact"] == {"name": "SA Ortiz", "phone": "+12025550199", "email": "ortiz@atf.example"}
    [mine] = api.call("GET", "/v1/deconfliction/hits", "ATF").data["items"]
    assert (mine["reason"], mine["case_id"], mine["other_org"]) == ("check", None, "DEA")
    values = [i["value"] for i in api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"]]
    assert sorted(values) == ["+12025550143", "dea.only@example.com"]


def test_identifiers_are_listed_to_participants_and_removed_ones_stop_matching(api, dea_case):
    listed = api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA")
    phone = next(i for i in listed.data["items"] if i["type"] == "phone")
    assert phone["added_by_org"] == "DEA"
    removed = api.call("DELETE", f"/v1/cases/{dea_case}/identifiers/{phone['identifier_id']}", "DEA")
    assert removed.status_code == 204
    again = api.call("DELETE", f"/v1/cases/{dea_case}/identifiers/{phone['identifier_id']}", "DEA")
    assert again.status_code == 404
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    assert add(api, hsi_case, "HSI", PHONE).data["hits"] == []


def test_adding_a_value_twice_keeps_one_entry(api, dea_case):
    add(api, dea_case, "DEA", {"type": "phone", "value": "202-555-0143"})
    phones = [
        i for i in api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"] if i["type"] == "phone"
    ]
    assert len(phones) == 1


def test_an_invalid_identifier_is_400_naming_it_and_nothing_is_written(api, dea_case):
    response = add(
        api,
        dea_case,
        "DEA",
        {"type": "email", "value": "new@example.com"},
        {"type": "crypto_wallet", "chain": "BITCOIN", "value": "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.data["errors"]
    assert error["field"] == "identifiers.1"
    assert "checksum" in error["message"]
    values = [i["value"] for i in api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"]]
    assert "new@example.com" not in values


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"identifiers": []}, "identifiers"),
        ({"identifiers": [PHONE] * 51}, "identifiers"),
        ({"identifiers": [{"type": "phone", "value": "+12025550143", "platform": "X"}]}, "identifiers.0"),
        ({"identifiers": [{"type": "social_handle", "value": "plug"}]}, "identifiers.0"),
        ({"identifiers": [{"type": "pager", "value": "1"}]}, "identifiers.0.type"),
    ],
)
def test_malformed_batches_are_400(api, dea_case, body, field):
    response = api.call("POST", f"/v1/cases/{dea_case}/identifiers", "DEA", body)
    assert response.status_code == 400
    assert field in {error["field"] for error in response.data["errors"]}


def test_identifiers_cannot_be_added_to_a_closed_case(api, dea_case):
    api.call("POST", f"/v1/cases/{dea_case}/close", "DEA")
    assert add(api, dea_case, "DEA", {"type": "email", "value": "x@example.com"}).status_code == 409


@pytest.mark.parametrize("org", ["HSI", "ATF"])
def test_only_participants_touch_a_cases_identifiers(api, dea_case, org):
    listed = api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"]
    for method, path, body in (
        ("POST", f"/v1/cases/{dea_case}/identifiers", {"identifiers": [PHONE]}),
        ("GET", f"/v1/cases/{dea_case}/identifiers", None),
        ("DELETE", f"/v1/cases/{dea_case}/identifiers/{listed[0]['identifier_id']}", None),
    ):
        response = api.call(method, path, org, body)
        assert response.status_code == 404, (method, path)
        absent = api.call(method, path.replace(dea_case, "case_01JZZZZZZZZZZZZZZZZZZZZZZZ"), org, body)
        assert response.data["title"] == absent.data["title"]
        assert dea_case not in response.body.decode().replace(f"{dea_case!r}", "")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/cases/case_01JZZZZZZZZZZZZZZZZZZZZZZZ/identifiers", {"identifiers": [PHONE]}),
        ("GET", "/v1/cases/case_01JZZZZZZZZZZZZZZZZZZZZZZZ/identifiers", None),
        ("POST", "/v1/deconfliction/checks", {"identifiers": [PHONE]}),
        ("GET", "/v1/deconfliction/hits", None),
        ("GET", "/v1/deconfliction/hits/hit_01JZZZZZZZZZZZZZZZZZZZZZZZ", None),
    ],
)
def test_platforms_cannot_use_deconfliction(api, method, path, body):
    assert api.call(method, path, "META", body).status_code == 403


def test_checks_need_their_own_scope(api):
    response = api.call("POST", "/v1/deconfliction/checks", "DEA", {"identifiers": [PHONE]}, scope="cases:read")
    assert response.status_code == 403
    assert "deconfliction:check" in response.data["detail"]


def lagging_index(monkeypatch):
    """The blind index as a GSI can be for a moment: not yet showing what was just written."""
    from chalicelib import wiring

    store = wiring.identifiers()
    real_holdings = store.holdings
    monkeypatch.setattr(store, "holdings", lambda tokens: {token: [] for token in tokens})
    return lambda: monkeypatch.setattr(store, "holdings", real_holdings)


def hits_of(api, org):
    return api.call("GET", "/v1/deconfliction/hits", org).data["items"]


def test_two_agencies_adding_one_value_at_once_both_learn_of_the_hit(api, pump, monkeypatch):
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    # Each request reads the index before the other's write commits: neither sees a hit.
    caught_up = lagging_index(monkeypatch)
    assert add(api, dea_case, "DEA", PHONE).data["hits"] == []
    assert add(api, hsi_case, "HSI", PHONE).data["hits"] == []
    caught_up()
    pump.drain()
    for org, other in (("DEA", "HSI"), ("HSI", "DEA")):
        assert [h["other_org"] for h in hits_of(api, org)] == [other]


def test_a_hit_the_lagging_index_hid_from_both_passes_is_found_a_minute_later(api, aws, pump, monkeypatch):
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    caught_up = lagging_index(monkeypatch)
    # Neither request nor the stream's first pass sees the other's entry: moto's GSIs are
    # synchronous, so the lag is made here, the way AWS's index can show it for a moment.
    assert add(api, dea_case, "DEA", PHONE).data["hits"] == []
    assert add(api, hsi_case, "HSI", PHONE).data["hits"] == []
    pump.drain()
    assert hits_of(api, "DEA") == hits_of(api, "HSI") == []
    caught_up()
    drain_queues(aws)

    assert timer_scheduler().run(utcnow()).rechecked == 0  # not a minute yet
    assert timer_scheduler().run(utcnow() + RECHECK_AFTER + RECHECK_AFTER).rechecked == 2
    assert timer_scheduler().run(utcnow() + RECHECK_AFTER + RECHECK_AFTER).rechecked == 0  # done, and dropped
    pump.drain()
    for org, other in (("DEA", "HSI"), ("HSI", "DEA")):
        assert [h["other_org"] for h in hits_of(api, org)] == [other]
    announced = {e["detail"]["id"] for e in drain_queues(aws) if e["detail-type"] == "Deconfliction Hit"}
    assert len(announced) == 2


def test_a_recheck_is_keyed_reads_and_one_delete(api, pump, dea_case, dynamo_calls):
    pump.drain()  # files the recheck timers of the fixture's identifiers
    held = len(api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"])
    timer_scheduler().run(utcnow())  # sets the checkpoint
    dynamo_calls.reset()
    run = timer_scheduler().run(utcnow() + 2 * RECHECK_AFTER)
    assert run.rechecked == held
    assert run.buckets in (2, 3)
    # the checkpoint, the bucket directory (its mark and a Query), a Query per bucket that
    # holds the rechecks (1, or 2 across an hour's end), the subjects; per identifier 2 keys'
    # Queries, the cases and the timer's delete; the checkpoint again
    per_identifier = ["Query", "Query", "BatchGetItem", "DeleteItem"]
    filled = dynamo_calls.operations.count("Query") - 1 - 2 * held
    assert filled in (1, 2)
    expected = ["GetItem", "GetItem", "Query", *["Query"] * filled, "BatchGetItem", *per_identifier * held, "PutItem"]
    assert sorted(dynamo_calls.operations) == sorted(expected)


def test_a_removed_identifier_is_not_matched_again(api, pump, dea_case):
    listed = api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"]
    pump.drain()
    for identifier in listed:
        api.call("DELETE", f"/v1/cases/{dea_case}/identifiers/{identifier['identifier_id']}", "DEA")
    run = timer_scheduler().run(utcnow() + 2 * RECHECK_AFTER)
    assert (run.rechecked, run.dropped) == (0, len(listed))


def test_replayed_add_returns_the_first_answer(api, dea_case):
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    first = add(api, hsi_case, "HSI", PHONE, **{"Idempotency-Key": "idn-1"})
    second = add(api, hsi_case, "HSI", PHONE, **{"Idempotency-Key": "idn-1"})
    assert second.status_code == 201
    assert second.headers.get("idempotent-replayed") == "true"
    assert second.data == first.data


def test_identifier_events_reach_participants_and_carry_no_value(api, aws, pump, dea_case):
    listed = api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"]
    api.call("DELETE", f"/v1/cases/{dea_case}/identifiers/{listed[0]['identifier_id']}", "DEA")
    pump.drain()
    events = [e for e in drain_queues(aws) if e["detail-type"].startswith("Identifier")]
    assert sorted(e["detail-type"] for e in events) == ["Identifier Added", "Identifier Added", "Identifier Removed"]
    for event in events:
        jsonschema_ok(event)
        assert event["detail"]["recipients"] == ["DEA"]
        assert "+12025550143" not in json.dumps(event) and "dea.only" not in json.dumps(event)


def test_matching_reads_are_keyed_and_bounded_whatever_the_index_holds(api, dea_case, dynamo_calls):
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    batch = load_event("api/add-identifiers.json")["identifiers"]
    for n in range(30):
        add(api, open_case(api, "ATF", {}), "ATF", {"type": "email", "value": f"noise{n}@example.com"})
    dynamo_calls.reset()
    response = add(api, hsi_case, "HSI", *batch)
    assert response.status_code == 201
    # two keys configured (a rotation in progress): two Queries per identifier, then the cases, then the write
    assert sorted(dynamo_calls.operations) == sorted(
        ["Query"] * 2 * len(batch) + ["BatchGetItem", "TransactWriteItems"]
    )
    assert "Scan" not in dynamo_calls.operations


def test_during_a_key_rotation_values_indexed_under_the_old_key_still_match(api, monkeypatch):
    import base64
    import json as json_module
    import os

    from chalicelib import wiring
    from chalicelib.domain.blind_index import BlindIndex
    from chalicelib.storage.table import IdentifierItem

    keys = json_module.loads(os.environ["CASEBRIDGE_DECONFLICTION_KEYS"])
    old_index = BlindIndex({"k1": base64.b64decode(keys["k1"])}, "k1")
    service = wiring.deconfliction_service()
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    monkeypatch.setattr(service, "index", old_index)  # before the rotation: k1 only
    add(api, dea_case, "DEA", PHONE)
    monkeypatch.undo()  # k2 is current now, k1 still configured
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    assert [hit["org"] for hit in add(api, hsi_case, "HSI", PHONE).data["hits"]] == ["DEA"]

    def tokens(case_id):
        return [item.token.split(".")[0] for item in IdentifierItem.query(f"CASE#{case_id}")]

    assert tokens(dea_case) == ["k1"]
    add(api, dea_case, "DEA", PHONE)  # re-adding re-indexes under the current key, in place
    assert tokens(dea_case) == ["k2"]


def test_a_value_held_by_too_many_cases_is_answered_as_truncated(api):
    from chalicelib.domain.deconfliction import MAX_HOLDERS_PER_TOKEN

    for _ in range(MAX_HOLDERS_PER_TOKEN + 1):
        add(api, open_case(api, "ATF", {}), "ATF", PHONE)
    response = add(api, open_case(api, "HSI", HSI_CONTACT), "HSI", PHONE)
    assert response.data["truncated"] is True
    assert [hit["org"] for hit in response.data["hits"]] == ["ATF"]


def test_a_check_that_matches_sixty_cases_tells_every_holder_before_it_answers(api, pump, dynamo_calls):
    """50 identifiers, 60 holding cases in all (25 + 24 on the first two, then one each).

    Before, only the first 49 pairs were recorded while every hit was returned: USPIS, on
    a later identifier, was named to the checker and never told who asked.
    """
    phones = [{"type": "phone", "value": f"+1 202 555 {1000 + n:04d}"} for n in range(50)]
    holders = [("ATF", phones[0])] * 25 + [("HSI", phones[1])] * 24
    holders += [("USPIS" if n % 2 else "HSI", phones[n]) for n in range(2, 13)]
    for org, phone in holders:
        assert add(api, open_case(api, org, {"name": f"{org} duty"}), org, phone).status_code == 201
    pump.drain()
    before = {
        org: len(api.call("GET", "/v1/deconfliction/hits?limit=100", org).data["items"])
        for org in ("ATF", "HSI", "USPIS")
    }

    dynamo_calls.reset()
    checked = api.call("POST", "/v1/deconfliction/checks", "DEA", {"identifiers": phones}, name="SA Cole")
    assert checked.status_code == 200, checked.body
    # n·k + 1 + ⌈2p/97⌉ (docs/benchmarks.md): 50 identifiers times 2 keys (the tests run mid-rotation) = 100
    # Queries, 1 BatchGetItem, then 120 records in 2 writes.
    expected = ["Query"] * 100 + ["BatchGetItem"] + ["TransactWriteItems"] * 2
    assert sorted(dynamo_calls.operations) == sorted(expected)
    assert checked.data["truncated"] is False
    named = {hit["org"] for hit in checked.data["hits"]}
    assert named == {"ATF", "HSI", "USPIS"}

    told = {}
    for org in ("ATF", "HSI", "USPIS"):
        items = api.call("GET", "/v1/deconfliction/hits?limit=100", org).data["items"]
        told[org] = [hit for hit in items if hit["reason"] == "checked"]
        assert len(items) - before[org] == len(told[org])
    assert {org: len(hits) for org, hits in told.items()} == {"ATF": 25, "HSI": 24 + 6, "USPIS": 5}
    assert all(hit["other_org"] == "DEA" for hits in told.values() for hit in hits)
    mine = api.call("GET", "/v1/deconfliction/hits?limit=100", "DEA").data["items"]
    assert len(mine) == 60 and {hit["reason"] for hit in mine} == {"check"}
    # The check is audited once, naming how much it recorded.
    from chalicelib.storage.table import AuditItem

    [record] = [item for item in AuditItem.scan() if item.event == "deconfliction.check"]
    assert "50 identifiers checked" in record.reason and "120 records" in record.reason
    # It names what was checked as blind tokens, never as values.
    assert len(record.blind_tokens) == 50
    assert not any("+1202555" in str(value) for value in record.attribute_values.values())


def test_an_identifier_id_tells_an_outsider_nothing_of_the_value(api, dea_case):
    """An unkeyed hash of (case id, value) let one event's reader find the phone number by
    trying an area code's ten million numbers. The id is keyed by the case's own secret."""
    import hashlib

    from chalicelib.domain.identifiers import IdentifierType, normalise

    listed = api.call("GET", f"/v1/cases/{dea_case}/identifiers", "DEA").data["items"]
    phone_id = next(i["identifier_id"] for i in listed if i["type"] == "phone")
    material = normalise(IdentifierType.PHONE, PHONE["value"]).match_material
    # What an insider holding the event (case id and identifier id) would compute: no match.
    unkeyed = [dea_case.encode() + b"\x1e" + material, material]
    guesses = {"idn_" + hashlib.sha256(text).hexdigest()[:32] for text in unkeyed}
    assert phone_id not in guesses
    # Stable for the case (a re-add keeps one entry), different on another case.
    assert add(api, dea_case, "DEA", PHONE).data["identifiers"][0]["identifier_id"] == phone_id
    other = open_case(api, "DEA", DEA_CONTACT)
    assert add(api, other, "DEA", PHONE).data["identifiers"][0]["identifier_id"] != phone_id


def test_a_case_opened_before_ids_were_keyed_gets_its_key_with_its_next_identifier(api, pump):
    from chalicelib.storage.table import CaseItem

    case_id = open_case(api, "DEA", DEA_CONTACT)
    legacy = CaseItem.get(f"CASE#{case_id}", "CASE")
    legacy.update(actions=[CaseItem.identifier_key.remove()])
    first = add(api, case_id, "DEA", PHONE)
    assert first.status_code == 201, first.body
    key = CaseItem.get(f"CASE#{case_id}", "CASE").identifier_key
    assert key is not None and len(key) == 64
    again = add(api, case_id, "DEA", PHONE)
    assert again.data["identifiers"][0]["identifier_id"] == first.data["identifiers"][0]["identifier_id"]
    assert CaseItem.get(f"CASE#{case_id}", "CASE").identifier_key == key
    assert "identifier_key" not in api.call("GET", f"/v1/cases/{case_id}", "DEA").body.decode()


# One pair of holders of one value is one hit, however it is reached.

DEVICE = {"type": "device_id", "value": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}  # on META's sample tip


def routed_tip(api, pump):
    """META's sample tip, routed to DEA by the rules."""
    tip_id = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json")).data["tip_id"]
    pump.drain()
    return tip_id


def hit_changes_on_stream(pump):
    """The hit items written from now on, as the stream shows them: every write is a record."""
    seen = []
    handle = pump.handler.handle

    def watching(event, context=None):
        seen.extend(r for r in event["Records"] if r["dynamodb"].get("NewImage", {}).get("kind", {}).get("S") == "hit")
        return handle(event, context)

    pump.handler = type("Watching", (), {"handle": staticmethod(watching)})()
    return seen


def announced_hits(aws):
    return {e["detail"]["id"]: e for e in drain_queues(aws) if e["detail-type"] == "Deconfliction Hit"}


def test_linking_a_tip_to_a_case_whose_identifier_is_a_hit_announces_no_second_hit(api, aws, pump):
    """The issue's path: the link rewrote DEA's identifier, and the recheck timer a minute
    later matched it again and announced the pair a second time to both agencies."""
    tip_id = routed_tip(api, pump)
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    add(api, dea_case, "DEA", DEVICE)
    assert [hit["org"] for hit in add(api, hsi_case, "HSI", DEVICE).data["hits"]] == ["DEA"]
    pump.drain()
    assert len(announced_hits(aws)) == 2

    assert api.call("POST", f"/v1/tips/{tip_id}/link", "DEA", {"case_id": dea_case}).status_code == 200
    pump.drain()
    written = hit_changes_on_stream(pump)
    assert timer_scheduler().run(utcnow() + 2 * RECHECK_AFTER).rechecked >= 2
    pump.drain()

    for org, other in (("DEA", "HSI"), ("HSI", "DEA")):
        assert [(h["reason"], h["other_org"]) for h in hits_of(api, org)] == [("match", other)]
    assert announced_hits(aws) == {}
    assert written == []  # the recheck's writes were refused whole: nothing reached the stream


def test_a_link_made_before_the_stream_caught_up_is_still_one_hit(api, aws, pump):
    """Both additions and the link commit before the stream reads them: each side's pass
    sees the other's identifier as it is then (DEA's rewritten by the link), and both
    passes find the one pair."""
    tip_id = routed_tip(api, pump)
    drain_queues(aws)
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    add(api, dea_case, "DEA", DEVICE)
    add(api, hsi_case, "HSI", DEVICE)
    assert api.call("POST", f"/v1/tips/{tip_id}/link", "DEA", {"case_id": dea_case}).status_code == 200
    pump.drain()
    timer_scheduler().run(utcnow() + 2 * RECHECK_AFTER)
    pump.drain()
    for org, other in (("DEA", "HSI"), ("HSI", "DEA")):
        assert [h["other_org"] for h in hits_of(api, org)] == [other]
    assert sorted(e["detail"]["recipients"] for e in announced_hits(aws).values()) == [["DEA"], ["HSI"]]


def test_the_stream_and_the_recheck_racing_on_one_pair_record_one_hit(api, pump, monkeypatch):
    """Two passes over one pair at the same moment, each with its own view of DEA's
    identifier (as first added, as the stream saw it; and as the tip link rewrote it, as the
    recheck reads it): both read before either writes, and the table lets one through."""
    import threading

    from chalicelib import wiring
    from chalicelib.storage import records
    from chalicelib.storage.table import IdentifierItem

    def dea_identifier(case_id):
        [item] = [item for item in IdentifierItem.query(f"CASE#{case_id}") if item.type == "device_id"]
        return records.identifier_record(item)

    tip_id = routed_tip(api, pump)
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    hsi_case = open_case(api, "HSI", HSI_CONTACT)
    add(api, dea_case, "DEA", DEVICE)
    as_added = dea_identifier(dea_case)
    add(api, hsi_case, "HSI", DEVICE)
    assert api.call("POST", f"/v1/tips/{tip_id}/link", "DEA", {"case_id": dea_case}).status_code == 200
    as_linked = dea_identifier(dea_case)
    assert as_linked.added_at > as_added.added_at

    service = wiring.deconfliction_service()
    both_read = threading.Barrier(2, timeout=10)
    record_hits = service.repository.record_hits

    def after_both_read(pairs):
        both_read.wait()
        return record_hits(pairs)

    monkeypatch.setattr(service.repository, "record_hits", after_both_read)
    recorded: list[int] = []
    passes = [
        threading.Thread(target=lambda view=view: recorded.append(service.reconcile(view)))
        for view in (as_added, as_linked)
    ]
    for one in passes:
        one.start()
    for one in passes:
        one.join()
    assert sorted(recorded) == [0, 1]
    for org, other in (("DEA", "HSI"), ("HSI", "DEA")):
        assert [h["other_org"] for h in hits_of(api, org)] == [other]


def test_re_indexing_a_value_under_a_new_key_announces_no_second_hit(api, aws, pump, monkeypatch):
    """Step 3 of a key rotation re-adds every identifier: its token changes, so it is matched
    anew, and the pair it is already a hit in must not be announced again."""
    import base64
    import os

    from chalicelib import wiring
    from chalicelib.domain.blind_index import BlindIndex

    keys = json.loads(os.environ["CASEBRIDGE_DECONFLICTION_KEYS"])
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    monkeypatch.setattr(wiring.deconfliction_service(), "index", BlindIndex({"k1": base64.b64decode(keys["k1"])}, "k1"))
    add(api, dea_case, "DEA", PHONE)
    monkeypatch.undo()
    add(api, open_case(api, "HSI", HSI_CONTACT), "HSI", PHONE)
    pump.drain()
    assert len(announced_hits(aws)) == 2

    add(api, dea_case, "DEA", PHONE)  # re-indexed under k2
    pump.drain()
    timer_scheduler().run(utcnow() + 2 * RECHECK_AFTER)
    pump.drain()
    for org, other in (("DEA", "HSI"), ("HSI", "DEA")):
        assert [h["other_org"] for h in hits_of(api, org)] == [other]
    assert announced_hits(aws) == {}
