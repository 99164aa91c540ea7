"""Who is calling: a verified person or system acting for one organisation."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain import persons
from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.organisations import Organisation, OrgKind


@dataclass(frozen=True)
class Principal:
    subject: str
    org: Organisation
    scopes: frozenset[str]
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    #: The identity provider that asserted who this is (the token's `iss`): a person is an
    #: issuer's `sub`, never a `sub` alone.
    issuer: str = ""

    @property
    def person(self) -> tuple[str, str]:
        """Who this is, as persons are compared (`domain.persons`): issuer and canonical subject."""
        return persons.person(self.issuer, self.subject)

    @property
    def contact(self) -> Contact:
        """The point of contact the token names (`name`, `phone`, `email` claims)."""
        return Contact(name=self.name, phone=self.phone, email=self.email)

    @property
    def org_code(self) -> str:
        return self.org.code

    def require_agency(self) -> None:
        if not self.org.is_agency:
            raise Forbidden(f"{self.org.code} is a platform; this route is for agencies")

    def require(self, scopes: dict[OrgKind, tuple[str, ...]]) -> None:
        """The route serves the caller's kind of organisation, and the token has one of its scopes."""
        accepted = scopes.get(self.org.kind)
        if accepted is None:
            if not self.org.is_agency:
                self.require_agency()
            raise Forbidden(f"{self.org.code} is an agency; this route is for platforms")
        if not any(scope in self.scopes for scope in accepted):
            raise Forbidden("this route needs the scope " + " or ".join(repr(scope) for scope in accepted))

    def require_scope(self, scope: str) -> None:
        if scope not in self.scopes:
            raise Forbidden(f"this route needs the scope {scope!r}")
