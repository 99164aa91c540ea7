"""Platform tips: what a report holds, the states it moves through, and who may do what.

Modelled on how NCMEC's CyberTipline takes reports from providers: the platform reports
accounts and content, the tip is routed to the agency with the nexus, and that agency
triages it (promote to a case, link to a case, dismiss, or re-route to another agency).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from chalicelib.domain.accounts import account_identifiers, distinct
from chalicelib.domain.cases import Note
from chalicelib.domain.deconfliction import HeldIdentifier
from chalicelib.domain.errors import Conflict, InvalidField, NotFound
from chalicelib.domain.identifiers import Identifier, IdentifierType, normalise
from chalicelib.domain.organisations import Organisation, check_receives
from chalicelib.domain.rules import Field, Rule

MAX_TIPS_PER_BATCH = 100
#: Identifiers one tip may name: promoting it copies them all onto a case in one write.
MAX_IDENTIFIERS_PER_TIP = 50
#: Each agency's tip inbox is spread over this many index partitions, so that a burst of
#: tips never piles onto one key (see `inbox_shard`).
INBOX_SHARDS = 8


class TipCategory(StrEnum):
    """What a tip reports: the activity categories of the Combating Cartels on Social Media
    Act first; then the categories tips had before them, still accepted and stored as sent,
    each counted as the Act's category it falls under (`ACTIVITY`)."""

    RECRUITMENT = "recruitment"  # of United States persons, by a cartel
    DRUGS_AND_PRECURSORS = "drugs_and_precursors"
    FIREARMS = "firearms"
    HUMAN_SMUGGLING_OR_TRAFFICKING = "human_smuggling_or_trafficking"
    CHILD_EXPLOITATION = "child_exploitation"
    BULK_CASH = "bulk_cash"
    LAUNDERING = "laundering"
    DRUG_SALE = "drug_sale"
    COUNTERFEIT_PILLS = "counterfeit_pills"
    CARTEL_RECRUITMENT = "cartel_recruitment"
    SMUGGLING = "smuggling"
    WEAPONS = "weapons"
    MONEY_LAUNDERING = "money_laundering"
    OTHER = "other"


#: The Act's category each earlier category is counted as; the Act's own are counted as themselves.
ACTIVITY: dict[TipCategory, TipCategory] = {
    TipCategory.DRUG_SALE: TipCategory.DRUGS_AND_PRECURSORS,
    TipCategory.COUNTERFEIT_PILLS: TipCategory.DRUGS_AND_PRECURSORS,
    TipCategory.CARTEL_RECRUITMENT: TipCategory.RECRUITMENT,
    TipCategory.SMUGGLING: TipCategory.HUMAN_SMUGGLING_OR_TRAFFICKING,
    TipCategory.WEAPONS: TipCategory.FIREARMS,
    TipCategory.MONEY_LAUNDERING: TipCategory.LAUNDERING,
}


def activity(category: TipCategory) -> TipCategory:
    """The Act's activity category a tip's category is counted under (`other` stays `other`)."""
    return ACTIVITY.get(category, category)


class Delivery(StrEnum):
    """How the reported goods move, as far as the platform can tell."""

    MAIL = "mail"
    PARCEL = "parcel"
    COURIER = "courier"
    IN_PERSON = "in_person"
    CROSS_BORDER = "cross_border"


class TipStatus(StrEnum):
    RECEIVED = "received"  # stored, not yet routed
    NEW = "new"  # routed to an agency, not yet triaged
    PROMOTED = "promoted"
    LINKED = "linked"
    DISMISSED = "dismissed"

    @property
    def platform_view(self) -> str:
        """What the reporting platform is told: received, routed or actioned."""
        if self is TipStatus.RECEIVED:
            return "received"
        return "routed" if self is TipStatus.NEW else "actioned"


class TriageAction(StrEnum):
    PROMOTE = "promote"
    LINK = "link"
    DISMISS = "dismiss"
    REROUTE = "reroute"


_OUTCOMES = {
    TriageAction.PROMOTE: TipStatus.PROMOTED,
    TriageAction.LINK: TipStatus.LINKED,
    TriageAction.DISMISS: TipStatus.DISMISSED,
    TriageAction.REROUTE: TipStatus.NEW,
}


@dataclass(frozen=True)
class Route:
    """Where a tip goes and why: the rule's name and a reason for the receiving agency."""

    to: str
    rule: str
    reason: str
    #: The case whose identifiers matched, when the deconfliction index decided.
    matched_case_id: str | None = None


@dataclass(frozen=True)
class Tip:
    tip_id: str
    platform: str
    platform_reference: str
    category: TipCategory
    received_at: datetime
    submitted_by: str
    #: The report as the platform sent it (validated), for the receiving agency to read.
    report: dict[str, Any]
    identifiers: tuple[Identifier, ...] = ()
    substances: tuple[str, ...] = ()
    delivery: tuple[Delivery, ...] = ()
    country: str | None = None
    escalate: bool = False
    minors_involved: bool = False
    status: TipStatus = TipStatus.RECEIVED
    route: Route | None = None
    routed_at: datetime | None = None
    #: Set when the tip is promoted to, or linked with, a case.
    case_id: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    dismiss_reason: str | None = None
    rerouted_from: tuple[str, ...] = field(default=())

    @property
    def routed_to(self) -> str | None:
        return self.route.to if self.route else None

    @property
    def shard(self) -> int:
        return inbox_shard(self.tip_id)


@dataclass(frozen=True)
class Brought:
    """What a tip brings to the case it is promoted to or linked with: its identifiers, held
    on the case, and its content references, as a note (if it has any)."""

    held: tuple[HeldIdentifier, ...]
    note: Note | None


def linked(tip: Tip, case_id: str, subject: str, at: datetime) -> Tip:
    """The tip linked by `subject` to the case `case_id` at `at`."""
    return replace(tip, status=outcome(TriageAction.LINK), case_id=case_id, decided_at=at, decided_by=subject)


def inbox_shard(tip_id: str) -> int:
    """The inbox partition a tip lives in: a hash of its id, so a burst spreads evenly."""
    return hashlib.sha256(tip_id.encode()).digest()[0] % INBOX_SHARDS


def outcome(action: TriageAction) -> TipStatus:
    return _OUTCOMES[action]


def visible_tip(tip: Tip | None, org: Organisation, tip_id: str) -> Tip:
    """A platform sees its own tips; an agency sees the tips routed to it. Else NotFound."""
    seen = tip is not None and (tip.platform == org.code if not org.is_agency else tip.routed_to == org.code)
    if not seen:
        raise NotFound(f"no tip {tip_id!r} is visible to you")
    assert tip is not None
    return tip


# The tip's rules, declared once (`domain.rules`); `check_triage` says why one fails.
STATUS, ROUTED_TO, PLATFORM = Field("status"), Field("routed_to"), Field("platform")
#: A tip no agency has triaged yet: its platform may still add files to it.
UNTRIAGED = (TipStatus.RECEIVED, TipStatus.NEW)

#: A received tip not yet routed: the stream routes it once.
ROUTABLE = STATUS.equals(TipStatus.RECEIVED)


def triageable_by(org: str) -> Rule:
    """Only the agency a tip is routed to triages it, and only while it is new."""
    return ROUTED_TO.equals(org) & STATUS.equals(TipStatus.NEW)


def attachable_by(platform: str) -> Rule:
    """The reporting platform adds files to its tip until an agency triages it."""
    return PLATFORM.equals(platform) & STATUS.is_in(UNTRIAGED)


def check_attachable(tip: Tip | None, org: Organisation, tip_id: str) -> Tip:
    """Why `attachable_by(org)` does not hold, if it does not."""
    tip = visible_tip(tip, org, tip_id)
    if tip.status not in UNTRIAGED:
        raise Conflict(f"the tip is {tip.status.platform_view} already: files can no longer be added to it")
    return tip


def check_triage(tip: Tip | None, org: Organisation, tip_id: str, action: TriageAction) -> Tip:
    """Why `triageable_by(org)` does not hold, if it does not."""
    tip = visible_tip(tip, org, tip_id)
    if tip.status is not TipStatus.NEW:
        done = f" (case {tip.case_id})" if tip.case_id else ""
        raise Conflict(f"the tip is {tip.status}{done}; only a new tip can be triaged")
    return tip


def check_reroute_target(to: Organisation | None, to_code: str, org: str) -> Organisation:
    if to is None:
        raise Conflict(f"{to_code!r} is not a registered organisation")
    if not to.is_agency:
        raise Conflict(f"{to.code} is {to.described}: tips are routed to agencies only")
    check_receives(to, "a tip")
    if to.code == org:
        raise Conflict("the tip is already routed to you")
    return to


def case_title(tip: Tip) -> str:
    """The title a promoted case gets unless the agency gives one."""
    return f"{tip.platform} tip {tip.platform_reference}: {tip.category.value.replace('_', ' ')}"[:200]


def content_note(tip: Tip) -> str | None:
    """The tip's content references, as the text of a note on the case it joins."""
    references = tip.report.get("content") or []
    if not references:
        return None
    lines = [f"Content reported by {tip.platform} in tip {tip.tip_id} ({tip.platform_reference}):"]
    for reference in references:
        captured = f", captured {reference['captured_at']}" if reference.get("captured_at") else ""
        described = f": {reference['description']}" if reference.get("description") else ""
        lines.append(f"- {reference['url']}{captured}{described}")
    if tip.report.get("preserved_until"):
        lines.append(f"{tip.platform} preserved the content until {tip.report['preserved_until']}.")
    return "\n".join(lines)[:10_000]


def draft(tip_id: str, platform: Organisation, subject: str, at: datetime, report: dict[str, Any]) -> Tip:
    """A received tip from a validated report; `InvalidField` if an account cannot be read."""
    found: list[Identifier] = []
    for n, account in enumerate(report.get("reported_accounts") or []):
        found += account_identifiers(account, platform, f"reported_accounts.{n}")
    for n, parcel in enumerate(report.get("parcel_tracking") or []):
        try:
            found.append(normalise(IdentifierType.PARCEL_TRACKING, parcel["number"], parcel["carrier"]))
        except InvalidField as error:
            raise InvalidField(f"parcel_tracking.{n}.{error.field}", error.reason) from None
    location = report.get("estimated_location") or {}
    return Tip(
        tip_id=tip_id,
        platform=platform.code,
        platform_reference=report["platform_reference"],
        category=TipCategory(report["category"]),
        received_at=at,
        submitted_by=subject,
        report=report,
        identifiers=distinct(found, MAX_IDENTIFIERS_PER_TIP, "reported_accounts"),
        substances=tuple(report.get("substances") or ()),
        delivery=tuple(Delivery(d) for d in report.get("delivery") or ()),
        country=location.get("country"),
        escalate=bool(report.get("escalate")),
        minors_involved=bool(report.get("minors_involved")),
    )
