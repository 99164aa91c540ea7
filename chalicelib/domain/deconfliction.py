"""Target deconfliction: who holds an identifier, and what each side may learn of the other.

Two cases holding one identifier are *related* when the viewer may see the other case, and
a *hit* otherwise: then the viewer learns the other organisation and that case's point of
contact, never its id, title or content. Stored hits are written per organisation, each
holding only that organisation's own data plus the other side's name and contact. One pair
of cases holding one value is one hit, however it is reached (`MatchedPair`).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from chalicelib.domain.cases import Case, CaseStatus, Contact, new_identifier_key
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.record_ids import derived_id

MAX_IDENTIFIERS_PER_CALL = 50
#: Holders read per identifier and token: a value held by more cases than this is reported
#: as `truncated` (it is then a common value, not a lead).
MAX_HOLDERS_PER_TOKEN = 25


class HitReason(StrEnum):
    MATCH = "match"  # both organisations hold the identifier on a case
    CHECK = "check"  # the viewer checked an identifier that another organisation holds
    CHECKED = "checked"  # another organisation checked an identifier the viewer holds


@dataclass(frozen=True)
class Holding:
    """What the blind index says: a case holds a token. No value, no content."""

    token: str
    case_id: str
    identifier_id: str
    owner: str
    added_at: datetime


@dataclass(frozen=True, kw_only=True)
class HeldIdentifier(Holding):
    """An identifier on a case: its holding, and the raw (normalised) value, which lives only here."""

    identifier: Identifier
    added_by_org: str
    added_by: str


@dataclass(frozen=True)
class Hit:
    """A hit as the viewer sees it: its own identifier, the other organisation, whom to call."""

    identifier: Identifier
    org: str
    contact: Contact


@dataclass(frozen=True)
class Related:
    """A match on a case the viewer may already see."""

    identifier: Identifier
    case_id: str


@dataclass(frozen=True)
class HitRecord:
    """A stored hit in one organisation's list."""

    hit_id: str
    org: str
    at: datetime
    reason: HitReason
    other_org: str
    other_contact: Contact
    identifier: Identifier | None = None
    case_id: str | None = None


@dataclass(frozen=True)
class MatchedPair:
    """Both sides of one hit, and `key`, what makes it one: the value and the unordered pair
    of cases holding it (`pair_key`). The store writes a pair's sides only with its key's
    claim, so the second pass over a pair, whatever reached it, writes nothing."""

    key: str
    sides: tuple[HitRecord, HitRecord]


def pair_key(a: HeldIdentifier | Holding, b: HeldIdentifier | Holding) -> str:
    """The identity of the hit between two holdings of one value: a hash of each case's id with
    its identifier id, in either order.

    An identifier id is keyed per case and value (`identifier_id`), so the pair of them names
    the value blind, and does not change when the value is re-added, linked from a tip or
    re-indexed under a new blind-index key. No time is in it: the times are those of the
    latest writes of the identifiers, and a link or re-add moves them.
    """
    sides = sorted(f"{held.case_id}/{held.identifier_id}" for held in (a, b))
    return hashlib.sha256("|".join(sides).encode()).hexdigest()[:32]


def matched_pair(held: HeldIdentifier, own: Case, holding: Holding, other: Case) -> MatchedPair:
    """Both sides of a hit between `held` on `own` and `holding` on `other`; the same from either side.

    Ids derive from the pair's key (keyed ids, never the value: ids reach events) and sort by
    when the later of the two identifiers was written, which the hit lists go by.
    """
    key = pair_key(held, holding)
    at = max(held.added_at, holding.added_at)
    mine, theirs = (
        HitRecord(
            derived_id("hit", at, f"{key}|{case.owner}"),
            case.owner,
            at,
            HitReason.MATCH,
            counterpart.owner,
            counterpart.contact,
            held.identifier,
            case.case_id,
        )
        for case, counterpart in ((own, other), (other, own))
    )
    return MatchedPair(key, (mine, theirs))


def identifier_id(case: Case, identifier: Identifier) -> str:
    """Stable per case and value, so adding a value twice keeps one entry, and keyed.

    The id travels in events, audit records and URLs, so it must not give the value away:
    an unkeyed hash of a phone number is found again by trying an area code's ten million
    numbers. It is an HMAC under the case's own key, which never leaves the table. That
    key is not the blind index's, which rotates: the id does not change when the index is
    re-keyed, so re-adding an identifier re-indexes it in place (docs/guides/deconfliction.md, Key rotation).
    """
    if case.identifier_key is None:
        raise ValueError(f"case {case.case_id} has no identifier key yet; see keyed()")
    digest = hmac.new(bytes.fromhex(case.identifier_key), identifier.match_material, hashlib.sha256).hexdigest()
    return f"idn_{digest[:32]}"


def keyed(case: Case) -> tuple[Case, str | None]:
    """The case with an identifier key, and the key to store if it had none (an older case)."""
    if case.identifier_key is not None:
        return case, None
    key = new_identifier_key()
    return replace(case, identifier_key=key), key


def hold(case: Case, identifier: Identifier, token: str, org: str, subject: str, at: datetime) -> HeldIdentifier:
    """`identifier` as `org`'s `subject` puts it on `case`, indexed under `token`."""
    return HeldIdentifier(
        identifier_id=identifier_id(case, identifier),
        case_id=case.case_id,
        owner=case.owner,
        identifier=identifier,
        token=token,
        added_by_org=org,
        added_by=subject,
        added_at=at,
    )


def check_identifier_id(value: str) -> str:
    if len(value) != 36 or not value.startswith("idn_") or not all(c in "0123456789abcdef" for c in value[4:]):
        raise NotFound(f"no identifier {value!r} is on this case")
    return value


@dataclass(frozen=True)
class SortedMatches:
    hits: list[Hit]
    related: list[Related]
    #: The (identifier, case) behind each hit, for the records kept server-side.
    hit_pairs: list[tuple[Identifier, Case]]


def sort_matches(viewer_org: str, own_case_id: str | None, matches: list[tuple[Identifier, Case]]) -> SortedMatches:
    """Split matches into hits (cases the viewer may not see) and related cases.

    Closed cases are no longer worked and are left out; the viewer's own case is no match.
    Each other case appears once per identifier, and each organisation once per identifier
    and contact (two cases of one organisation with one contact are one call to make).
    """
    hits: dict[tuple[Identifier, str, Contact], Hit] = {}
    related: dict[tuple[Identifier, str], Related] = {}
    hit_pairs: dict[tuple[Identifier, str], tuple[Identifier, Case]] = {}
    for identifier, case in matches:
        if case.case_id == own_case_id or case.status is not CaseStatus.OPEN:
            continue
        if case.visible_to(viewer_org):
            related[(identifier, case.case_id)] = Related(identifier, case.case_id)
        else:
            hits[(identifier, case.owner, case.contact)] = Hit(identifier, case.owner, case.contact)
            hit_pairs[(identifier, case.case_id)] = (identifier, case)
    return SortedMatches(list(hits.values()), list(related.values()), list(hit_pairs.values()))


def is_hit_between(a: Case, b: Case) -> bool:
    """Identifiers shared by open cases of two organisations, neither of which sees the other's case."""
    return (
        a.case_id != b.case_id
        and a.status is CaseStatus.OPEN
        and b.status is CaseStatus.OPEN
        and not b.visible_to(a.owner)
        and not a.visible_to(b.owner)
    )
