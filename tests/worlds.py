"""One moto account per test module, each world built in it once and put back before every test.

A module adopts it with `aws, client, api, provisioned, isolated = one_account_per_module()` and
declares its worlds with `@a_world` (`tests/test_authorization.py`, `tests/test_round_trips.py`):

1. moto's backends are put back as provisioned (`provisioned`, captured once);
2. the world is built through the API, as any test would;
3. the stream delivers everything it wrote (`settled`), then lets go of those records, so a
   test's `pump` starts after them;
4. moto's backends are captured (`World.state`).

`isolated`, autouse in the module, puts back before each test exactly the state of the world the
test uses, or the provisioned account when it uses none (`chalicelib/devtools/snapshots.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import Api, moto_account, warm_registry


class World(dict[str, Any]):
    """A world's ids by name; `state`: moto's backends as building it left them."""

    state: bytes = b""


#: The world fixtures of each module (`a_world`), by module name.
WORLDS: dict[str, set[str]] = {}
#: The seed's organisations as each captured state holds them (by the state's identity: a
#: world's state lives as long as its module), read once and primed into the registry's cache
#: for every test put back to that state.
_ORGANISATIONS: dict[int, tuple[bytes, tuple[Any, ...]]] = {}


def registry_as_in(state: bytes) -> None:
    """The registry's cache as `state`'s tables hold the seed (a world may have suspended one)."""
    kept = _ORGANISATIONS.get(id(state))
    if kept is not None and kept[0] is state:
        warm_registry(kept[1])
    else:
        if len(_ORGANISATIONS) >= 8:  # a module's worlds; those of modules run before go
            _ORGANISATIONS.pop(next(iter(_ORGANISATIONS)))
        _ORGANISATIONS[id(state)] = (state, warm_registry())


def a_world(build: Callable[[Api, Any], dict[str, Any]]) -> Any:
    """`build(api, aws)` as a module-scoped fixture of the same name. It runs once, in the
    account as provisioned; the stream delivers what it wrote, then lets go of it (a test's
    pump starts after it); the state it leaves is captured, and each test that uses the world
    starts from that state (`isolated`)."""

    def fixture(api: Api, aws: Any, provisioned: bytes) -> World:
        from chalicelib.devtools.snapshots import capture, put_back

        put_back(provisioned, exactly=True)
        warm_registry()
        world = World(build(api, aws))
        settled(aws)
        world.state = capture()
        return world

    WORLDS.setdefault(build.__module__, set()).add(build.__name__)
    fixture.__doc__ = build.__doc__
    return pytest.fixture(scope="module", name=build.__name__)(fixture)


def settled(aws: Any) -> None:
    """The stream delivered, then let go of, what was written."""
    from chalicelib.devtools.moto_dynamodb import release_stream
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import stream_handler

    pump = StreamPump(aws.table_stream_arn, stream_handler())
    pump.drain(rounds=100)
    assert pump.quiet and not pump.dead_letters
    if (position := pump.settled()) is not None:
        release_stream(aws.table_stream_arn, position)


def one_account_per_module() -> tuple[Any, Any, Any, Any, Any]:
    """The fixtures `aws`, `client`, `api`, `provisioned` and `isolated` of a module whose tests
    all run in one moto account, each from its world (assign them to those names)."""

    @pytest.fixture(scope="module", name="aws")
    def aws() -> Iterator[Any]:
        """This module's moto account: every test of the module runs in it (`isolated`)."""
        with moto_account() as topology:
            yield topology

    @pytest.fixture(scope="module", name="client")
    def client(aws: Any) -> Iterator[Any]:
        from app import app
        from chalicelib.devtools.environment import app_client

        with app_client(app) as test_client:
            yield test_client

    @pytest.fixture(scope="module", name="api")
    def api(client: Any) -> Api:
        return Api(client)

    @pytest.fixture(scope="module", name="provisioned")
    def provisioned(aws: Any) -> bytes:
        """moto's backends as provisioned: where every world starts, and every test that uses none."""
        from chalicelib.devtools.snapshots import capture

        return capture()

    @pytest.fixture(autouse=True, name="isolated")
    def isolated(request: pytest.FixtureRequest, provisioned: bytes) -> None:
        """Each test starts from moto's backends exactly as its world left them (as provisioned,
        when it uses none): tables, stream, queues, bus and buckets, whatever the test before it
        wrote. The stream's iterators are dropped too: they are handles, and a pump asks again."""
        from chalicelib.devtools.snapshots import put_back

        worlds = WORLDS.get(request.module.__name__, set())
        states = [request.getfixturevalue(name).state for name in request.fixturenames if name in worlds]
        (state,) = states or [provisioned]  # a test uses one world at most
        put_back(state, exactly=True)
        registry_as_in(state)

    return aws, client, api, provisioned, isolated
