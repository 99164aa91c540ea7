"""Emergency disclosure requests as pure domain rules, with no storage: two people of the
asking agency, then the platform's acknowledgement and answer within minutes.

Every test builds a request with `a_request(**fields)`; no AWS, no HTTP. Where a refusal is
also a DynamoDB condition (`UNDECIDED`, `may_acknowledge`, `may_answer`, `OPEN`), the Python
transition and the rule's `.holds()` are shown to agree for every status.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import emergency, timers
from chalicelib.domain.cases import CaseStatus, Tlp
from chalicelib.domain.emergency import (
    DEFAULT_PROCESS_DUE,
    DEFAULT_SLA,
    QUEUE_RANK,
    Disclosure,
    Emergency,
    EmergencyAnswer,
    EmergencyKind,
    EmergencyRequest,
    EmergencyStatus,
    Officer,
)
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField, NotFound
from chalicelib.domain.legal import RecordCategory
from chalicelib.domain.organisations import Organisation
from chalicelib.domain.principal import Principal
from chalicelib.domain.timers import TimerKind
from tests.domain_builders import a_case, org, refused, sending, walk

AT = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)
ISSUER = "https://idp.dea.example.gov"
ASKER = Officer(ISSUER, "agent.dea@example.gov", "SA Rivera")
SENT = (
    EmergencyStatus.APPROVED,
    EmergencyStatus.ACKNOWLEDGED,
    EmergencyStatus.ANSWERED,
    EmergencyStatus.ON_HOLD,
    EmergencyStatus.WITHDRAWN,
)
OPEN = (EmergencyStatus.APPROVED, EmergencyStatus.ACKNOWLEDGED)


META, TIKTOK, DEA, HSI = org("META"), org("TIKTOK"), org("DEA"), org("HSI")


def an_emergency(**fields) -> Emergency:
    return Emergency(
        **{
            "kind": EmergencyKind.OVERDOSE_RISK,
            "description": "a buyer posted that they will take the pills tonight",
            "why_without_delay": "tonight",
            "categories": (RecordCategory.SUBSCRIBER,),
            "data_detail": "the buyer's registered phone and last login IP",
            "how_it_helps": "locate the buyer",
            **fields,
        }
    )


def a_request(**fields) -> EmergencyRequest:
    return EmergencyRequest(
        **{
            "request_id": "emer_1",
            "case_id": "case_1",
            "org": "DEA",
            "platform": "META",
            "accounts": (),
            "emergency": an_emergency(),
            "requested_by": ASKER,
            "requested_at": AT,
            **fields,
        }
    )


def a_person(subject: str = "supervisor.dea@example.gov", of: Organisation = DEA, issuer: str = ISSUER) -> Principal:
    return Principal(subject, of, frozenset({"emergency:approve"}), name="SSA Chen", issuer=issuer)


def an_answer(outcome: Disclosure = Disclosure.DISCLOSED, **fields) -> EmergencyAnswer:
    return EmergencyAnswer(
        **{"outcome": outcome, "answered_at": AT + timedelta(minutes=20), "answered_by": "desk@meta", **fields}
    )


# asking


def test_a_request_awaits_a_second_persons_approval():
    asked = emergency.ask(sending("emer_1", AT), ASKER, (), an_emergency())
    assert (asked.status, asked.version, asked.requested_by, asked.approved_by) == (
        EmergencyStatus.AWAITING_APPROVAL,
        1,
        ASKER,
        None,
    )
    assert not asked.sent


@pytest.mark.parametrize("code", [None, "HSI"])
def test_emergency_requests_go_to_registered_platforms_only(code):
    with pytest.raises(Conflict, match="emergency requests go to platforms"):
        emergency.ask(sending("emer_1", AT, code), ASKER, (), an_emergency())


def test_a_request_names_at_least_one_category_of_records():
    with pytest.raises(InvalidField) as refusal:
        emergency.ask(sending("emer_1", AT), ASKER, (), an_emergency(categories=()))
    assert refusal.value.field == "emergency.data_needed.categories"


def test_a_category_asked_for_twice_is_asked_for_once():
    twice = an_emergency(categories=(RecordCategory.SUBSCRIBER, RecordCategory.CONTENT, RecordCategory.SUBSCRIBER))
    asked = emergency.ask(sending("emer_1", AT), ASKER, (), twice)
    assert asked.emergency.categories == (RecordCategory.SUBSCRIBER, RecordCategory.CONTENT)


# two people: the approval


def test_a_supervisor_of_the_asking_agency_approves_and_so_sends_it():
    approved = emergency.decide(a_request(), a_case(), a_person(), AT + timedelta(minutes=3), None)
    assert approved.status is EmergencyStatus.APPROVED and approved.sent
    assert approved.approved_by == Officer(ISSUER, "supervisor.dea@example.gov", "SSA Chen")
    assert (approved.decided_at, approved.rejected_because, approved.version) == (AT + timedelta(minutes=3), None, 2)


def test_a_supervisor_rejects_it_with_a_reason_and_it_never_reaches_the_platform():
    rejected = emergency.decide(a_request(), a_case(), a_person(), AT, "no imminent danger")
    assert (rejected.status, rejected.rejected_because, rejected.approved_by) == (
        EmergencyStatus.REJECTED,
        "no imminent danger",
        None,
    )
    assert not rejected.sent and not rejected.visible_to(META, None)


@pytest.mark.parametrize(
    "subject",
    [
        "agent.dea@example.gov",
        "Agent.DEA@example.gov",
        "agent.dea\uff20example.gov",  # a fullwidth @
        "\u0430gent.dea@example.gov",  # a Cyrillic a
    ],
)
@pytest.mark.parametrize("rejected_because", [None, "no"])
def test_an_approval_or_rejection_by_the_officer_who_asked_is_refused(subject, rejected_because):
    with pytest.raises(Forbidden, match="not the officer who asked"):
        emergency.decide(a_request(), a_case(), a_person(subject), AT, rejected_because)


def test_the_same_subject_of_another_identity_provider_is_another_person():
    approved = emergency.decide(
        a_request(), a_case(), a_person("agent.dea@example.gov", issuer="https://other"), AT, None
    )
    assert approved.status is EmergencyStatus.APPROVED


def test_a_person_of_another_agency_on_the_case_may_not_decide():
    with pytest.raises(Forbidden, match="only a supervisor of DEA"):
        emergency.decide(a_request(), a_case(participants=frozenset({"DEA", "HSI"})), a_person(of=HSI), AT, None)


@pytest.mark.parametrize("status", EmergencyStatus)
def test_a_decision_is_refused_exactly_when_undecided_does_not_hold(status):
    request = a_request(status=status)
    for rejected_because in (None, "no"):
        refusal = refused(lambda: emergency.decide(request, a_case(), a_person(), AT, rejected_because))
        assert refusal is not emergency.UNDECIDED.holds(request)


@pytest.mark.parametrize("status", [s for s in EmergencyStatus if s is not EmergencyStatus.AWAITING_APPROVAL])
def test_a_request_is_decided_once(status):
    with pytest.raises(Conflict, match=f"already {status}"):
        emergency.decide(a_request(status=status), a_case(), a_person(), AT, None)


@pytest.mark.parametrize(
    "case", [a_case(status=CaseStatus.CLOSED), a_case(tlp=Tlp.RED), a_case(tlp=Tlp.AMBER_STRICT)], ids=str
)
def test_an_approval_on_a_case_that_may_no_longer_reach_the_platform_is_refused_and_a_rejection_is_not(case):
    with pytest.raises(Conflict):
        emergency.decide(a_request(), case, a_person(), AT, None)
    assert emergency.decide(a_request(), case, a_person(), AT, "closed").status is EmergencyStatus.REJECTED


# who sees it


@pytest.mark.parametrize("status", EmergencyStatus)
def test_the_platform_sees_a_request_only_once_it_is_approved(status):
    request = a_request(status=status)
    assert request.visible_to(META, None) is (status in SENT)
    assert not request.visible_to(TIKTOK, None)


@pytest.mark.parametrize("status", EmergencyStatus)
def test_the_participants_of_the_case_always_see_it(status):
    case = a_case(participants=frozenset({"DEA", "HSI"}))
    assert a_request(status=status).visible_to(HSI, case)
    assert not a_request(status=status).visible_to(org("ATF"), case)


@pytest.mark.parametrize(
    ("viewer", "status"), [("META", EmergencyStatus.APPROVED), ("DEA", EmergencyStatus.AWAITING_APPROVAL)]
)
def test_a_request_is_read_by_whoever_may_see_it(viewer, status):
    request = a_request(status=status)
    assert emergency.visible_request(request, a_case(), org(viewer), "emer_1") is request


def test_a_request_the_platform_may_not_see_yet_is_answered_as_an_absent_one():
    with pytest.raises(NotFound) as unsent:
        emergency.visible_request(a_request(), None, META, "emer_1")
    with pytest.raises(NotFound) as absent:
        emergency.visible_request(None, None, META, "emer_1")
    assert unsent.value.detail == absent.value.detail


# the platform's side: acknowledge within minutes, answer


def test_the_platform_acknowledges_an_approved_request():
    acknowledged = emergency.acknowledge(
        a_request(status=EmergencyStatus.APPROVED, version=2), META, "emer_1", "desk@meta", AT + timedelta(minutes=4)
    )
    assert (acknowledged.status, acknowledged.acknowledged_by, acknowledged.acknowledged_at, acknowledged.version) == (
        EmergencyStatus.ACKNOWLEDGED,
        "desk@meta",
        AT + timedelta(minutes=4),
        3,
    )


@pytest.mark.parametrize("status", EmergencyStatus)
@pytest.mark.parametrize("platform", ["META", "TIKTOK"])
def test_an_acknowledgement_is_refused_exactly_when_may_acknowledge_does_not_hold(status, platform):
    request = a_request(status=status)
    refusal = refused(lambda: emergency.acknowledge(request, org(platform), "emer_1", "desk", AT))
    assert refusal is not emergency.may_acknowledge(platform).holds(request)


@pytest.mark.parametrize("status", [s for s in EmergencyStatus if s is not EmergencyStatus.APPROVED])
def test_a_request_not_yet_sent_is_absent_to_the_platform_and_a_sent_one_is_acknowledged_once(status):
    request = a_request(status=status)
    expected = Conflict if status in SENT else NotFound
    with pytest.raises(expected):
        emergency.acknowledge(request, META, "emer_1", "desk", AT)


@pytest.mark.parametrize("caller", ["TIKTOK", "DEA"])
def test_only_the_platform_asked_acknowledges_answers_or_adds_files(caller):
    request = a_request(status=EmergencyStatus.APPROVED)
    with pytest.raises(NotFound):
        emergency.acknowledge(request, org(caller), "emer_1", "desk", AT)
    with pytest.raises(NotFound):
        emergency.answer(request, org(caller), "emer_1", an_answer(), DEFAULT_PROCESS_DUE)
    with pytest.raises(NotFound):
        emergency.attachable(request, org(caller), "emer_1")


@pytest.mark.parametrize("status", OPEN)
def test_an_open_request_is_answered_acknowledged_or_not(status):
    answered = emergency.answer(a_request(status=status), META, "emer_1", an_answer(), DEFAULT_PROCESS_DUE)
    assert (answered.status, answered.outcome, answered.version) == (EmergencyStatus.ANSWERED, Disclosure.DISCLOSED, 2)


@pytest.mark.parametrize("status", EmergencyStatus)
@pytest.mark.parametrize("platform", ["META", "TIKTOK"])
def test_an_answer_is_refused_exactly_when_may_answer_does_not_hold(status, platform):
    request = a_request(status=status)
    refusal = refused(lambda: emergency.answer(request, org(platform), "emer_1", an_answer(), DEFAULT_PROCESS_DUE))
    assert refusal is not emergency.may_answer(platform).holds(request)


@pytest.mark.parametrize("status", EmergencyStatus)
def test_files_to_disclose_are_added_while_the_request_is_open(status):
    request = a_request(status=status)
    refusal = refused(lambda: emergency.attachable(request, META, "emer_1"))
    assert refusal is not emergency.OPEN.holds(request)


def test_an_answered_request_is_not_answered_again():
    with pytest.raises(Conflict, match="answered: it cannot be answered"):
        emergency.answer(a_request(status=EmergencyStatus.ANSWERED), META, "emer_1", an_answer(), DEFAULT_PROCESS_DUE)


@pytest.mark.parametrize("outcome", [Disclosure.PARTIALLY_DISCLOSED, Disclosure.DECLINED])
def test_a_partial_disclosure_or_a_decline_says_why(outcome):
    with pytest.raises(InvalidField) as refusal:
        emergency.answer(
            a_request(status=EmergencyStatus.APPROVED), META, "emer_1", an_answer(outcome), DEFAULT_PROCESS_DUE
        )
    assert refusal.value.field == "reason"


def test_a_declined_request_discloses_no_files():
    declined = an_answer(Disclosure.DECLINED, reason="not an emergency", file_ids=("file_1",))
    with pytest.raises(InvalidField) as refusal:
        emergency.answer(a_request(status=EmergencyStatus.APPROVED), META, "emer_1", declined, DEFAULT_PROCESS_DUE)
    assert refusal.value.field == "file_ids"


# clocks: the SLA, the alerts, legal process due after a disclosure


def test_an_approved_request_unacknowledged_is_alerted_at_the_sla_and_again_at_twice_it():
    approved = emergency.decide(a_request(), a_case(), a_person(), AT, None)
    alerts = timers.alert_timers(approved, DEFAULT_SLA)
    assert [(timer.kind, timer.due_at) for timer in alerts] == [
        (TimerKind.EMERGENCY_UNACKNOWLEDGED, datetime(2026, 12, 6, 3, 15, tzinfo=UTC)),
        (TimerKind.EMERGENCY_STILL_UNACKNOWLEDGED, datetime(2026, 12, 6, 3, 30, tzinfo=UTC)),
    ]
    assert [timers.ALERT_NUMBER[timer.kind] for timer in alerts] == [1, 2]


@pytest.mark.parametrize("alerts", [0, 1, 2])
@pytest.mark.parametrize("status", EmergencyStatus)
def test_an_alert_timer_is_still_news_exactly_when_its_rule_holds(status, alerts):
    request = a_request(status=status, alerts=alerts, decided_at=AT)
    for timer in timers.alert_timers(request, DEFAULT_SLA):
        news = timers.still_due(timer, request)
        assert news is (status is EmergencyStatus.APPROVED and alerts < timers.ALERT_NUMBER[timer.kind])


def test_legal_process_is_due_two_days_after_a_disclosure_by_default():
    answered = emergency.answer(
        a_request(status=EmergencyStatus.APPROVED), META, "emer_1", an_answer(), DEFAULT_PROCESS_DUE
    )
    [reminder] = timers.process_due_timers(answered)
    assert (reminder.kind, reminder.due_at) == (TimerKind.LEGAL_PROCESS_DUE, datetime(2026, 12, 8, 3, 20, tzinfo=UTC))


@pytest.mark.parametrize(
    ("outcome", "reason"), [(Disclosure.DISCLOSED, None), (Disclosure.PARTIALLY_DISCLOSED, "no location data")]
)
def test_legal_process_is_due_a_set_time_after_a_disclosure(outcome, reason):
    given_answer = an_answer(outcome, reason=reason)
    answered = emergency.answer(
        a_request(status=EmergencyStatus.ACKNOWLEDGED), META, "emer_1", given_answer, timedelta(hours=24)
    )
    assert answered.process_due_at == given_answer.answered_at + timedelta(hours=24)


def test_nothing_is_due_after_a_decline():
    declined = an_answer(Disclosure.DECLINED, reason="not an emergency")
    answered = emergency.answer(
        a_request(status=EmergencyStatus.APPROVED), META, "emer_1", declined, DEFAULT_PROCESS_DUE
    )
    assert answered.process_due_at is None
    assert timers.process_due_timers(answered) == []


@pytest.mark.parametrize("status", EmergencyStatus)
@pytest.mark.parametrize("alerts", [0, 1, 2])
@pytest.mark.parametrize("n", [1, 2])
def test_the_nth_unacknowledged_alert_is_news_only_while_unacknowledged_and_fewer_went_out(status, alerts, n):
    request = a_request(status=status, alerts=alerts)
    assert emergency.unacknowledged_alert(n).holds(request) is (status is EmergencyStatus.APPROVED and alerts < n)


@pytest.mark.parametrize("status", EmergencyStatus)
@pytest.mark.parametrize("followed_by", [None, "legal_1"])
@pytest.mark.parametrize("reminded", [None, AT])
def test_the_agency_is_reminded_of_legal_process_once_unless_a_request_followed(status, followed_by, reminded):
    request = a_request(status=status, followed_by=followed_by, process_reminded_at=reminded)
    expected = status is EmergencyStatus.ANSWERED and followed_by is None and reminded is None
    assert emergency.PROCESS_UNREMINDED.holds(request) is expected


def test_the_platforms_queue_shows_unacknowledged_requests_first_then_acknowledged_then_answered():
    first = (EmergencyStatus.APPROVED, EmergencyStatus.ACKNOWLEDGED, EmergencyStatus.ANSWERED)
    assert [QUEUE_RANK[status] for status in first] == sorted(QUEUE_RANK[status] for status in first)
    assert set(QUEUE_RANK) == set(SENT)
    # A held request waits with the acknowledged ones; a withdrawn one is closed, as if answered.
    assert QUEUE_RANK[EmergencyStatus.ON_HOLD] == QUEUE_RANK[EmergencyStatus.ACKNOWLEDGED]
    assert QUEUE_RANK[EmergencyStatus.WITHDRAWN] == QUEUE_RANK[EmergencyStatus.ANSWERED]


# what legal process may follow


@pytest.mark.parametrize("outcome", [None, *Disclosure])
@pytest.mark.parametrize("followed_by", [None, "legal_1"])
def test_legal_process_follows_a_disclosure_of_its_own_agency_that_nothing_followed_yet(outcome, followed_by):
    answer = an_answer(outcome) if outcome else None
    request = a_request(status=EmergencyStatus.ANSWERED if answer else EmergencyStatus.APPROVED, answer=answer)
    request = replace(request, followed_by=followed_by)
    disclosed = outcome in (Disclosure.DISCLOSED, Disclosure.PARTIALLY_DISCLOSED)
    assert emergency.followable("case_1", "DEA", "META").holds(request) is (disclosed and followed_by is None)
    assert not emergency.followable("case_1", "HSI", "META").holds(request)
    assert not emergency.followable("case_2", "DEA", "META").holds(request)
    assert not emergency.followable("case_1", "DEA", "TIKTOK").holds(request)


ACTIONS = {
    "approve": lambda found: emergency.decide(found, a_case(), a_person(), AT, None),
    "reject": lambda found: emergency.decide(found, a_case(), a_person(), AT, "no"),
    "approve as the asker": lambda found: emergency.decide(found, a_case(), a_person(ASKER.subject), AT, None),
    "acknowledge": lambda found: emergency.acknowledge(found, META, "emer_1", "desk", AT),
    "answer": lambda found: emergency.answer(found, META, "emer_1", an_answer(), DEFAULT_PROCESS_DUE),
    "decline": lambda found: emergency.answer(
        found, META, "emer_1", an_answer(Disclosure.DECLINED, reason="no"), DEFAULT_PROCESS_DUE
    ),
}
#: The documented state machine (docs/guides/emergency-requests.md, "States").
SUCCESSORS = {
    EmergencyStatus.AWAITING_APPROVAL: {EmergencyStatus.APPROVED, EmergencyStatus.REJECTED},
    EmergencyStatus.APPROVED: {EmergencyStatus.ACKNOWLEDGED, EmergencyStatus.ANSWERED},
    EmergencyStatus.ACKNOWLEDGED: {EmergencyStatus.ANSWERED},
    EmergencyStatus.REJECTED: set(),
    EmergencyStatus.ANSWERED: set(),
}


@given(st.lists(st.sampled_from(sorted(ACTIONS)), max_size=8))
def test_every_change_follows_the_documented_states_and_adds_one_to_the_version(actions):
    for before, after in walk(a_request(), [ACTIONS[action] for action in actions]):
        assert after.status in SUCCESSORS[before.status]
        assert after.version == before.version + 1


# on hold: its requester suspended or revoked, until the agency confirms or withdraws it

APPROVER = Officer(ISSUER, "supervisor.dea@example.gov", "SSA Chen")


def a_held_request(was: EmergencyStatus = EmergencyStatus.APPROVED) -> EmergencyRequest:
    held = emergency.hold(a_request(status=was, approved_by=APPROVER, decided_at=AT))
    assert held is not None
    return held


@pytest.mark.parametrize("status", OPEN)
def test_an_open_request_goes_on_hold_remembering_where_it_stood(status):
    held = a_held_request(status)
    assert (held.status, held.held_from, held.version) == (EmergencyStatus.ON_HOLD, status, 2)
    assert held.sent  # the platform still sees it, and sees it held


@pytest.mark.parametrize("status", [s for s in EmergencyStatus if s not in OPEN])
def test_a_request_that_is_not_open_is_not_held(status):
    assert emergency.hold(a_request(status=status)) is None


def test_a_request_stands_on_the_word_of_the_officer_who_asked_and_the_supervisor_who_approved():
    found = a_request(status=EmergencyStatus.APPROVED, approved_by=APPROVER)
    assert emergency.requested_by(found, ASKER.person_id)
    assert emergency.requested_by(found, APPROVER.person_id)
    assert not emergency.requested_by(found, Officer(ISSUER, "someone.else@example.gov").person_id)


@pytest.mark.parametrize("step", ["acknowledge", "answer", "attach"])
def test_the_platform_may_not_act_on_a_held_request_and_is_told_why(step):
    held = a_held_request()
    act = {
        "acknowledge": lambda: emergency.acknowledge(held, META, "emer_1", "desk", AT),
        "answer": lambda: emergency.answer(held, META, "emer_1", an_answer(), DEFAULT_PROCESS_DUE),
        "attach": lambda: emergency.attachable(held, META, "emer_1"),
    }[step]
    with pytest.raises(Conflict, match="on hold: its requester was suspended"):
        act()


@pytest.mark.parametrize("status", OPEN)
def test_the_agency_confirms_a_held_request_and_it_is_back_where_it_stood(status):
    confirmed = emergency.confirm(a_held_request(status), a_person())
    assert (confirmed.status, confirmed.held_from, confirmed.version) == (status, None, 3)


def test_a_confirmed_approved_request_is_acknowledged_again():
    confirmed = emergency.confirm(a_held_request(), a_person())
    assert emergency.acknowledge(confirmed, META, "emer_1", "desk", AT).status is EmergencyStatus.ACKNOWLEDGED


def test_the_agency_withdraws_a_held_request_and_the_platform_need_not_answer_it():
    withdrawn = emergency.withdraw(a_held_request(), a_person())
    assert (withdrawn.status, withdrawn.held_from) == (EmergencyStatus.WITHDRAWN, None)
    assert withdrawn.sent
    with pytest.raises(Conflict):
        emergency.answer(withdrawn, META, "emer_1", an_answer(), DEFAULT_PROCESS_DUE)


@pytest.mark.parametrize("settle", [emergency.confirm, emergency.withdraw])
def test_another_agency_may_not_confirm_or_withdraw_a_held_request(settle):
    with pytest.raises(Forbidden):
        settle(a_held_request(), a_person("supervisor.hsi@example.gov", of=HSI))


@pytest.mark.parametrize("settle", [emergency.confirm, emergency.withdraw])
@pytest.mark.parametrize("status", EmergencyStatus)
def test_confirming_or_withdrawing_is_refused_exactly_when_may_settle_does_not_hold(settle, status):
    found = replace(a_held_request(), status=status)
    assert refused(lambda: settle(found, a_person())) != emergency.may_settle("DEA").holds(found)


@pytest.mark.parametrize(
    ("step", "detail_type", "urgent"),
    [
        (lambda r: emergency.hold(r), "Emergency Request Held", True),
        (lambda r: emergency.confirm(emergency.hold(r), a_person()), "Emergency Request Confirmed", True),
        (lambda r: emergency.withdraw(emergency.hold(r), a_person()), "Emergency Request Withdrawn", False),
    ],
    ids=["held", "confirmed", "withdrawn"],
)
def test_a_hold_and_its_settling_are_news_to_the_agency_and_the_platform(step, detail_type, urgent):
    from chalicelib.domain.notifications.emergency import emergency_request_changed

    found = a_request(status=EmergencyStatus.APPROVED, approved_by=APPROVER, decided_at=AT)
    before = found if detail_type == "Emergency Request Held" else emergency.hold(found)
    told = emergency_request_changed(before, step(found), AT + timedelta(hours=1))
    assert told is not None
    assert (told.detail_type, told.recipients, told.urgent) == (detail_type, frozenset({"DEA", "META"}), urgent)
    assert told.case_id is None  # the platform never learns the case
