"""Preservation requests (18 U.S.C. 2703(f)) as pure domain rules, with no storage: 90 days,
renewable once by 90, warned of 14 days before the end.

Every test builds a request with `a_preservation(**fields)`; no AWS, no HTTP. Where a refusal
is also a DynamoDB condition (`may_acknowledge`, `RUNNING`, `followed_by`), the Python check and
the rule's `.holds()` are shown to agree for every status.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import preservations, timers
from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.preservations import EXTENSION, PRESERVATION_PERIOD, Preservation, PreservationStatus
from chalicelib.domain.timers import TimerKind
from tests.domain_builders import a_case, org, refused, sending

AT = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
END = AT + timedelta(days=90)
RUNNING = (PreservationStatus.REQUESTED, PreservationStatus.ACKNOWLEDGED)


META, TIKTOK, DEA, HSI = org("META"), org("TIKTOK"), org("DEA"), org("HSI")


def a_preservation(**fields) -> Preservation:
    return Preservation(
        **{
            "preservation_id": "pres_1",
            "case_id": "case_1",
            "org": "DEA",
            "platform": "META",
            "accounts": (),
            "contact": Contact(),
            "requested_at": AT,
            "requested_by": "agent.dea@example.gov",
            "expires_at": END,
            **fields,
        }
    )


# requesting, and the clock it starts


def test_a_request_runs_ninety_days_from_when_it_was_made():
    requested = preservations.request(sending("pres_1", AT), (), Contact())
    assert (requested.status, requested.expires_at, requested.extended, requested.version) == (
        PreservationStatus.REQUESTED,
        datetime(2027, 3, 6, 9, 30, tzinfo=UTC),
        False,
        1,
    )


def test_both_sides_are_warned_fourteen_days_before_the_end_and_told_at_the_end():
    assert a_preservation().warn_at == datetime(2027, 2, 20, 9, 30, tzinfo=UTC)
    expiring, expired = timers.preservation_timers(a_preservation())
    assert (expiring.kind, expiring.due_at, expiring.expires_at) == (
        TimerKind.PRESERVATION_EXPIRING,
        datetime(2027, 2, 20, 9, 30, tzinfo=UTC),
        END,
    )
    assert (expired.kind, expired.due_at, expired.expires_at) == (TimerKind.PRESERVATION_EXPIRED, END, END)


def test_an_unregistered_platform_is_refused():
    with pytest.raises(Conflict, match="'NOPE' is not a registered platform"):
        preservations.request(sending("pres_1", AT, None), (), Contact())


def test_preservation_requests_go_to_platforms_not_agencies():
    with pytest.raises(Conflict, match="HSI is a federal agency"):  # the message names the kind
        preservations.request(sending("pres_1", AT, "HSI"), (), Contact())


# who sees it


@pytest.mark.parametrize(
    ("viewer", "sees"), [("META", True), ("TIKTOK", False), ("DEA", True), ("HSI", True), ("ATF", False)]
)
def test_a_request_is_seen_by_its_platform_and_the_participants_of_its_case(viewer, sees):
    assert a_preservation().visible_to(org(viewer), a_case(participants=frozenset({"DEA", "HSI"}))) is sees


@pytest.mark.parametrize("viewer", ["META", "DEA"])
def test_a_request_is_read_by_whoever_may_see_it(viewer):
    found = a_preservation()
    assert preservations.visible_preservation(found, a_case(), org(viewer), "pres_1") is found


def test_a_hidden_request_is_answered_as_an_absent_one():
    with pytest.raises(NotFound) as hidden:
        preservations.visible_preservation(a_preservation(), None, TIKTOK, "pres_1")
    with pytest.raises(NotFound) as absent:
        preservations.visible_preservation(None, None, TIKTOK, "pres_1")
    assert hidden.value.detail == absent.value.detail


# the platform acknowledges once


@pytest.mark.parametrize("status", PreservationStatus)
@pytest.mark.parametrize("platform", ["META", "TIKTOK", "DEA"])
def test_an_acknowledgement_is_refused_exactly_when_may_acknowledge_does_not_hold(status, platform):
    found = a_preservation(status=status)
    refusal = refused(lambda: preservations.acknowledge(found, org(platform), "pres_1"))
    assert refusal is not preservations.may_acknowledge(platform).holds(found)


@pytest.mark.parametrize("status", [s for s in PreservationStatus if s is not PreservationStatus.REQUESTED])
def test_a_request_is_acknowledged_once_and_not_after_it_ended(status):
    with pytest.raises(Conflict, match=f"already {status}"):
        preservations.acknowledge(a_preservation(status=status), META, "pres_1")


@pytest.mark.parametrize("caller", ["TIKTOK", "DEA"])
def test_anyone_but_the_platform_asked_is_told_the_request_does_not_exist(caller):
    with pytest.raises(NotFound):
        preservations.acknowledge(a_preservation(), org(caller), "pres_1")
    with pytest.raises(NotFound):
        preservations.acknowledge(None, META, "pres_1")


# one extension of 90 days, by the agency that sent it, while it runs


@pytest.mark.parametrize("status", RUNNING)
@pytest.mark.parametrize("when", [AT, AT + timedelta(days=80), END - timedelta(seconds=1)])
def test_the_agency_that_sent_it_extends_a_running_request_once_by_ninety_days(status, when):
    extended = preservations.extend(a_preservation(status=status), "DEA", when)
    assert (extended.expires_at, extended.extended, extended.version) == (END + timedelta(days=90), True, 2)
    assert extended.warn_at == END + timedelta(days=76)


def test_a_second_extension_is_refused():
    extended = preservations.extend(a_preservation(), "DEA", AT)
    with pytest.raises(Conflict, match="one extension"):
        preservations.extend(extended, "DEA", AT + timedelta(days=100))


def test_another_agency_on_the_case_may_not_extend_it():
    with pytest.raises(Forbidden, match="only DEA"):
        preservations.extend(a_preservation(), "HSI", AT)


@pytest.mark.parametrize("when", [END, END + timedelta(days=1)])
def test_a_period_that_ran_out_is_not_extended_even_before_the_timer_marks_it_expired(when):
    with pytest.raises(Conflict, match="send a new request"):
        preservations.extend(a_preservation(), "DEA", when)


def test_an_expired_request_is_not_extended():
    with pytest.raises(Conflict, match="send a new request"):
        preservations.extend(a_preservation(status=PreservationStatus.EXPIRED), "DEA", AT)


def test_a_fulfilled_request_is_not_extended():
    with pytest.raises(Conflict, match="fulfilled"):
        preservations.extend(a_preservation(status=PreservationStatus.FULFILLED), "DEA", AT)


@pytest.mark.parametrize("status", PreservationStatus)
@pytest.mark.parametrize("extended", [False, True])
def test_an_extension_is_refused_exactly_when_the_request_no_longer_runs_or_was_extended(status, extended):
    found = a_preservation(status=status, extended=extended)
    assert refused(lambda: preservations.extend(found, "DEA", AT)) is (
        extended or not preservations.RUNNING.holds(found)
    )


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=200)))
def test_no_request_is_preserved_longer_than_one_hundred_and_eighty_days(elapsed):
    found = a_preservation()
    for _ in range(2):
        try:
            found = preservations.extend(found, "DEA", AT + elapsed)
        except Conflict:
            break
    assert found.expires_at - found.requested_at <= PRESERVATION_PERIOD + EXTENSION
    assert found.extended is (elapsed < PRESERVATION_PERIOD)


# timers: the warning and the end find the period they were set for


@pytest.mark.parametrize("status", PreservationStatus)
@pytest.mark.parametrize("expires_at", [END, END + EXTENSION])
def test_a_timer_acts_only_on_the_period_it_was_set_for_while_it_runs(status, expires_at):
    found = a_preservation(status=status, expires_at=expires_at)
    assert preservations.running_until(END).holds(found) is (status in RUNNING and expires_at == END)


@pytest.mark.parametrize("warned_for", [None, END, END + EXTENSION])
def test_the_warning_goes_out_once_per_period(warned_for):
    found = a_preservation(warned_for=warned_for)
    assert preservations.unwarned_for(END).holds(found) is (warned_for != END)


@pytest.mark.parametrize("status", PreservationStatus)
@pytest.mark.parametrize("warned_for", [None, END])
def test_a_preservation_timer_is_still_news_exactly_when_its_rule_holds(status, warned_for):
    found = a_preservation(status=status, warned_for=warned_for)
    expiring, expired = timers.preservation_timers(a_preservation())
    assert timers.still_due(expiring, found) is preservations.unwarned_for(END).holds(found)
    assert timers.still_due(expired, found) is preservations.running_until(END).holds(found)
    extended = replace(found, expires_at=END + EXTENSION)
    assert not timers.still_due(expiring, extended) and not timers.still_due(expired, extended)


def test_an_extended_period_is_warned_of_again():
    extended = preservations.extend(a_preservation(warned_for=END), "DEA", AT + timedelta(days=80))
    assert preservations.unwarned_for(extended.expires_at).holds(extended)
    assert not preservations.unwarned_for(END).holds(extended)


# what legal process may follow


FOLLOWERS = [
    ("case_1", "DEA", "META"),
    ("case_2", "DEA", "META"),
    ("case_1", "HSI", "META"),
    ("case_1", "DEA", "TIKTOK"),
]


@pytest.mark.parametrize("status", PreservationStatus)
@pytest.mark.parametrize(("case_id", "agency", "platform"), FOLLOWERS)
def test_legal_process_follows_exactly_the_running_preservations_its_own_agency_sent(status, case_id, agency, platform):
    found = a_preservation(status=status)
    refusal = refused(lambda: preservations.check_followed(found, case_id, agency, platform, "pres_1"))
    assert refusal is not preservations.followed_by(case_id, agency, platform).holds(found)


def test_another_agencys_preservation_is_refused_in_the_words_of_an_absent_one():
    with pytest.raises(Conflict) as theirs:
        preservations.check_followed(a_preservation(org="HSI"), "case_1", "DEA", "META", "pres_1")
    with pytest.raises(Conflict) as absent:
        preservations.check_followed(None, "case_1", "DEA", "META", "pres_1")
    assert theirs.value.detail == absent.value.detail
