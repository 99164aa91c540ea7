"""The organisations: who they are, what their kind lets them do, and the registry's rules.

The registry is data in the table (`storage/organisations.py`), seeded from
`chalicelib/data/organisations.json` (`seed`) and changed through the API by two persons of
the operator (`propose`, `approve`, `change`, `change_identity_providers`, `change_delivery`),
and stopped by one (`refuse`).
Nothing here reads the table:
the API reads an organisation through a `Directory` (`services/organisations.py` caches it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Final, Literal, Protocol, TypeVar

from chalicelib.domain.delivery import EVENT_BUS_ARN, QUEUE_ARN
from chalicelib.domain.errors import Conflict, Forbidden, NotFound


class OrgKind(StrEnum):
    """What an organisation is; its kind decides what it may do (`role`)."""

    FEDERAL_AGENCY = "federal_agency"
    STATE_AGENCY = "state_agency"
    LOCAL_AGENCY = "local_agency"
    TRIBAL_AGENCY = "tribal_agency"
    TASK_FORCE = "task_force"
    PLATFORM = "platform"
    WATCH_CENTER = "watch_center"
    OVERSIGHT = "oversight"
    #: Runs this deployment and keeps its registry (scope `registry:admin`).
    OPERATOR = "operator"


#: The kinds that are agencies: they own cases, are referred them and receive tips.
AGENCY_KINDS = frozenset(
    {OrgKind.FEDERAL_AGENCY, OrgKind.STATE_AGENCY, OrgKind.LOCAL_AGENCY, OrgKind.TRIBAL_AGENCY, OrgKind.TASK_FORCE}
)


class OrgRole(StrEnum):
    """The side of the work an organisation is on, which is what a route serves: agencies own
    and receive cases, platforms answer them, the operator keeps the registry. Watch centers
    are on no side yet and reach only the routes open to every organisation; oversight reads
    the national figures (`/v1/reports/national`)."""

    AGENCY = "agency"
    PLATFORM = "platform"
    #: The operator, on the registry's routes only.
    OPERATOR = "operator"
    #: Oversight (ONDCP, DHS): the national figures only.
    OVERSIGHT = "oversight"
    #: A watch center, on the conflicts' routes (`domain.watch`).
    WATCH = "watch"


class OrgStatus(StrEnum):
    #: Onboarding: one person of the operator proposed it, a second has not approved it yet.
    PROPOSED = "proposed"
    ACTIVE = "active"
    #: Its tokens are refused (within the directory cache's time to live, `services/organisations.py`).
    SUSPENDED = "suspended"


class ServiceKind(StrEnum):
    """A platform service's kind: the "covered services" of the Combating Cartels on Social Media Act."""

    SOCIAL_MEDIA = "social_media"
    MESSAGING = "messaging"
    GAMING = "gaming"
    MARKETPLACE = "marketplace"
    IMMERSIVE = "immersive"
    VIDEO_SHARING = "video_sharing"
    PAYMENTS = "payments"
    OTHER = "other"


#: NCIC's state and territory codes an ORI begins with: the states, DC and the territories.
_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP"
)
STATES = frozenset(_STATE_CODES.split())
_CODE = re.compile(r"[A-Z0-9]{1,16}")
#: An NCIC Originating Agency Identifier: the state's two letters, then seven letters or digits.
_ORI = re.compile(r"[A-Z]{2}[A-Z0-9]{7}")
_E164 = re.compile(r"\+[1-9][0-9]{7,14}")
_URL = re.compile(r"https?://[^\s]+")
_SERVICE = re.compile(r"[A-Z0-9][A-Z0-9_]{0,31}")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
#: The assurance levels a provider's `mfa` mapping may name (`domain.people.Assurance`).
MFA_LEVELS = ("none", "aal2", "phishing_resistant")


class InvalidOrganisation(ValueError):
    """An entry the registry cannot hold; the message says which rule it breaks."""


def valid_code(code: str) -> bool:
    """1 to 16 capital letters or digits: what a request may name (`api.models.OrgCode`)."""
    return bool(_CODE.fullmatch(code))


def valid_ori(ori: str) -> bool:
    """Nine characters: a state or territory code NCIC knows, then seven letters or digits."""
    return bool(_ORI.fullmatch(ori)) and ori[:2] in STATES


@dataclass(frozen=True)
class Jurisdiction:
    """Where an agency works: its state (or territory), and its county or its tribe where it applies."""

    state: str
    county: str | None = None
    tribe: str | None = None


@dataclass(frozen=True)
class Area:
    """A box on the map, in degrees: what a center serves besides agencies and states."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, location: Any) -> bool:
        """Whether `location` (anything with `lat` and `lon`) is in the box."""
        inside_lon = (
            self.west <= location.lon <= self.east
            if self.west <= self.east
            else location.lon >= self.west or location.lon <= self.east  # across the antimeridian
        )
        return bool(self.south <= location.lat <= self.north and inside_lon)


@dataclass(frozen=True)
class Watch:
    """What a watch center serves: agencies by code, the agencies of states, an area of the map."""

    agencies: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    area: Area | None = None

    def serves(self, org: str, state: str | None, location: Any) -> bool:
        """Whether a side (its agency, that agency's state, its operation's place) is served."""
        return (
            org in self.agencies
            or (state is not None and state in self.states)
            or (self.area is not None and self.area.contains(location))
        )


@dataclass(frozen=True)
class Service:
    """One of a platform's services, as an identifier qualifier (`INSTAGRAM`), and its kind."""

    code: str
    kind: ServiceKind


@dataclass(frozen=True)
class IdentityProvider:
    """An identity provider that speaks for the organisation: its issuer, its keys (a JWKS
    URI, or the JWKS inline) and the claim of its tokens that names the organisation."""

    issuer: str
    jwks_uri: str | None = None
    jwks: Mapping[str, Any] | None = field(default=None, hash=False, compare=False)
    #: The claim that names the organisation: `org` (its code), another claim holding its
    #: code, or `ori` (`ORI_CLAIM`), its NCIC ORI (e.g. for a state's CJIS broker).
    claim: str = "org"
    #: What its tokens' `acr` and `amr` values mean, as assurance levels (`none`, `aal2`,
    #: `phishing_resistant`) by value, over `domain.people.DEFAULT_MFA`.
    mfa: Mapping[str, str] | None = field(default=None, hash=False, compare=False)


#: A provider whose `claim` is this names the organisation by its NCIC ORI, not its code.
ORI_CLAIM = "ori"


@dataclass(frozen=True)
class Binding:
    """One organisation an issuer speaks for, as the issuer's index holds it: what a token
    of that issuer is checked against before the organisation's own entry is read."""

    code: str
    ori: str | None
    provider: IdentityProvider

    def names_it(self, claims: Mapping[str, Any]) -> bool:
        """Whether the token's claim (the provider's `claim`) names this organisation."""
        wanted = self.ori if self.provider.claim == ORI_CLAIM else self.code
        return wanted is not None and claims.get(self.provider.claim) == wanted


@dataclass(frozen=True)
class Delivery:
    """How the organisation's events reach it besides its feed: a signed webhook, and/or an
    EventBridge bus (`event_bus_arn`) or SQS queue (`queue_arn`) in its own AWS account. The
    delivery function reads them through the directory (`chalicelib.delivery.registry_delivery_settings`).

    `more` is the open part, kept as it was given and read by nothing yet.
    """

    webhook: str | None = None
    more: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    event_bus_arn: str | None = None
    queue_arn: str | None = None


class RegistryAction(StrEnum):
    """A change to an organisation that two persons of the operator make."""

    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    #: Its identity providers replaced by the list the first person proposed (`change_identity_providers`).
    IDENTITY_PROVIDERS = "identity_providers"
    #: Its delivery settings replaced by those the first person proposed (`change_delivery`).
    DELIVERY = "delivery"
    #: A watch center's agencies, states and area replaced by what the first person proposed (`change_watch`).
    WATCH = "watch"


@dataclass(frozen=True)
class PendingChange:
    """A change one person asked for, which a second one confirms."""

    action: RegistryAction
    #: Who asked, as persons are compared (`domain.persons.person`: issuer, canonical subject).
    requested_by: tuple[str, str]
    requested_at: datetime
    reason: str = ""
    #: For `IDENTITY_PROVIDERS`: the list the organisation's providers are to become.
    identity_providers: tuple[IdentityProvider, ...] | None = None
    #: For `DELIVERY`: the settings the organisation's delivery is to become.
    delivery: Delivery | None = None
    #: For `WATCH`: what the watch center is to serve.
    watch: Watch | None = None

    @property
    def proposal(self) -> tuple[object, ...]:
        """What was asked, as two requests are compared: the same proposal twice is confirmed."""
        providers = self.identity_providers
        listed = None if providers is None else [_provider(each) for each in providers]
        channels = None if self.delivery is None else _channels(self.delivery)
        serves = None if self.watch is None else watch_document(self.watch)
        return (self.action, listed, channels, serves)


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    kind: OrgKind
    status: OrgStatus = OrgStatus.ACTIVE
    #: An agency's NCIC Originating Agency Identifier (`valid_ori`).
    ori: str | None = None
    jurisdiction: Jurisdiction | None = None
    #: An agency's 24/7 line (E.164) on which a platform verifies an emergency request: from
    #: this registry only, never from a request, so an attacker cannot supply the callback.
    verification_line: str | None = None
    #: A platform's services: the service a reported handle belongs to when it runs only one.
    services: tuple[Service, ...] = ()
    #: The domains of its persons' work e-mail (`domain.people`): lower case, e.g. `dea.gov`.
    email_domains: tuple[str, ...] = ()
    identity_providers: tuple[IdentityProvider, ...] = ()
    delivery: Delivery = Delivery()
    #: Who proposed it (issuer, canonical subject); None for an organisation of the seed.
    proposed_by: tuple[str, str] | None = None
    pending: PendingChange | None = None
    #: Counts the changes: each one is written on condition that it is still the one it read.
    version: int = 1
    #: A watch center's: the agencies, states and area it serves (`domain.watch`).
    watch: Watch | None = None

    def __post_init__(self) -> None:
        for problem in _problems(self):
            raise InvalidOrganisation(f"{self.code}: {problem}")

    @property
    def role(self) -> OrgRole | None:
        if self.kind in AGENCY_KINDS:
            return OrgRole.AGENCY
        if self.kind is OrgKind.PLATFORM:
            return OrgRole.PLATFORM
        if self.kind is OrgKind.OVERSIGHT:
            return OrgRole.OVERSIGHT
        if self.kind is OrgKind.WATCH_CENTER:
            return OrgRole.WATCH
        return OrgRole.OPERATOR if self.kind is OrgKind.OPERATOR else None

    @property
    def is_agency(self) -> bool:
        return self.role is OrgRole.AGENCY

    @property
    def is_platform(self) -> bool:
        return self.role is OrgRole.PLATFORM

    @property
    def is_active(self) -> bool:
        return self.status is OrgStatus.ACTIVE

    @property
    def takes_referrals(self) -> bool:
        """Whether a case may be referred to it: an active agency."""
        return self.is_agency and self.is_active

    @property
    def described(self) -> str:
        """Its kind as a message names it: `a platform`, `an operator`, `a state agency`."""
        words = self.kind.value.replace("_", " ")
        return ("an " if words[0] in "aeiou" else "a ") + words

    @property
    def service_codes(self) -> tuple[str, ...]:
        return tuple(service.code for service in self.services)

    def speaks_for_it(self, issuer: str) -> bool:
        """Whether `issuer` is one of its identity providers."""
        return any(provider.issuer == issuer for provider in self.identity_providers)

    @property
    def bindings(self) -> tuple[Binding, ...]:
        """Its identity providers, as each issuer's index holds them."""
        return tuple(Binding(self.code, self.ori, provider) for provider in self.identity_providers)


def check_receives(org: Organisation, what: str) -> None:
    """Nothing is addressed to an organisation that is not active (`what`: `legal process`,
    `an emergency request`, `a referral`, ...): its tokens are refused, so it could read nothing
    sent to it, and its deliveries stop. The refusal names its status: that is no secret, as
    the directory every active organisation reads lists only the active ones."""
    if not org.is_active:
        raise Conflict(f"{org.code} is {org.status.value} in the registry: {what} cannot be addressed to it")


def _problems(org: Organisation) -> Iterator[str]:
    """Every rule of the registry `org` breaks: the first one is raised."""
    if not valid_code(org.code):
        yield "the code is 1 to 16 capital letters or digits"
    if not org.name.strip():
        yield "the name is empty"
    agency = org.kind in AGENCY_KINDS
    if agency:
        if org.ori is None or not valid_ori(org.ori):
            yield f"an agency needs its NCIC ORI: 9 characters, a state code then 7 letters or digits, got {org.ori!r}"
        if not (org.verification_line and _E164.fullmatch(org.verification_line)):
            yield "an agency needs its 24/7 verification_line, in E.164 (+12025550100)"
        if org.kind is not OrgKind.FEDERAL_AGENCY and org.jurisdiction is None:
            yield f"a {org.kind.value} needs its jurisdiction (state, and county or tribe)"
    else:
        if org.ori is not None or org.verification_line is not None:
            yield "only an agency has an ORI and a verification_line"
    if org.jurisdiction is not None:
        yield from _jurisdiction_problems(org)
    if org.kind is OrgKind.PLATFORM:
        if not org.services:
            yield "a platform names its services"
        codes = org.service_codes
        if len(set(codes)) != len(codes) or not all(_SERVICE.fullmatch(code) for code in codes):
            yield "each service is named once, in capital letters, digits or underscores"
    elif org.services:
        yield "only a platform has services"
    if (org.watch is not None) != (org.kind is OrgKind.WATCH_CENTER):
        yield "a watch center, and only a watch center, says what it serves (watch)"
    if org.watch is not None:
        yield from _watch_problems(org.watch)
    if len(set(org.email_domains)) != len(org.email_domains):
        yield "each e-mail domain is named once"
    for domain in org.email_domains:
        if not _DOMAIN.fullmatch(domain):
            yield f"an e-mail domain is a lower-case domain name (dea.gov), got {domain[:100]!r}"
    issuers = [provider.issuer for provider in org.identity_providers]
    if len(set(issuers)) != len(issuers):
        yield "each identity provider is named once"
    for provider in org.identity_providers:
        if not _URL.fullmatch(provider.issuer):
            yield f"an identity provider's issuer is a URL, got {provider.issuer[:100]!r}"
        if (provider.jwks_uri is None) == (provider.jwks is None):
            yield f"{provider.issuer}: give its keys as a jwks_uri or an inline jwks, one of the two"
        if provider.jwks is not None and not isinstance(provider.jwks.get("keys"), list):
            yield f'{provider.issuer}: its inline jwks is a JSON Web Key Set, {{"keys": [...]}}'
        if provider.jwks_uri is not None and not provider.jwks_uri.startswith("https://"):
            yield f"{provider.issuer}: its jwks_uri is an https URL"
        if not provider.claim.strip():
            yield f"{provider.issuer}: name the claim that names the organisation"
        if provider.claim == ORI_CLAIM and org.ori is None:
            yield f"{provider.issuer}: its tokens name the organisation by ORI, and it has none"
        for value, level in (provider.mfa or {}).items():
            if level not in MFA_LEVELS or not value.strip():
                yield f"{provider.issuer}: its mfa maps acr/amr values to {', '.join(MFA_LEVELS)}, got {level!r}"
    if org.delivery.webhook is not None and not _URL.fullmatch(org.delivery.webhook):
        yield "the webhook is an http(s) URL"
    if org.delivery.event_bus_arn is not None and not re.match(EVENT_BUS_ARN, org.delivery.event_bus_arn):
        yield f"not an EventBridge bus ARN: {org.delivery.event_bus_arn[:200]!r}"
    if org.delivery.queue_arn is not None and not re.match(QUEUE_ARN, org.delivery.queue_arn):
        yield f"not an SQS queue ARN: {org.delivery.queue_arn[:200]!r}"
    if org.version < 1:
        yield "the version counts from 1"


def _watch_problems(watch: Watch) -> Iterator[str]:
    if not (watch.agencies or watch.states or watch.area):
        yield "a watch center serves agencies, states or an area of the map"
    if not all(valid_code(code) for code in watch.agencies):
        yield "the agencies a watch center serves are named by their codes"
    if not set(watch.states) <= STATES:
        yield "the states a watch center serves are two-letter state or territory codes"
    area = watch.area
    if area is not None and not (
        -90 <= area.south <= area.north <= 90 and min(area.west, area.east) >= -180 and max(area.west, area.east) <= 180
    ):
        yield "a watch center's area is a box: south <= north within ±90°, west and east within ±180°"


def _jurisdiction_problems(org: Organisation) -> Iterator[str]:
    place = org.jurisdiction
    assert place is not None
    if place.state not in STATES:
        yield f"the jurisdiction's state is a two-letter state or territory code, got {place.state!r}"
    if org.kind is OrgKind.LOCAL_AGENCY and not place.county:
        yield "a local agency's jurisdiction names its county"
    if org.kind is OrgKind.TRIBAL_AGENCY and not place.tribe:
        yield "a tribal agency's jurisdiction names its tribe"
    if place.tribe and org.kind not in (OrgKind.TRIBAL_AGENCY, OrgKind.TASK_FORCE):
        yield "only a tribal agency or a task force works for a tribe"
    federal = org.kind is OrgKind.FEDERAL_AGENCY
    if org.ori is not None and not federal and org.ori[:2] != place.state:
        yield f"its ORI {org.ori} is not of its state {place.state}"


# Onboarding and changes: each step is one person's; a second person completes it.


def propose(org: Organisation, by: tuple[str, str]) -> Organisation:
    """A new organisation as proposed by `by`: not active until a second person approves it."""
    return replace(org, status=OrgStatus.PROPOSED, proposed_by=by, pending=None, version=1)


def approve(org: Organisation, by: tuple[str, str]) -> Organisation:
    """The proposal made active by a second person of the operator."""
    if org.status is not OrgStatus.PROPOSED:
        raise Conflict(f"{org.code} is {org.status.value}, not proposed: there is nothing to approve")
    if org.proposed_by == by:
        raise Forbidden(f"{org.code} was proposed by you: a second person of the operator approves it")
    return replace(org, status=OrgStatus.ACTIVE, version=org.version + 1)


#: The status each change starts from and the status it leads to.
CHANGES = {
    RegistryAction.SUSPEND: (OrgStatus.ACTIVE, OrgStatus.SUSPENDED),
    RegistryAction.REINSTATE: (OrgStatus.SUSPENDED, OrgStatus.ACTIVE),
}


def change(
    org: Organisation, action: RegistryAction, by: tuple[str, str], at: datetime, reason: str = ""
) -> Organisation:
    """The first person's call asks for the change; a second person's call makes it.

    The same person asking twice is refused: one person never suspends or reinstates alone.
    """
    before, after = CHANGES[action]
    if org.kind is OrgKind.OPERATOR:
        raise Conflict(f"{org.code} is the operator: it is never suspended through the API")
    if org.status is not before:
        raise Conflict(f"{org.code} is {org.status.value}: it cannot be {_DONE[action]}")
    pending = org.pending
    if pending is None or pending.action is not action:
        return replace(org, pending=PendingChange(action, by, at, reason), version=org.version + 1)
    if pending.requested_by == by:
        raise Forbidden(f"you asked for {org.code} to be {_DONE[action]}: a second person of the operator confirms it")
    return replace(org, status=after, pending=None, version=org.version + 1)


_DONE = {RegistryAction.SUSPEND: "suspended", RegistryAction.REINSTATE: "reinstated"}


def change_identity_providers(
    org: Organisation, providers: tuple[IdentityProvider, ...], by: tuple[str, str], at: datetime, reason: str = ""
) -> Organisation:
    """Its identity providers replaced, by two persons: the first proposes the new list, a
    second one proposing the same list makes it (`_confirmed`)."""
    made = replace(org, identity_providers=providers)  # the new list breaks no rule (raises InvalidOrganisation)
    asked = PendingChange(RegistryAction.IDENTITY_PROVIDERS, by, at, reason, identity_providers=providers)
    return _confirmed(org, asked, made, "identity providers")


def change_delivery(
    org: Organisation, delivery: Delivery, by: tuple[str, str], at: datetime, reason: str = ""
) -> Organisation:
    """Its delivery settings (webhook, bus, queue) replaced, by two persons: the first proposes
    them, a second one proposing the same settings makes them (`_confirmed`). Channels left out
    are removed: an empty proposal leaves it the feed alone. The open part (`Delivery.more`) is kept."""
    delivery = replace(delivery, more=org.delivery.more)
    made = replace(org, delivery=delivery)  # the settings break no rule (raises InvalidOrganisation)
    asked = PendingChange(RegistryAction.DELIVERY, by, at, reason, delivery=delivery)
    return _confirmed(org, asked, made, "delivery settings")


def change_watch(org: Organisation, watch: Watch, by: tuple[str, str], at: datetime, reason: str = "") -> Organisation:
    """What a watch center serves replaced, by two persons: the first proposes it, a second one
    proposing the same makes it (`_confirmed`). Conflicts found later are watched so; those
    already found keep their centers."""
    made = replace(org, watch=watch)  # raises InvalidOrganisation for anything but a watch center
    asked = PendingChange(RegistryAction.WATCH, by, at, reason, watch=watch)
    return _confirmed(org, asked, made, "watch")


def _confirmed(org: Organisation, asked: PendingChange, made: Organisation, what: str) -> Organisation:
    """`made`, when a second person asks what the pending proposal asked; otherwise `asked`
    becomes the proposal (another proposal replaces the pending one, and its proposer is then
    the one who asked). The same person twice is refused: one person never changes it alone."""
    pending = org.pending
    if pending is None or pending.proposal != asked.proposal:
        return replace(org, pending=asked, version=org.version + 1)
    if pending.requested_by == asked.requested_by:
        raise Forbidden(f"you proposed {org.code}'s {what}: a second person of the operator confirms them")
    return replace(made, pending=None, version=org.version + 1)


#: What the refusal of a proposed organisation names (that of a pending change names its action).
ONBOARDING: Final = "onboarding"


@dataclass(frozen=True)
class Refusal:
    """What one person of the operator refused: an organisation's onboarding, or the change
    pending on it (`refused`: `ONBOARDING` or the action), why, and when."""

    code: str
    refused: Literal["onboarding"] | RegistryAction
    reason: str
    at: datetime


def refuse(org: Organisation, at: datetime, reason: str) -> tuple[Refusal, Organisation | None]:
    """What waits on `org` for a second person of the operator refused, and what is left of its
    entry: nothing of a proposal (None: the entry goes, and its code and ORI are free to be
    proposed again), the entry without its pending change otherwise.

    One person's act: stopping needs no second person, and a proposer may withdraw their own.
    Nothing waiting (the operator's own entry, usually) is a conflict.
    """
    if org.status is OrgStatus.PROPOSED:
        return Refusal(org.code, ONBOARDING, reason, at), None
    if org.pending is None:
        raise Conflict(
            f"{org.code} is {org.status.value} and nothing of it waits for a second person: nothing to refuse"
        )
    refused = Refusal(org.code, org.pending.action, reason, at)
    return refused, replace(org, pending=None, version=org.version + 1)


# The registry as a collection: the seed, a template's plan, the routing rules' check.


class Directory(Protocol):
    """Finds an organisation by code: what the services need of the registry."""

    def get(self, code: str) -> Organisation | None: ...


class WatchDirectory(Directory, Protocol):
    """The registry as the stream reads it: an organisation by code, and the active watch
    centers (which of them an operation is entered with, which watch two in conflict)."""

    def watch_centers(self) -> Sequence[Organisation]: ...


@dataclass(frozen=True)
class Sending:
    """What every request an agency sends a platform from a case starts from (a preservation,
    legal process, an emergency request): its new id, the case, the agency and its person,
    the platform as the agency named it and as the registry has it (None: not registered),
    and when."""

    request_id: str
    case_id: str
    org: str
    subject: str
    platform: Organisation | None
    platform_code: str
    at: datetime

    def recipient(self, what: str, rule: str) -> Organisation:
        """The platform `what` (`legal process`) is sent to: registered, a platform (`rule` says
        so otherwise: `legal process is served on platforms`) and active (`check_receives`)."""
        platform = self.platform
        if platform is None:
            raise Conflict(f"{self.platform_code!r} is not a registered platform: {rule}")
        if not platform.is_platform:
            raise Conflict(f"{platform.code} is {platform.described}: {rule}")
        check_receives(platform, what)
        return platform


class Addressed(Protocol):
    """A request sent to a platform (a preservation, legal process, an emergency request)."""

    @property
    def platform(self) -> str: ...


AddressedT = TypeVar("AddressedT", bound=Addressed)


def addressed(found: AddressedT | None, org: Organisation, what: str, request_id: str) -> AddressedT:
    """`found`, as the platform it is addressed to reads it: anyone else, and any agency, is
    told that no such request exists (404), never that it is another's."""
    if found is None or org.is_agency or found.platform != org.code:
        raise NotFound(f"no {what} {request_id!r} is visible to you")
    return found


def check_addressee(directory: Directory, code: str, what: str) -> None:
    """`check_receives` of the organisation `code` names, for what follows something already
    addressed to it (an approval, an extension): it was in the registry when first addressed."""
    found = directory.get(code)
    if found is not None:
        check_receives(found, what)


class Registry:
    """Organisations by code, in memory: the seed, and what is checked against it."""

    def __init__(self, organisations: Iterable[Organisation]) -> None:
        found = list(organisations)
        self._by_code = {org.code: org for org in found}
        if len(self._by_code) != len(found):
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
        """The seed file's organisations (`{"organisations": [document, ...]}`, see `from_document`)."""
        return cls(from_document(entry) for entry in json.loads(text)["organisations"])


def from_document(raw: Mapping[str, Any]) -> Organisation:
    """An organisation from its JSON document: the seed file's entries, and what the table keeps."""
    place = raw.get("jurisdiction")
    pending = raw.get("pending")
    return Organisation(
        code=raw["code"],
        name=raw["name"],
        kind=OrgKind(raw["kind"]),
        status=OrgStatus(raw.get("status", OrgStatus.ACTIVE)),
        ori=raw.get("ori"),
        jurisdiction=Jurisdiction(place["state"], place.get("county"), place.get("tribe")) if place else None,
        verification_line=raw.get("verification_line"),
        services=tuple(Service(entry["code"], ServiceKind(entry["kind"])) for entry in raw.get("services", ())),
        email_domains=tuple(raw.get("email_domains", ())),
        identity_providers=_providers(raw.get("identity_providers", ())),
        delivery=_delivery(raw.get("delivery")),
        proposed_by=_person(raw.get("proposed_by")),
        pending=PendingChange(
            RegistryAction(pending["action"]),
            _person(pending["requested_by"]) or ("", ""),
            datetime.fromisoformat(pending["requested_at"]),
            pending.get("reason", ""),
            _providers(pending["identity_providers"]) if "identity_providers" in pending else None,
            _delivery(pending["delivery"]) if "delivery" in pending else None,
            watch_from_document(pending["watch"]) if "watch" in pending else None,
        )
        if pending
        else None,
        version=int(raw.get("version", 1)),
        watch=watch_from_document(raw["watch"]) if "watch" in raw else None,
    )


def watch_from_document(raw: Mapping[str, Any]) -> Watch:
    area = raw.get("area")
    return Watch(
        agencies=tuple(raw.get("agencies", ())),
        states=tuple(raw.get("states", ())),
        area=Area(area["south"], area["west"], area["north"], area["east"]) if area else None,
    )


def watch_document(watch: Watch) -> dict[str, Any]:
    """What a watch center serves, as the documents keep it (`watch_from_document` reads it back)."""
    document: dict[str, Any] = {}
    if watch.agencies:
        document["agencies"] = list(watch.agencies)
    if watch.states:
        document["states"] = list(watch.states)
    if watch.area is not None:
        document["area"] = asdict(watch.area)
    return document


def to_document(org: Organisation) -> dict[str, Any]:
    """The organisation as `from_document` reads it, leaving out what is empty."""
    document: dict[str, Any] = {"code": org.code, "name": org.name, "kind": org.kind.value}
    document["status"] = org.status.value
    if org.ori is not None:
        document["ori"] = org.ori
    if org.jurisdiction is not None:
        place = org.jurisdiction
        document["jurisdiction"] = {name: value for name, value in asdict(place).items() if value}
    if org.verification_line is not None:
        document["verification_line"] = org.verification_line
    if org.services:
        document["services"] = [{"code": service.code, "kind": service.kind.value} for service in org.services]
    if org.email_domains:
        document["email_domains"] = list(org.email_domains)
    if org.identity_providers:
        document["identity_providers"] = [_provider(provider) for provider in org.identity_providers]
    delivery = {**org.delivery.more, **_channels(org.delivery)}
    if delivery:
        document["delivery"] = delivery
    if org.proposed_by is not None:
        document["proposed_by"] = list(org.proposed_by)
    if org.pending is not None:
        document["pending"] = {
            "action": org.pending.action.value,
            "requested_by": list(org.pending.requested_by),
            "requested_at": org.pending.requested_at.isoformat(),
            "reason": org.pending.reason,
        }
        if org.pending.identity_providers is not None:
            document["pending"]["identity_providers"] = [_provider(each) for each in org.pending.identity_providers]
        if org.pending.delivery is not None:
            document["pending"]["delivery"] = {**org.pending.delivery.more, **_channels(org.pending.delivery)}
        if org.pending.watch is not None:
            document["pending"]["watch"] = watch_document(org.pending.watch)
    if org.watch is not None:
        document["watch"] = watch_document(org.watch)
    document["version"] = org.version
    return document


def _provider(provider: IdentityProvider) -> dict[str, Any]:
    entry: dict[str, Any] = {"issuer": provider.issuer, "claim": provider.claim}
    if provider.jwks_uri is not None:
        entry["jwks_uri"] = provider.jwks_uri
    if provider.jwks is not None:
        entry["jwks"] = dict(provider.jwks)
    if provider.mfa:
        entry["mfa"] = dict(provider.mfa)
    return entry


def _channels(delivery: Delivery) -> dict[str, str]:
    """Its channels that are set, by the names the documents and the API give them."""
    channels = {"webhook": delivery.webhook, "event_bus_arn": delivery.event_bus_arn, "queue_arn": delivery.queue_arn}
    return {name: where for name, where in channels.items() if where}


def _delivery(raw: Mapping[str, Any] | None) -> Delivery:
    rest = dict(raw or {})
    return Delivery(
        webhook=rest.pop("webhook", None),
        event_bus_arn=rest.pop("event_bus_arn", None),
        queue_arn=rest.pop("queue_arn", None),
        more=rest,  # what is left
    )


def _providers(raw: Iterable[Mapping[str, Any]]) -> tuple[IdentityProvider, ...]:
    return tuple(
        IdentityProvider(
            entry["issuer"], entry.get("jwks_uri"), entry.get("jwks"), entry.get("claim", "org"), entry.get("mfa")
        )
        for entry in raw
    )


def provider_document(provider: IdentityProvider) -> dict[str, Any]:
    """A provider as the documents keep it (`from_document` reads it back)."""
    return _provider(provider)


def provider_from_document(raw: Mapping[str, Any]) -> IdentityProvider:
    return _providers([raw])[0]


def _person(raw: Any) -> tuple[str, str] | None:
    return (str(raw[0]), str(raw[1])) if raw else None


@cache
def seed() -> Registry:
    """The seed file, `chalicelib/data/organisations.json`: what `make run`, the tests and a
    first deploy write into the table, and what a stack's plan is drawn from. The API never
    reads it: it reads the table (`services/organisations.py`)."""
    text = resources.files("chalicelib.data").joinpath("organisations.json").read_text()
    return Registry.from_json(text)
