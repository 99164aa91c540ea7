"""Names and routing rules of the bus, queues and rules: one definition for local and AWS."""

from __future__ import annotations

import json
from dataclasses import dataclass

from chalicelib.domain.notifications import SOURCE
from chalicelib.domain.organisations import Registry


@dataclass(frozen=True)
class OrgRoute:
    """An organisation's rule on the bus and the queues it delivers to."""

    org: str
    rule_name: str
    queue_name: str
    dead_letter_queue_name: str

    @property
    def event_pattern(self) -> str:
        return json.dumps({"source": [SOURCE], "detail": {"recipients": [self.org]}})


@dataclass(frozen=True)
class Topology:
    stage: str
    table_name: str
    bus_name: str
    routes: tuple[OrgRoute, ...]

    def route(self, org: str) -> OrgRoute:
        return next(route for route in self.routes if route.org == org)


def topology(stage: str, registry: Registry) -> Topology:
    """One rule and queue per organisation in the registry; platforms get theirs for later tips."""
    prefix = f"casebridge-{stage}"
    routes = tuple(
        OrgRoute(
            org=org.code,
            rule_name=f"{prefix}-{org.code.lower()}",
            queue_name=f"{prefix}-{org.code.lower()}",
            dead_letter_queue_name=f"{prefix}-{org.code.lower()}-dlq",
        )
        for org in registry
    )
    return Topology(stage=stage, table_name=prefix, bus_name=prefix, routes=routes)
