"""Who is calling: a verified person or system acting for one organisation."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain import persons
from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.organisations import Organisation, OrgRole


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
            raise Forbidden(f"{self.org.code} is {self.org.described}; this route is for agencies")

    def require(self, scopes: dict[OrgRole, tuple[str, ...]]) -> None:
        """The caller's organisation is active, the route serves its side (`OrgRole`), and the
        token has one of its scopes."""
        self.require_active()
        accepted = scopes.get(self.org.role) if self.org.role is not None else None
        if accepted is None:
            served = " and ".join(f"{role.value}s" for role in scopes) or "nobody"
            raise Forbidden(f"{self.org.code} is {self.org.described}; this route is for {served}")
        if not any(scope in self.scopes for scope in accepted):
            raise Forbidden("this route needs the scope " + " or ".join(repr(scope) for scope in accepted))

    def require_active(self) -> None:
        """A suspended (or not yet approved) organisation's tokens verify, and are refused: 403."""
        if not self.org.is_active:
            raise Forbidden(f"{self.org.code} is {self.org.status.value} in the registry: its tokens are refused")

    def require_scope(self, scope: str) -> None:
        if scope not in self.scopes:
            raise Forbidden(f"this route needs the scope {scope!r}")
