"""Cases: what an agency opens, who may see it, and what may be done to it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.rules import Field, Rule, unchanged


class Tlp(StrEnum):
    """Traffic Light Protocol 2.0 markings."""

    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER+STRICT"
    RED = "RED"

    @property
    def may_leave_owner(self) -> bool:
        """AMBER+STRICT stays inside the owner's organisation and RED with named recipients."""
        return self not in (Tlp.AMBER_STRICT, Tlp.RED)


#: The markings under which something of a case may reach another organisation: another
#: agency (a referral, and its acceptance) or a platform (a preservation, legal process or
#: an emergency request, and a document served). TLP 2.0 limits AMBER+STRICT to the
#: recipient's own organisation and RED to the people it names: a platform is neither.
SHAREABLE_TLPS = tuple(tlp for tlp in Tlp if tlp.may_leave_owner)


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"

    @property
    def other(self) -> CaseStatus:
        return CaseStatus.CLOSED if self is CaseStatus.OPEN else CaseStatus.OPEN


# The case's rules, declared once (`domain.rules`): `Case` evaluates them, the store enforces
# them at commit time, and `tests/test_rules.py` shows that the two agree.
OWNER, STATUS, TLP = Field("owner"), Field("status"), Field("tlp")
PARTICIPANTS, PENDING_REFERRALS_TO = Field("participants"), Field("pending_referrals_to")

#: A case may reach another agency now (be referred, or a referral of it accepted): open,
#: and marked to leave its owner. A RED or AMBER+STRICT case cannot be referred.
REFERABLE = TLP.is_in(SHAREABLE_TLPS) & STATUS.equals(CaseStatus.OPEN)


def participant(org: str) -> Rule:
    """Need-to-know: the owner and the agencies that accepted a referral."""
    return PARTICIPANTS.contains(org)


def working_on(org: str) -> Rule:
    """`org` may add to the case: it participates, and the case is open."""
    return participant(org) & STATUS.equals(CaseStatus.OPEN)


def may_reach_platform(org: str) -> Rule:
    """`org` may send a platform something of the case now (request a preservation or extend
    it, serve legal process or extend its nondisclosure, ask for or approve an emergency
    disclosure): it works on the open case, and the marking lets the case leave its owner."""
    return working_on(org) & TLP.is_in(SHAREABLE_TLPS)


def may_refer(sender: str, to: str) -> Rule:
    """`sender` may refer the case to `to` (`referrals.refer` says why not)."""
    return participant(sender) & ~participant(to) & ~PENDING_REFERRALS_TO.contains(to) & REFERABLE


def may_update(org: str, version: int) -> Rule:
    """Only the owner updates, and only the version it read (If-Match)."""
    return OWNER.equals(org) & unchanged(version)


def may_move_to(org: str, status: CaseStatus) -> Rule:
    """Close and reopen: only the owner, and only from the other status (`check_status_change`)."""
    return OWNER.equals(org) & STATUS.equals(status.other)


class Substance(StrEnum):
    FENTANYL = "fentanyl"
    FENTANYL_ANALOGUE = "fentanyl_analogue"
    COUNTERFEIT_PILLS = "counterfeit_pills"
    NITAZENES = "nitazenes"
    XYLAZINE = "xylazine"
    METHAMPHETAMINE = "methamphetamine"
    COCAINE = "cocaine"
    HEROIN = "heroin"
    PRECURSOR_CHEMICALS = "precursor_chemicals"
    OTHER = "other"


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Case:
    case_id: str
    owner: str
    title: str
    created_at: datetime
    updated_at: datetime
    created_by: str
    summary: str = ""
    substances: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    jurisdiction: str | None = None
    contact: Contact = field(default_factory=Contact)
    tlp: Tlp = Tlp.AMBER
    status: CaseStatus = CaseStatus.OPEN
    participants: frozenset[str] = frozenset()
    pending_referrals_to: frozenset[str] = frozenset()
    version: int = 1
    #: The case's own secret for its identifier ids (hex), never shown: an id must tell an
    #: outsider nothing of the value (`domain.deconfliction.identifier_id`). None on cases
    #: opened before ids were keyed, until their next identifier is added.
    identifier_key: str | None = field(default=None, repr=False)

    def visible_to(self, org: str) -> bool:
        """Need-to-know (`participant`)."""
        return participant(org).holds(self)

    def shown(self) -> Case:
        """The case as an answer carries it, and a replay stores it: without its identifier key."""
        return replace(self, identifier_key=None)

    @property
    def referable(self) -> bool:
        """Whether the case may reach another agency now (`REFERABLE`): one rule for referring
        and for accepting (`domain.referrals`), and the store's condition for both."""
        return REFERABLE.holds(self)


def open_case(case_id: str, owner: str, created_by: str, at: datetime, **fields: object) -> Case:
    return Case(
        case_id=case_id,
        owner=owner,
        created_by=created_by,
        created_at=at,
        updated_at=at,
        participants=frozenset({owner}),
        identifier_key=new_identifier_key(),
        **fields,  # type: ignore[arg-type]
    )


def new_identifier_key() -> str:
    return secrets.token_hex(32)


def visible_case(case: Case | None, org: str, case_id: str) -> Case:
    """The case if `org` may see it; otherwise NotFound, worded as for an absent case."""
    if case is None or not case.visible_to(org):
        raise NotFound(f"no case {case_id!r} is visible to you")
    return case


def ensure_owner(case: Case, org: str, action: str) -> None:
    if case.owner != org:
        raise Forbidden(f"only the owning agency ({case.owner}) can {action} this case")


def check_open(case: Case, action: str) -> None:
    if case.status is not CaseStatus.OPEN:
        raise Conflict(f"the case is closed; reopen it to {action} it")


def check_reaches_platform(case: Case, action: str) -> None:
    """Why `may_reach_platform` does not hold of a case the caller works on, if it does not."""
    check_open(case, action)
    if case.tlp not in SHAREABLE_TLPS:
        raise Conflict(
            f"the case is marked TLP:{case.tlp}, which no platform may receive; re-mark it (CLEAR, GREEN or "
            f"AMBER) to {action} it"
        )


def check_status_change(case: Case, org: str, status: CaseStatus) -> None:
    """Close and reopen: only the owner, and only from the other status."""
    ensure_owner(case, org, "close" if status is CaseStatus.CLOSED else "reopen")
    if case.status is status:
        raise Conflict(f"the case is already {status}")


@dataclass(frozen=True)
class Note:
    note_id: str
    case_id: str
    text: str
    author_org: str
    author_subject: str
    created_at: datetime
    author_name: str | None = None
