"""The registry's rules, with no AWS: what an organisation must be, and who may change it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.organisations import (
    AGENCY_KINDS,
    Area,
    Delivery,
    IdentityProvider,
    InvalidOrganisation,
    Jurisdiction,
    Organisation,
    OrgKind,
    OrgRole,
    OrgStatus,
    RegistryAction,
    Service,
    ServiceKind,
    Watch,
    approve,
    change,
    from_document,
    propose,
    refuse,
    seed,
    to_document,
    valid_ori,
)

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
ALICE = ("https://agencies.casebridge.local", "alice@casebridge.example")
BOB = ("https://agencies.casebridge.local", "bob@casebridge.example")


def sheriff(**fields: object) -> Organisation:
    given: dict[str, object] = {
        "code": "NVWASHOE",
        "name": "Washoe County Sheriff's Office",
        "kind": OrgKind.LOCAL_AGENCY,
        "ori": "NV0160000",
        "jurisdiction": Jurisdiction("NV", county="Washoe"),
        "verification_line": "+17753283000",
    }
    return Organisation(**(given | fields))  # type: ignore[arg-type]


def test_the_five_agency_kinds_are_agencies_and_platforms_neither_own_nor_receive():
    assert {kind.value for kind in AGENCY_KINDS} == {
        "federal_agency",
        "state_agency",
        "local_agency",
        "tribal_agency",
        "task_force",
    }
    assert sheriff().role is OrgRole.AGENCY and sheriff().is_agency and sheriff().takes_referrals
    meta = seed().get("META")
    assert meta is not None and meta.role is OrgRole.PLATFORM and not meta.is_agency and not meta.takes_referrals
    operator = seed().get("CASEBRIDGE")
    assert operator is not None and operator.role is OrgRole.OPERATOR and not operator.is_agency


def test_oversight_reads_the_national_figures_and_takes_no_referrals():
    org = Organisation("DHS", "Department of Homeland Security", OrgKind.OVERSIGHT)
    assert org.role is OrgRole.OVERSIGHT and not org.is_agency and not org.takes_referrals


def test_a_watch_center_watches_conflicts_and_says_what_it_serves():
    served = Watch(agencies=("DEA",), states=("MD",), area=Area(38.8, -77.2, 39.0, -76.9))
    center = Organisation("RISSAFE", "RISSafe", OrgKind.WATCH_CENTER, watch=served)
    assert center.role is OrgRole.WATCH and not center.takes_referrals
    with pytest.raises(InvalidOrganisation, match="says what it serves"):
        Organisation("RISSAFE", "RISSafe", OrgKind.WATCH_CENTER)
    with pytest.raises(InvalidOrganisation, match="only a watch center"):
        Organisation("ONDCP", "ONDCP", OrgKind.OVERSIGHT, watch=served)
    with pytest.raises(InvalidOrganisation, match="state or territory codes"):
        Organisation("RISSAFE", "RISSafe", OrgKind.WATCH_CENTER, watch=Watch(states=("ZZ",)))
    assert from_document(to_document(center)) == center


@pytest.mark.parametrize("ori", ["NV0160000", "DCDEA0000", "PR0010000", "TX2270100"])
def test_an_ori_is_a_state_code_then_seven_letters_or_digits(ori):
    assert valid_ori(ori)


@pytest.mark.parametrize("ori", ["NV016000", "NV01600000", "ZZ0160000", "nv0160000", "NV016-000", "160000000"])
def test_anything_else_is_no_ori(ori):
    assert not valid_ori(ori)


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"ori": None}, "needs its NCIC ORI"),
        ({"ori": "ZZ0160000"}, "needs its NCIC ORI"),
        ({"verification_line": "775-328-3000"}, "E.164"),
        ({"verification_line": None}, "E.164"),
        ({"jurisdiction": None}, "needs its jurisdiction"),
        ({"jurisdiction": Jurisdiction("NV")}, "names its county"),
        ({"jurisdiction": Jurisdiction("CA", county="Washoe")}, "is not of its state CA"),
        ({"jurisdiction": Jurisdiction("XX", county="Washoe")}, "state or territory code"),
        ({"kind": OrgKind.TRIBAL_AGENCY}, "names its tribe"),
        ({"jurisdiction": Jurisdiction("NV", county="Washoe", tribe="Washoe Tribe")}, "works for a tribe"),
        ({"code": "nv washoe"}, "the code is"),
        ({"name": " "}, "the name is empty"),
        ({"services": (Service("X", ServiceKind.SOCIAL_MEDIA),)}, "only a platform has services"),
    ],
)
def test_an_agency_breaking_a_rule_is_refused_with_the_rule(fields, complaint):
    with pytest.raises(InvalidOrganisation, match=complaint):
        sheriff(**fields)


def test_a_federal_agency_may_work_nationwide_and_has_an_ori_of_any_state():
    division = Organisation(
        "DEALA", "DEA Los Angeles", OrgKind.FEDERAL_AGENCY, ori="CADEA0100", verification_line="+12135550100"
    )
    assert division.jurisdiction is None and division.takes_referrals


def test_a_tribal_agency_names_its_tribe():
    tribal = sheriff(
        code="AZNAVAJO",
        kind=OrgKind.TRIBAL_AGENCY,
        ori="AZ0010000",
        jurisdiction=Jurisdiction("AZ", tribe="Navajo Nation"),
    )
    assert tribal.is_agency


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"services": ()}, "names its services"),
        ({"services": (Service("SNAP", ServiceKind.SOCIAL_MEDIA), Service("SNAP", ServiceKind.MESSAGING))}, "once"),
        ({"ori": "CA0000000"}, "only an agency"),
        ({"verification_line": "+13105550100"}, "only an agency"),
    ],
)
def test_a_platform_names_its_services_and_has_no_ori_or_verification_line(fields, complaint):
    given = {
        "code": "SNAP",
        "name": "Snap Inc.",
        "kind": OrgKind.PLATFORM,
        "services": (Service("SNAPCHAT", ServiceKind.MESSAGING),),
    }
    with pytest.raises(InvalidOrganisation, match=complaint):
        Organisation(**(given | fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("provider", "complaint"),
    [
        (IdentityProvider("https://idp.nv.gov"), "one of the two"),
        (IdentityProvider("https://idp.nv.gov", "https://idp.nv.gov/jwks", {"keys": []}), "one of the two"),
        (IdentityProvider("https://idp.nv.gov", "http://idp.nv.gov/jwks"), "https URL"),
        (IdentityProvider("idp.nv.gov", "https://idp.nv.gov/jwks"), "is a URL"),
        (IdentityProvider("https://idp.nv.gov", "https://idp.nv.gov/jwks", claim=""), "names the organisation"),
    ],
)
def test_an_identity_provider_has_an_issuer_url_keys_one_way_and_a_claim(provider, complaint):
    with pytest.raises(InvalidOrganisation, match=complaint):
        sheriff(identity_providers=(provider,))


def test_an_identity_provider_names_the_organisation_in_org_unless_told_otherwise():
    provider = IdentityProvider("https://idp.nv.gov", jwks_uri="https://idp.nv.gov/jwks")
    broker = IdentityProvider("https://cjis.nv.gov", jwks={"keys": []}, claim="ori")
    org = sheriff(identity_providers=(provider, broker))
    assert provider.claim == "org" and org.speaks_for_it("https://cjis.nv.gov") and not org.speaks_for_it("https://x")


def test_the_document_round_trips_every_field():
    org = sheriff(
        identity_providers=(IdentityProvider("https://cjis.nv.gov", jwks={"keys": [{"kid": "k"}]}, claim="ori"),),
        delivery=Delivery("https://washoe.example.gov/hook", {"bus_arn": "arn:aws:events:us-east-1:1:event-bus/x"}),
        proposed_by=ALICE,
        version=3,
    )
    org = replace(
        org, pending=change(replace(org, status=OrgStatus.ACTIVE), RegistryAction.SUSPEND, BOB, NOW, "r").pending
    )
    again = from_document(to_document(org))
    assert again == org and to_document(again) == to_document(org)
    assert again.identity_providers[0].jwks == {"keys": [{"kid": "k"}]} and again.delivery.more == org.delivery.more


def test_the_seed_holds_todays_eight_organisations_oversight_a_watch_center_and_the_operator():
    found = {org.code: org for org in seed()}
    assert set(found) == {
        "CASEBRIDGE",
        "DEA",
        "HSI",
        "USPIS",
        "ATF",
        "META",
        "TIKTOK",
        "X",
        "YOUTUBE",
        "ONDCP",
        "WBWATCH",
    }
    assert found["ONDCP"].kind is OrgKind.OVERSIGHT
    assert found["WBWATCH"].watch is not None and found["WBWATCH"].watch.agencies == ("DEA", "ATF")
    assert {code for code, org in found.items() if org.kind is OrgKind.FEDERAL_AGENCY} == {"DEA", "HSI", "USPIS", "ATF"}
    assert found["CASEBRIDGE"].kind is OrgKind.OPERATOR
    assert all(org.is_active for org in found.values())
    assert found["META"].service_codes == ("FACEBOOK", "INSTAGRAM", "WHATSAPP", "THREADS")


def test_a_proposal_is_approved_by_a_second_person_only():
    proposed = propose(sheriff(), ALICE)
    assert proposed.status is OrgStatus.PROPOSED and not proposed.takes_referrals
    with pytest.raises(Forbidden, match="second person"):
        approve(proposed, ALICE)
    active = approve(proposed, BOB)
    assert active.status is OrgStatus.ACTIVE and active.version == proposed.version + 1
    with pytest.raises(Conflict, match="nothing to approve"):
        approve(active, BOB)


@pytest.mark.parametrize(
    ("action", "before", "after"), [("suspend", "active", "suspended"), ("reinstate", "suspended", "active")]
)
def test_a_suspension_or_reinstatement_is_asked_by_one_person_and_made_by_a_second(action, before, after):
    org = sheriff(status=OrgStatus(before))
    asked = change(org, RegistryAction(action), ALICE, NOW, "audit finding")
    assert asked.status is OrgStatus(before) and asked.pending is not None and asked.pending.requested_by == ALICE
    with pytest.raises(Forbidden, match="second person"):
        change(asked, RegistryAction(action), ALICE, NOW)
    made = change(asked, RegistryAction(action), BOB, NOW)
    assert made.status is OrgStatus(after) and made.pending is None and made.version == org.version + 2


def test_nothing_is_suspended_twice_nor_reinstated_while_active_nor_the_operator_ever():
    with pytest.raises(Conflict, match="cannot be reinstated"):
        change(sheriff(), RegistryAction.REINSTATE, ALICE, NOW)
    with pytest.raises(Conflict, match="cannot be suspended"):
        change(sheriff(status=OrgStatus.SUSPENDED), RegistryAction.SUSPEND, ALICE, NOW)
    operator = seed().get("CASEBRIDGE")
    assert operator is not None
    with pytest.raises(Conflict, match="the operator"):
        change(operator, RegistryAction.SUSPEND, ALICE, NOW)


def test_a_refused_proposal_leaves_nothing_and_a_refused_change_the_entry_as_it_was():
    refusal, left = refuse(propose(sheriff(), ALICE), NOW, "wrong ORI")  # its proposer withdraws it
    assert (refusal.code, refusal.refused, refusal.reason, refusal.at, left) == (
        "NVWASHOE",
        "onboarding",
        "wrong ORI",
        NOW,
        None,
    )
    asked = change(sheriff(), RegistryAction.SUSPEND, ALICE, NOW)
    refusal, left = refuse(asked, NOW, "not compromised after all")
    assert refusal.refused is RegistryAction.SUSPEND
    assert left == replace(asked, pending=None, version=asked.version + 1)
    assert left is not None and left.status is OrgStatus.ACTIVE


def test_nothing_waiting_is_nothing_to_refuse():
    operator = seed().get("CASEBRIDGE")
    assert operator is not None
    for org in (sheriff(), sheriff(status=OrgStatus.SUSPENDED), operator):
        with pytest.raises(Conflict, match="nothing to refuse"):
            refuse(org, NOW, "why")


def test_a_proposals_removal_is_news_to_the_operator_alone_and_any_other_removal_to_nobody():
    from chalicelib.domain.notifications.organisations import ORGANISATION_REFUSED, organisation_changed

    refused = organisation_changed(propose(sheriff(), ALICE), None, "CASEBRIDGE", NOW)
    assert refused is not None and refused.detail_type == ORGANISATION_REFUSED
    assert (refused.recipients, refused.references) == (frozenset({"CASEBRIDGE"}), {"kind": "local_agency"})
    assert organisation_changed(sheriff(), None, "CASEBRIDGE", NOW) is None
    asked = change(sheriff(), RegistryAction.SUSPEND, ALICE, NOW)
    assert organisation_changed(asked, refuse(asked, NOW, "no")[1], "CASEBRIDGE", NOW) is None
