"""Tip routing: every rule, the deconfliction override, the default, and rules-file validation."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from chalicelib.domain.cases import open_case
from chalicelib.domain.organisations import seed
from chalicelib.domain.tip_routing import (
    DECONFLICTION_RULE,
    RoutingRules,
    RoutingRulesInvalid,
    route_tip,
    routing_rules,
)
from chalicelib.domain.tips import draft

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def tip(**report):
    body = {"platform_reference": "T-1", "category": "other", "reported_accounts": [{"handle": "@plug.nyc"}]}
    return draft("tip_01JAAAAAAAAAAAAAAAAAAAAAAA", seed().get("TIKTOK"), "trust@tiktok", NOW, body | report)


@pytest.mark.parametrize(
    ("report", "agency", "rule"),
    [
        ({"delivery": ["mail"]}, "USPIS", "mail-nexus"),
        ({"delivery": ["parcel"], "category": "counterfeit_pills"}, "USPIS", "mail-nexus"),
        ({"parcel_tracking": [{"carrier": "USPS", "number": "9400111899223197428490"}]}, "USPIS", "mail-nexus"),
        ({"category": "weapons"}, "ATF", "firearms"),
        ({"category": "smuggling"}, "HSI", "border-and-recruitment"),
        ({"category": "cartel_recruitment"}, "HSI", "border-and-recruitment"),
        ({"delivery": ["cross_border"], "category": "drug_sale"}, "HSI", "border-and-recruitment"),
        ({"estimated_location": {"country": "MX"}, "category": "drug_sale"}, "HSI", "border-and-recruitment"),
        ({"estimated_location": {"country": "US"}, "category": "drug_sale"}, "DEA", "distribution"),
        ({"category": "counterfeit_pills"}, "DEA", "distribution"),
        ({"category": "money_laundering"}, "DEA", "default"),
        ({"category": "other"}, "DEA", "default"),
    ],
)
def test_each_rule_routes_to_its_agency_and_records_its_name(report, agency, rule):
    route = route_tip(tip(**report), routing_rules(seed()), [])
    assert (route.to, route.rule) == (agency, rule)
    assert route.reason


def test_mail_nexus_wins_over_firearms_because_rules_are_ordered():
    assert route_tip(tip(category="weapons", delivery=["mail"]), routing_rules(seed()), []).to == "USPIS"


def test_a_known_target_goes_to_the_agency_holding_it_whatever_the_rules_say():
    atf_case = open_case("case_01JBBBBBBBBBBBBBBBBBBBBBBB", "ATF", "sa@atf", NOW, title="t")
    route = route_tip(tip(category="counterfeit_pills"), routing_rules(seed()), [(atf_case, 1)])
    assert (route.to, route.rule, route.matched_case_id) == ("ATF", DECONFLICTION_RULE, atf_case.case_id)


def test_the_case_holding_most_identifiers_wins_then_the_oldest():
    older = open_case("case_01JBBBBBBBBBBBBBBBBBBBBBBB", "ATF", "sa", NOW, title="t")
    newer = open_case("case_01JCCCCCCCCCCCCCCCCCCCCCCC", "HSI", "sa", NOW, title="t")
    assert route_tip(tip(), routing_rules(seed()), [(older, 1), (newer, 2)]).to == "HSI"
    assert route_tip(tip(), routing_rules(seed()), [(newer, 1), (older, 1)]).to == "ATF"


def test_closed_cases_do_not_route():
    from dataclasses import replace

    from chalicelib.domain.cases import CaseStatus

    closed = replace(
        open_case("case_01JBBBBBBBBBBBBBBBBBBBBBBB", "ATF", "sa", NOW, title="t"), status=CaseStatus.CLOSED
    )
    assert route_tip(tip(category="counterfeit_pills"), routing_rules(seed()), [(closed, 3)]).rule == "distribution"


def rules(*entries):
    return json.dumps({"rules": list(entries)})


DEFAULT = {"name": "default", "route_to": "DEA", "reason": "r", "default": True}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not json", "not JSON"),
        (json.dumps({"rules": []}), "non-empty list"),
        (rules({"name": "x", "route_to": "DEA", "reason": "r", "when": [{"category": ["weapons"]}]}), "default"),
        (rules({**DEFAULT}, {**DEFAULT, "name": "again"}), "default"),
        (
            rules({"name": "x", "route_to": "META", "reason": "r", "when": [{"category": ["weapons"]}]}, DEFAULT),
            "agency",
        ),
        (
            rules({"name": "x", "route_to": "FBI", "reason": "r", "when": [{"category": ["weapons"]}]}, DEFAULT),
            "agency",
        ),
        (rules({"name": "x", "route_to": "ATF", "reason": "r", "when": [{"category": ["guns"]}]}, DEFAULT), "'guns'"),
        (
            rules({"name": "x", "route_to": "ATF", "reason": "r", "when": [{"colour": ["red"]}]}, DEFAULT),
            "unknown field",
        ),
        (rules({"name": "x", "route_to": "ATF", "reason": "r", "when": []}, DEFAULT), "non-empty list"),
        (rules({"name": "x", "route_to": "ATF", "when": [{"category": ["weapons"]}]}, DEFAULT), "reason"),
        (
            rules({"name": "Bad Name", "route_to": "ATF", "reason": "r", "when": [{"category": ["weapons"]}]}, DEFAULT),
            "name",
        ),
        (
            rules({**DEFAULT, "name": "default"}, {**DEFAULT, "default": False, "when": [{"category": ["x"]}]}),
            "default",
        ),
        (
            rules(
                {"name": "a", "route_to": "ATF", "reason": "r", "when": [{"category": ["weapons"]}]},
                {**DEFAULT, "name": "a"},
            ),
            "more than once",
        ),
        (rules({"name": "x", "route_to": "ATF", "reason": "r", "when": [{"country_not": ["usa"]}]}, DEFAULT), "'usa'"),
        (
            rules(
                {"name": "x", "route_to": "ATF", "reason": "r", "when": [{"category": ["weapons"]}], "then": 1}, DEFAULT
            ),
            "unknown key",
        ),
    ],
)
def test_an_invalid_rules_file_is_refused_at_load_with_the_reason(text, problem):
    with pytest.raises(RoutingRulesInvalid) as refused:
        RoutingRules.from_json(text, seed())
    assert problem in str(refused.value)


def test_every_problem_is_reported_not_only_the_first():
    text = rules({"name": "x", "route_to": "FBI", "when": [{"colour": ["red"]}]})
    with pytest.raises(RoutingRulesInvalid) as refused:
        RoutingRules.from_json(text, seed())
    assert len(refused.value.problems) >= 4


def test_the_shipped_rules_file_loads():
    names = [rule.name for rule in routing_rules(seed()).rules]
    assert names[-1] == "default" and len(names) == len(set(names))
