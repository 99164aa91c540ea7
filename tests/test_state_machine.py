"""A hypothesis state machine drives cases, referrals, identifiers and tips through the API.

Random agencies and platforms act in random order; after every step the invariants are
checked against what the API itself answers:
- a case is visible to exactly its owner and the agencies that accepted a referral on it;
- the case names those participants, and no pending referral goes to one of them;
- every change left exactly one audit record in the case's trail;
- a hit tells whom to call and never the other side's case or its contents;
- a routed tip is readable by exactly one agency, the holder of its account if any holds it;
- a receiver that declined, or whose referral was withdrawn (by the sender, or by casebridge
  when the case was re-marked or closed), never reads a title or marking the case was
  given after the referral ended.

Each run starts from an empty table, with a pump for its stream (`fresh_table`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.conftest import GENERATED, fresh_table

AGENCIES = ("DEA", "HSI", "USPIS", "ATF")
HANDLES = 3
#: The audit events of changes to a case (reads and lists are audited too, and not counted).
CHANGES = ("case.open", "referral.create", "referral.accept", "referral.decline", "referral.withdraw", "identifier.add")
#: Runs of the machine: 5 in `make test` (each step costs dozens of API calls on moto), more in `make fuzz`.
EXAMPLES = int(os.environ.get("CASEBRIDGE_STATEFUL_EXAMPLES", "5"))


#: TLP markings a case may be given; the last two keep it from leaving its owner.
MARKINGS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


@dataclass
class CaseModel:
    owner: str
    participants: set[str]
    title: str
    changes: int = 1
    pending: dict[str, str] = field(default_factory=dict)  # referral id → receiving agency
    handles: set[int] = field(default_factory=set)
    tlp: str = "AMBER"
    open: bool = True
    #: Every (title, marking) the case had while it could be referred: what a receiver may have seen.
    referable_states: list[tuple[str, str]] = field(default_factory=list)

    @property
    def referable(self) -> bool:
        return self.open and self.tlp not in ("AMBER+STRICT", "RED")

    def changed(self) -> None:
        if self.referable:
            self.referable_states.append((self.title, self.tlp))


class Casework(RuleBasedStateMachine):
    api: Any = None

    def __init__(self) -> None:
        super().__init__()
        self.pump = fresh_table()
        self.cases: dict[str, CaseModel] = {}
        self.referrals: dict[str, tuple[str, str, str]] = {}  # id → (case, from, to)
        self.tips: dict[str, set[str]] = {}  # tip id → the agencies holding its handle when it came
        #: Referrals that ended without the receiver joining: id → what it may read of the case.
        self.ended: dict[str, set[tuple[str | None, str | None]]] = {}

    @staticmethod
    def handle(index: int) -> str:
        return f"@plug.h{index}"

    # --- rules ---------------------------------------------------------------------------

    @initialize(org=st.sampled_from(AGENCIES), receiver=st.sampled_from(AGENCIES))
    def a_case_already_referred(self, org: str, receiver: str) -> None:
        """Every run starts with a case and (mostly) a referral, so that short runs reach decisions."""
        self.open_case(org)
        if receiver != org:
            case_id = next(iter(self.cases))
            referral_id = self.api.refer(case_id, receiver, org)["referral_id"]
            self.cases[case_id].pending[referral_id] = receiver
            self.cases[case_id].changes += 1
            self.referrals[referral_id] = (case_id, org, receiver)

    @precondition(lambda self: len(self.cases) < 3)
    @rule(org=st.sampled_from(AGENCIES))
    def open_case(self, org: str) -> None:
        title = f"Case {len(self.cases)} of {org}"
        response = self.api.call("POST", "/v1/cases", org, {"title": title})
        assert response.status_code == 201, response.body
        case = self.cases[response.data["case_id"]] = CaseModel(org, {org}, title)
        case.changed()

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), receiver=st.sampled_from(AGENCIES))
    def refer(self, data: Any, receiver: str) -> None:
        case_id = data.draw(st.sampled_from(sorted(self.cases)))
        case = self.cases[case_id]
        # Mostly a participant refers (the workflow), sometimes anyone (an attempt).
        sender = data.draw(st.one_of(st.sampled_from(sorted(case.participants)), st.sampled_from(AGENCIES)))
        body = {"to_org": receiver, "reason": "Overlapping target"}
        response = self.api.call("POST", f"/v1/cases/{case_id}/referrals", sender, body)
        if sender not in case.participants:
            assert response.status_code == 404, response.body
        elif receiver in case.participants or receiver in case.pending.values() or not case.referable:
            assert response.status_code == 409, response.body
        else:
            assert response.status_code == 201, response.body
            referral_id = response.data["referral_id"]
            case.pending[referral_id] = receiver
            case.changes += 1
            self.referrals[referral_id] = (case_id, sender, receiver)

    @precondition(lambda self: self.referrals)
    @rule(data=st.data(), action=st.sampled_from(["accept", "decline", "withdraw"]))
    def decide(self, data: Any, action: str) -> None:
        referral_id = data.draw(st.sampled_from(sorted(self.referrals)))
        case_id, sender, receiver = self.referrals[referral_id]
        case = self.cases[case_id]
        # Mostly the party whose decision it is, sometimes anyone (an attempt).
        party = receiver if action != "withdraw" else sender
        org = data.draw(st.one_of(st.just(party), st.sampled_from(AGENCIES)))
        body = {"reason": "Not ours"} if action == "decline" else None
        response = self.api.call("POST", f"/v1/referrals/{referral_id}/{action}", org, body)
        allowed = org == receiver if action != "withdraw" else org == sender
        # What may not be referred may not be accepted: a re-marked or closed case's referral waits
        # for casebridge to withdraw it.
        allowed = allowed and (action != "accept" or case.referable)
        if response.status_code == 200:
            assert allowed and referral_id in case.pending, (org, action, response.body)
            del case.pending[referral_id]
            case.changes += 1
            if action == "accept":
                case.participants.add(receiver)
            else:
                self.ended[referral_id] = {*case.referable_states, (None, None)}
        else:
            # Refused: not visible (404), not the deciding party (403/404) or already decided (409).
            assert response.status_code in (403, 404, 409), response.body
            assert not (allowed and referral_id in case.pending), (org, action, response.body)

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), org=st.sampled_from(AGENCIES), index=st.integers(0, HANDLES - 1))
    def add_handle(self, data: Any, org: str, index: int) -> None:
        case_id = data.draw(st.sampled_from(sorted(self.cases)))
        case = self.cases[case_id]
        body = {"identifiers": [{"type": "social_handle", "platform": "TIKTOK", "value": self.handle(index)}]}
        response = self.api.call("POST", f"/v1/cases/{case_id}/identifiers", org, body)
        if org not in case.participants:
            assert response.status_code == 404, response.body
            return
        if not case.open:
            assert response.status_code == 409, response.body
            return
        assert response.status_code == 201, response.body
        case.handles.add(index)
        case.changes += 1
        self.assert_reveals_nothing_of_others(org, response.body)
        for hit in response.data["hits"]:
            holders = {c.owner for c in self.cases.values() if index in c.handles and org not in c.participants}
            assert hit["org"] in holders, (hit, holders)

    @precondition(lambda self: len(self.tips) < 3)
    @rule(index=st.integers(0, HANDLES - 1))
    def submit_tip(self, index: int) -> None:
        body = {
            "platform_reference": f"t{len(self.tips)}",
            "category": "counterfeit_pills",
            "reported_accounts": [{"handle": self.handle(index)}],
        }
        response = self.api.call("POST", "/v1/tips", "TIKTOK", body)
        assert response.status_code == 201, response.body
        self.tips[response.data["tip_id"]] = {c.owner for c in self.cases.values() if index in c.handles and c.open}
        self.drain()

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), tlp=st.sampled_from(MARKINGS))
    def remark_and_rename(self, data: Any, tlp: str) -> None:
        """The owner renames the case and marks it anew, whoever is waiting on a referral."""
        case_id = data.draw(st.sampled_from(sorted(self.cases)))
        case = self.cases[case_id]
        etag = self.api.call("GET", f"/v1/cases/{case_id}", case.owner).headers["etag"]
        title = f"{case.title.split(' / ')[0]} / {case.changes}.{tlp}"
        change = {"title": title, "tlp": tlp}
        response = self.api.call("PATCH", f"/v1/cases/{case_id}", case.owner, change, {"If-Match": etag})
        assert response.status_code == 200, response.body
        case.title, case.tlp = title, tlp
        case.changed()

    @precondition(lambda self: self.cases)
    @rule(data=st.data())
    def close_or_reopen(self, data: Any) -> None:
        case_id = data.draw(st.sampled_from(sorted(self.cases)))
        case = self.cases[case_id]
        response = self.api.call("POST", f"/v1/cases/{case_id}/{'close' if case.open else 'reopen'}", case.owner)
        assert response.status_code == 200, response.body
        case.open = not case.open
        case.changed()

    @rule()
    def drain(self) -> None:
        """The stream runs: casebridge withdraws each pending referral of a case that may not be referred."""
        self.pump.drain()
        for case in self.cases.values():
            if case.referable:
                continue
            for referral_id in list(case.pending):
                del case.pending[referral_id]
                case.changes += 1
                self.ended[referral_id] = {*case.referable_states, (None, None)}

    # --- invariants ------------------------------------------------------------------------

    @invariant()
    def visible_exactly_to_participants(self) -> None:
        for case_id, case in self.cases.items():
            for org in AGENCIES:
                response = self.api.call("GET", f"/v1/cases/{case_id}", org)
                expected = 200 if org in case.participants else 404
                assert response.status_code == expected, (org, case_id, response.body)
            answer = self.api.call("GET", f"/v1/cases/{case_id}", case.owner).data
            assert set(answer["participants"]) == case.participants
            assert set(answer["pending_referrals_to"]) == set(case.pending.values())
            assert not set(answer["pending_referrals_to"]) & set(answer["participants"])

    @invariant()
    def every_change_has_one_audit_record(self) -> None:
        for case_id, case in self.cases.items():
            response = self.api.call("GET", f"/v1/cases/{case_id}/audit?limit=100", case.owner)
            assert response.status_code == 200, response.body
            changes = [r for r in response.data["items"] if r["event"] in CHANGES and r["outcome"] == "success"]
            assert len(changes) == case.changes, [r["event"] for r in changes]

    @invariant()
    def a_routed_tip_is_one_agencys(self) -> None:
        for tip_id, holders in self.tips.items():
            readers = [org for org in AGENCIES if self.api.call("GET", f"/v1/tips/{tip_id}", org).status_code == 200]
            assert len(readers) == 1, (tip_id, readers)
            # Routing reads the holders when the tip arrives; a later holder does not reroute it.
            if holders:
                assert readers[0] in holders, (tip_id, readers, holders)

    @invariant()
    def a_former_receiver_reads_no_later_title_or_marking(self) -> None:
        for referral_id, may_read in self.ended.items():
            case_id, _, receiver = self.referrals[referral_id]
            if receiver in self.cases[case_id].participants:
                continue  # it joined by another referral: it sees the case itself
            read = self.api.call("GET", f"/v1/referrals/{referral_id}", receiver).data
            listed = self.api.call("GET", "/v1/referrals?box=inbound&limit=100", receiver).data["items"]
            for seen in (read, *[entry for entry in listed if entry["referral_id"] == referral_id]):
                assert (seen["case_title"], seen["tlp"]) in may_read, (referral_id, seen, may_read)

    def assert_reveals_nothing_of_others(self, org: str, body: bytes) -> None:
        text = body.decode()
        for case_id, case in self.cases.items():
            if org not in case.participants:
                assert case_id not in text and case.title not in text, text


#: Generate only: every step is several API calls on moto, and shrinking a failure would take minutes.
QUICK = settings(GENERATED, max_examples=EXAMPLES, stateful_step_count=10, phases=[Phase.explicit, Phase.generate])


def test_casework_invariants_hold_whatever_the_order(api):
    Casework.api = api
    run_state_machine_as_test(Casework, settings=QUICK)


def test_the_machine_fails_when_an_invariant_is_broken(api):
    """The invariants can fail: a model that believes an agency joined a case it never joined is caught."""

    class Mistaken(Casework):
        @initialize(org=st.sampled_from(AGENCIES), receiver=st.sampled_from(AGENCIES))
        def a_case_already_referred(self, org: str, receiver: str) -> None:
            """The run's first case, then the belief that an agency joined it that never did:
            caught at the first check, not after however many steps a rule takes to be drawn."""
            super().a_case_already_referred(org, receiver)
            case = next(iter(self.cases.values()))
            case.participants.add(sorted(set(AGENCIES) - case.participants)[0])

    Mistaken.api = api
    with pytest.raises(AssertionError) as caught:
        run_state_machine_as_test(Mistaken, settings=QUICK)
    assert any(entry.name == "visible_exactly_to_participants" for entry in caught.traceback), caught.traceback
