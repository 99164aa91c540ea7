"""A Chalice app whose API routes are registered the first time anything reads them.

Every Lambda function of the service loads the same `app.py`; only the API function ever
reads `app.routes` (to answer a request; `chalice package`, the local server and the test
client read them too). The routes' modules bring the API's pydantic models, its renderers
and its OpenAPI document: registered on first read, the stream, timer, arrivals and
webhook functions never import them.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from chalice.app import Blueprint, Chalice, RouteEntry


class LazyRoutesChalice(Chalice):
    """`Chalice`, with `blueprints()` imported and registered when `routes` is first read."""

    def __init__(self, app_name: str, blueprints: Callable[[], Iterable[Blueprint]]) -> None:
        self._blueprints = blueprints
        self._routes: dict[str, dict[str, RouteEntry]]
        self._registered = False
        self._in_progress = False
        # The local server's threads may all ask at once; registering reads `routes` again
        # on the same thread (hence reentrant), and must then get the table as it stands.
        self._registering = threading.RLock()
        super().__init__(app_name)

    @property  # type: ignore[override]
    def routes(self) -> dict[str, dict[str, RouteEntry]]:
        if not self._registered:
            with self._registering:
                if not self._registered and not self._in_progress:
                    self._in_progress = True
                    # All or nothing: a registration that fails half-way (an import error in
                    # one routes module) leaves the table as it was, so the next read retries
                    # from the start instead of tripping over the routes it already added.
                    table = self._routes
                    before: dict[str, dict[str, RouteEntry]] = defaultdict(dict)
                    before.update((path, dict(methods)) for path, methods in table.items())
                    try:
                        for blueprint in self._blueprints():
                            self.register_blueprint(blueprint)
                        self._registered = True
                    except BaseException:
                        self._routes = before
                        raise
                    finally:
                        self._in_progress = False
        return self._routes

    @routes.setter
    def routes(self, table: Any) -> None:
        self._routes = table
