"""Each rule has one definition, and the domain and the store agree on it.

A rule is declared once in the domain (`domain.rules`). For every rule and every state a
record can be in, this walks three answers and requires them to be the same: the rule as
the domain evaluates it (`rule.holds`), the condition the store renders from it, as
DynamoDB (moto) evaluates it on the stored item, and, where the domain also explains a
refusal (`refer`, `decide`, `check_status_change`, `check_triage`, `acknowledge`), whether
that explanation raises.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.domain import cases, emergency, files, legal, preservations, referrals, tips, watch
from chalicelib.domain.cases import Case, CaseStatus, Contact, Tlp
from chalicelib.domain.emergency import (
    Disclosure,
    Emergency,
    EmergencyAnswer,
    EmergencyKind,
    EmergencyRequest,
    EmergencyStatus,
    Officer,
)
from chalicelib.domain.errors import DomainError
from chalicelib.domain.files import EvidenceFile, FilePurpose, FileStatus, ScanResult
from chalicelib.domain.legal import RecordCategory
from chalicelib.domain.operations import Location, Operation, OperationKind
from chalicelib.domain.organisations import seed
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.principal import Principal
from chalicelib.domain.record_ids import new_id, new_operation_id
from chalicelib.domain.referrals import Priority, Referral, ReferralAction, ReferralStatus
from chalicelib.domain.rules import Rule, unchanged
from chalicelib.domain.tips import Route, Tip, TipCategory, TipStatus, TriageAction
from chalicelib.domain.watch import ConflictState, WatchedConflict
from chalicelib.storage import records
from chalicelib.storage.conditions import condition
from chalicelib.storage.dynamo import TRANSACTION_ITEMS, Table, check
from chalicelib.storage.table import Item

AT = datetime(2026, 12, 1, tzinfo=UTC)
CASE_ID = "case_01JEXAMPLE0000000000000000"
EXPIRY = AT + timedelta(days=90)


def the_store_agrees(rule: Rule, items: list[Item]) -> list[bool]:
    """For each item, whether DynamoDB lets a transaction conditioned on `rule` commit against it.

    Each item is stored under a key of its own, and checked a hundred at a time (a transaction's
    limit) in one transaction: a refused one names, item by item, the condition that failed
    (its cancellation reasons), so each item has its answer as if checked alone."""
    model = type(items[0])
    with model.batch_write() as batch:
        for n, item in enumerate(items):
            item.pk = f"{item.pk}#{n}"
            batch.save(item)
    agreed: list[bool] = []
    for start in range(0, len(items), TRANSACTION_ITEMS):
        chunk = items[start : start + TRANSACTION_ITEMS]
        try:
            with TransactWrite(connection=Table().connection) as tw:
                for item in chunk:
                    check(model, item.pk, item.sk, condition(rule, model))(tw)
        except TransactWriteError as refused:
            reasons = [reason and reason.code for reason in refused.cancellation_reasons]
            assert set(reasons) <= {None, "None", "ConditionalCheckFailed"}, reasons
            agreed += [reason != "ConditionalCheckFailed" for reason in reasons]
        else:
            agreed += [True] * len(chunk)
    return agreed


def raises(explain: Any) -> bool:
    try:
        explain()
    except DomainError:
        return True
    return False


# cases: every marking, both statuses, and HSI as participant, pending receiver or stranger


def case_states() -> list[Case]:
    base = cases.open_case("case_01JEXAMPLE0000000000000000", "DEA", "agent@dea", AT, title="Pills", contact=Contact())
    found = []
    for tlp, status, hsi in itertools.product(Tlp, CaseStatus, ("participant", "pending", "stranger")):
        participants = base.participants | ({"HSI"} if hsi == "participant" else set())
        pending = frozenset({"HSI"}) if hsi == "pending" else frozenset()
        found.append(replace(base, tlp=tlp, status=status, participants=participants, pending_referrals_to=pending))
    return found


CASE_RULES = {
    "REFERABLE": cases.REFERABLE,
    "participant(HSI)": cases.participant("HSI"),
    "working_on(HSI)": cases.working_on("HSI"),
    "may_refer(DEA, HSI)": cases.may_refer("DEA", "HSI"),
    "may_refer(HSI, ATF)": cases.may_refer("HSI", "ATF"),
    "may_update(DEA, 1)": cases.may_update("DEA", 1),
    "may_update(DEA, 2)": cases.may_update("DEA", 2),
    "may_update(HSI, 1)": cases.may_update("HSI", 1),
    "may_reach_platform(DEA)": cases.may_reach_platform("DEA"),
    "may_reach_platform(HSI)": cases.may_reach_platform("HSI"),
    **{
        f"may_move_to({org}, {status})": cases.may_move_to(org, status)
        for org in ("DEA", "HSI")
        for status in CaseStatus
    },
}


@pytest.mark.parametrize("name", CASE_RULES)
def test_every_case_rule_is_what_the_store_enforces(aws, name):
    rule = CASE_RULES[name]
    states = case_states()
    agreed = the_store_agrees(rule, [records.case_item(state) for state in states])
    for case, stored in zip(states, agreed, strict=True):
        assert rule.holds(case) == stored, (name, case)


def test_a_case_may_be_referred_exactly_when_the_domain_finds_no_reason_against_it():
    hsi, atf = seed().get("HSI"), seed().get("ATF")
    assert hsi is not None and atf is not None
    for case in case_states():
        assert raises(lambda: referrals.refer(case, case.case_id, "DEA", hsi)) != cases.may_refer("DEA", "HSI").holds(
            case
        ), case
        assert raises(lambda: referrals.refer(case, case.case_id, "HSI", atf)) != cases.may_refer("HSI", "ATF").holds(
            case
        ), case
        assert raises(lambda: referrals.check_referable(case)) != cases.REFERABLE.holds(case), case


def test_a_red_or_amber_strict_case_is_never_referable():
    for case in case_states():
        if case.tlp in (Tlp.RED, Tlp.AMBER_STRICT):
            assert not case.referable and not cases.may_refer("DEA", "HSI").holds(case)


def test_something_reaches_a_platform_from_a_case_exactly_when_the_domain_finds_no_reason_against_it():
    """DEA works on every one of these cases: only the status and the marking decide."""
    for case in case_states():
        explained = raises(lambda: cases.check_reaches_platform(case, "serve legal process on"))
        assert explained != cases.may_reach_platform("DEA").holds(case), (case.status, case.tlp)


def test_nothing_reaches_a_platform_from_a_red_or_amber_strict_case():
    for case in case_states():
        if case.tlp in (Tlp.RED, Tlp.AMBER_STRICT):
            assert not any(cases.may_reach_platform(org).holds(case) for org in ("DEA", "HSI"))


def test_close_and_reopen_are_allowed_exactly_when_the_domain_allows_them():
    for case, org, status in itertools.product(case_states(), ("DEA", "HSI"), CaseStatus):
        explained = raises(lambda: cases.check_status_change(case, org, status))
        assert explained != cases.may_move_to(org, status).holds(case), (case.status, org, status)


# referrals: every status, overdue or not, decided by sender, receiver or a stranger


def referral_states() -> list[Referral]:
    base = Referral(
        referral_id="ref_01JEXAMPLE00000000000000000",
        case_id="case_01JEXAMPLE0000000000000000",
        from_org="DEA",
        to_org="HSI",
        reason="vendor",
        priority=Priority.ROUTINE,
        respond_by=AT + timedelta(days=14),
        created_at=AT,
        created_by="agent@dea",
    )
    return [
        replace(base, status=status, overdue_at=overdue)
        for status, overdue in itertools.product(ReferralStatus, (None, AT + timedelta(days=15)))
    ]


REFERRAL_RULES = {
    "UNANSWERED": referrals.UNANSWERED,
    **{
        f"may_decide({action}, {org})": referrals.may_decide(action, org)
        for action in ReferralAction
        for org in ("DEA", "HSI", "ATF")
    },
}


@pytest.mark.parametrize("name", REFERRAL_RULES)
def test_every_referral_rule_is_what_the_store_enforces(aws, name):
    rule = REFERRAL_RULES[name]
    states = referral_states()
    agreed = the_store_agrees(rule, [records.referral_item(state) for state in states])
    for referral, stored in zip(states, agreed, strict=True):
        assert rule.holds(referral) == stored, (name, referral)


def test_every_transition_is_allowed_exactly_when_the_state_machine_allows_it():
    case = replace(case_states()[0], tlp=Tlp.AMBER, status=CaseStatus.OPEN)  # referable: only the referral decides
    for referral, action, org in itertools.product(referral_states(), ReferralAction, ("DEA", "HSI", "ATF")):
        explained = raises(lambda: referrals.decide(referral, case, action, org, referral_id=referral.referral_id))
        assert explained != referrals.may_decide(action, org).holds(referral), (referral.status, action, org)


# tips: every status, routed to DEA or to nobody yet


def tip_states() -> list[Tip]:
    base = Tip(
        tip_id="tip_01JEXAMPLE0000000000000000",
        platform="TIKTOK",
        platform_reference="T-1",
        category=TipCategory.DRUG_SALE,
        received_at=AT,
        submitted_by="trust@tiktok",
        report={},
    )
    route = Route("DEA", "default", "the default agency")
    return [
        replace(base, status=status, route=routed)
        for status, routed in itertools.product(TipStatus, (None, route))
        if (status is TipStatus.RECEIVED) == (routed is None)
    ]


TIP_RULES = {"ROUTABLE": tips.ROUTABLE, **{f"triageable_by({org})": tips.triageable_by(org) for org in ("DEA", "HSI")}}


@pytest.mark.parametrize("name", TIP_RULES)
def test_every_tip_rule_is_what_the_store_enforces(aws, name):
    rule = TIP_RULES[name]
    states = tip_states()
    agreed = the_store_agrees(rule, [records.tip_item(state) for state in states])
    for tip, stored in zip(states, agreed, strict=True):
        assert rule.holds(tip) == stored, (name, tip.status)


def test_a_tip_is_triaged_exactly_when_the_domain_allows_it():
    for tip, org in itertools.product(tip_states(), ("DEA", "HSI")):
        agency = seed().get(org)
        assert agency is not None
        explained = raises(lambda: tips.check_triage(tip, agency, tip.tip_id, TriageAction.DISMISS))
        assert explained != tips.triageable_by(org).holds(tip), (tip.status, org)


# preservations: every status, for either expiry, warned or not


def preservation_states() -> list[Preservation]:
    base = Preservation(
        preservation_id="pres_01JEXAMPLE000000000000000",
        case_id="case_01JEXAMPLE0000000000000000",
        org="DEA",
        platform="META",
        accounts=(),
        contact=Contact(),
        requested_at=AT,
        requested_by="agent@dea",
        expires_at=EXPIRY,
    )
    return [
        replace(base, status=status, expires_at=expiry, warned_for=warned, version=version)
        for status, expiry, warned, version in itertools.product(
            PreservationStatus, (EXPIRY, EXPIRY + timedelta(days=90)), (None, EXPIRY), (1, 2)
        )
    ]


PRESERVATION_RULES = {
    **{f"may_acknowledge({org})": preservations.may_acknowledge(org) for org in ("META", "TIKTOK")},
    "running_until(expiry)": preservations.running_until(EXPIRY),
    "unwarned_for(expiry)": preservations.unwarned_for(EXPIRY),
    "unchanged(1)": unchanged(1),
    **{
        f"followed_by(case, {org}, {platform})": preservations.followed_by(CASE_ID, org, platform)
        for org in ("DEA", "HSI")
        for platform in ("META", "TIKTOK")
    },
}


@pytest.mark.parametrize("name", PRESERVATION_RULES)
def test_every_preservation_rule_is_what_the_store_enforces(aws, name):
    rule = PRESERVATION_RULES[name]
    states = preservation_states()
    agreed = the_store_agrees(rule, [records.preservation_item(state) for state in states])
    for found, stored in zip(states, agreed, strict=True):
        assert rule.holds(found) == stored, (name, found)


def test_legal_process_follows_a_preservation_exactly_when_the_domain_allows_it():
    """Only its own agency's, on its case and platform, still running (issue 28, finding 4)."""
    for found, org, platform in itertools.product(preservation_states(), ("DEA", "HSI"), ("META", "TIKTOK")):
        explained = raises(lambda: preservations.check_followed(found, CASE_ID, org, platform, found.preservation_id))
        assert explained != preservations.followed_by(CASE_ID, org, platform).holds(found), (found.status, org)


def test_a_request_is_acknowledged_exactly_when_the_domain_allows_it():
    for found, org in itertools.product(preservation_states(), ("META", "TIKTOK")):
        platform = seed().get(org)
        assert platform is not None
        explained = raises(lambda: preservations.acknowledge(found, platform, found.preservation_id))
        assert explained != preservations.may_acknowledge(org).holds(found), (found.status, org)


# emergency requests: every status, each alert count, answered or not, reminded or followed


def emergency_states() -> list[EmergencyRequest]:
    officer = Officer("https://issuer.example.gov", "agent@dea", "SA Rivera")
    asked = Emergency(EmergencyKind.OVERDOSE_RISK, "d", "w", (RecordCategory.SUBSCRIBER,), "r", "h")
    base = EmergencyRequest(
        "emer_01JEXAMPLE000000000000000", "case_01JEXAMPLE0000000000000000", "DEA", "META", (), asked, officer, AT
    )
    found = []
    for status, alerts, outcome, reminded, followed in itertools.product(
        EmergencyStatus, (0, 1, 2), (None, *Disclosure), (None, AT), (None, "legal_01JEXAMPLE00000000000000")
    ):
        answer = EmergencyAnswer(outcome, AT, "desk@meta") if outcome else None
        sent = status not in (EmergencyStatus.AWAITING_APPROVAL, EmergencyStatus.REJECTED)
        found.append(
            replace(
                base,
                status=status,
                approved_by=officer if sent else None,
                decided_at=AT if status is not EmergencyStatus.AWAITING_APPROVAL else None,
                alerts=alerts,
                answer=answer,
                process_reminded_at=reminded,
                followed_by=followed,
            )
        )
    return found


EMERGENCY_RULES = {
    "UNDECIDED": emergency.UNDECIDED,
    "OPEN": emergency.OPEN,
    "PROCESS_UNREMINDED": emergency.PROCESS_UNREMINDED,
    "HELD": emergency.HELD,
    **{f"may_settle({org})": emergency.may_settle(org) for org in ("DEA", "HSI")},
    **{f"may_acknowledge({org})": emergency.may_acknowledge(org) for org in ("META", "TIKTOK")},
    **{f"may_answer({org})": emergency.may_answer(org) for org in ("META", "TIKTOK")},
    **{f"unacknowledged_alert({n})": emergency.unacknowledged_alert(n) for n in (1, 2)},
    "followable(case, DEA, META)": emergency.followable("case_01JEXAMPLE0000000000000000", "DEA", "META"),
    "followable(case, HSI, META)": emergency.followable("case_01JEXAMPLE0000000000000000", "HSI", "META"),
    "followable(other case, DEA, META)": emergency.followable("case_01JOTHER00000000000000000", "DEA", "META"),
}


@pytest.mark.parametrize("name", EMERGENCY_RULES)
def test_every_emergency_rule_is_what_the_store_enforces(aws, name):
    rule = EMERGENCY_RULES[name]
    states = emergency_states()
    agreed = the_store_agrees(rule, [records.emergency_item(state) for state in states])
    for found, stored in zip(states, agreed, strict=True):
        assert rule.holds(found) == stored, (name, found)


def test_an_emergency_request_is_acknowledged_exactly_when_the_domain_allows_it():
    for found, org in itertools.product(emergency_states(), ("META", "TIKTOK")):
        platform = seed().get(org)
        assert platform is not None
        explained = raises(lambda: emergency.acknowledge(found, platform, found.request_id, "desk", AT))
        assert explained != emergency.may_acknowledge(org).holds(found), (found.status, org)


def test_an_emergency_request_is_approved_only_while_its_case_may_reach_the_platform():
    """Approving sends it: the case must be open and marked to leave its owner (finding 7)."""
    [undecided] = [found for found in emergency_states() if emergency.UNDECIDED.holds(found)][:1]
    dea = seed().get("DEA")
    assert dea is not None
    approver = Principal("supervisor@dea", dea, frozenset(), issuer="https://issuer.example.gov")
    for case in case_states():
        explained = raises(lambda: emergency.decide(undecided, case, approver, AT, None))
        assert explained != cases.may_reach_platform("DEA").holds(case), (case.status, case.tlp)
        assert not raises(lambda: emergency.decide(undecided, case, approver, AT, "not imminent"))


# files: who declared them, what for, how marked, in which state and scan, on which case


def file_states() -> list[EvidenceFile]:
    """A platform's tip file in every status and scan, carried to a case or not yet; and an
    agency's case file by every declarer, purpose and marking, in every status."""
    tip_file = files.declare(
        "file_01JEXAMPLE0000000000000000",
        "menu.png",
        "image/png",
        10,
        "ab" * 32,
        "META",
        "trust@meta",
        AT,
        tip_id="tip_01JEXAMPLE0000000000000000",
        platform="META",
    )
    case_file = EvidenceFile(
        "file_01JEXAMPLE0000000000000000", "order.pdf", "application/pdf", 10, "0" * 64, "DEA", "agent@dea", AT
    )
    return [
        replace(tip_file, status=status, scan=scan, case_id=case_id)
        for status, scan, case_id in itertools.product(FileStatus, ScanResult, (CASE_ID, None))
    ] + [
        replace(case_file, org=org, case_id=case_id, purpose=purpose, tlp=tlp, status=status)
        for org, case_id, purpose, tlp, status in itertools.product(
            ("DEA", "HSI", "META"),
            (CASE_ID, "case_01JOTHER00000000000000000"),
            FilePurpose,
            (None, *Tlp),
            FileStatus,
        )
    ]


FILE_RULES = {
    "CHECKABLE": files.CHECKABLE,
    "EXPIRABLE": files.EXPIRABLE,
    "SCAN_OVERDUE": files.SCAN_OVERDUE,
    "CARRIABLE": files.CARRIABLE,
    "FOR_LEGAL_PROCESS": files.FOR_LEGAL_PROCESS,
    "servable_document(case, DEA)": legal.servable_document(CASE_ID, "DEA"),
    "servable_document(case, HSI)": legal.servable_document(CASE_ID, "HSI"),
}


@pytest.mark.parametrize("name", FILE_RULES)
def test_every_file_rule_is_what_the_store_enforces(aws, name):
    """`SCAN_OVERDUE` reads the scan, which the item stores as `malware_scan`."""
    rule = FILE_RULES[name]
    states = file_states()
    agreed = the_store_agrees(rule, [records.file_item(state) for state in states])
    for found, stored in zip(states, agreed, strict=True):
        assert rule.holds(found) == stored, (name, found)


def test_a_document_is_served_exactly_when_the_domain_allows_it():
    """Its own agency's, declared on the case for legal process, marked for a platform, available."""
    for found, org in itertools.product(file_states(), ("DEA", "HSI")):
        explained = raises(lambda: legal.check_document(found, CASE_ID, org, found.file_id))
        assert explained != legal.servable_document(CASE_ID, org).holds(found), (found, org)


def test_a_document_for_legal_process_is_never_declared_red_or_amber_strict():
    from chalicelib.domain.errors import InvalidField

    for tlp in (None, *Tlp):
        fields = {"case_id": CASE_ID, "purpose": FilePurpose.LEGAL_PROCESS, "tlp": tlp}
        file_id, at = "file_01JEXAMPLE0000000000000000", AT
        if tlp in (Tlp.RED, Tlp.AMBER_STRICT):
            with pytest.raises(InvalidField):
                files.declare(file_id, "o.pdf", "application/pdf", 1, "0" * 64, "DEA", "a", at, **fields)
        else:
            declared = files.declare(file_id, "o.pdf", "application/pdf", 1, "0" * 64, "DEA", "a", at, **fields)
            assert declared.tlp == (tlp or Tlp.AMBER)


# watched conflicts: every state, each owning center, alerts and the contact clock's start


def watched_states() -> list[WatchedConflict]:
    """A conflict in every state, owned by WBWATCH or NEWATCH, with 0 to 2 unowned alerts, its
    contact clock set for its start or already alerted, or its start moved since."""
    contact = Contact("SA Rivera", "+12025550188", None)
    sides = [
        Operation(
            new_operation_id(new_id("case", AT + timedelta(milliseconds=n)), AT),
            CASE_ID,
            org,
            OperationKind.RAID,
            Location(38.9, -77.03, 100),
            AT,
            AT + timedelta(hours=1),
            contact,
            AT,
            "x",
            AT,
        )
        for n, org in ((1, "DEA"), (2, "ATF"))
    ]
    base = watch.watched(sides[0], sides[1], ["WBWATCH"], AT)
    found = []
    for state, center, alerts, overdue in itertools.product(
        ConflictState, ("WBWATCH", "NEWATCH"), (0, 1, 2), (None, AT, AT + timedelta(hours=1))
    ):
        found.append(replace(base, state=state, center=center, unowned_alerts=alerts, contact_overdue_for=overdue))
    moved = [replace(conflict, starts_at=AT + timedelta(hours=2)) for conflict in found[:: len(ConflictState)]]
    return found + moved


WATCH_RULES = {
    "OPEN": watch.OPEN,
    "UNRESOLVED": watch.UNRESOLVED,
    "may_own(WBWATCH)": watch.may_own("WBWATCH"),
    "may_hold(WBWATCH)": watch.may_hold("WBWATCH"),
    "may_notify(WBWATCH)": watch.may_notify("WBWATCH"),
    "unowned_alert(1)": watch.unowned_alert(1),
    "unowned_alert(2)": watch.unowned_alert(2),
    "contact_overdue(start)": watch.contact_overdue(AT),
}


@pytest.mark.parametrize("name", WATCH_RULES)
def test_every_watched_conflict_rule_is_what_the_store_enforces(aws, name):
    rule = WATCH_RULES[name]
    states = watched_states()
    agreed = the_store_agrees(rule, [records.watched_item(state) for state in states])
    for conflict, stored in zip(states, agreed, strict=True):
        assert rule.holds(conflict) == stored, (name, conflict.state, conflict.center)


def test_a_conflict_is_owned_exactly_when_may_own_holds():
    for conflict in watched_states():
        explained = raises(lambda found=conflict: watch.own(found, "WBWATCH", "per_x", "Duty agent", AT))
        assert explained != watch.may_own("WBWATCH").holds(conflict), (conflict.state, conflict.center)
