"""The seed's persons: who may act for each organisation of the seed on the local stack and
in the tests, registered and verified under each identity provider the stage trusts for it.

An agency has an officer (`agent.<org>@example.gov`, the subject `make token` and the
tests' tokens carry by default), a supervisor (`supervisor.<org>@example.gov`) and an
administrator (`admin.<org>@example.gov`); a platform a legal desk (`agent.<org>@…`) and an
administrator; a watch center the agency's three; the operator an administrator and a registrar
(`registrar.casebridge@example.gov`), since its registry takes two persons; any other organisation
an administrator. Never written to a deployed stage:
`make deploy` seeds the registry alone (`scripts/seed_registry.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta

from chalicelib.domain.organisations import Organisation, OrgKind, OrgRole
from chalicelib.domain.people import SEEDED, Person, PersonRole, PersonStatus, person_id

#: By an organisation's role: each seeded person's login (the subject's first part), name and role.
_AGENCY = (
    ("agent", "Duty agent", "Special Agent", PersonRole.OFFICER),
    ("supervisor", "Duty supervisor", "Group Supervisor", PersonRole.SUPERVISOR),
    ("admin", "Administrator", "Identity administrator", PersonRole.ADMIN),
)
_PLATFORM = (
    ("agent", "Legal desk", "Law enforcement response", PersonRole.LEGAL_DESK),
    ("admin", "Administrator", "Identity administrator", PersonRole.ADMIN),
)
_OTHER = (("admin", "Administrator", "Identity administrator", PersonRole.ADMIN),)
#: The operator's registry takes two persons (one proposes, another approves): two of them.
_OPERATOR = (*_OTHER, ("registrar", "Registrar", "Registry officer", PersonRole.ADMIN))


def seed_subject(login: str, org: str) -> str:
    """A seeded person's subject: `agent.dea@example.gov`."""
    return f"{login}.{org.lower()}@example.gov"


def seed_name(subject: str, org: Organisation) -> str | None:
    """The name the seed gives the person `subject` of `org` (`Duty supervisor DEA`), if it
    registers one: what their tokens' `name` claim says, as the console's sign-in does."""
    for login, name, _, _ in _logins(org):
        if subject.lower() == seed_subject(login, org.code):
            return f"{name} {org.code}"
    return None


def seed_people(
    organisations: Iterable[Organisation],
    issuers: Mapping[str, Iterable[str]],
    now: datetime,
    reverify_after: timedelta,
) -> Iterator[Person]:
    """Each organisation's persons, under each issuer (`issuers`: issuer → the codes it speaks for)."""
    for org in organisations:
        logins = _logins(org)
        domain = org.email_domains[0] if org.email_domains else "example.gov"
        for issuer, codes in issuers.items():
            if org.code not in set(codes):
                continue
            for login, name, title, role in logins:
                subject = seed_subject(login, org.code)
                yield Person(
                    person_id=person_id(issuer, subject),
                    org=org.code,
                    issuer=issuer,
                    subject=subject,
                    name=f"{name} {org.code}",
                    email=f"{login}@{domain}",
                    roles=(role,),
                    registered_at=now,
                    registered_by=SEEDED,
                    status=PersonStatus.ACTIVE,
                    title=title,
                    verified_at=now,
                    verified_by=SEEDED,
                    verified_by_name="the seed",
                    reverify_by=now + reverify_after,
                    changed_at=now,
                )


def _logins(org: Organisation) -> tuple[tuple[str, str, str, PersonRole], ...]:
    if org.is_agency or org.role is OrgRole.WATCH:
        return _AGENCY
    if org.is_platform:
        return _PLATFORM
    return _OPERATOR if org.kind is OrgKind.OPERATOR else _OTHER
