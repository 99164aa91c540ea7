"""The API's routes register on their first read, all of them or none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chalice.app import Blueprint

from chalicelib.lazy_routes import LazyRoutesChalice


def _blueprint(path: str) -> Blueprint:
    blueprint = Blueprint(__name__)
    blueprint.route(path)(lambda: {})
    return blueprint


def test_a_registration_that_fails_half_way_leaves_no_routes_and_the_next_read_registers_them_all():
    attempts = []

    def blueprints() -> Iterator[Blueprint]:
        attempts.append(1)
        yield _blueprint("/one")
        if len(attempts) == 1:
            raise ImportError("a routes module that cannot be imported yet")
        yield _blueprint("/two")

    app = LazyRoutesChalice("lazy", blueprints)
    with pytest.raises(ImportError):
        app.routes
    assert app._routes == {}
    assert sorted(app.routes) == ["/one", "/two"]
    assert sorted(app.routes) == ["/one", "/two"] and len(attempts) == 2


def test_the_routes_are_registered_once_however_often_they_are_read():
    calls = []

    def blueprints() -> Iterator[Blueprint]:
        calls.append(1)
        yield _blueprint("/one")

    app = LazyRoutesChalice("lazy", blueprints)
    assert [sorted(app.routes) for _ in range(3)] == [["/one"]] * 3 and calls == [1]
