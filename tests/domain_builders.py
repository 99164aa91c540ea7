"""What the pure domain tests (`tests/test_*_rules.py`) share: organisations from the
registry, DEA's case, a request DEA sends from it, and whether a change was refused."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from chalicelib.domain.cases import Case, open_case
from chalicelib.domain.errors import DomainError
from chalicelib.domain.organisations import Organisation, Sending, seed


def org(code: str) -> Organisation:
    """The registered organisation `code` (DEA, HSI, ATF, USPIS; META, TIKTOK, X, YOUTUBE)."""
    found = seed().get(code)
    assert found is not None, code
    return found


def a_case(**fields: Any) -> Case:
    """DEA's open case `case_1`, marked AMBER, with DEA its one participant unless `fields` say."""
    opened = open_case("case_1", "DEA", "agent.dea@example.gov", datetime(2026, 12, 1, tzinfo=UTC), title="Pills")
    return replace(opened, **fields)


def sending(request_id: str, at: datetime, platform_code: str | None = "META", **fields: Any) -> Sending:
    """DEA's agent sends `request_id` from `case_1` at `at` to the registered organisation
    `platform_code` (None: a code the registry does not know, `NOPE`)."""
    platform = org(platform_code) if platform_code else None
    given = Sending(request_id, "case_1", "DEA", "agent.dea@example.gov", platform, platform_code or "NOPE", at)
    return replace(given, **fields)


def refused(change: Callable[[], object]) -> bool:
    """Whether the domain refuses `change` (raises one of its errors)."""
    try:
        change()
    except DomainError:
        return True
    return False


def walk(record: Any, steps: Iterable[Callable[[Any], Any]]) -> Iterator[tuple[Any, Any]]:
    """Each change of `record` by `steps` in turn, as (before, after); a refused step changes nothing."""
    for step in steps:
        try:
            changed = step(record)
        except DomainError:
            continue
        yield record, changed
        record = changed
