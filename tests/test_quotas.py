"""Deconfliction is not an oracle: quotas per person and organisation, and probing alerts.

The clock is set (`routing.utcnow`), so windows are exact; quotas are lowered per test.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib import wiring
from chalicelib.domain.quotas import PROBE_ALERT_AFTER, Probe, Question, Quota
from chalicelib.storage.table import AuditItem, HitItem
from tests.conftest import load_event
from tests.test_deconfliction import DEA_CONTACT, add, open_case
from tests.test_events import drain_queues
from tests.test_operations import plan

QUARTER_PAST = datetime(2026, 12, 3, 10, 15, tzinfo=UTC)


def phones(first, count):
    return [{"type": "phone", "value": f"+1 202 555 {first + n:04d}"} for n in range(count)]


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = QUARTER_PAST

        def set(self, at):
            self.now = at

    clock = Clock()
    monkeypatch.setattr("chalicelib.api.routing.utcnow", lambda: clock.now)
    return clock


@pytest.fixture
def limits(monkeypatch):
    def lower(question, per_person, per_org):
        monkeypatch.setitem(wiring.quotas().limits, question, Quota(per_person, per_org))

    return lower


def check(api, org, identifiers, sub="agent-1"):
    return api.call("POST", "/v1/deconfliction/checks", org, {"identifiers": identifiers}, sub=sub)


def test_a_person_over_the_checking_quota_gets_429_until_the_next_hour_and_learns_nothing(api, clock, limits):
    limits(Question.CHECKED_IDENTIFIERS, per_person=10, per_org=100)
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    add(api, dea_case, "DEA", *phones(9000, 1))
    assert check(api, "ATF", phones(1000, 5)).status_code == 200
    assert check(api, "ATF", phones(2000, 5)).status_code == 200

    refused = check(api, "ATF", phones(9000, 1))  # DEA's number: the answer would name DEA
    assert refused.status_code == 429, refused.body
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["retry-after"] == str(45 * 60)
    assert "DEA" not in refused.body.decode()
    assert not [hit for hit in HitItem.scan() if hit.org == "DEA"]  # the holder was not told of a refused check
    [audited] = [r for r in AuditItem.scan() if r.event == "deconfliction.check" and r.outcome == "failure"]
    assert audited.org == "ATF" and audited.reason.startswith("QuotaExceeded")

    assert check(api, "ATF", phones(9000, 1), sub="agent-2").status_code == 200  # a colleague has a quota of his own
    clock.set(QUARTER_PAST + timedelta(minutes=45))
    assert check(api, "ATF", phones(9000, 1)).status_code == 200


def test_an_organisation_has_a_quota_across_its_people(api, clock, limits):
    limits(Question.CHECKED_IDENTIFIERS, per_person=10, per_org=12)
    assert check(api, "ATF", phones(1000, 10), sub="agent-1").status_code == 200
    assert check(api, "ATF", phones(2000, 2), sub="agent-2").status_code == 200
    refused = check(api, "ATF", phones(3000, 1), sub="agent-3")
    assert refused.status_code == 429 and "your organisation" in refused.data["detail"]
    assert check(api, "HSI", phones(3000, 1), sub="agent-3").status_code == 200


def test_every_spelling_of_one_persons_subject_draws_on_that_persons_quota(api, clock, limits):
    """A person is compared as a person reads them (`domain.persons`), here as in the
    two-person rule: `AGENT.ATF` or a Cyrillic a (U+0430) is no fresh quota."""
    limits(Question.CHECKED_IDENTIFIERS, per_person=3, per_org=100)
    assert check(api, "ATF", phones(1000, 3), sub="agent.atf@example.gov").status_code == 200
    for spelling in ("AGENT.ATF@EXAMPLE.GOV", "\u0430gent.atf@example.gov", "agent.atf\uff20example.gov"):
        assert check(api, "ATF", phones(2000, 1), sub=spelling).status_code == 429, spelling
    assert check(api, "ATF", phones(2000, 1), sub="agent.two@example.gov").status_code == 200


def test_one_request_larger_than_a_quota_is_refused_before_anything_is_read(api, clock, limits, dynamo_calls):
    limits(Question.CHECKED_IDENTIFIERS, per_person=3, per_org=100)
    dynamo_calls.reset()
    assert check(api, "ATF", phones(1000, 4)).status_code == 429
    assert "Query" not in dynamo_calls.operations


def test_identifier_adds_are_charged_and_a_refused_add_writes_nothing(api, clock, limits):
    limits(Question.ADDED_IDENTIFIERS, per_person=4, per_org=100)
    case_id = open_case(api, "DEA", DEA_CONTACT)
    assert add(api, case_id, "DEA", *phones(1000, 3)).status_code == 201
    refused = add(api, case_id, "DEA", *phones(2000, 2))
    assert refused.status_code == 429, refused.body
    listed = api.call("GET", f"/v1/cases/{case_id}/identifiers", "DEA").data["items"]
    assert len(listed) == 3


def test_moving_an_operation_again_and_again_is_refused_past_the_quota(api, clock, limits):
    """ATF narrowed DEA's raid to a metre by moving its own operation 16 times."""
    limits(Question.OPERATION_CHECKS, per_person=3, per_org=100)
    case_id = open_case(api, "ATF", {"name": "ATF duty"})
    planned = plan(api, "ATF", case_id).data["operation"]
    path = f"/v1/operations/{planned['operation_id']}"
    location = dict(load_event("api/register-operation.json")["location"])
    for version in (1, 2):
        location["lat"] += 0.001
        moved = api.call("PATCH", path, "ATF", {"location": location}, headers={"If-Match": f'"v{version}"'})
        assert moved.status_code == 200, moved.body
    location["lat"] += 0.001
    refused = api.call("PATCH", path, "ATF", {"location": location}, headers={"If-Match": '"v3"'})
    assert refused.status_code == 429, refused.body
    assert api.call("GET", path, "ATF").data["version"] == 3
    # Cancelling asks nothing of anyone's data: it is never refused for quota.
    assert api.call("POST", f"{path}/cancel", "ATF").status_code == 200


def test_the_probed_organisation_is_told_once_per_hour(api, aws, pump, clock, monkeypatch):
    monkeypatch.setitem(PROBE_ALERT_AFTER, Probe.CHECKED, 3)
    dea_case = open_case(api, "DEA", DEA_CONTACT)
    add(api, dea_case, "DEA", *phones(9000, 1))
    pump.drain()
    drain_queues(aws)
    for _ in range(2):
        check(api, "ATF", phones(9000, 1))
    pump.drain()
    assert not [e for e in drain_queues(aws) if e["detail-type"] == "Deconfliction Probing"]
    for _ in range(3):
        check(api, "ATF", phones(9000, 1))
    pump.drain()
    [alert] = [e for e in drain_queues(aws) if e["detail-type"] == "Deconfliction Probing"]
    detail = alert["detail"]
    assert detail["recipients"] == ["DEA"] and detail["organisations"] == {"holder": "DEA", "by": "ATF"}
    # The stream counts a batch's answers together: the alert says how many there were when
    # the threshold was passed (the two before, and this batch's three).
    assert (detail["kind"], detail["answers"], detail["urgent"]) == ("checked", "5", True)
    assert detail["links"] == {"answers": "/v1/deconfliction/hits"}


def test_a_hit_is_counted_towards_an_alert_once_however_often_the_stream_sees_it(api, pump):
    from chalicelib.domain.quotas import window_of
    from chalicelib.storage import records
    from chalicelib.storage.keys import COUNTER_SK, probe_pk
    from chalicelib.storage.table import CounterItem, IdentifierItem

    dea_case = open_case(api, "DEA", DEA_CONTACT)
    add(api, dea_case, "DEA", *phones(9000, 1))
    pump.drain()
    atf_case = open_case(api, "ATF", {"name": "ATF duty"})
    add(api, atf_case, "ATF", *phones(9000, 1))
    pump.drain()
    [held] = [records.identifier_record(item) for item in IdentifierItem.query(f"CASE#{atf_case}")]
    wiring.deconfliction_service().reconcile(held)  # a retried record, or the second pass a minute later
    # The hit happened when ATF's identifier arrived, the later of the two.
    counter = CounterItem.get(probe_pk("DEA", "ATF", "match", window_of(held.added_at)), COUNTER_SK)
    assert counter.used == 1
