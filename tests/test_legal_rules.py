"""Legal process as pure domain rules, with no storage: what a request may become.

Every test builds a request with `a_request(**fields)` and asks the domain one question; no
AWS, no HTTP. Where a refusal is also a DynamoDB condition (`may_acknowledge`, `may_answer`,
`WITHDRAWABLE`), the Python transition and the rule's `.holds()` are shown to agree for every
status (`tests/test_rules.py` shows that the store agrees with `.holds()`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import legal, timers
from chalicelib.domain.cases import Contact, Tlp
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField, NotFound
from chalicelib.domain.files import EvidenceFile, FilePurpose, FileStatus
from chalicelib.domain.legal import (
    ALLOWED,
    DEFAULT_DUE,
    MAX_SERVED_FILES,
    Answer,
    Authority,
    LegalKind,
    LegalRequest,
    LegalStatus,
    Outcome,
    RecordCategory,
    RejectionCode,
    Served,
    extended_by,
)
from chalicelib.domain.timers import TimerKind
from chalicelib.storage.dynamo import TRANSACTION_ITEMS
from tests.domain_builders import a_case, org, refused, sending, walk

AT = datetime(2026, 12, 6, tzinfo=UTC)
OPEN_STATUSES = (LegalStatus.SENT, LegalStatus.ACKNOWLEDGED)


META, TIKTOK, DEA, HSI = org("META"), org("TIKTOK"), org("DEA"), org("HSI")


def a_request(**fields) -> LegalRequest:
    return LegalRequest(
        **{
            "request_id": "legal_1",
            "case_id": "case_1",
            "org": "DEA",
            "platform": "META",
            "kind": LegalKind.SUBPOENA,
            "accounts": (),
            "categories": (),
            "date_from": AT - timedelta(days=30),
            "date_to": AT,
            "authority": Authority("GJ-2026-1", "SDNY", AT),
            "contact": Contact(),
            "sent_at": AT,
            "sent_by": "agent.dea@example.gov",
            "due_at": AT + timedelta(days=14),
            **fields,
        }
    )


def served(platform_code: str | None = "META", **overrides) -> LegalRequest:
    """`legal.send` as the API calls it: a subpoena for subscriber records, due by default."""
    process = {
        "kind": LegalKind.SUBPOENA,
        "accounts": (),
        "categories": (RecordCategory.SUBSCRIBER,),
        "date_from": AT - timedelta(days=30),
        "date_to": AT,
        "authority": Authority("GJ-2026-1", "SDNY", AT - timedelta(days=1)),
        "contact": Contact(),
        **overrides,
    }
    due_after = DEFAULT_DUE[process["kind"]]
    return legal.send(sending("legal_1", AT, platform_code), Served(**process), due_after)


def a_produced_answer(**fields) -> Answer:
    return Answer(**{"outcome": Outcome.PRODUCED, "answered_at": AT, "answered_by": "lr@meta", **fields})


# serving: what each kind may compel


@pytest.mark.parametrize("kind", LegalKind)
@pytest.mark.parametrize("category", RecordCategory)
def test_a_kind_of_process_compels_exactly_the_categories_the_statute_gives_it(kind, category):
    document = "file_doc" if kind in legal.DOCUMENTED else None
    serve = lambda: served(kind=kind, categories=(category,), document_file_id=document)  # noqa: E731
    if category in ALLOWED[kind]:
        assert serve().categories == (category,)
    else:
        with pytest.raises(InvalidField) as refusal:
            serve()
        assert refusal.value.field == "categories.0"


def test_a_subpoena_reaches_subscriber_records_only_and_a_warrant_everything():
    assert ALLOWED[LegalKind.SUBPOENA] == {RecordCategory.SUBSCRIBER}
    assert ALLOWED[LegalKind.COURT_ORDER] == {RecordCategory.SUBSCRIBER, RecordCategory.NON_CONTENT}
    assert ALLOWED[LegalKind.SEARCH_WARRANT] == set(RecordCategory)


def test_a_refused_category_names_the_least_process_that_reaches_it():
    with pytest.raises(InvalidField, match="need a search warrant") as refusal:
        served(
            kind=LegalKind.COURT_ORDER,
            document_file_id="file_doc",
            categories=(RecordCategory.SUBSCRIBER, RecordCategory.CONTENT),
        )
    assert refusal.value.field == "categories.1"


def test_a_category_asked_for_twice_is_asked_for_once():
    request = served(categories=(RecordCategory.SUBSCRIBER, RecordCategory.SUBSCRIBER))
    assert request.categories == (RecordCategory.SUBSCRIBER,)


@pytest.mark.parametrize("kind", sorted(legal.DOCUMENTED))
def test_a_court_order_or_warrant_is_served_with_its_signed_document(kind):
    with pytest.raises(InvalidField) as refusal:
        served(kind=kind)
    assert refusal.value.field == "document_file_id"
    assert served(kind=kind, document_file_id="file_doc").served_files == {"file_doc"}


def test_a_subpoena_may_be_served_without_a_document_or_with_one():
    assert served().served_files == frozenset()
    assert served(document_file_id="file_doc").served_files == {"file_doc"}


@pytest.mark.parametrize("code", [None, "DEA"])
def test_legal_process_is_served_on_registered_platforms_only(code):
    with pytest.raises(Conflict, match="legal process is served on platforms"):
        served(code)


def test_a_date_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(InvalidField) as refusal:
        served(date_from=AT, date_to=AT - timedelta(seconds=1))
    assert refusal.value.field == "date_range.to"
    assert served(date_from=AT, date_to=AT).date_to == AT  # a single instant is a range


def test_process_issued_in_the_future_is_refused():
    with pytest.raises(InvalidField) as refusal:
        served(authority=Authority("GJ-1", "SDNY", AT + timedelta(seconds=1)))
    assert refusal.value.field == "authority.issued_at"
    assert served(authority=Authority("GJ-1", "SDNY", AT)).authority.issued_at == AT


@pytest.mark.parametrize("kind", LegalKind)
def test_an_answer_is_due_after_the_kinds_default_unless_the_request_says(kind):
    document = "file_doc" if kind in legal.DOCUMENTED else None
    assert served(kind=kind, document_file_id=document).due_at == AT + DEFAULT_DUE[kind]
    assert served(kind=kind, document_file_id=document, due_at=AT + timedelta(days=3)).due_at == AT + timedelta(days=3)


def test_a_warrant_is_due_sooner_than_a_subpoena_or_an_order_by_default():
    assert DEFAULT_DUE[LegalKind.SEARCH_WARRANT] == timedelta(days=14)
    assert DEFAULT_DUE[LegalKind.SUBPOENA] == DEFAULT_DUE[LegalKind.COURT_ORDER] == timedelta(days=30)


@pytest.mark.parametrize("due", [AT, AT - timedelta(days=1)])
def test_a_due_date_that_is_not_in_the_future_is_refused(due):
    with pytest.raises(InvalidField) as refusal:
        served(due_at=due)
    assert refusal.value.field == "due_at"


@pytest.mark.parametrize("until", [AT, AT - timedelta(days=1)])
def test_a_nondisclosure_that_already_ended_is_refused(until):
    with pytest.raises(InvalidField) as refusal:
        served(nondisclosure_until=until)
    assert refusal.value.field == "nondisclosure_until"


def test_a_served_request_is_sent_at_version_one_by_the_officer_who_served_it():
    request = served(preservation_id="pres_1", emergency_id="emer_1", nondisclosure_until=AT + timedelta(days=60))
    assert (request.status, request.version, request.sent_at, request.sent_by) == (
        LegalStatus.SENT,
        1,
        AT,
        "agent.dea@example.gov",
    )
    assert (request.platform, request.preservation_id, request.emergency_id) == ("META", "pres_1", "emer_1")


# who sees it


@pytest.mark.parametrize(
    ("viewer", "sees"), [("META", True), ("TIKTOK", False), ("DEA", True), ("HSI", True), ("ATF", False)]
)
def test_a_request_is_seen_by_its_platform_and_the_participants_of_its_case(viewer, sees):
    case = a_case(participants=frozenset({"DEA", "HSI"}))
    assert a_request().visible_to(org(viewer), case) is sees


def test_an_agency_sees_no_request_whose_case_it_cannot_read():
    assert not a_request().visible_to(DEA, None)


@pytest.mark.parametrize("viewer", ["META", "DEA"])
def test_a_request_is_read_by_whoever_may_see_it(viewer):
    request = a_request()
    assert legal.visible_request(request, a_case(), org(viewer), "legal_1") is request


def test_a_hidden_request_is_answered_as_an_absent_one():
    with pytest.raises(NotFound) as hidden:
        legal.visible_request(a_request(), a_case(), TIKTOK, "legal_1")
    with pytest.raises(NotFound) as absent:
        legal.visible_request(None, a_case(), TIKTOK, "legal_1")
    assert hidden.value.detail == absent.value.detail


# the state machine: sent -> acknowledged -> answered, or withdrawn until answered


def test_the_platform_served_acknowledges_a_sent_request_with_its_reference():
    acknowledged = legal.acknowledge(a_request(), META, "legal_1", "META-LR-77", AT + timedelta(hours=1))
    assert acknowledged.status is LegalStatus.ACKNOWLEDGED
    assert (acknowledged.platform_reference, acknowledged.acknowledged_at) == ("META-LR-77", AT + timedelta(hours=1))
    assert acknowledged.version == 2


@pytest.mark.parametrize("status", LegalStatus)
@pytest.mark.parametrize("platform", ["META", "TIKTOK"])
def test_an_acknowledgement_is_refused_exactly_when_may_acknowledge_does_not_hold(status, platform):
    request = a_request(status=status)
    refusal = refused(lambda: legal.acknowledge(request, org(platform), "legal_1", "ref", AT))
    assert refusal is not legal.may_acknowledge(platform).holds(request)


@pytest.mark.parametrize("status", [LegalStatus.ACKNOWLEDGED, LegalStatus.ANSWERED, LegalStatus.WITHDRAWN])
def test_a_request_is_acknowledged_once(status):
    with pytest.raises(Conflict, match=f"already {status}"):
        legal.acknowledge(a_request(status=status), META, "legal_1", "ref", AT)


@pytest.mark.parametrize("caller", ["TIKTOK", "DEA", "HSI"])
def test_only_the_platform_served_may_acknowledge_or_answer_and_anyone_else_is_told_it_does_not_exist(caller):
    with pytest.raises(NotFound):
        legal.acknowledge(a_request(), org(caller), "legal_1", "ref", AT)
    with pytest.raises(NotFound):
        legal.answer(a_request(), org(caller), "legal_1", a_produced_answer())
    with pytest.raises(NotFound):
        legal.attachable(a_request(), org(caller), "legal_1")


def test_an_absent_request_cannot_be_acknowledged_answered_or_added_to():
    with pytest.raises(NotFound):
        legal.acknowledge(None, META, "legal_1", "ref", AT)
    with pytest.raises(NotFound):
        legal.answer(None, META, "legal_1", a_produced_answer())
    with pytest.raises(NotFound):
        legal.attachable(None, META, "legal_1")


@pytest.mark.parametrize("status", OPEN_STATUSES)
def test_a_request_not_yet_answered_is_answered_with_its_production(status):
    given = a_produced_answer(file_ids=("file_1", "file_2"))
    answered = legal.answer(a_request(status=status, version=3), META, "legal_1", given)
    assert (answered.status, answered.answer, answered.version) == (LegalStatus.ANSWERED, given, 4)


@pytest.mark.parametrize("status", LegalStatus)
@pytest.mark.parametrize("platform", ["META", "TIKTOK"])
def test_an_answer_is_refused_exactly_when_may_answer_does_not_hold(status, platform):
    request = a_request(status=status)
    refusal = refused(lambda: legal.answer(request, org(platform), "legal_1", a_produced_answer()))
    assert refusal is not legal.may_answer(platform).holds(request)


def test_a_withdrawn_request_cannot_be_answered():
    with pytest.raises(Conflict, match="withdrawn: it cannot be answered"):
        legal.answer(a_request(status=LegalStatus.WITHDRAWN), META, "legal_1", a_produced_answer())


def test_a_request_is_answered_once():
    with pytest.raises(Conflict, match="answered: it cannot be answered"):
        legal.answer(a_request(status=LegalStatus.ANSWERED), META, "legal_1", a_produced_answer())


@pytest.mark.parametrize("status", LegalStatus)
def test_production_files_are_added_while_an_answer_may_still_name_them(status):
    request = a_request(status=status)
    refusal = refused(lambda: legal.attachable(request, META, "legal_1"))
    assert refusal is not legal.may_answer("META").holds(request)
    if refusal:
        with pytest.raises(Conflict, match="takes no more files"):
            legal.attachable(request, META, "legal_1")


@pytest.mark.parametrize(
    ("reason_code", "detail"), [(None, "no such account"), (RejectionCode.NO_RECORDS, None), (None, None)]
)
def test_a_rejection_gives_its_reason_code_and_its_detail(reason_code, detail):
    rejection = a_produced_answer(outcome=Outcome.REJECTED, reason_code=reason_code, detail=detail)
    with pytest.raises(InvalidField) as refusal:
        legal.answer(a_request(), META, "legal_1", rejection)
    assert refusal.value.field == "reason_code"


def test_a_rejection_with_its_reason_is_an_answer():
    rejection = a_produced_answer(outcome=Outcome.REJECTED, reason_code=RejectionCode.OVERBROAD, detail="ten years")
    assert legal.answer(a_request(), META, "legal_1", rejection).answer == rejection


def test_a_rejection_produces_no_files():
    rejection = a_produced_answer(
        outcome=Outcome.REJECTED, reason_code=RejectionCode.OTHER, detail="why", file_ids=("file_1",)
    )
    with pytest.raises(InvalidField) as refusal:
        legal.answer(a_request(), META, "legal_1", rejection)
    assert refusal.value.field == "file_ids"


def test_a_partial_production_says_what_was_not_produced():
    with pytest.raises(InvalidField) as refusal:
        legal.answer(a_request(), META, "legal_1", a_produced_answer(outcome=Outcome.PARTIALLY_PRODUCED))
    assert refusal.value.field == "detail"
    partial = a_produced_answer(outcome=Outcome.PARTIALLY_PRODUCED, detail="no IP logs kept past 90 days")
    assert legal.answer(a_request(), META, "legal_1", partial).status is LegalStatus.ANSWERED


@pytest.mark.parametrize("outcome", [Outcome.PRODUCED, Outcome.PARTIALLY_PRODUCED])
def test_only_a_rejection_has_a_reason_code(outcome):
    given = a_produced_answer(outcome=outcome, reason_code=RejectionCode.NO_RECORDS, detail="some")
    with pytest.raises(InvalidField) as refusal:
        legal.answer(a_request(), META, "legal_1", given)
    assert refusal.value.field == "reason_code"


@pytest.mark.parametrize("status", OPEN_STATUSES)
def test_the_agency_that_served_a_request_withdraws_it_until_it_is_answered(status):
    withdrawn = legal.withdraw(a_request(status=status), "DEA", "suspect arrested", AT + timedelta(days=2))
    assert withdrawn.status is LegalStatus.WITHDRAWN
    assert (withdrawn.withdrawn_at, withdrawn.withdrawn_because) == (AT + timedelta(days=2), "suspect arrested")
    assert withdrawn.version == 2


@pytest.mark.parametrize("status", LegalStatus)
def test_a_withdrawal_is_refused_exactly_when_withdrawable_does_not_hold(status):
    request = a_request(status=status)
    refusal = refused(lambda: legal.withdraw(request, "DEA", "why", AT))
    assert refusal is not legal.WITHDRAWABLE.holds(request)


@pytest.mark.parametrize("status", [LegalStatus.ANSWERED, LegalStatus.WITHDRAWN])
def test_an_answered_or_withdrawn_request_cannot_be_withdrawn(status):
    with pytest.raises(Conflict, match="only a request not yet answered"):
        legal.withdraw(a_request(status=status), "DEA", "why", AT)


@pytest.mark.parametrize("status", LegalStatus)
def test_another_participant_of_the_case_may_not_withdraw_the_request(status):
    with pytest.raises(Forbidden, match="only DEA"):
        legal.withdraw(a_request(status=status), "HSI", "why", AT)


@pytest.mark.parametrize("status", LegalStatus)
@pytest.mark.parametrize("overdue_at", [None, AT + timedelta(days=15)])
def test_a_request_unanswered_on_its_due_date_is_overdue_once(status, overdue_at):
    request = a_request(status=status, overdue_at=overdue_at)
    assert legal.OVERDUE_UNNOTICED.holds(request) is (status in OPEN_STATUSES and overdue_at is None)


ACTIONS = {
    "acknowledge": lambda found: legal.acknowledge(found, META, "legal_1", "ref", AT),
    "answer": lambda found: legal.answer(found, META, "legal_1", a_produced_answer()),
    "withdraw": lambda found: legal.withdraw(found, "DEA", "why", AT),
}


#: The documented state machine (docs/guides/legal-process.md, "States"): answered or
#: withdrawn for good.
SUCCESSORS = {
    LegalStatus.SENT: {LegalStatus.ACKNOWLEDGED, LegalStatus.ANSWERED, LegalStatus.WITHDRAWN},
    LegalStatus.ACKNOWLEDGED: {LegalStatus.ANSWERED, LegalStatus.WITHDRAWN},
    LegalStatus.ANSWERED: set(),
    LegalStatus.WITHDRAWN: set(),
}


@given(st.lists(st.sampled_from(sorted(ACTIONS)), max_size=8))
def test_every_change_adds_one_to_the_version_and_nothing_leaves_answered_or_withdrawn(actions):
    for before, after in walk(a_request(), [ACTIONS[action] for action in actions]):
        assert after.status in SUCCESSORS[before.status]
        assert after.version == before.version + 1


# the signed document and the production


def a_file(**fields) -> EvidenceFile:
    return EvidenceFile(
        **{
            "file_id": "file_doc",
            "name": "order.pdf",
            "media_type": "application/pdf",
            "size": 10,
            "sha256": "0" * 64,
            "org": "DEA",
            "declared_by": "agent.dea@example.gov",
            "declared_at": AT,
            "case_id": "case_1",
            "purpose": FilePurpose.LEGAL_PROCESS,
            "tlp": Tlp.AMBER,
            "status": FileStatus.AVAILABLE,
            **fields,
        }
    )


DOCUMENTS = {
    "the agency's available document": a_file(),
    "absent": None,
    "another agency's": a_file(org="HSI"),
    "of another case": a_file(case_id="case_2"),
    "evidence": a_file(purpose=FilePurpose.EVIDENCE),
    "marked RED": a_file(tlp=Tlp.RED),
    **{f"{status}": a_file(status=status) for status in FileStatus if status is not FileStatus.AVAILABLE},
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_document_is_served_exactly_when_servable_document_holds(name):
    found = DOCUMENTS[name]
    refusal = refused(lambda: legal.check_document(found, "case_1", "DEA", "file_doc"))
    assert refusal is not (found is not None and legal.servable_document("case_1", "DEA").holds(found))


def test_another_agencys_document_is_refused_in_the_words_of_an_absent_one():
    with pytest.raises(Conflict) as theirs:
        legal.check_document(a_file(org="HSI"), "case_1", "DEA", "file_doc")
    with pytest.raises(Conflict) as absent:
        legal.check_document(None, "case_1", "DEA", "file_doc")
    assert theirs.value.detail == absent.value.detail


PRODUCTIONS = {
    "the platform's checked upload": a_file(org="META", platform="META", request_id="legal_1", case_id=None),
    "absent": None,
    "another platform's": a_file(org="TIKTOK", platform="TIKTOK", request_id="legal_1", case_id=None),
    "of another request": a_file(org="META", platform="META", request_id="legal_2", case_id=None),
    "already on the case": a_file(org="META", platform="META", request_id="legal_1", case_id="case_1"),
    **{
        f"{status}": a_file(org="META", platform="META", request_id="legal_1", case_id=None, status=status)
        for status in FileStatus
        if status is not FileStatus.AVAILABLE
    },
}


@pytest.mark.parametrize("name", PRODUCTIONS)
def test_an_answer_produces_only_the_platforms_own_checked_uploads_to_the_request(name):
    found = PRODUCTIONS[name]
    refusal = refused(lambda: legal.check_production("legal_1", "META", "file_doc", found))
    allowed = found is not None and found.platform == "META" and legal.producible("legal_1").holds(found)
    assert refusal is not allowed


# clocks: the preservation it follows, and nondisclosure


def test_a_preservation_that_ends_before_the_answer_is_due_is_a_warning():
    request = a_request(preservation_id="pres_1", preservation_ends_at=AT + timedelta(days=10))
    [warning] = request.warnings
    assert "pres_1 ends 2026-12-16" in warning and "(2026-12-20)" in warning


@pytest.mark.parametrize("ends", [None, AT + timedelta(days=14), AT + timedelta(days=30)])
def test_a_preservation_that_outlasts_the_due_date_is_no_warning(ends):
    assert a_request(preservation_id="pres_1", preservation_ends_at=ends).warnings == []


UNTIL = AT + timedelta(days=60)


def test_an_unanswered_request_is_overdue_on_its_due_date():
    [overdue] = timers.legal_timers(a_request())
    assert (overdue.kind, overdue.due_at) == (TimerKind.LEGAL_REQUEST_OVERDUE, datetime(2026, 12, 20, tzinfo=UTC))


def test_the_agency_is_warned_two_weeks_before_a_nondisclosure_ends_and_both_sides_told_at_the_end():
    ending, ended = timers.nondisclosure_timers(a_request(nondisclosure_until=UNTIL))
    assert (ending.kind, ending.due_at, ending.expires_at) == (
        TimerKind.NONDISCLOSURE_ENDING,
        datetime(2027, 1, 21, tzinfo=UTC),
        UNTIL,
    )
    assert (ended.kind, ended.due_at, ended.expires_at) == (TimerKind.NONDISCLOSURE_ENDED, UNTIL, UNTIL)


def test_a_nondisclosure_shorter_than_the_warning_is_warned_of_at_once():
    ending, _ = timers.nondisclosure_timers(a_request(nondisclosure_until=AT + timedelta(days=3)))
    assert ending.due_at == AT


def test_a_request_without_nondisclosure_has_no_nondisclosure_clock():
    assert timers.nondisclosure_timers(a_request()) == []


@pytest.mark.parametrize("status", LegalStatus)
@pytest.mark.parametrize("warned", [None, UNTIL])
def test_a_legal_timer_is_still_news_exactly_when_its_rule_holds(status, warned):
    request = a_request(status=status, nondisclosure_until=UNTIL, nondisclosure_warned_for=warned)
    overdue, ending, ended = timers.legal_timers(request)
    assert timers.still_due(overdue, request) is (status in OPEN_STATUSES)
    assert timers.still_due(ending, request) is (warned is None)
    assert timers.still_due(ended, request)
    later = legal.extend_nondisclosure(request, "DEA", UNTIL + timedelta(days=30), AT)
    assert not timers.still_due(ending, later) and not timers.still_due(ended, later)


@pytest.mark.parametrize("until", [None, UNTIL, UNTIL + timedelta(days=30)])
@pytest.mark.parametrize("mark", [None, UNTIL, UNTIL + timedelta(days=30)])
def test_a_nondisclosure_end_is_warned_of_and_announced_once_while_it_stands(until, mark):
    warned = a_request(nondisclosure_until=until, nondisclosure_warned_for=mark)
    ended = a_request(nondisclosure_until=until, nondisclosure_ended_for=mark)
    news = until == UNTIL and mark != UNTIL
    assert legal.nondisclosure_unwarned(UNTIL).holds(warned) is news
    assert legal.nondisclosure_unended(UNTIL).holds(ended) is news


def test_the_serving_agency_extends_a_nondisclosure_to_a_later_end():
    extended = legal.extend_nondisclosure(a_request(nondisclosure_until=UNTIL), "DEA", UNTIL + timedelta(days=90), AT)
    assert (extended.nondisclosure_until, extended.version) == (UNTIL + timedelta(days=90), 2)


def test_a_request_with_no_nondisclosure_may_be_given_one():
    assert legal.extend_nondisclosure(a_request(), "DEA", UNTIL, AT).nondisclosure_until == UNTIL


def test_another_agency_may_not_extend_a_nondisclosure():
    with pytest.raises(Forbidden):
        legal.extend_nondisclosure(a_request(nondisclosure_until=UNTIL), "HSI", UNTIL + timedelta(days=1), AT)


@pytest.mark.parametrize("until", [UNTIL, UNTIL - timedelta(days=1)])
def test_a_nondisclosure_is_never_shortened_nor_extended_to_the_end_in_force(until):
    with pytest.raises(InvalidField, match="later than the nondisclosure in force"):
        legal.extend_nondisclosure(a_request(nondisclosure_until=UNTIL), "DEA", until, AT)


def test_a_nondisclosure_is_not_extended_to_an_end_already_past():
    with pytest.raises(InvalidField, match="in the future"):
        legal.extend_nondisclosure(a_request(), "DEA", AT, AT)


@pytest.mark.parametrize("status", LegalStatus)
def test_a_nondisclosure_is_extended_whatever_the_requests_state(status):
    """The account holder must not be told even after the answer or a withdrawal (the service
    says so: "whatever the request's state")."""
    extended = legal.extend_nondisclosure(a_request(status=status), "DEA", UNTIL, AT)
    assert extended.status is status


def test_each_nondisclosure_order_is_served_with_the_request():
    extended = extended_by(a_request(served_files=frozenset({"file_subpoena"})), "file_order")
    assert extended.served_files == {"file_subpoena", "file_order"}
    assert extended.nondisclosure_order_file_id == "file_order"


def test_a_request_stands_served_with_no_more_files_than_its_withdrawal_can_unserve_at_once():
    full = a_request(served_files=frozenset(f"file_{n}" for n in range(MAX_SERVED_FILES)))
    with pytest.raises(Conflict, match="serve new legal process"):
        extended_by(full, "file_one_more")
    assert extended_by(full, "file_0").served_files == full.served_files  # an order served again adds nothing
    # The withdrawal writes the request, each served file and its audit record in one transaction.
    assert MAX_SERVED_FILES + 2 <= TRANSACTION_ITEMS
