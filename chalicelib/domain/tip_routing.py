"""Tip routing: a known target goes to the agency that holds it; otherwise the rules decide.

The rules are data (`chalicelib/data/routing_rules.json`), validated when loaded: each has a
name, the agency it routes to, the reason recorded on the tip, and either `when` (a list of
conditions, any of which matches; a condition matches when every field it names does) or
`"default": true` (the last rule). The first matching rule wins, unless its agency is not
active in the registry (suspended): then the next one that matches does, as with a holder
that is not active. Nothing is routed to a suspended agency.

    {"name": "firearms", "route_to": "ATF", "reason": "firearms nexus",
     "when": [{"category": ["weapons"]}]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from chalicelib.domain.cases import Case, CaseStatus
from chalicelib.domain.identifiers import IdentifierType
from chalicelib.domain.organisations import Directory
from chalicelib.domain.tips import Delivery, Route, Tip, TipCategory

DECONFLICTION_RULE = "deconfliction"
#: Whether the agency of a code may be routed a tip now: active in the registry (`TipService.receives`).
Receives = Callable[[str], bool]
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}\Z")
_COUNTRY = re.compile(r"^[A-Z]{2}\Z")


def _values(kind: Any) -> Callable[[str], bool]:
    allowed = {member.value for member in kind}
    return lambda value: value in allowed


#: What a condition may test, each with a check of the values a rule may name.
_FIELDS: dict[str, Callable[[str], bool]] = {
    "category": _values(TipCategory),
    "delivery": _values(Delivery),
    "identifier_types": _values(IdentifierType),
    "substances": lambda value: bool(value),
    "country_not": lambda value: bool(_COUNTRY.match(value)),
}


class RoutingRulesInvalid(ValueError):
    """The rules file cannot be used; `problems` lists every reason, not only the first."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Condition:
    tests: tuple[tuple[str, frozenset[str]], ...]

    def holds(self, tip: Tip) -> bool:
        return all(_FACTS[name](tip, values) for name, values in self.tests)


_FACTS: dict[str, Callable[[Tip, frozenset[str]], bool]] = {
    "category": lambda tip, values: tip.category.value in values,
    "delivery": lambda tip, values: any(d.value in values for d in tip.delivery),
    "identifier_types": lambda tip, values: any(i.type.value in values for i in tip.identifiers),
    "substances": lambda tip, values: any(s in values for s in tip.substances),
    "country_not": lambda tip, values: tip.country is not None and tip.country not in values,
}


@dataclass(frozen=True)
class Rule:
    name: str
    route_to: str
    reason: str
    when: tuple[Condition, ...] = ()
    default: bool = False

    def matches(self, tip: Tip) -> bool:
        return self.default or any(condition.holds(tip) for condition in self.when)


@dataclass(frozen=True)
class RoutingRules:
    rules: tuple[Rule, ...]

    def route(self, tip: Tip, receives: Receives = lambda code: True) -> Route | None:
        """The first rule that matches and whose agency `receives` tips; the last rule is the
        default, so one always matches: None only when every agency that matches is suspended."""
        rule = next((rule for rule in self.rules if rule.matches(tip) and receives(rule.route_to)), None)
        return Route(rule.route_to, rule.name, rule.reason) if rule is not None else None

    @classmethod
    def from_json(cls, text: str, registry: Directory) -> RoutingRules:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise RoutingRulesInvalid([f"not JSON: {error}"]) from None
        problems: list[str] = []
        rules = raw.get("rules") if isinstance(raw, dict) else None
        if not isinstance(rules, list) or not rules:
            raise RoutingRulesInvalid(["the file needs a non-empty list `rules`"])
        parsed = [_rule(index, entry, registry, problems) for index, entry in enumerate(rules)]
        names = [rule.name for rule in parsed if rule is not None]
        for name in sorted({name for name in names if names.count(name) > 1}):
            problems.append(f"rule name {name!r} is used more than once")
        defaults = [i for i, rule in enumerate(parsed) if rule is not None and rule.default]
        if defaults != [len(rules) - 1]:
            problems.append('exactly one rule, the last, must be `"default": true`')
        if problems:
            raise RoutingRulesInvalid(problems)
        return cls(tuple(rule for rule in parsed if rule is not None))


def _rule(index: int, entry: Any, registry: Directory, problems: list[str]) -> Rule | None:
    where = f"rule {index}"
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be an object")
        return None
    known = {"name", "route_to", "reason", "when", "default"}
    problems += [f"{where}: unknown key {key!r}" for key in sorted(set(entry) - known)]
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"{where}: `name` must be lower-case letters, digits and dashes")
        name = f"#{index}"
    where = f"rule {name!r}"
    to = registry.get(entry.get("route_to", ""))
    if to is None or not to.is_agency:
        problems.append(f"{where}: `route_to` {entry.get('route_to')!r} is not a registered agency")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        problems.append(f"{where}: needs a `reason`, which is recorded on every tip it routes")
    default = entry.get("default", False) is True
    when = entry.get("when", [])
    if default and when:
        problems.append(f"{where}: the default rule takes no `when`")
    if not default and (not isinstance(when, list) or not when):
        problems.append(f"{where}: needs `when`, a non-empty list of conditions")
        when = []
    conditions = [_condition(f"{where} condition {i}", c, problems) for i, c in enumerate(when)]
    return Rule(
        name=name,
        route_to=to.code if to else "",
        reason=reason if isinstance(reason, str) else "",
        when=tuple(condition for condition in conditions if condition is not None),
        default=default,
    )


def _condition(where: str, raw: Any, problems: list[str]) -> Condition | None:
    if not isinstance(raw, dict) or not raw:
        problems.append(f"{where}: must be a non-empty object")
        return None
    tests = []
    for name, values in raw.items():
        check = _FIELDS.get(name)
        if check is None:
            problems.append(f"{where}: unknown field {name!r} (known: {', '.join(sorted(_FIELDS))})")
            continue
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            problems.append(f"{where}: {name} must be a non-empty list of strings")
            continue
        problems += [f"{where}: {name} has no value {value!r}" for value in values if not check(value)]
        tests.append((name, frozenset(values)))
    return Condition(tuple(tests))


def holder_route(tip: Tip, holders: Iterable[tuple[Case, int]], receives: Receives = lambda code: True) -> Route | None:
    """The open case holding most of the tip's identifiers (the oldest on a tie) decides,
    among those of agencies that `receives` tips."""
    candidates = [
        (case, count) for case, count in holders if case.status is CaseStatus.OPEN and count and receives(case.owner)
    ]
    if not candidates:
        return None
    case, count = min(candidates, key=lambda pair: (-pair[1], pair[0].case_id))
    noun = "identifier" if count == 1 else "identifiers"
    reason = f"{count} reported {noun} already held on case {case.case_id}"
    return Route(case.owner, DECONFLICTION_RULE, reason, case.case_id)


def route_tip(
    tip: Tip, rules: RoutingRules, holders: Iterable[tuple[Case, int]], receives: Receives = lambda code: True
) -> Route | None:
    """A known target goes to the agency that holds it; otherwise the first matching rule. Only
    to an agency that `receives` tips (an active one): None if none that would take it does."""
    return holder_route(tip, holders, receives) or rules.route(tip, receives)


@cache
def routing_rules(directory: Directory) -> RoutingRules:
    """The deployment's rules, read once from `chalicelib/data/routing_rules.json`, each
    organisation they name looked up in `directory` (the registry, `wiring.tip_service`)."""
    text = resources.files("chalicelib.data").joinpath("routing_rules.json").read_text()
    return RoutingRules.from_json(text, directory)
