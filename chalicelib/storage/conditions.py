"""The domain's rules as DynamoDB conditions, and the case guards every repository shares.

A rule is declared once, in the domain (`domain.rules`); `condition` renders it on a stored
item's attributes, which carry the same names, so that the store enforces at commit time
exactly what the domain decides (`tests/test_rules.py` walks every rule on both sides).
"""

from __future__ import annotations

from typing import Any

from pynamodb.expressions.condition import Condition

from chalicelib.domain import cases
from chalicelib.domain.rules import Absent, All, Any_, Contains, Equals, In, Not, Rule
from chalicelib.storage.dynamo import Write, check, update
from chalicelib.storage.keys import CASE_SK, case_pk
from chalicelib.storage.table import CaseItem, Item


def condition(rule: Rule, model: type[Item]) -> Condition:
    """`rule` on `model`'s attributes of the same names."""

    def attribute(name: str) -> Any:
        return getattr(model, name)

    if isinstance(rule, Equals):
        return attribute(rule.field.stored) == rule.value  # type: ignore[no-any-return]
    if isinstance(rule, In):
        return attribute(rule.field.stored).is_in(*rule.values)  # type: ignore[no-any-return]
    if isinstance(rule, Contains):
        return attribute(rule.field.stored).contains(rule.value)  # type: ignore[no-any-return]
    if isinstance(rule, Absent):
        return attribute(rule.field.stored).does_not_exist()  # type: ignore[no-any-return]
    if isinstance(rule, Not):
        negated: Condition = ~condition(rule.rule, model)
        return negated
    if isinstance(rule, All | Any_):
        parts = [condition(part, model) for part in rule.rules]
        combined: Condition = parts[0]
        for part in parts[1:]:
            combined = combined & part if isinstance(rule, All) else combined | part
        return combined
    raise TypeError(f"no condition for {rule!r}")


def on_case(case_id: str, rule: Rule) -> Write:
    """The case must satisfy `rule` for the transaction to commit (a ConditionCheck)."""
    return check(CaseItem, case_pk(case_id), CASE_SK, condition(rule, CaseItem))


def update_case(case_id: str, actions: list[Any], rule: Rule | None) -> Write:
    """An update of the case item, if it exists and satisfies `rule`."""
    return update(CaseItem(case_pk(case_id), CASE_SK), actions, condition(rule, CaseItem) if rule else None)


def participant(case_id: str, org: str) -> Write:
    return on_case(case_id, cases.participant(org))


def reaching_platform(case_id: str, org: str) -> Write:
    """`org` may send a platform something of the case at commit time (`cases.may_reach_platform`):
    a close or a re-marking that lands first refuses the write."""
    return on_case(case_id, cases.may_reach_platform(org))


def working_on(case_id: str, org: str, new_identifier_key: str | None = None) -> Write:
    """`org` takes part in the open case; and, for an older case, it gets its identifier key.

    The key is set only where none is (a concurrent first add that set another refuses
    this write, and the caller retries with the stored one).
    """
    if new_identifier_key is None:
        return on_case(case_id, cases.working_on(org))
    first = CaseItem.identifier_key.does_not_exist()
    rule = condition(cases.working_on(org), CaseItem) & first
    key = CaseItem(case_pk(case_id), CASE_SK)
    return update(key, [CaseItem.identifier_key.set(new_identifier_key)], rule)
