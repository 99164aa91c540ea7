"""The organisation registry: which agencies and platforms exist (data, not code)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources


class OrgKind(StrEnum):
    AGENCY = "agency"
    PLATFORM = "platform"


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    kind: OrgKind
    #: A platform's services, as identifier qualifiers (`INSTAGRAM`, `TIKTOK`): the service
    #: a reported handle belongs to when the platform runs only one.
    services: tuple[str, ...] = ()

    @property
    def is_agency(self) -> bool:
        return self.kind is OrgKind.AGENCY


class Registry:
    """Looks organisations up by code; adding CBP or a HIDTA is a line in the data file."""

    def __init__(self, organisations: list[Organisation]) -> None:
        self._by_code = {org.code: org for org in organisations}
        if len(self._by_code) != len(organisations):
            raise ValueError("organisation codes must be unique")

    def get(self, code: str) -> Organisation | None:
        return self._by_code.get(code)

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self._by_code.values())

    @classmethod
    def from_json(cls, text: str) -> Registry:
        raw = json.loads(text)["organisations"]
        return cls([Organisation(o["code"], o["name"], OrgKind(o["kind"]), tuple(o.get("services", ()))) for o in raw])


@cache
def registry() -> Registry:
    """The deployment's registry, read once from `chalicelib/data/organisations.json`."""
    text = resources.files("chalicelib.data").joinpath("organisations.json").read_text()
    return Registry.from_json(text)
