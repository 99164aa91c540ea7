"""Rules over a record's fields, declared once.

An access rule or a state machine's guard is written here as a `Rule` over named fields
(`Field("status") == "pending"`). The domain asks whether it holds of a record
(`rule.holds(case)`); the store turns the same declaration into the condition that enforces
it atomically at commit time (`storage.conditions.condition`). A field's name is the
attribute's name on the domain dataclass and on the stored item alike (`stored` names the
item's where it cannot be the same), so one declaration serves both, and
`tests/test_rules.py` shows for every rule that the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any


def plain(value: Any) -> Any:
    """What a field's value is stored as: an enum by its value."""
    return value.value if isinstance(value, Enum) else value


class Rule:
    """A predicate over a record's fields, combinable with `&`, `|` and `~`."""

    def holds(self, record: Any) -> bool:
        raise NotImplementedError

    def __and__(self, other: Rule) -> Rule:
        return All((self, other))

    def __or__(self, other: Rule) -> Rule:
        return Any_((self, other))

    def __invert__(self) -> Rule:
        return Not(self)


class Field:
    """A named field of a record; its methods make rules."""

    def __init__(self, name: str, stored: str | None = None) -> None:
        self.name = name
        #: The stored item's attribute, where it cannot bear the field's name.
        self.stored = stored or name

    def __repr__(self) -> str:
        return f"Field({self.name!r})"

    def of(self, record: Any) -> Any:
        return plain(getattr(record, self.name))

    def equals(self, value: object) -> Rule:
        return Equals(self, plain(value))

    def is_in(self, values: Iterable[Any]) -> Rule:
        return In(self, tuple(plain(value) for value in values))

    def contains(self, value: Any) -> Rule:
        """A set-valued field holds `value`."""
        return Contains(self, plain(value))

    def absent(self) -> Rule:
        return Absent(self)


@dataclass(frozen=True, eq=False)
class Equals(Rule):
    field: Field
    value: Any

    def holds(self, record: Any) -> bool:
        return bool(self.field.of(record) == self.value)


@dataclass(frozen=True, eq=False)
class In(Rule):
    field: Field
    values: tuple[Any, ...]

    def holds(self, record: Any) -> bool:
        return self.field.of(record) in self.values


@dataclass(frozen=True, eq=False)
class Contains(Rule):
    field: Field
    value: Any

    def holds(self, record: Any) -> bool:
        return self.value in (getattr(record, self.field.name) or ())


@dataclass(frozen=True, eq=False)
class Absent(Rule):
    field: Field

    def holds(self, record: Any) -> bool:
        return getattr(record, self.field.name) is None


@dataclass(frozen=True, eq=False)
class All(Rule):
    rules: tuple[Rule, ...]

    def holds(self, record: Any) -> bool:
        return all(rule.holds(record) for rule in self.rules)


@dataclass(frozen=True, eq=False)
class Any_(Rule):
    rules: tuple[Rule, ...]

    def holds(self, record: Any) -> bool:
        return any(rule.holds(record) for rule in self.rules)


@dataclass(frozen=True, eq=False)
class Not(Rule):
    rule: Rule

    def holds(self, record: Any) -> bool:
        return not self.rule.holds(record)


def unchanged(version: int) -> Rule:
    """Optimistic concurrency: the record is still at the version the change was decided on."""
    return Field("version").equals(version)
