"""Referrals as pure domain rules, with no storage: who may refer a case to whom, and the state
machine pending -> accepted | declined | withdrawn, by the right party only.

`tests/test_referral_state_machine.py` drives the same machine through the API on moto; here
every test builds a referral with `a_referral(**fields)` and a case with `a_case(**fields)`
and asks the domain one question.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import referrals, timers
from chalicelib.domain.cases import Case, CaseStatus, Tlp
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.referrals import (
    SYSTEM,
    UNREFERABLE,
    Decision,
    Priority,
    Referral,
    ReferralAction,
    ReferralStatus,
)
from chalicelib.domain.timers import TimerKind
from tests import domain_builders as builders
from tests.domain_builders import org, refused

AT = datetime(2026, 12, 6, 16, 0, tzinfo=UTC)
#: Who decides each action: the receiver accepts or declines, the sender withdraws.
DECIDER = {ReferralAction.ACCEPT: "HSI", ReferralAction.DECLINE: "HSI", ReferralAction.WITHDRAW: "DEA"}


def a_case(**fields) -> Case:
    """DEA's open AMBER case, referred to HSI (pending)."""
    return builders.a_case(**{"pending_referrals_to": frozenset({"HSI"}), **fields})


def a_referral(**fields) -> Referral:
    return Referral(
        **{
            "referral_id": "ref_1",
            "case_id": "case_1",
            "from_org": "DEA",
            "to_org": "HSI",
            "reason": "the vendor ships from El Paso",
            "priority": Priority.ROUTINE,
            "respond_by": AT + timedelta(days=14),
            "created_at": AT,
            "created_by": "agent.dea@example.gov",
            **fields,
        }
    )


# referring


def test_a_participant_refers_a_referable_case_to_an_agency_not_yet_on_it():
    referrals.refer(a_case(pending_referrals_to=frozenset()), "case_1", "DEA", org("HSI"))


@pytest.mark.parametrize(
    ("fields", "to", "why"),
    [
        ({}, "META", "is a platform"),
        ({}, "DEA", "owns this case"),
        ({"participants": frozenset({"DEA", "ATF"})}, "ATF", "already participates"),
        ({}, "HSI", "already pending"),
        ({"tlp": Tlp.RED}, "USPIS", "TLP:RED"),
        ({"tlp": Tlp.AMBER_STRICT}, "USPIS", r"TLP:AMBER\+STRICT"),
        ({"status": CaseStatus.CLOSED}, "USPIS", "closed"),
    ],
)
def test_a_referral_the_case_does_not_allow_is_a_conflict_that_says_why(fields, to, why):
    with pytest.raises(Conflict, match=why):
        referrals.refer(a_case(**fields), "case_1", "DEA", org(to))


@pytest.mark.parametrize("case", [None, a_case()], ids=["absent", "hidden"])
def test_a_case_the_sender_cannot_see_is_not_found(case):
    with pytest.raises(NotFound, match="no case 'case_1'"):
        referrals.refer(case, "case_1", "ATF", org("USPIS"))


def test_an_agency_that_accepted_a_referral_may_refer_the_case_on():
    referrals.refer(
        a_case(participants=frozenset({"DEA", "HSI"}), pending_referrals_to=frozenset()), "case_1", "HSI", org("ATF")
    )


@pytest.mark.parametrize("tlp", Tlp)
@pytest.mark.parametrize("status", CaseStatus)
def test_a_case_may_be_referred_exactly_when_referable_holds(tlp, status):
    case = a_case(tlp=tlp, status=status)
    assert refused(lambda: referrals.check_referable(case)) is not case.referable
    assert case.referable is (tlp in (Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER) and status is CaseStatus.OPEN)


@pytest.mark.parametrize("priority", Priority)
def test_a_referral_is_answered_within_its_prioritys_window_by_default(priority):
    expected = {
        Priority.ROUTINE: timedelta(days=14),
        Priority.PRIORITY: timedelta(days=3),
        Priority.URGENT: timedelta(hours=24),
    }
    assert priority.default_response_window == expected[priority]


def test_a_pending_referral_past_its_respond_by_time_is_overdue_once():
    [overdue] = timers.referral_timers(a_referral())
    assert (overdue.kind, overdue.due_at, overdue.case_id) == (
        TimerKind.REFERRAL_OVERDUE,
        datetime(2026, 12, 20, 16, 0, tzinfo=UTC),
        "case_1",
    )
    for status in ReferralStatus:
        for overdue_at in (None, AT + timedelta(days=15)):
            found = a_referral(status=status, overdue_at=overdue_at)
            expected = status is ReferralStatus.PENDING and overdue_at is None
            assert referrals.UNANSWERED.holds(found) is expected
            assert timers.still_due(overdue, found) is expected


# the state machine


@pytest.mark.parametrize("action", ReferralAction)
def test_each_decision_has_its_one_outcome(action):
    outcome = {"accept": "accepted", "decline": "declined", "withdraw": "withdrawn"}[action.value]
    assert action.outcome == outcome
    decision = Decision("ref_1", "case_1", "HSI", action, DECIDER[action], "someone", AT)
    assert decision.status == outcome and not decision.by_system


@pytest.mark.parametrize("action", ReferralAction)
def test_the_right_party_decides_a_pending_referral(action):
    referrals.decide(a_referral(), a_case(), action, DECIDER[action], referral_id="ref_1")
    assert referrals.may_decide(action, DECIDER[action]).holds(a_referral())


@pytest.mark.parametrize("status", ReferralStatus)
@pytest.mark.parametrize("action", ReferralAction)
@pytest.mark.parametrize("caller", ["DEA", "HSI"])
def test_a_decision_is_refused_exactly_when_may_decide_does_not_hold(status, action, caller):
    referral = a_referral(status=status)
    refusal = refused(lambda: referrals.decide(referral, a_case(), action, caller, referral_id="ref_1"))
    assert refusal is not referrals.may_decide(action, caller).holds(referral)


@pytest.mark.parametrize("status", [s for s in ReferralStatus if s is not ReferralStatus.PENDING])
@pytest.mark.parametrize("action", ReferralAction)
def test_only_a_pending_referral_is_decided(status, action):
    with pytest.raises(Conflict, match=f"the referral is {status}"):
        referrals.decide(a_referral(status=status), a_case(), action, DECIDER[action], referral_id="ref_1")


def test_a_declined_referral_cannot_be_accepted():
    with pytest.raises(Conflict, match="declined"):
        referrals.decide(
            a_referral(status=ReferralStatus.DECLINED), a_case(), ReferralAction.ACCEPT, "HSI", referral_id="ref_1"
        )


@pytest.mark.parametrize(("action", "caller"), [("accept", "DEA"), ("decline", "DEA"), ("withdraw", "HSI")])
def test_the_wrong_end_of_a_referral_is_refused_and_told_who_decides(action, caller):
    with pytest.raises(Conflict, match=r"only the (receiving|sending) agency"):
        referrals.decide(a_referral(), a_case(), ReferralAction(action), caller, referral_id="ref_1")


@pytest.mark.parametrize("action", ReferralAction)
def test_an_agency_outside_the_referral_and_the_case_is_told_it_does_not_exist(action):
    for referral, case in ((a_referral(), a_case()), (None, a_case()), (a_referral(), None)):
        with pytest.raises(NotFound, match="no referral 'ref_1'"):
            referrals.decide(referral, case, action, "ATF", referral_id="ref_1")


@pytest.mark.parametrize("case", [a_case(tlp=Tlp.RED), a_case(status=CaseStatus.CLOSED)], ids=["re-marked", "closed"])
def test_a_referral_of_a_case_that_became_unreferable_cannot_be_accepted_but_may_be_declined_or_withdrawn(case):
    with pytest.raises(Conflict) as refusal:
        referrals.decide(a_referral(), case, ReferralAction.ACCEPT, "HSI", referral_id="ref_1")
    assert refusal.value.detail == UNREFERABLE  # the receiver learns no more than that
    referrals.decide(a_referral(), case, ReferralAction.DECLINE, "HSI", referral_id="ref_1")
    referrals.decide(a_referral(), case, ReferralAction.WITHDRAW, "DEA", referral_id="ref_1")


@given(
    status=st.sampled_from(ReferralStatus),
    action=st.sampled_from(ReferralAction),
    caller=st.sampled_from(["DEA", "HSI", "ATF"]),
    tlp=st.sampled_from(Tlp),
    case_status=st.sampled_from(CaseStatus),
)
def test_a_decision_stands_exactly_when_the_guard_holds_and_an_acceptance_can_still_reach_the_case(
    status, action, caller, tlp, case_status
):
    referral, case = a_referral(status=status), a_case(tlp=tlp, status=case_status)
    allowed = referrals.may_decide(action, caller).holds(referral) and (
        action is not ReferralAction.ACCEPT or case.referable
    )
    assert refused(lambda: referrals.decide(referral, case, action, caller, referral_id="ref_1")) is not allowed


# who sees it, and what of the case


@pytest.mark.parametrize(("viewer", "sees"), [("DEA", True), ("HSI", True), ("USPIS", True), ("ATF", False)])
def test_a_referral_is_seen_by_its_two_ends_and_the_participants_of_its_case(viewer, sees):
    case = a_case(participants=frozenset({"DEA", "USPIS"}))
    assert a_referral().visible_to(viewer, case) is sees
    if not sees:
        with pytest.raises(NotFound):
            referrals.visible_referral(a_referral(), case, viewer, "ref_1")


def test_a_referral_withdrawn_by_casebridge_says_why_and_one_withdrawn_by_the_sender_does_not():
    by_system = a_referral(status=ReferralStatus.WITHDRAWN, decided_by=SYSTEM)
    by_sender = a_referral(status=ReferralStatus.WITHDRAWN, decided_by="agent.dea@example.gov")
    assert (by_system.withdraw_reason, by_sender.withdraw_reason) == (UNREFERABLE, None)
    assert Decision("ref_1", "case_1", "HSI", ReferralAction.WITHDRAW, "DEA", SYSTEM, AT).by_system


STAMPED = {"case_title": "Pills (as referred)", "case_tlp": "AMBER"}


@pytest.mark.parametrize(
    ("status", "case_fields", "reads_now"),
    [
        (ReferralStatus.PENDING, {}, True),
        (ReferralStatus.PENDING, {"tlp": Tlp.RED}, False),
        (ReferralStatus.PENDING, {"status": CaseStatus.CLOSED}, False),
        (ReferralStatus.DECLINED, {}, False),
        (ReferralStatus.WITHDRAWN, {}, False),
    ],
)
def test_the_receiver_reads_the_case_as_it_is_only_while_the_case_may_still_reach_it(status, case_fields, reads_now):
    case = a_case(title="Pills, renamed", **case_fields)
    view = referrals.case_view(a_referral(status=status, **STAMPED), case, "HSI")
    assert view == (("Pills, renamed", case.tlp.value) if reads_now else ("Pills (as referred)", "AMBER"))


def test_a_participant_reads_the_case_as_it_is():
    case = a_case(title="Pills, renamed", tlp=Tlp.RED)
    assert referrals.case_view(a_referral(**STAMPED), case, "DEA") == ("Pills, renamed", "RED")


@pytest.mark.parametrize(
    ("fields", "followed"),
    [
        ({"pending_referrals_to": frozenset()}, False),
        ({}, True),
        ({"pending_referrals_to": frozenset(), "participants": frozenset({"DEA", "HSI"})}, True),
    ],
)
def test_only_a_case_with_a_pending_or_accepted_referral_has_referrals_to_keep_up_to_date(fields, followed):
    assert referrals.followed(a_case(**fields)) is followed


@pytest.mark.parametrize("tlp", Tlp)
def test_a_pending_referral_takes_the_cases_new_title_only_while_the_receiver_may_still_see_it(tlp):
    case = a_case(tlp=tlp)
    expected = {ReferralStatus.ACCEPTED} | ({ReferralStatus.PENDING} if case.referable else set())
    assert set(referrals.stamp_statuses(case)) == expected
