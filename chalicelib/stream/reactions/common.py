"""What every area's reactions share: a change, who does the work, and the batch's shared work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case
from chalicelib.domain.deconfliction import HeldIdentifier
from chalicelib.domain.figures import Fact
from chalicelib.domain.notifications import Notification
from chalicelib.domain.operations import Operation
from chalicelib.domain.quotas import Answer
from chalicelib.domain.tips import Tip
from chalicelib.observability import logger
from chalicelib.services.context import utcnow
from chalicelib.storage.dynamo import parallel

if TYPE_CHECKING:
    from chalicelib.services.deconfliction import DeconflictionService
    from chalicelib.services.figures import FigureService
    from chalicelib.services.files import FileService
    from chalicelib.services.operations import OperationService
    from chalicelib.services.ports import Cases
    from chalicelib.services.quotas import Quotas
    from chalicelib.services.referrals import ReferralService
    from chalicelib.services.tips import TipService
    from chalicelib.storage.archive import AuditArchive


T = TypeVar("T")


@dataclass
class Batch:
    """What the reactions of a batch's records share: the cases they are described with, read
    together at the batch's start (`read_cases`: one BatchGetItem per 100), and the work they
    leave for its end, to do together (`finish`): the changed cases' list entries (100 to a
    transaction) and referral stamps (100 to a transaction, the referrals read one Query a
    case at once), matching the new identifiers (every blind-index Query at once, one
    BatchGetItem for the cases they name, the hits 100 items to a transaction) and filing
    their recheck timers (25 to a BatchWriteItem), reconciling the new and moved operations
    (every cell's Query at once, the conflicts together), counting checks' answers towards
    probing (each counter once), routing the new tips (their holders read at once, their
    routes written 50 to a transaction), counting the changes' figures (each counter once,
    with each fact's claim, 100 items to a transaction) and archiving the new audit records
    (at once). Each piece remembers its record's position,
    so that a failure gives back that record and the ones behind it."""

    cases: dict[str, Case | None] = field(default_factory=dict)
    tips: list[tuple[int, Tip]] = field(default_factory=list)
    audits: list[tuple[int, AuditRecord]] = field(default_factory=list)
    #: New identifiers, to match (and to match again a minute later); new and moved operations.
    identifiers: list[tuple[int, HeldIdentifier]] = field(default_factory=list)
    operations: list[tuple[int, Operation]] = field(default_factory=list)
    #: Checks' answers found in others' data, counted towards their probing.
    answers: list[tuple[int, Answer]] = field(default_factory=list)
    #: Watched conflicts a timer alerted on (the conflict alone), for the centers' lists.
    alerted: list[tuple[int, Any]] = field(default_factory=list)
    #: What the changes count into figures (`domain.figures.families`).
    figures: list[tuple[int, Fact]] = field(default_factory=list)
    #: Each changed case's newest change in the batch, with the first position of the case.
    changed_cases: dict[str, tuple[int, Change]] = field(default_factory=dict)

    def read_cases(self, wanted: list[str], reactors: Reactors) -> None:
        """Read the cases the batch's changes are described with, all at once (which: `cases_of`)."""
        found = reactors.cases.cases(wanted)
        self.cases.update({case_id: found.get(case_id) for case_id in wanted})

    def case(self, case_id: str, reactors: Reactors) -> Case | None:
        """The case a change is described with: as read at the batch's start, or now."""
        return self.cases[case_id] if case_id in self.cases else reactors.cases.get_case(case_id)

    def finish(self, reactors: Reactors) -> int | None:
        """Does the work; the position of the first record whose part failed, or None."""
        changed = sorted(self.changed_cases.values(), key=lambda entry: entry[0])
        figures = reactors.figures
        found = (
            _together("projecting cases", changed, lambda done: reactors.cases.project_cases([c.new for c in done])),
            _together(
                "following cases",
                changed,
                lambda done: reactors.referrals.follow_cases([(c.new, c.at) for c in done]),
            ),
            _together("matching identifiers", self.identifiers, reactors.deconfliction.reconcile_all),
            _together(
                "filing recheck timers",
                self.identifiers,
                lambda held: reactors.deconfliction.recheck_later(held, utcnow()),
            ),
            _together("reconciling operations", self.operations, reactors.operations.reconcile_all),
            _together("routing tips", self.tips, reactors.tips.route_all),
            _together("counting answers", self.answers, reactors.quotas.watch),
            _together("copying alerts to the watch lists", self.alerted, reactors.watch_lists.copy_alerts)
            if reactors.watch_lists is not None
            else None,
            _together("counting figures", self.figures, figures.count) if figures is not None else None,
        )
        failed = [position for position in found if position is not None]
        archive = reactors.archive
        if archive is not None and self.audits:

            def keep(entry: tuple[int, AuditRecord]) -> int | None:
                try:
                    archive.put(entry[1])
                except Exception:
                    logger.exception("archiving an audit record failed", extra={"audit_id": entry[1].audit_id})
                    return entry[0]
                return None

            failed += [position for position in parallel(keep, self.audits) if position is not None]
        return min(failed, default=None)


def case_id_of(change: Change) -> str | None:
    record = change.new if change.new is not None else change.old
    case_id: str | None = record.case_id
    return case_id


def _together(what: str, entries: list[tuple[int, T]], work: Callable[[list[T]], object]) -> int | None:
    """`work` on all the entries at once; on failure, the first entry's record position."""
    if not entries:
        return None
    try:
        work([value for _, value in entries])
    except Exception:
        logger.exception(f"{what} for a batch failed")
        return entries[0][0]
    return None


@dataclass(frozen=True)
class Change:
    """One item's change as the stream saw it: the record before and after, and when."""

    old: Any
    new: Any
    at: datetime
    #: The item's table key, for an alarm that must name exactly what changed.
    pk: str = ""
    #: The record's position in its batch, and what the batch's records share.
    position: int = 0
    batch: Batch = field(default_factory=Batch)

    @property
    def created(self) -> bool:
        return self.old is None and self.new is not None

    @property
    def kind(self) -> type:
        return type(self.new if self.new is not None else self.old)


class RequesterMarks(Protocol):
    """Who sent which platform a request (`storage.people.PeopleRepository`)."""

    def mark_sent(self, person_id: str, platform: str, at: datetime, *, emergency: bool = False) -> None: ...

    def platforms_sent_to(self, person_id: str) -> list[str]: ...


class HeldRequests(Protocol):
    """Whose emergency requests go on hold (`storage.emergency.EmergencyRepository`)."""

    def hold_requests_of(self, person_id: str, org: str) -> list[Any]: ...


class WatchLists(Protocol):
    """Who copies the timers' alerts to the centers' lists (`storage.watch.WatchRepository.copy_alerts`)."""

    def copy_alerts(self, conflicts: Sequence[Any]) -> None: ...


@dataclass(frozen=True)
class Reactors:
    """Who does the work the reactions set off."""

    cases: Cases
    deconfliction: DeconflictionService
    operations: OperationService
    tips: TipService
    referrals: ReferralService
    quotas: Quotas
    archive: AuditArchive | None = None
    files: FileService | None = None
    #: The operator's code: it receives the registry's events (`Settings.operator`).
    operator: str = "CASEBRIDGE"
    #: Who sent which platform a request (`storage.people.PeopleRepository.mark_sent`).
    requesters: RequesterMarks | None = None
    #: Who holds a suspended person's open emergency requests (`EmergencyRepository.hold_requests_of`).
    emergencies: HeldRequests | None = None
    #: Who counts the changes' figures (`services.figures.FigureService`).
    figures: FigureService | None = None
    #: Who copies a conflict's alerts to the watch centers' lists.
    watch_lists: WatchLists | None = None


Reaction = Callable[[Change, Reactors], Notification | None]


def describing(news: Callable[[Any, Any, datetime], Notification | None]) -> Reaction:
    """The reaction that describes each change of a kind whose news needs nothing but the
    change: `news(old, new, at)`, unless the record is gone.

    >>> REACTIONS = {Preservation: (describing(news.preservation_changed),)}
    """

    def describe(change: Change, reactors: Reactors) -> Notification | None:
        return news(change.old, change.new, change.at) if change.new is not None else None

    return describe
