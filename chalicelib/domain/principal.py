"""Who is calling: a verified person or system acting for one organisation."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain import people, persons
from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.organisations import Organisation, OrgRole
from chalicelib.domain.people import Assurance


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
    #: How the person signed in, as the token says (`acr`, and RFC 8176 `amr` values): what
    #: `domain.people.assurance` reads through the provider's mapping.
    acr: str | None = None
    amr: tuple[str, ...] = ()

    @property
    def person(self) -> tuple[str, str]:
        """Who this is, as persons are compared (`domain.persons`): issuer and canonical subject."""
        return persons.person(self.issuer, self.subject)

    @property
    def assurance(self) -> Assurance:
        """The multi-factor assurance of the sign-in, through the mapping of the identity
        provider that signed the token (its registry entry's), or `people.DEFAULT_MFA`."""
        mapping = next((p.mfa for p in self.org.identity_providers if p.issuer == self.issuer), None)
        return people.assurance(self.acr, self.amr, mapping)

    @property
    def person_id(self) -> str:
        """The id of the person this is (`domain.people.person_id`), registered or not."""
        return people.person_id(self.issuer, self.subject)

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
