"""The registries put every area's declarations together, and miss none: the event types
(`domain/notifications/`), the table of reactions (`stream/reactions/`) and the API's models
(`api/models/`). What they hold up is the recipe in docs/development/recipes.md."""

from __future__ import annotations

import ast
import inspect
import pkgutil
from importlib import import_module
from types import ModuleType

import pytest
from pydantic import BaseModel

from chalicelib.api import models
from chalicelib.domain import notifications
from chalicelib.domain.notifications import DETAIL_TYPES, Notification
from chalicelib.stream import reactions


def _constants(area: ModuleType) -> dict[str, object]:
    """The area's module-level constants: upper-case names assigned in the module itself."""
    tree = ast.parse(inspect.getsource(area))
    names = [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id.lstrip("_").isupper()
    ]
    return {name: getattr(area, name) for name in names}


by_event_area = pytest.mark.parametrize("area", notifications.AREAS, ids=lambda area: area.__name__.rsplit(".")[-1])
by_reaction_area = pytest.mark.parametrize("area", reactions.AREAS, ids=lambda area: area.__name__.rsplit(".")[-1])


def test_every_area_of_events_is_in_the_registry():
    package = notifications.__path__
    areas = {name for _, name, _ in pkgutil.iter_modules(package)} - {"common"}
    assert {area.__name__.rsplit(".")[-1] for area in notifications.AREAS} == areas


@by_event_area
def test_every_event_name_an_area_declares_is_among_its_detail_types(area):
    """A detail type written as a constant but left out of the area's `DETAIL_TYPES` would go
    on the bus with no schema, no sample and no place in the feed's filter."""
    names = {value for value in _constants(area).values() if isinstance(value, str)}
    assert names == set(area.DETAIL_TYPES)
    steps = [value for value in _constants(area).values() if isinstance(value, dict)]
    assert {step for mapping in steps for step in mapping.values()} <= set(area.DETAIL_TYPES)


@by_event_area
def test_no_notification_names_its_detail_type_in_place(area):
    """Each `Notification(detail_type=...)` takes a declared constant, never a string of its own."""
    tree = ast.parse(inspect.getsource(area))
    literals = [
        keyword.value.value
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == Notification.__name__
        for keyword in call.keywords
        if keyword.arg == "detail_type" and isinstance(keyword.value, ast.Constant)
    ]
    assert literals == []


def test_the_registry_holds_each_areas_detail_types_once():
    declared = [detail_type for area in notifications.AREAS for detail_type in area.DETAIL_TYPES]
    assert sorted(DETAIL_TYPES) == sorted(declared)
    assert len(set(DETAIL_TYPES)) == len(DETAIL_TYPES)


def test_every_area_of_reactions_is_in_the_table():
    package = reactions.__path__
    areas = {name for _, name, _ in pkgutil.iter_modules(package)} - {"common"}
    assert {area.__name__.rsplit(".")[-1] for area in reactions.AREAS} == areas


def test_the_table_of_reactions_holds_every_areas_row_for_a_kind_in_the_areas_order():
    """Two areas reacting to one kind both run (the figures count what an area's row did, so
    come after it): a kind's row is its areas' rows joined, none left unread."""
    for kind, row in reactions.REACTIONS.items():
        joined = tuple(reaction for area in reactions.AREAS for reaction in area.REACTIONS.get(kind, ()))
        assert row == joined, kind
    assert reactions.REACTIONS.keys() == {kind for area in reactions.AREAS for kind in area.REACTIONS}
    assert reactions.AREAS[-1].__name__.endswith(".figures")


@by_reaction_area
def test_a_kind_read_with_its_case_has_a_row_in_its_area(area):
    assert area.DESCRIBED_WITH_THEIR_CASE - area.REACTIONS.keys() == set()


@by_reaction_area
def test_every_describing_reaction_says_news_of_its_own_area(area):
    """An area's reactions describe a change through its own area's events (`news`), whose
    detail types the tests above hold declared."""
    news = getattr(area, "news", None)
    if news is None:
        assert all("describe" not in reaction.__name__ for row in area.REACTIONS.values() for reaction in row)
        return
    assert news in notifications.AREAS
    assert news.__name__.rsplit(".")[-1] == area.__name__.rsplit(".")[-1]


def _model_modules() -> list[ModuleType]:
    return [import_module(f"{models.__name__}.{name}") for _, name, _ in pkgutil.iter_modules(models.__path__)]


@pytest.mark.parametrize("module", _model_modules(), ids=lambda module: module.__name__.rsplit(".")[-1])
def test_every_model_an_area_declares_is_re_exported(module):
    """`models.X` is how routes and the document name a model: one left out of
    `models/__init__.py` is a model no route can use."""
    declared = {
        name
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and issubclass(value, BaseModel)
        and value.__module__ == module.__name__
        and not name.startswith("_")
    }
    assert declared
    assert {name for name in declared if getattr(models, name, None) is not getattr(module, name)} == set()
