"""Timers: overdue referrals and preservation clocks fire once, at the right time, never by scan."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.timers import bucket, buckets_between
from chalicelib.wiring import timer_scheduler
from tests.conftest import load_event
from tests.test_events import drain_queues


def scheduled(at: datetime):
    return timer_scheduler().run(at)


def distinct_events(aws):
    """Each event once, though it reaches one queue per recipient."""
    return list({e["detail"]["id"]: e for e in drain_queues(aws)}.values())


def events_of(aws, detail_type):
    return [e for e in distinct_events(aws) if e["detail-type"] == detail_type]


@pytest.fixture
def referral(api):
    case_id = api.open_case("DEA")["case_id"]
    return api.refer(case_id, "HSI", priority="urgent")


def respond_by(referral):
    return datetime.fromisoformat(referral["respond_by"].replace("Z", "+00:00"))


def test_a_pending_referral_past_its_time_is_overdue_once(api, aws, pump, referral):
    due = respond_by(referral)
    assert scheduled(due - timedelta(seconds=1)).fired == 0
    assert scheduled(due).fired == 1
    assert scheduled(due + timedelta(minutes=5)).fired == 0
    pump.drain()
    overdue = events_of(aws, "Referral Overdue")
    assert len(overdue) == 1
    assert overdue[0]["detail"]["referral_id"] == referral["referral_id"]
    assert set(overdue[0]["detail"]["recipients"]) == {"DEA", "HSI"}


def test_an_answered_referral_is_never_overdue(api, aws, pump, referral):
    api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
    run = scheduled(respond_by(referral) + timedelta(hours=1))
    assert (run.fired, run.dropped) == (0, 1)
    pump.drain()
    assert events_of(aws, "Referral Overdue") == []


def test_overlapping_scheduler_runs_fire_each_timer_once(api, aws, pump):
    case_id = api.open_case("DEA")["case_id"]
    referrals = [api.refer(case_id, org, priority="urgent") for org in ("HSI", "USPIS", "ATF")]
    at = max(respond_by(r) for r in referrals) + timedelta(minutes=1)
    runs = []
    threads = [threading.Thread(target=lambda: runs.append(scheduled(at))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(run.fired for run in runs) == 3
    pump.drain()
    assert sorted(
        e["detail"]["referral_id"] for e in events_of(aws, "Referral Overdue") if "DEA" in e["detail"]["recipients"]
    ) == sorted(r["referral_id"] for r in referrals)


def test_finding_due_timers_queries_only_the_hours_that_hold_timers_and_never_scans(api, referral, dynamo_calls):
    scheduled(respond_by(referral) - timedelta(hours=3))  # sets the checkpoint
    dynamo_calls.reset()
    scheduled(respond_by(referral))
    assert "Scan" not in dynamo_calls.operations
    # the directory of the five hours since the bucket before the checkpoint, then the one
    # of them that holds a timer
    assert dynamo_calls.operations.count("Query") == 2


def test_a_run_after_a_90_day_gap_makes_as_few_calls_as_an_hourly_one(api, referral, dynamo_calls):
    """Reading every hour since the checkpoint, it made 2,161 Queries."""
    due = respond_by(referral)
    scheduled(due - timedelta(days=90))
    dynamo_calls.reset()
    assert scheduled(due).fired == 1
    assert sorted(dynamo_calls.operations) == [
        "BatchGetItem",  # the timer's subject
        "GetItem",  # the checkpoint
        "GetItem",  # the directory's mark of completeness
        "PutItem",  # the checkpoint moved
        "Query",  # the directory: the filled hours of the 90 days
        "Query",  # the one hour that holds the timer
        "TransactWriteItems",  # the timer fired
    ]
    dynamo_calls.reset()
    assert scheduled(due + timedelta(hours=1)).fired == 0
    assert sorted(dynamo_calls.operations) == ["GetItem", "GetItem", "PutItem", "Query", "Query"]


def unlisted_timers():
    """The table as a deployment before the bucket directory left it: timers, and no directory."""
    from chalicelib.storage.keys import TIMER_BUCKETS_PK
    from chalicelib.storage.table import TimerBucketItem

    for entry in TimerBucketItem.query(TIMER_BUCKETS_PK):
        entry.delete()


def test_a_timer_filed_before_the_directory_still_fires_on_time(api, referral, dynamo_calls):
    unlisted_timers()
    due = respond_by(referral)
    scheduled(due - timedelta(hours=3))
    dynamo_calls.reset()
    assert scheduled(due).fired == 1
    # not complete: the directory, and every hour since the bucket before the checkpoint
    assert dynamo_calls.operations.count("Query") == 1 + 5


def test_listing_every_bucket_once_lists_the_older_timers_and_completes_the_directory(api, referral, dynamo_calls):
    from chalicelib.devtools.provision import list_timer_buckets

    unlisted_timers()
    assert list_timer_buckets() == 1  # the referral's one timer
    assert list_timer_buckets() == 0  # complete: nothing to do
    due = respond_by(referral)
    scheduled(due - timedelta(hours=3))
    dynamo_calls.reset()
    assert scheduled(due).fired == 1
    assert dynamo_calls.operations.count("Query") == 2


def test_a_timer_at_the_very_edge_of_a_bucket_is_found(api, referral):
    edge = respond_by(referral).replace(minute=59, second=59, microsecond=999999)
    scheduled(edge - timedelta(hours=1))
    next_hour = edge + timedelta(microseconds=1)
    assert bucket(next_hour) != bucket(edge)
    assert scheduled(next_hour + timedelta(hours=1)).fired == 1


def test_a_timer_in_the_bucket_before_the_checkpoint_is_still_found(api, referral):
    """A scheduler whose clock runs ahead moved the checkpoint past the timer's hour."""
    from chalicelib import wiring

    due = respond_by(referral)
    wiring.timers().advance(bucket(due + timedelta(hours=1)))
    assert scheduled(due + timedelta(hours=1, minutes=1)).fired == 1


def test_buckets_cover_every_hour_between_two_times():
    start = datetime(2026, 11, 22, 10, 59, 59, tzinfo=UTC)
    assert buckets_between(start, start + timedelta(seconds=1)) == ["2026-11-22T10", "2026-11-22T11"]


@pytest.fixture
def preservation(api):
    case_id = api.open_case("DEA")["case_id"]
    body = load_event("api/request-preservation.json")
    response = api.call("POST", f"/v1/cases/{case_id}/preservations", "DEA", body)
    assert response.status_code == 201, response.body
    return response.data


def expiry(preservation):
    return datetime.fromisoformat(preservation["expires_at"].replace("Z", "+00:00"))


def test_a_preservation_warns_14_days_ahead_then_expires(api, aws, pump, preservation):
    ends = expiry(preservation)
    assert ends - datetime.fromisoformat(preservation["requested_at"].replace("Z", "+00:00")) == timedelta(days=90)
    assert scheduled(ends - timedelta(days=14, seconds=1)).fired == 0
    assert scheduled(ends - timedelta(days=14)).fired == 1
    assert scheduled(ends).fired == 1
    pump.drain()
    events = [e for e in distinct_events(aws) if e["detail-type"].startswith("Preservation")]
    assert sorted(e["detail-type"] for e in events) == [
        "Preservation Expired",
        "Preservation Expiring",
        "Preservation Requested",
    ]
    assert all(set(e["detail"]["recipients"]) == {"DEA", "META"} and "case_id" not in e["detail"] for e in events)
    seen = api.call("GET", f"/v1/preservations/{preservation['preservation_id']}", "META").data
    assert seen["status"] == "expired"


def test_an_extension_replaces_the_clock_once(api, aws, pump, preservation):
    path = f"/v1/preservations/{preservation['preservation_id']}"
    extended = api.call("POST", f"{path}/extend", "DEA")
    assert extended.status_code == 200
    assert expiry(extended.data) == expiry(preservation) + timedelta(days=90)
    assert api.call("POST", f"{path}/extend", "DEA").status_code == 409
    old_run = scheduled(expiry(preservation) + timedelta(minutes=1))
    assert old_run.fired == 0
    assert scheduled(expiry(extended.data)).fired == 2  # the new warning, then the new end
    pump.drain()
    kinds = [e["detail-type"] for e in distinct_events(aws)]
    assert kinds.count("Preservation Extended") == 1 and kinds.count("Preservation Expired") == 1


def test_only_the_platform_addressed_reads_and_acknowledges_and_only_once(api, preservation):
    path = f"/v1/preservations/{preservation['preservation_id']}"
    assert api.call("GET", path, "TIKTOK").status_code == 404
    assert api.call("GET", path, "ATF").status_code == 404
    seen = api.call("GET", path, "META").data
    assert seen["case_id"] is None and seen["contact"]["phone"] == "+12025550143"
    assert api.call("GET", path, "DEA").data["case_id"] is not None
    assert api.call("POST", f"{path}/acknowledge", "TIKTOK", {"platform_reference": "x"}).status_code == 404
    assert api.call("POST", f"{path}/acknowledge", "DEA", {"platform_reference": "x"}).status_code == 403
    acknowledged = api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LE-77"})
    assert acknowledged.data["status"] == "acknowledged"
    assert api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LE-78"}).status_code == 409
    assert api.call("POST", f"{path}/extend", "META").status_code == 403
    listed = api.call("GET", "/v1/preservations?status=acknowledged", "META").data["items"]
    assert [p["preservation_id"] for p in listed] == [preservation["preservation_id"]]
    assert api.call("GET", "/v1/preservations", "TIKTOK").data["items"] == []


def test_only_participants_request_preservation_and_only_from_platforms(api):
    case_id = api.open_case("DEA")["case_id"]
    body = load_event("api/request-preservation.json")
    assert api.call("POST", f"/v1/cases/{case_id}/preservations", "ATF", body).status_code == 404
    assert api.call("POST", f"/v1/cases/{case_id}/preservations", "META", body).status_code == 403
    to_agency = {**body, "platform": "HSI"}
    assert api.call("POST", f"/v1/cases/{case_id}/preservations", "DEA", to_agency).status_code == 409
