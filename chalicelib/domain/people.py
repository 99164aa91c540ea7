"""Each organisation's persons: who may act for it, in which role, verified by whom, and
what a sensitive act needs of the person and of their sign-in.

A person is an identity provider's subject in canonical form (`domain.persons.person`), and
their id is derived from it (`person_id`): the token of a sensitive act finds its person in
one GetItem, whatever spelling of the subject the provider signed.

An organisation's administrators register persons (`register`, pending), a second
administrator verifies them (`verify`, active until `reverify_by`, a year by default), and
suspend, revoke or reinstate them. The operator registers an organisation's first
administrator (`register_first_administrator`). `check_standing` says whether a person may
do a sensitive act (`Act`), with the multi-factor assurance their token asserted
(`assurance`, from `acr`/`amr`, RFC 8176, through the provider's mapping in the registry).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain import persons
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField
from chalicelib.domain.organisations import Organisation, OrgRole, OrgStatus
from chalicelib.domain.record_ids import is_id

#: Who registered the seed's persons (the local stack's and the tests'): nobody's news.
SEEDED = "seed"
#: When a verified person must be verified again, unless the stage says (`Settings.reverify_after`).
DEFAULT_REVERIFY_AFTER = timedelta(days=365)


class PersonRole(StrEnum):
    """What a person does for their organisation: an agency's `officer` serves legal process and
    asks for emergency disclosures, its `supervisor` approves them; a platform's `legal_desk`
    answers both; any organisation's `admin` registers and verifies its persons."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    LEGAL_DESK = "legal_desk"
    ADMIN = "admin"


class PersonStatus(StrEnum):
    #: Registered by an administrator; a second administrator has not verified them yet.
    PENDING = "pending"
    ACTIVE = "active"
    #: Acts refused until reinstated (and verified again); their organisation may reinstate them.
    SUSPENDED = "suspended"
    #: For good: they left, or were never who they said.
    REVOKED = "revoked"


_STOPPED = (PersonStatus.SUSPENDED, PersonStatus.REVOKED)


def stopped(old: Person, new: Person) -> bool:
    """The change suspends or revokes an active (or pending) person: what tells the platforms
    they sent requests and holds their open emergency requests."""
    return old.status not in _STOPPED and new.status in _STOPPED


class Assurance(StrEnum):
    """How strongly the person signed in, as their token asserts it (`assurance`): CJIS
    Security Policy 6.0 asks for MFA at NIST AAL2, and a phishing-resistant factor (a
    hardware key, a PIV card) for what an attacker most wants: approving an emergency."""

    NONE = "none"
    AAL2 = "aal2"
    PHISHING_RESISTANT = "phishing_resistant"

    @property
    def rank(self) -> int:
        return list(Assurance).index(self)


#: What `acr` or `amr` values mean when an identity provider's registry entry says nothing
#: else (`IdentityProvider.mfa` adds to or overrides it): RFC 8176's `amr` values and the
#: acr values of NIST (idmanagement.gov) and OpenID's EAP (`phr`, `phrh`). A password, a PIN
#: or a biometric alone is no second factor; `sms` is left out (NIST's "restricted").
DEFAULT_MFA: Mapping[str, Assurance] = {
    "otp": Assurance.AAL2,
    "mfa": Assurance.AAL2,
    "swk": Assurance.AAL2,
    "pop": Assurance.AAL2,
    "hwk": Assurance.PHISHING_RESISTANT,
    "sc": Assurance.PHISHING_RESISTANT,
    "http://idmanagement.gov/ns/assurance/aal/2": Assurance.AAL2,
    "http://idmanagement.gov/ns/assurance/aal/3": Assurance.PHISHING_RESISTANT,
    "phr": Assurance.PHISHING_RESISTANT,
    "phrh": Assurance.PHISHING_RESISTANT,
}


def assurance(acr: str | None, amr: Iterable[str], mapping: Mapping[str, str] | None = None) -> Assurance:
    """The strongest assurance any of the token's `acr` and `amr` values maps to, through the
    provider's `mapping` (level names by value) over `DEFAULT_MFA`."""
    levels: dict[str, Assurance] = {
        **DEFAULT_MFA,
        **{value: Assurance(level) for value, level in (mapping or {}).items()},
    }
    found = [levels[value] for value in (acr, *amr) if value is not None and value in levels]
    return max(found, key=lambda level: level.rank, default=Assurance.NONE)


class Act(StrEnum):
    """What needs a verified person, and a strong sign-in (`NEEDS`)."""

    SERVE_LEGAL_PROCESS = "serve_legal_process"
    ASK_EMERGENCY = "ask_emergency"
    APPROVE_EMERGENCY = "approve_emergency"
    REJECT_EMERGENCY = "reject_emergency"
    ANSWER_LEGAL_PROCESS = "answer_legal_process"
    ANSWER_EMERGENCY = "answer_emergency"
    ADMINISTER_PEOPLE = "administer_people"
    REPORT_FRAUD = "report_fraud"
    #: A watch center's person takes, hands over, notifies and resolves a conflict (`domain.watch`).
    WATCH_CONFLICT = "watch_conflict"
    #: An officer asks to proceed with a conflict unresolved; a commander concurs.
    ASK_WAIVER = "ask_waiver"
    CONCUR_WAIVER = "concur_waiver"


@dataclass(frozen=True)
class Need:
    """The roles of which a person needs one, and the least assurance of their sign-in."""

    roles: frozenset[PersonRole]
    assurance: Assurance
    #: What the act is, as a refusal names it.
    words: str


_AGENTS = frozenset({PersonRole.OFFICER, PersonRole.SUPERVISOR})
#: Each sensitive act's need, declared once: what `check_standing` enforces and the docs list.
NEEDS: Mapping[Act, Need] = {
    Act.SERVE_LEGAL_PROCESS: Need(_AGENTS, Assurance.AAL2, "serve legal process"),
    Act.ASK_EMERGENCY: Need(_AGENTS, Assurance.AAL2, "ask for an emergency disclosure"),
    Act.APPROVE_EMERGENCY: Need(
        frozenset({PersonRole.SUPERVISOR}), Assurance.PHISHING_RESISTANT, "approve an emergency request"
    ),
    Act.REJECT_EMERGENCY: Need(frozenset({PersonRole.SUPERVISOR}), Assurance.AAL2, "reject an emergency request"),
    Act.ANSWER_LEGAL_PROCESS: Need(
        frozenset({PersonRole.LEGAL_DESK}), Assurance.AAL2, "acknowledge or answer legal process"
    ),
    Act.ANSWER_EMERGENCY: Need(
        frozenset({PersonRole.LEGAL_DESK}), Assurance.AAL2, "acknowledge or answer an emergency request"
    ),
    Act.ADMINISTER_PEOPLE: Need(
        frozenset({PersonRole.ADMIN}), Assurance.AAL2, "administer your organisation's persons"
    ),
    Act.REPORT_FRAUD: Need(frozenset({PersonRole.LEGAL_DESK}), Assurance.AAL2, "report a request as fraudulent"),
    Act.WATCH_CONFLICT: Need(_AGENTS, Assurance.AAL2, "take or act on a conflict for your watch center"),
    Act.ASK_WAIVER: Need(_AGENTS, Assurance.AAL2, "ask for an exigent waiver of a conflict"),
    Act.CONCUR_WAIVER: Need(
        frozenset({PersonRole.SUPERVISOR}), Assurance.PHISHING_RESISTANT, "concur with an exigent waiver"
    ),
}


class Refusal(StrEnum):
    """Why a sensitive act was refused for who asked: the 403's machine-readable `reason`."""

    NOT_REGISTERED = "not_registered"
    NOT_VERIFIED = "not_verified"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    VERIFICATION_LAPSED = "verification_lapsed"
    ROLE_MISSING = "role_missing"
    MFA_TOO_WEAK = "mfa_too_weak"


class PersonRefused(Forbidden):
    """A sensitive act refused for who the caller is (403): `reason` names what is missing."""

    def __init__(self, reason: Refusal, detail: str) -> None:
        super().__init__(f"{detail} (reason: {reason.value})")
        self.reason = reason


#: The roles each side's persons may hold.
ROLES_OF: Mapping[OrgRole | None, frozenset[PersonRole]] = {
    OrgRole.AGENCY: frozenset({PersonRole.OFFICER, PersonRole.SUPERVISOR, PersonRole.ADMIN}),
    OrgRole.PLATFORM: frozenset({PersonRole.LEGAL_DESK, PersonRole.ADMIN}),
    OrgRole.OPERATOR: frozenset({PersonRole.ADMIN}),
    OrgRole.OVERSIGHT: frozenset({PersonRole.ADMIN}),
    #: A watch center's staff take conflicts; its supervisors are alerted when nobody does.
    OrgRole.WATCH: frozenset({PersonRole.OFFICER, PersonRole.SUPERVISOR, PersonRole.ADMIN}),
    None: frozenset({PersonRole.ADMIN}),
}

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@([A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})+)")


def person_id(issuer: str, subject: str) -> str:
    """The id of the person `subject` of `issuer` is, in every spelling a person reads as the
    same (`domain.persons.person`): `per_` and a ULID-shaped SHA-256 of both, the shape of
    every other id, but derived from who they are, not from when."""
    from ulid import ULID

    issuer, canonical = persons.person(issuer, subject)
    digest = hashlib.sha256("\n".join((issuer, canonical)).encode()).digest()
    return f"per_{ULID.from_bytes(digest[:16])}"


def is_person_id(value: str) -> bool:
    return is_id("per", value)


@dataclass(frozen=True)
class Registration:
    """What an administrator registers of a person. A `Person` is this and where they stand."""

    issuer: str
    subject: str
    name: str
    email: str
    roles: tuple[PersonRole, ...]
    title: str | None = None
    #: Their badge or employee number.
    badge: str | None = None
    phone: str | None = None


@dataclass(frozen=True, kw_only=True)
class Person(Registration):
    """A person who acts for `org`: an issuer's subject (as registered), who they are, what
    they do (`roles`), and where they stand (`status`, verified by whom and until when)."""

    person_id: str
    org: str
    registered_at: datetime
    #: Who registered them: an administrator's person id (the operator's, for a first administrator).
    registered_by: str
    status: PersonStatus = PersonStatus.PENDING
    verified_at: datetime | None = None
    #: The administrator who verified them (their person id) and that administrator's name.
    verified_by: str | None = None
    verified_by_name: str | None = None
    #: When they must be verified again: their acts are refused after it.
    reverify_by: datetime | None = None
    #: Why they were last suspended, revoked or reinstated.
    status_reason: str | None = None
    changed_at: datetime | None = None
    version: int = 1

    def lapsed(self, now: datetime) -> bool:
        return self.reverify_by is not None and self.reverify_by <= now


@dataclass(frozen=True)
class Actor:
    """Who changes a person: the caller, by person id and name."""

    person_id: str
    name: str | None
    org: str


def register(org: Organisation, given: Registration, by: Actor, at: datetime) -> Person:
    """A person of `org`, pending until a second administrator verifies them."""
    _check_fields(org, given.email, given.roles)
    registered = {one.name: getattr(given, one.name) for one in fields(Registration)} | {"roles": _ordered(given.roles)}
    return Person(
        person_id=person_id(given.issuer, given.subject),
        org=org.code,
        registered_at=at,
        registered_by=by.person_id,
        changed_at=at,
        **registered,
    )


def register_first_administrator(
    org: Organisation, given: Registration, by: Actor, at: datetime, reverify_after: timedelta
) -> Person:
    """An organisation's administrator, registered and verified by the operator at onboarding
    (who checked them on the organisation's own line): active at once. Only of an organisation
    onboarded: a proposal's may be refused, and nobody would be left to act for."""
    if org.status is not OrgStatus.ACTIVE:
        raise Conflict(f"{org.code} is {org.status.value}: its administrator is registered once it is active")
    if PersonRole.ADMIN not in given.roles:
        raise InvalidField("roles", "the operator registers an organisation's administrators: include admin")
    person = register(org, given, by, at)
    return _verified(person, by, at, reverify_after)


def _check_fields(org: Organisation, email: str, roles: Iterable[PersonRole]) -> None:
    allowed = ROLES_OF[org.role]
    wrong = sorted(role.value for role in roles if role not in allowed)
    if wrong:
        names = ", ".join(sorted(role.value for role in allowed))
        raise InvalidField("roles", f"a person of {org.described} holds {names}, not {', '.join(wrong)}")
    if not roles:
        raise InvalidField("roles", "name at least one role")
    match = _EMAIL.fullmatch(email)
    if match is None:
        raise InvalidField("email", "a work e-mail address, name@domain")
    domain = match.group(1).lower()
    if org.email_domains and domain not in org.email_domains:
        raise InvalidField("email", f"{domain} is none of {org.code}'s e-mail domains: {', '.join(org.email_domains)}")
    if not org.email_domains and org.is_agency:
        raise Conflict(f"{org.code} lists no e-mail domains in the registry: the operator adds them first")


def _ordered(roles: Iterable[PersonRole]) -> tuple[PersonRole, ...]:
    given = set(roles)
    return tuple(role for role in PersonRole if role in given)


def _verified(person: Person, by: Actor, at: datetime, reverify_after: timedelta) -> Person:
    return replace(
        person,
        status=PersonStatus.ACTIVE,
        verified_at=at,
        verified_by=by.person_id,
        verified_by_name=by.name,
        reverify_by=at + reverify_after,
        changed_at=at,
        version=person.version + 1,
    )


def _not_themselves(person: Person, by: Actor, what: str) -> None:
    if person.person_id == by.person_id:
        raise Forbidden(f"a second administrator {what} you, not you yourself")


def verify(person: Person, by: Actor, at: datetime, reverify_after: timedelta) -> Person:
    """Verified (or verified again) by an administrator other than the person: active for
    `reverify_after` from now."""
    _not_themselves(person, by, "verifies")
    if person.status not in (PersonStatus.PENDING, PersonStatus.ACTIVE):
        raise Conflict(f"{person.person_id} is {person.status.value}: reinstate them before verifying them")
    return _verified(person, by, at, reverify_after)


class PersonAction(StrEnum):
    SUSPEND = "suspend"
    REVOKE = "revoke"
    REINSTATE = "reinstate"


#: The statuses each change starts from, and the status it leads to. A reinstated person is
#: pending: a second administrator verifies them again before they act.
PERSON_CHANGES: Mapping[PersonAction, tuple[frozenset[PersonStatus], PersonStatus]] = {
    PersonAction.SUSPEND: (frozenset({PersonStatus.PENDING, PersonStatus.ACTIVE}), PersonStatus.SUSPENDED),
    PersonAction.REVOKE: (
        frozenset({PersonStatus.PENDING, PersonStatus.ACTIVE, PersonStatus.SUSPENDED}),
        PersonStatus.REVOKED,
    ),
    PersonAction.REINSTATE: (frozenset({PersonStatus.SUSPENDED}), PersonStatus.PENDING),
}


def change_status(person: Person, action: PersonAction, by: Actor, at: datetime, reason: str) -> Person:
    before, after = PERSON_CHANGES[action]
    if action is PersonAction.REINSTATE:
        _not_themselves(person, by, "reinstates")
    if person.status not in before:
        raise Conflict(f"{person.person_id} is {person.status.value}: it cannot be {action.value}d")
    return replace(person, status=after, status_reason=reason or None, changed_at=at, version=person.version + 1)


@dataclass(frozen=True)
class Changes:
    """What an administrator changes of a person (None: unchanged)."""

    name: str | None = None
    title: str | None = None
    badge: str | None = None
    phone: str | None = None
    email: str | None = None
    roles: tuple[PersonRole, ...] | None = None


def update(person: Person, org: Organisation, changes: Changes, by: Actor, at: datetime) -> Person:
    """The person with `changes`, by an administrator other than the person (nobody gives
    themselves a role)."""
    _not_themselves(person, by, "changes")
    if person.status is PersonStatus.REVOKED:
        raise Conflict(f"{person.person_id} is revoked: register a new identity instead")
    email = changes.email if changes.email is not None else person.email
    roles = _ordered(changes.roles) if changes.roles is not None else person.roles
    _check_fields(org, email, roles)
    return replace(
        person,
        name=changes.name if changes.name is not None else person.name,
        title=changes.title if changes.title is not None else person.title,
        badge=changes.badge if changes.badge is not None else person.badge,
        phone=changes.phone if changes.phone is not None else person.phone,
        email=email,
        roles=roles,
        changed_at=at,
        version=person.version + 1,
    )


def check_standing(person: Person | None, org: str, act: Act, signed_in: Assurance, now: datetime) -> Person:
    """`person`, if they may do `act` for `org` now, having signed in with `signed_in`;
    otherwise the refusal that says what is missing (`PersonRefused`)."""
    need = NEEDS[act]
    if person is None or person.org != org:
        raise PersonRefused(
            Refusal.NOT_REGISTERED,
            f"to {need.words} you must be a person {org}'s administrators registered and verified",
        )
    if person.status is PersonStatus.PENDING:
        raise PersonRefused(
            Refusal.NOT_VERIFIED, f"you are registered, not yet verified by a second administrator of {org}"
        )
    if person.status is PersonStatus.SUSPENDED:
        raise PersonRefused(Refusal.SUSPENDED, f"you are suspended by {org}: your acts are refused")
    if person.status is PersonStatus.REVOKED:
        raise PersonRefused(Refusal.REVOKED, f"your registration with {org} is revoked")
    if person.lapsed(now):
        raise PersonRefused(
            Refusal.VERIFICATION_LAPSED,
            f"your verification lapsed on {person.reverify_by:%Y-%m-%d}: an administrator of {org} verifies you again",
        )
    if not need.roles & set(person.roles):
        roles = " or ".join(sorted(role.value for role in need.roles))
        raise PersonRefused(Refusal.ROLE_MISSING, f"to {need.words} you need the role {roles}")
    if signed_in.rank < need.assurance.rank:
        raise PersonRefused(
            Refusal.MFA_TOO_WEAK,
            f"to {need.words} sign in with {need.assurance.value.replace('_', '-')} multi-factor authentication; "
            f"your token asserts {signed_in.value.replace('_', '-')}",
        )
    return person


#: The windows of the spray signal: how many platforms a person's emergency requests reached
#: in the last day and the last thirty days (numbers only, never which).
SPRAY_WINDOWS = (timedelta(hours=24), timedelta(days=30))


def spray(reached: Iterable[datetime], now: datetime) -> tuple[int, ...]:
    """For each of `SPRAY_WINDOWS`, how many platforms were last reached within it (`reached`:
    when a person's emergency request last reached each platform)."""
    times = list(reached)
    return tuple(sum(1 for at in times if now - at <= window) for window in SPRAY_WINDOWS)


@dataclass(frozen=True)
class RequestsSent:
    """What a person's requests left behind, as platforms see it: the platforms they sent a
    request to, when an emergency request of theirs last reached each (`spray`), and how many
    of their requests platforms reported as fraudulent."""

    platforms: frozenset[str]
    emergencies: tuple[datetime, ...]
    fraud_reports: int


@dataclass(frozen=True)
class FraudReport:
    """A platform's report that a request it received is fraudulent: once per request, it
    counts in its requester's standing as the platforms see it (`GET /v1/requesters/{id}`)."""

    person_id: str
    #: The requester's organisation, told at once with the operator.
    org: str
    platform: str
    #: The legal request (`legal_…`) or emergency request (`emer_…`) reported.
    request_id: str
    reason: str
    reported_at: datetime
    reported_by: str
