"""The organisation registry: which agencies and platforms exist (data, not code)."""

from __future__ import annotations

import json
import re
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
    #: An agency's 24/7 line (E.164) on which a platform verifies an emergency request: from
    #: this registry only, never from a request, so an attacker cannot supply the callback.
    verification_line: str | None = None

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

    def known(self) -> str:
        """Every code, sorted, for a message that refuses an unknown one."""
        return ", ".join(sorted(self._by_code))

    @classmethod
    def from_json(cls, text: str) -> Registry:
        raw = json.loads(text)["organisations"]
        found = [
            Organisation(
                o["code"], o["name"], OrgKind(o["kind"]), tuple(o.get("services", ())), o.get("verification_line")
            )
            for o in raw
        ]
        for org in found:
            if org.is_agency and not (org.verification_line and _E164.fullmatch(org.verification_line)):
                raise ValueError(f"{org.code}: an agency needs its 24/7 verification_line, in E.164 (+12025550100)")
        return cls(found)


_E164 = re.compile(r"\+[1-9][0-9]{7,14}")


@cache
def registry() -> Registry:
    """The deployment's registry, read once from `chalicelib/data/organisations.json`."""
    text = resources.files("chalicelib.data").joinpath("organisations.json").read_text()
    return Registry.from_json(text)
