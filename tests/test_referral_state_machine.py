"""Every action from every referral state by every kind of caller."""

from __future__ import annotations

import pytest

STATES = ["pending", "accepted", "declined", "withdrawn"]
ACTIONS = {"accept": None, "decline": {"reason": "no nexus"}, "withdraw": None}
CALLERS = {"sender": "DEA", "receiver": "HSI", "outsider": "ATF"}
ALLOWED = {("pending", "accept", "receiver"), ("pending", "decline", "receiver"), ("pending", "withdraw", "sender")}


def _referral_in(api, state):
    case = api.open_case("DEA")
    referral = api.refer(case["case_id"], "HSI")
    how = {"accepted": ("accept", "HSI"), "declined": ("decline", "HSI"), "withdrawn": ("withdraw", "DEA")}
    if state in how:
        action, org = how[state]
        response = api.call("POST", f"/v1/referrals/{referral['referral_id']}/{action}", org, ACTIONS[action])
        assert response.status_code == 200
    return case["case_id"], referral["referral_id"]


@pytest.mark.parametrize("caller", list(CALLERS))
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("state", STATES)
def test_transition(api, state, action, caller):
    case_id, referral_id = _referral_in(api, state)
    response = api.call("POST", f"/v1/referrals/{referral_id}/{action}", CALLERS[caller], ACTIONS[action])
    if (state, action, caller) in ALLOWED:
        expected = 200
    elif caller == "outsider":
        expected = 404
    else:
        expected = 409
    assert response.status_code == expected, response.body
    after = api.call("GET", f"/v1/referrals/{referral_id}", "DEA").data["status"]
    outcome = {"accept": "accepted", "decline": "declined", "withdraw": "withdrawn"}[action]
    assert after == (outcome if expected == 200 else state)
    hsi_sees_case = api.call("GET", f"/v1/cases/{case_id}", "HSI").status_code == 200
    assert hsi_sees_case == (after == "accepted")


def test_declined_referral_cannot_be_accepted(api):
    _, referral_id = _referral_in(api, "declined")
    assert api.call("POST", f"/v1/referrals/{referral_id}/accept", "HSI").status_code == 409


def test_decline_needs_a_reason(api):
    _, referral_id = _referral_in(api, "pending")
    response = api.call("POST", f"/v1/referrals/{referral_id}/decline", "HSI", {})
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "reason"


@pytest.mark.parametrize(
    ("to_org", "why"),
    [("DEA", "owns"), ("META", "platform"), ("HSI", "already participates"), ("USPIS", "already pending")],
)
def test_invalid_referral_targets_are_conflicts(api, to_org, why):
    case = api.open_case("DEA")
    referral = api.refer(case["case_id"], "HSI")
    api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI")
    api.refer(case["case_id"], "USPIS")
    response = api.call("POST", f"/v1/cases/{case['case_id']}/referrals", "DEA", {"to_org": to_org, "reason": "r"})
    assert response.status_code == 409
    assert why in response.data["detail"]


def test_after_withdrawal_the_case_can_be_referred_again(api):
    case_id, _ = _referral_in(api, "withdrawn")
    api.refer(case_id, "HSI")
