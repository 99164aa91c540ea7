"""The twins (`tests/twins.py`) keep the contract of the DynamoDB repositories: each scenario
runs on both, the twin and the repository on moto, and must come out the same, so that a
twin cannot drift from the store unnoticed. Cases, referrals, the audit trail and the
idempotency claims; legal process, emergency and preservation requests, evidence files,
probe counters and the event feed on their main paths."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import pytest

from chalicelib.domain import emergency, files, legal, preservations
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, CaseStatus, Contact, Note, Tlp, open_case
from chalicelib.domain.emergency import Emergency, EmergencyKind, EmergencyStatus, Officer
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.feed import Delivered
from chalicelib.domain.files import FileStatus
from chalicelib.domain.identifiers import Identifier, IdentifierType
from chalicelib.domain.legal import Answer, Authority, LegalKind, LegalRequest, LegalStatus, RecordCategory, Served
from chalicelib.domain.legal import Outcome as LegalOutcome
from chalicelib.domain.organisations import Sending
from chalicelib.domain.preservations import PreservationStatus
from chalicelib.domain.quotas import Probe, ProbeAlert, window_of
from chalicelib.domain.record_ids import new_id, new_referral_id
from chalicelib.domain.referrals import SYSTEM, Decision, Priority, Referral, ReferralAction, ReferralStatus
from chalicelib.domain.timers import legal_timers, preservation_timers
from chalicelib.services import ports
from chalicelib.services.cases import CaseService
from chalicelib.services.context import Auditor, Idempotency, Replayed
from chalicelib.services.referrals import ReferralService
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim
from tests.twins import (
    NOW,
    CasesTwin,
    CountersTwin,
    EmergenciesTwin,
    FeedTwin,
    FilesTwin,
    LegalRequestsTwin,
    MemoryTable,
    PreservationsTwin,
    ReferralsTwin,
    caller,
    organisation,
    organisations,
)

TTL = timedelta(hours=24)


@dataclass
class Store:
    cases: ports.Cases
    referrals: ports.Referrals
    log: ports.AuditLog
    idempotency: ports.IdempotencyLog
    legal: ports.LegalRequests
    emergencies: ports.Emergencies
    preservations: ports.Preservations
    files: ports.Files
    counters: ports.Counters
    feed: ports.Feed
    #: The stream's write of a batch of events into the feed, its clock at `NOW`.
    write_feed: Callable[[Sequence[Delivered]], None]

    @property
    def auditor(self) -> Auditor:
        return Auditor(self.log, self.cases, self.idempotency)

    def trail(self, case_id: str) -> list[tuple[str, str, str]]:
        """The case's audit trail, oldest first: (event, org, outcome)."""
        items = self.log.audit_trail(case_id, 100, None).items
        return [(a.event, a.org, a.outcome.value) for a in reversed(items)]


@pytest.fixture(params=["twin", "dynamodb"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "twin":
        table = MemoryTable()
        yield Store(
            CasesTwin(table),
            ReferralsTwin(table),
            table,
            table,
            LegalRequestsTwin(table),
            EmergenciesTwin(table),
            PreservationsTwin(table),
            FilesTwin(table),
            CountersTwin(table),
            FeedTwin(table),
            lambda events: FeedTwin(table).write(events, NOW),
        )
        return
    request.getfixturevalue("aws")  # a fresh moto account with the table
    from chalicelib.storage.audit import AuditRepository
    from chalicelib.storage.cases import CaseRepository
    from chalicelib.storage.dynamo import Table
    from chalicelib.storage.emergency import EmergencyRepository
    from chalicelib.storage.feed import FeedRepository
    from chalicelib.storage.files import FileRepository
    from chalicelib.storage.legal import LegalRepository
    from chalicelib.storage.preservations import PreservationRepository
    from chalicelib.storage.quotas import QuotaCounters
    from chalicelib.storage.referrals import ReferralRepository

    dynamo = Table()
    yield Store(
        CaseRepository(dynamo),
        ReferralRepository(dynamo),
        AuditRepository(dynamo),
        dynamo,
        LegalRepository(dynamo),
        EmergencyRepository(dynamo),
        PreservationRepository(dynamo),
        FileRepository(dynamo),
        QuotaCounters(dynamo),
        FeedRepository(dynamo),
        FeedRepository(dynamo, clock=lambda: NOW).write,
    )


def audit(event: str, case_id: str, n: int = 0, org: str = "DEA") -> AuditRecord:
    """A success of `org`'s, `n` seconds after `NOW`, so that every trail has one order."""
    return caller(org, at=NOW + timedelta(seconds=n)).audit(event, case_id=case_id)


def a_case(**fields: Any) -> Case:
    case = open_case(new_id("case", NOW), "DEA", "officer.dea", NOW, title="Pills", **fields)
    return replace(case, identifier_key=None)


def a_referral(case: Case, to: str = "HSI") -> Referral:
    return Referral(
        referral_id=new_referral_id(case.case_id, to, NOW),
        case_id=case.case_id,
        from_org=case.owner,
        to_org=to,
        reason="their port",
        priority=Priority.ROUTINE,
        respond_by=NOW + timedelta(days=14),
        created_at=NOW,
        created_by="officer.dea",
    )


def decision(referral: Referral, action: ReferralAction, org: str, subject: str = "officer") -> Decision:
    return Decision(referral.referral_id, referral.case_id, referral.to_org, action, org, subject, NOW)


def refused(write: Any, *arguments: Any) -> bool:
    try:
        write(*arguments)
    except ConditionFailed:
        return True
    return False


# Cases


def test_a_case_reads_back_as_opened_and_once_only(store: Store) -> None:
    case = a_case(summary="Counterfeit pills", substances=("fentanyl",), contact=Contact(name="Ana"))
    store.cases.open_case(case, audit("case.open", case.case_id), None)

    assert store.cases.get_case(case.case_id) == case
    assert store.cases.cases([case.case_id, "case_01JEZZZZZZZZZZZZZZZZZZZZZZ"]) == {case.case_id: case}
    assert refused(store.cases.open_case, case, audit("case.open", case.case_id, 1), None)
    assert store.trail(case.case_id) == [("case.open", "DEA", "success")]
    [entry] = store.cases.memberships("DEA", None, 10, None).items
    assert (entry.case_id, entry.role, entry.status, entry.title) == (case.case_id, "owner", "open", "Pills")
    assert store.cases.memberships("DEA", "closed", 10, None).items == []


def test_an_update_needs_the_owner_and_the_version_and_changes_nothing_when_refused(store: Store) -> None:
    case = a_case(summary="Counterfeit pills")
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    later = NOW + timedelta(minutes=1)

    assert refused(store.cases.update_case, case.case_id, "DEA", 2, {"title": "x"}, later, audit("u", case.case_id, 1))
    assert refused(store.cases.update_case, case.case_id, "HSI", 1, {"title": "x"}, later, audit("u", case.case_id, 2))
    changes = {"title": "Blue pills", "tlp": "GREEN", "summary": None, "contact": {"phone": "+1 555 0100"}}
    store.cases.update_case(case.case_id, "DEA", 1, changes, later, audit("case.update", case.case_id, 3))

    assert store.cases.get_case(case.case_id) == replace(
        case,
        title="Blue pills",
        tlp=Tlp.GREEN,
        summary="",
        contact=Contact(phone="+1 555 0100"),
        version=2,
        updated_at=later,
    )
    assert store.trail(case.case_id) == [("case.open", "DEA", "success"), ("case.update", "DEA", "success")]


def test_close_and_reopen_move_from_the_other_status_only(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)

    assert refused(store.cases.set_status, case.case_id, "DEA", CaseStatus.OPEN, NOW, audit("r", case.case_id, 1))
    assert refused(store.cases.set_status, case.case_id, "HSI", CaseStatus.CLOSED, NOW, audit("c", case.case_id, 2))
    store.cases.set_status(case.case_id, "DEA", CaseStatus.CLOSED, NOW, audit("case.close", case.case_id, 3))

    closed = store.cases.get_case(case.case_id)
    assert closed is not None and (closed.status, closed.version) == (CaseStatus.CLOSED, 2)


def test_notes_are_a_participants_and_come_a_page_at_a_time(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    notes = [
        Note(new_id("note", NOW + timedelta(seconds=n)), case.case_id, f"note {n}", "DEA", "officer.dea", NOW)
        for n in range(3)
    ]
    for n, note in enumerate(notes):
        store.cases.add_note(note, audit("note.add", case.case_id, n + 1), None)
    stranger = replace(notes[0], note_id=new_id("note", NOW), author_org="HSI")

    assert refused(store.cases.add_note, stranger, audit("note.add", case.case_id, 9, "HSI"), None)
    found, first = store.cases.case_and_notes(case.case_id, 3, None)  # the case counts as one
    _, rest = store.cases.case_and_notes(case.case_id, 2, first.last_key)
    assert found == case
    assert first.items == notes[:2] and rest.items == notes[2:]


def test_an_idempotency_key_is_claimed_once_with_its_change(store: Store) -> None:
    case, other = a_case(), a_case()
    claim = IdempotencyClaim("DEA", "key-1", "hash", "kind", '{"x": 1}', NOW, NOW + TTL)
    store.cases.open_case(case, audit("case.open", case.case_id), claim)

    assert refused(store.cases.open_case, other, audit("case.open", other.case_id, 1), replace(claim, request_hash="b"))
    assert store.cases.get_case(other.case_id) is None
    record = store.idempotency.idempotency_record("DEA", "key-1")
    assert record is not None and (record.request_hash, record.created) == ("hash", '{"x": 1}')
    assert store.idempotency.idempotency_record("HSI", "key-1") is None


def test_a_list_entry_is_never_overwritten_by_an_older_image(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    newer = replace(case, title="Newer", version=3, participants=frozenset({"DEA", "HSI"}))

    store.cases.project_cases([newer])
    store.cases.project_cases([replace(case, title="Older", version=2)])

    assert [entry.title for entry in store.cases.memberships("DEA", None, 10, None).items] == ["Newer"]
    [joined] = store.cases.memberships("HSI", "open", 10, None).items
    assert (joined.role, joined.title) == ("participant", "Newer")


# Referrals


def test_a_referral_is_filed_once_with_the_receiver_pending_on_the_case(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    referral = a_referral(case)

    store.referrals.create_referral(referral, audit("referral.create", case.case_id, 1), None)

    found, with_case = store.referrals.referral_and_case(referral.referral_id, case.case_id)
    assert found == referral
    assert with_case is not None and with_case.pending_referrals_to == {"HSI"}
    assert refused(store.referrals.create_referral, referral, audit("referral.create", case.case_id, 2), None)
    assert store.referrals.referral_box("HSI", "IN", "pending", 10, None).items == [referral]
    assert store.referrals.referral_box("DEA", "OUT", None, 10, None).items == [referral]
    assert store.referrals.referral_box("HSI", "OUT", None, 10, None).items == []
    assert store.referrals.cases_referrals([case.case_id]) == {case.case_id: [referral]}


def test_a_closed_or_red_case_is_not_referred(store: Store) -> None:
    red = a_case(tlp=Tlp.RED)
    store.cases.open_case(red, audit("case.open", red.case_id), None)

    assert refused(store.referrals.create_referral, a_referral(red), audit("referral.create", red.case_id, 1), None)
    assert store.referrals.referral_and_case(a_referral(red).referral_id, red.case_id) == (None, red)


def test_only_the_receiver_decides_and_a_refused_decision_changes_nothing(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    referral = a_referral(case)
    store.referrals.create_referral(referral, audit("referral.create", case.case_id, 1), None)

    wrong = decision(referral, ReferralAction.ACCEPT, "DEA")
    assert refused(store.referrals.decide_referral, wrong, audit("referral.accept", case.case_id, 2))
    by_system = decision(referral, ReferralAction.WITHDRAW, "DEA", SYSTEM)
    assert refused(store.referrals.decide_referral, by_system, audit("referral.withdraw", case.case_id, 3))
    store.referrals.decide_referral(
        decision(referral, ReferralAction.ACCEPT, "HSI"), audit("referral.accept", case.case_id, 4, "HSI")
    )

    found, joined = store.referrals.referral_and_case(referral.referral_id, case.case_id)
    assert found is not None and (found.status, found.decided_by) == (ReferralStatus.ACCEPTED, "officer")
    assert joined is not None and joined.participants == {"DEA", "HSI"}
    assert (joined.pending_referrals_to, joined.version) == (frozenset(), 2)
    assert store.trail(case.case_id) == [
        ("case.open", "DEA", "success"),
        ("referral.create", "DEA", "success"),
        ("referral.accept", "HSI", "success"),
    ]
    assert refused(
        store.referrals.decide_referral, decision(referral, ReferralAction.DECLINE, "HSI"), audit("d", case.case_id, 5)
    )


def test_a_referral_takes_only_newer_stamps_while_its_receiver_may_see_them(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    referral = a_referral(case)
    store.referrals.create_referral(referral, audit("referral.create", case.case_id, 1), None)

    store.referrals.stamp_referrals([(referral, replace(case, title="Third", version=3))])
    store.referrals.stamp_referrals([(referral, replace(case, title="Second", version=2))])
    store.referrals.stamp_referrals([(referral, replace(case, title="Red", tlp=Tlp.RED, version=4))])

    found, _ = store.referrals.referral_and_case(referral.referral_id, case.case_id)
    assert found is not None and (found.case_title, found.case_tlp) == ("Third", "AMBER")


# Legal process and emergency requests


def a_subpoena(case: Case, n: int = 0) -> LegalRequest:
    account = (Identifier(IdentifierType.SOCIAL_HANDLE, "pillseller"),)
    sending = Sending(
        new_id("legal", NOW + timedelta(seconds=n)),
        case.case_id,
        case.owner,
        "officer.dea",
        organisation("META"),
        "META",
        NOW,
    )
    return legal.send(
        sending,
        Served(
            kind=LegalKind.SUBPOENA,
            accounts=account,
            categories=(RecordCategory.SUBSCRIBER,),
            date_from=NOW - timedelta(days=30),
            date_to=NOW,
            authority=Authority("GJ-2026-17", "Grand jury", NOW - timedelta(days=1)),
            contact=Contact(name="Ana"),
        ),
        timedelta(days=30),
    )


def test_legal_process_moves_once_from_the_version_it_was_decided_on(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    sent = a_subpoena(case)
    store.legal.send(sent, legal_timers(sent), audit("legal.send", case.case_id, 1), None, None)
    meta = organisation("META")
    acknowledged = legal.acknowledge(sent, meta, sent.request_id, "META-1", NOW)
    store.legal.acknowledge(sent, acknowledged, audit("legal.acknowledge", case.case_id, 2, "META"))

    assert store.legal.get_request(sent.request_id) == acknowledged
    assert refused(store.legal.acknowledge, sent, acknowledged, audit("a", case.case_id, 3, "META"))
    given = Answer(LegalOutcome.PRODUCED, NOW, "legal.meta")
    answered = legal.answer(acknowledged, meta, sent.request_id, given)
    store.legal.answer(acknowledged, answered, audit("legal.answer", case.case_id, 4, "META"))
    withdrawn = legal.withdraw(acknowledged, "DEA", "too late", NOW)
    assert refused(store.legal.withdraw, acknowledged, withdrawn, audit("legal.withdraw", case.case_id, 5))
    assert store.legal.get_request(sent.request_id) == answered
    assert store.legal.request_box("META", "IN", LegalStatus.ANSWERED, 10, None).items == [answered]
    assert store.legal.request_box("DEA", "OUT", None, 10, None).items == [answered]
    assert store.trail(case.case_id)[1:] == [
        ("legal.send", "DEA", "success"),
        ("legal.acknowledge", "META", "success"),
        ("legal.answer", "META", "success"),
    ]


def test_legal_process_is_served_only_from_a_case_that_may_reach_a_platform(store: Store) -> None:
    red = a_case(tlp=Tlp.RED)
    store.cases.open_case(red, audit("case.open", red.case_id), None)
    sent = a_subpoena(red)

    assert refused(store.legal.send, sent, legal_timers(sent), audit("legal.send", red.case_id, 1), None, None)
    assert store.legal.get_request(sent.request_id) is None


def test_an_emergency_request_is_decided_once_and_reaches_the_platform_when_approved(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    officer, supervisor = caller("DEA", "officer.dea").principal, caller("DEA", "supervisor.dea").principal
    meta = organisation("META")
    danger = Emergency(EmergencyKind.OVERDOSE_RISK, "tonight", "tonight", (RecordCategory.SUBSCRIBER,), "phone", "find")
    accounts = (Identifier(IdentifierType.SOCIAL_HANDLE, "pillseller"),)
    sending = Sending(new_id("emer", NOW), case.case_id, "DEA", officer.subject, meta, "META", NOW)
    asked = emergency.ask(sending, Officer.of(officer), accounts, danger)
    store.emergencies.ask(asked, audit("emergency.ask", case.case_id, 1), None)

    assert store.emergencies.get_emergency(asked.request_id) == asked
    assert store.emergencies.queue("META", None, 10, None).items == []
    approved = emergency.decide(asked, case, supervisor, NOW, None)
    store.emergencies.decide(asked, approved, [], audit("emergency.approve", case.case_id, 2))
    assert refused(store.emergencies.decide, asked, approved, [], audit("emergency.approve", case.case_id, 3))
    acknowledged = emergency.acknowledge(approved, meta, asked.request_id, "trust.meta", NOW)
    store.emergencies.acknowledge(approved, acknowledged, audit("emergency.acknowledge", case.case_id, 4, "META"))

    assert store.emergencies.get_emergency(asked.request_id) == acknowledged
    assert store.emergencies.queue("META", None, 10, None).items == [acknowledged]
    assert store.emergencies.agency_box("DEA", EmergencyStatus.ACKNOWLEDGED, 10, None).items == [acknowledged]
    assert store.emergencies.agency_box("DEA", EmergencyStatus.APPROVED, 10, None).items == []


def test_an_emergency_approval_is_refused_once_the_case_is_closed(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    officer, supervisor = caller("DEA", "officer.dea").principal, caller("DEA", "supervisor.dea").principal
    meta = organisation("META")
    danger = Emergency(EmergencyKind.OVERDOSE_RISK, "tonight", "tonight", (RecordCategory.SUBSCRIBER,), "phone", "find")
    sending = Sending(new_id("emer", NOW), case.case_id, "DEA", officer.subject, meta, "META", NOW)
    asked = emergency.ask(sending, Officer.of(officer), (), danger)
    store.emergencies.ask(asked, audit("emergency.ask", case.case_id, 1), None)
    approved = emergency.decide(asked, case, supervisor, NOW, None)  # decided on the case as it was read
    store.cases.set_status(case.case_id, "DEA", CaseStatus.CLOSED, NOW, audit("case.close", case.case_id, 2))

    assert refused(store.emergencies.decide, asked, approved, [], audit("emergency.approve", case.case_id, 3))
    assert store.emergencies.get_emergency(asked.request_id) == asked


def test_a_preservation_is_acknowledged_once_and_extended_from_the_version_read(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    meta = organisation("META")
    accounts = (Identifier(IdentifierType.SOCIAL_HANDLE, "pillseller"),)
    sending = Sending(new_id("pres", NOW), case.case_id, "DEA", "officer.dea", meta, "META", NOW)
    asked = preservations.request(sending, accounts, Contact())
    store.preservations.request_preservation(asked, preservation_timers(asked), audit("p", case.case_id, 1), None)

    store.preservations.acknowledge(asked, "META-P-1", NOW, audit("preservation.acknowledge", case.case_id, 2, "META"))
    assert refused(store.preservations.acknowledge, asked, "again", NOW, audit("a", case.case_id, 3, "META"))
    acknowledged = store.preservations.get_preservation(asked.preservation_id)
    assert acknowledged == replace(
        asked, status=PreservationStatus.ACKNOWLEDGED, platform_reference="META-P-1", acknowledged_at=NOW
    )
    extended = preservations.extend(acknowledged, "DEA", NOW)
    timers = (preservation_timers(asked), preservation_timers(extended))
    stale = replace(acknowledged, version=0)
    assert refused(store.preservations.extend, stale, extended, "DEA", timers, NOW, audit("e", case.case_id, 4))
    store.preservations.extend(acknowledged, extended, "DEA", timers, NOW, audit("e", case.case_id, 5))

    assert store.preservations.get_preservation(asked.preservation_id) == extended
    assert store.preservations.preservation_box("META", "IN", None, 10, None).items == [extended]
    assert store.preservations.preservation_box("DEA", "OUT", PreservationStatus.REQUESTED, 10, None).items == []


def test_a_file_is_declared_once_on_an_open_case_and_checked_once(store: Store) -> None:
    case = a_case()
    store.cases.open_case(case, audit("case.open", case.case_id), None)
    digest = "ab" * 32
    found = files.declare(
        new_id("file", NOW), "a.png", "image/png", 3, digest, "DEA", "officer.dea", NOW, case_id=case.case_id
    )
    declaration = replace(audit("file.declare", case.case_id, 1), resource_id=found.file_id, sha256=digest)
    store.files.declare_case_file(found, declaration, None)

    assert store.files.get_file(found.file_id) == found
    assert refused(store.files.declare_case_file, found, audit("file.declare", case.case_id, 2), None)
    checked = files.check_arrival(found, 3, digest, "v1", NOW)
    verified = replace(audit("file.verify", case.case_id, 3), resource_id=found.file_id, sha256=digest)
    store.files.record_arrival(found, checked, verified)
    assert refused(store.files.record_arrival, found, checked, audit("file.verify", case.case_id, 4))

    assert store.files.get_file(found.file_id) == checked and checked.status is FileStatus.AVAILABLE
    assert store.files.case_files(case.case_id, 10, None).items == [checked]
    assert [entry.event for entry in store.files.custody(found.file_id, 10, None).items] == [
        "file.declare",
        "file.verify",
    ]
    store.cases.set_status(case.case_id, "DEA", CaseStatus.CLOSED, NOW, audit("case.close", case.case_id, 5))
    late = replace(found, file_id=new_id("file", NOW))
    assert refused(store.files.declare_case_file, late, audit("file.declare", case.case_id, 6), None)


def test_probes_are_counted_in_their_window_and_alerted_once(store: Store) -> None:
    window = window_of(NOW)

    assert store.counters.count_probe("DEA", "ATF", Probe.CHECKED, window, 3) == 3
    assert store.counters.count_probe("DEA", "ATF", Probe.CHECKED, window, 2) == 5
    assert store.counters.count_probe("DEA", "ATF", Probe.CHECKED, window + timedelta(hours=1), 1) == 1
    alert = ProbeAlert("alr_1", "DEA", "ATF", Probe.CHECKED, window, 5, NOW)
    assert store.counters.record_alert(alert) is True
    assert store.counters.record_alert(replace(alert, count=6)) is False


def test_the_feed_serves_each_recipient_its_events_in_batch_order_up_to_a_watermark(store: Store) -> None:
    def event(n: int, *recipients: str) -> Delivered:
        return Delivered(
            "Referral Created",
            {"id": f"evt_{n}", "recipients": list(recipients), "occurred_at": "2026-12-01T09:00:00Z"},
        )

    store.write_feed([event(1, "DEA", "HSI"), event(2, "ATF"), event(3, "DEA")])
    later = NOW + timedelta(minutes=1)

    first, following = store.feed.page("DEA", None, later, 1)
    rest, end = store.feed.page("DEA", following, later, 10)
    assert [e.event_id for e in first + rest] == ["evt_1", "evt_3"]
    assert first[0].detail["recipients"] == ["DEA", "HSI"] and first[0].position == following
    assert end > rest[-1].position
    assert store.feed.page("DEA", None, NOW - timedelta(seconds=1), 10)[0] == []
    assert store.feed.position_of("HSI", "evt_1") == first[0].position
    assert store.feed.position_of("HSI", "evt_2") is None


# The services on either


def test_the_referral_use_cases_come_out_the_same(store: Store) -> None:
    """A scenario of the services, on the twin and on the store alike."""
    cases = CaseService(store.cases, store.log, store.auditor, TTL)
    referrals = ReferralService(store.referrals, store.auditor, organisations(), TTL)
    at = [
        caller(org, at=NOW + timedelta(seconds=n)) for n, org in enumerate(["DEA", "DEA", "ATF", "HSI", "DEA", "HSI"])
    ]
    key = Idempotency("key-1", "hash")

    case = cases.open(at[0], {"title": "Pills"}, None)
    referral = referrals.refer(at[1], case.case_id, "HSI", "their port", Priority.URGENT, None, key)
    with pytest.raises(NotFound):
        referrals.decide(at[2], referral.referral_id, ReferralAction.ACCEPT)
    with pytest.raises(Replayed):
        referrals.refer(at[1], case.case_id, "HSI", "their port", Priority.URGENT, None, key)
    referrals.decide(at[3], referral.referral_id, ReferralAction.ACCEPT)
    with pytest.raises(Conflict):
        referrals.refer(at[4], case.case_id, "HSI", "again", Priority.ROUTINE, None, None)

    assert cases.read(at[5], case.case_id).participants == {"DEA", "HSI"}
    assert store.trail(case.case_id) == [
        ("case.open", "DEA", "success"),
        ("referral.create", "DEA", "success"),
        ("referral.accept", "ATF", "failure"),
        ("referral.accept", "HSI", "success"),
        ("referral.create", "DEA", "failure"),
        ("case.read", "HSI", "success"),
    ]
