"""The event feed (issue 19): every event an organisation received, oldest first, with the same
id and detail as on the bus, kept 30 days, read from a cursor or an event id; a cursor never
skips an event written late by a parallel batch."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.feed import SLOW, Delivered
from chalicelib.domain.record_ids import new_id
from tests.test_events import drain_queues, every_kind_of_change


def feed_of(api, org: str, **params: str) -> list[dict[str, Any]]:
    """The whole feed of `org`, page by page, as the API serves it."""
    found: list[dict[str, Any]] = []
    query = "&".join(f"{name}={value}" for name, value in params.items())
    while True:
        page = api.call("GET", f"/v1/events?limit=100&{query}", org)
        assert page.status_code == 200, page.body
        found += page.data["items"]
        if not page.data["items"]:
            return found
        query = "&".join(
            [f"after={page.data['next_cursor']}", *[f"{k}={v}" for k, v in params.items() if k != "after"]]
        )


def test_an_event_on_the_bus_is_in_the_feed_of_exactly_its_recipients_with_the_same_id(api, aws, pump, later):
    every_kind_of_change(api)
    pump.drain()
    later()  # past the settle window of what the pump wrote, however long it took
    on_the_bus = drain_queues(aws)
    for org in ("DEA", "HSI", "USPIS", "ATF", "META"):
        delivered = {e["detail"]["id"]: e for e in on_the_bus if org in e["detail"]["recipients"]}
        fed = feed_of(api, org)
        assert sorted(item["id"] for item in fed) == sorted(delivered), org  # each once, and nobody else's
        for item in fed:
            assert item["detail"] == delivered[item["id"]]["detail"]
            assert item["detail_type"] == delivered[item["id"]]["detail-type"]


def test_a_cursor_taken_before_a_burst_of_1000_events_pages_through_all_of_them_once_in_order(api, later):
    from chalicelib.wiring import feed

    later(timedelta(0))
    before = api.call("GET", "/v1/events", "DEA").data["next_cursor"]
    at = datetime.now(UTC)
    burst = [
        Delivered(
            "Tip Routed",
            # ids made newest first: the feed keeps the order of the batch, not of the ids
            {"id": new_id("evt", at - timedelta(milliseconds=n)), "occurred_at": at.isoformat(), "recipients": ["DEA"]},
        )
        for n in range(1000)
    ]
    # 40 BatchWriteItem calls at once, committing in any order. The write's clock stands still:
    # a chunk that took `SLOW` on a loaded machine is written again by design (a repeat under the
    # same id, tested below), and this test is of the order of one write, not of timing.
    replace(feed(), clock=lambda: at).write(burst)
    later()
    seen: list[str] = []
    cursor = before
    while page := api.call("GET", f"/v1/events?limit=100&after={cursor}", "DEA").data:
        if not page["items"]:
            break
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 1000
    assert seen == [event.event_id for event in burst]  # in the batch's order, across 40 chunks
    positions = [entry.position for entry in feed().page("DEA", None, datetime.now(UTC), 100)[0]]
    assert positions == sorted(positions)


def test_nothing_newer_than_the_settle_window_is_served_and_an_empty_page_moves_the_cursor(api, later):
    from chalicelib.wiring import feed

    later(timedelta(0))  # the request clock is now: what is written now is inside the window
    empty = api.call("GET", "/v1/events", "DEA").data
    assert empty["items"] == []
    event = Delivered(
        "Case Opened",
        {"id": new_id("evt", datetime.now(UTC)), "occurred_at": "2026-12-03T00:00:00Z", "recipients": ["DEA"]},
    )
    feed().write([event])
    assert api.call("GET", f"/v1/events?after={empty['next_cursor']}", "DEA").data["items"] == []
    later()
    [served] = api.call("GET", f"/v1/events?after={empty['next_cursor']}", "DEA").data["items"]
    assert served["id"] == event.event_id
    # `after` may name the event itself.
    assert api.call("GET", f"/v1/events?after={event.event_id}", "DEA").data["items"] == []
    assert api.call("GET", f"/v1/events?after={event.event_id}", "HSI").status_code == 404


def test_a_slow_write_is_written_again_under_a_fresh_position_so_no_reader_passes_it(aws):
    from chalicelib.storage.dynamo import Table
    from chalicelib.storage.feed import FeedRepository

    start = datetime(2026, 12, 3, 12, tzinfo=UTC)
    ticks = iter([start, start + SLOW, start + SLOW + timedelta(seconds=1), start + SLOW + timedelta(seconds=1.5)])
    slow = FeedRepository(Table(), clock=lambda: next(ticks))
    event = Delivered(
        "Case Opened", {"id": new_id("evt", start), "occurred_at": "2026-12-03T12:00:00Z", "recipients": ["DEA"]}
    )
    slow.write([event])
    # A reader that had moved past the first position before it committed still finds the second.
    entries, _ = slow.page("DEA", "2026-12-03T12:00:00.500000Z#~", start + timedelta(hours=1), 10)
    assert [entry.event_id for entry in entries] == [event.event_id]
    everything, _ = slow.page("DEA", None, start + timedelta(hours=1), 10)
    assert [entry.event_id for entry in everything] == [event.event_id] * 2  # a repeat, under the same id


def test_types_filter_the_feed_and_bad_cursors_and_types_are_400(api, aws, pump, later):
    every_kind_of_change(api)
    pump.drain()
    later()
    referrals = feed_of(api, "DEA", types="Referral%20Created,Referral%20Declined")
    assert {item["detail_type"] for item in referrals} == {"Referral Created", "Referral Declined"}
    for bad in ("after=nonsense", "after=evt_nonsense", "types=Case%20Exploded"):
        refused = api.call("GET", f"/v1/events?{bad}", "DEA")
        assert refused.status_code == 400 and refused.headers["content-type"] == "application/problem+json"


def test_the_feed_is_one_write_per_25_entries_and_a_read_is_a_query_per_shard(api, later, dynamo_calls):
    from chalicelib.storage.keys import FEED_SHARDS
    from chalicelib.wiring import feed

    at = datetime.now(UTC)
    events = [
        Delivered("Case Opened", {"id": new_id("evt", at), "occurred_at": at.isoformat(), "recipients": ["DEA", "HSI"]})
        for _ in range(25)
    ]
    dynamo_calls.reset()
    feed().write(events)
    assert dynamo_calls.operations == ["BatchWriteItem"] * 2
    dynamo_calls.reset()
    api.call("GET", "/v1/events", "DEA")
    assert dynamo_calls.operations == ["Query"] * FEED_SHARDS + ["PutItem"]


def test_the_feeds_cursor_is_signed_and_bound_to_the_organisation_that_read_it(api, aws, pump, later):
    """It was a bare base64 of the position: anyone could write one, and another
    organisation's worked. Now it is signed like every list's cursor (`api.cursors`)."""
    import base64

    every_kind_of_change(api)
    pump.drain()
    later()
    first = api.call("GET", "/v1/events?limit=1", "DEA").data
    cursor, [seen] = first["next_cursor"], first["items"]
    assert api.call("GET", f"/v1/events?limit=1&after={cursor}", "DEA").data["items"][0]["id"] != seen["id"]
    # Bound to the feed, not to `types`: a position is one in the whole feed.
    assert api.call("GET", f"/v1/events?after={cursor}&types=Case%20Opened", "DEA").status_code == 200
    # An event id is still a place to start from, as documented.
    assert api.call("GET", f"/v1/events?after={seen['id']}", "DEA").status_code == 200

    position = "2000-01-01T00:00:00.000000Z#~"
    unsigned = base64.urlsafe_b64encode(position.encode()).decode().rstrip("=")
    payload, _, signature = cursor.partition(".")
    edited = base64.urlsafe_b64encode(f'{{"position":"{position}"}}'.encode()).decode().rstrip("=")
    for forged in (unsigned, f"{edited}.{signature}", f"{payload}.{signature[:-2]}AA"):
        refused = api.call("GET", f"/v1/events?after={forged}", "DEA")
        assert refused.status_code == 400 and refused.headers["content-type"] == "application/problem+json", forged
    refused = api.call("GET", f"/v1/events?after={cursor}", "HSI")
    assert refused.status_code == 400 and "cursor" in refused.data["detail"]
