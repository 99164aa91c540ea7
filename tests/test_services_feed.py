"""Reading the event feed (`services.feed`) as a specification, on the feed's twin
(`tests/twins.py`): no moto, no HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from chalicelib.domain.errors import NotFound
from chalicelib.domain.feed import SETTLE, Delivered
from chalicelib.services.feed import FeedService
from tests.twins import NOW, FeedTwin, MemoryTable, auditor, caller

LATER = NOW + timedelta(minutes=1)


def event(n: int, detail_type: str = "Referral Created", recipients: tuple[str, ...] = ("DEA", "HSI")) -> Delivered:
    detail: dict[str, Any] = {"id": f"evt_{n}", "recipients": list(recipients), "occurred_at": NOW.isoformat()}
    return Delivered(detail_type, detail)


@pytest.fixture
def table() -> MemoryTable:
    return MemoryTable()


@pytest.fixture
def feed(table: MemoryTable) -> FeedTwin:
    return FeedTwin(table)


@pytest.fixture
def service(table: MemoryTable, feed: FeedTwin) -> FeedService:
    return FeedService(feed, auditor(table))


def test_an_organisation_reads_its_own_events_oldest_first_in_pages(service: FeedService, feed: FeedTwin) -> None:
    feed.write([event(1), event(2), event(3, recipients=("ATF",))], NOW)

    first = service.read(caller("DEA", at=LATER), None, None, frozenset(), 1)
    rest = service.read(caller("DEA", at=LATER), first.following, None, frozenset(), 10)

    assert [e.event_id for e in [*first.entries, *rest.entries]] == ["evt_1", "evt_2"]
    assert [e.event_id for e in service.read(caller("ATF", at=LATER), None, None, frozenset(), 10).entries] == ["evt_3"]


def test_events_newer_than_the_watermark_wait_for_the_next_read(service: FeedService, feed: FeedTwin) -> None:
    feed.write([event(1)], NOW)

    early = service.read(caller("DEA", at=NOW + SETTLE / 2), None, None, frozenset(), 10)
    settled = service.read(caller("DEA", at=LATER), early.following, None, frozenset(), 10)

    assert early.entries == []
    assert [e.event_id for e in settled.entries] == ["evt_1"]


def test_a_read_after_an_event_starts_past_it_and_an_unknown_event_is_refused(
    service: FeedService, feed: FeedTwin, table: MemoryTable
) -> None:
    feed.write([event(1), event(2, "Referral Accepted")], NOW)

    after = service.read(caller("DEA", at=LATER), None, "evt_1", frozenset(), 10)
    with pytest.raises(NotFound):
        service.read(caller("HSI", at=LATER), None, "evt_9", frozenset(), 10)

    assert [e.event_id for e in after.entries] == ["evt_2"]
    assert table.events()[-1] == ("events.list", "failure")


def test_a_filtered_page_moves_past_what_it_left_out(service: FeedService, feed: FeedTwin) -> None:
    feed.write([event(1), event(2, "Referral Accepted"), event(3)], NOW)

    accepted = service.read(caller("DEA", at=LATER), None, None, frozenset({"Referral Accepted"}), 2)
    rest = service.read(caller("DEA", at=LATER), accepted.following, None, frozenset(), 10)

    assert [e.event_id for e in accepted.entries] == ["evt_2"]
    assert [e.event_id for e in rest.entries] == ["evt_3"]
