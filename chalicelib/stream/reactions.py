"""What each kind of change on the table's stream sets off: the table of reactions.

A stream record is one item's change, decoded into its domain record (`Change`). Its kind
(the record's type) names a row of `REACTIONS`; each reaction in the row is a small
function run in order: it projects (refreshes what copies the record), reconciles or routes
(the work casebridge does after a write commits), keeps (the audit archive), or describes
(says which event the change makes, through `domain.notifications`). Each reaction that
describes makes one event; a change may be news to different organisations in different
words (an approved emergency request: urgent to the platform, an approval to the agency),
so a row may hold several. Adding a kind of record is adding a row. Reads and work that are the same
for many records of a batch are done together, at the batch's start or end (`Batch`).

What happens when a tip lands on the stream: the row `Tip` routes a new tip to its
agency (`route_new_tip`: with the batch's other new tips, at its end; the routing is the
next change of the tip, and the news), and describes every later change of it
(`describe_tip`).

Nothing here depends on the order of records of different items: a batch's tips are
routed as a set, projections carry the case's version (an older image never overwrites a
newer one), hits and conflicts are written once whichever side comes first. So Lambda
may run several batches of a shard at once (`ParallelizationFactor`), which keeps the
order of each item's own records only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from chalicelib.domain import notifications
from chalicelib.domain.audit import AUDIT_TAMPERED, AuditRecord
from chalicelib.domain.cases import Case, Note
from chalicelib.domain.deconfliction import HeldIdentifier, HitReason, HitRecord
from chalicelib.domain.emergency import EmergencyRequest
from chalicelib.domain.files import EvidenceFile
from chalicelib.domain.legal import LegalRequest
from chalicelib.domain.notifications import Notification
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.domain.organisations import Organisation
from chalicelib.domain.preservations import Preservation
from chalicelib.domain.quotas import Answer, Probe, ProbeAlert
from chalicelib.domain.referrals import Referral
from chalicelib.domain.tips import Tip
from chalicelib.observability import logger
from chalicelib.services.context import utcnow
from chalicelib.storage.dynamo import parallel

if TYPE_CHECKING:
    from chalicelib.services.deconfliction import DeconflictionService
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
    routes written 50 to a transaction) and
    archiving the new audit records (at once). Each piece remembers its record's position,
    so that a failure gives back that record and the ones behind it."""

    cases: dict[str, Case | None] = field(default_factory=dict)
    tips: list[tuple[int, Tip]] = field(default_factory=list)
    audits: list[tuple[int, AuditRecord]] = field(default_factory=list)
    #: New identifiers, to match (and to match again a minute later); new and moved operations.
    identifiers: list[tuple[int, HeldIdentifier]] = field(default_factory=list)
    operations: list[tuple[int, Operation]] = field(default_factory=list)
    #: Checks' answers found in others' data, counted towards their probing.
    answers: list[tuple[int, Answer]] = field(default_factory=list)
    #: Each changed case's newest change in the batch, with the first position of the case.
    changed_cases: dict[str, tuple[int, Change]] = field(default_factory=dict)

    def read_cases(self, changes: list[Change], reactors: Reactors) -> None:
        """Read the cases the changes are described with, all at once."""
        wanted = [
            case_id
            for change in changes
            if change.kind in DESCRIBED_WITH_THEIR_CASE and (case_id := _case_id(change)) is not None
        ]
        found = reactors.cases.cases(wanted)
        self.cases.update({case_id: found.get(case_id) for case_id in wanted})

    def case(self, case_id: str, reactors: Reactors) -> Case | None:
        """The case a change is described with: as read at the batch's start, or now."""
        return self.cases[case_id] if case_id in self.cases else reactors.cases.get_case(case_id)

    def finish(self, reactors: Reactors) -> int | None:
        """Does the work; the position of the first record whose part failed, or None."""
        changed = sorted(self.changed_cases.values(), key=lambda entry: entry[0])
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


def _case_id(change: Change) -> str | None:
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


Reaction = Callable[[Change, Reactors], Notification | None]


def react(change: Change, reactors: Reactors) -> list[Notification]:
    """Run the change's row; the events it makes, in the row's order."""
    return [found for reaction in REACTIONS.get(change.kind, ()) if (found := reaction(change, reactors))]


# audit records


def keep_audit(change: Change, reactors: Reactors) -> None:
    """A new audit record is copied to the archive; any change or removal of one is an alarm.

    No code path changes an audit item and IAM denies every function the means to, so a
    change seen here came from outside casebridge: the alarm (a metric filter on this
    log line, `infra/`) pages the operators, and the archive still holds the original.
    """
    if change.created:
        change.batch.audits.append((change.position, change.new))
        return
    changed: AuditRecord = change.old if change.old is not None else change.new
    logger.error(AUDIT_TAMPERED, extra={"audit_id": changed.audit_id, "pk": change.pk, "removed": change.new is None})


# cases


def project_case(change: Change, reactors: Reactors) -> None:
    """Case lists and referral boxes show a projection of the case: from the batch's newest
    image of it, at the batch's end."""
    case: Case | None = change.new
    if case is not None:
        first, newest = change.batch.changed_cases.get(case.case_id, (change.position, change))
        change.batch.changed_cases[case.case_id] = (first, change if case.version >= newest.new.version else newest)


def describe_case(change: Change, reactors: Reactors) -> Notification | None:
    return notifications.case_changed(change.old, change.new) if change.new is not None else None


def describe_note(change: Change, reactors: Reactors) -> Notification | None:
    if not change.created:
        return None
    case = change.batch.case(change.new.case_id, reactors)
    return notifications.note_added(change.new, case) if case else None


# referrals


def describe_referral(change: Change, reactors: Reactors) -> Notification | None:
    earlier, referral = change.old, change.new
    if referral is None:
        return None
    if earlier is not None and earlier.status is referral.status and earlier.overdue_at == referral.overdue_at:
        return None  # the stream's own stamp of title and marking: no news
    case = change.batch.case(referral.case_id, reactors)
    return notifications.referral_changed(earlier, referral, case) if case else None


# deconfliction


def _reindexed(change: Change) -> bool:
    """The identifier was written again under the token it had: nothing to match anew."""
    return change.old is not None and change.new is not None and change.old.token == change.new.token


def match_identifier(change: Change, reactors: Reactors) -> None:
    """A new identifier (or one re-indexed under a new key) is matched again, now and a minute later."""
    if change.new is not None and not _reindexed(change):
        change.batch.identifiers.append((change.position, change.new))


def describe_identifier(change: Change, reactors: Reactors) -> Notification | None:
    """Adds and removals are news; a re-index is not."""
    if change.new is not None and change.old is not None:
        return None
    held: HeldIdentifier = change.new if change.new is not None else change.old
    # A removal happened when the stream saw it, not when the identifier was added.
    at = held.added_at if change.new is not None else change.at
    case = change.batch.case(held.case_id, reactors)
    return notifications.identifier_changed(held, case, at, removed=change.new is None) if case else None


def watch_probing(change: Change, reactors: Reactors) -> None:
    """A holder told of a check counts towards the checker's probing of it."""
    hit: HitRecord = change.new
    if change.created and hit.reason is HitReason.CHECKED:
        change.batch.answers.append((change.position, Answer(hit.org, hit.other_org, Probe.CHECKED, hit.at)))


def describe_hit(change: Change, reactors: Reactors) -> Notification | None:
    return notifications.hit_recorded(change.new) if change.created else None


def describe_alert(change: Change, reactors: Reactors) -> Notification | None:
    return notifications.probing_suspected(change.new) if change.created else None


def _moved(change: Change) -> bool:
    """An operation changed (not the stream's echo of the same version)."""
    return change.new is not None and (change.old is None or change.old.version != change.new.version)


def reconcile_operation(change: Change, reactors: Reactors) -> None:
    if _moved(change):
        change.batch.operations.append((change.position, change.new))


def describe_operation(change: Change, reactors: Reactors) -> Notification | None:
    if not _moved(change):
        return None
    case = change.batch.case(change.new.case_id, reactors)
    return notifications.operation_changed(change.old, change.new, case) if case else None


def describe_conflict(change: Change, reactors: Reactors) -> Notification | None:
    return notifications.conflict_recorded(change.new) if change.created else None


# tips and preservations


def route_new_tip(change: Change, reactors: Reactors) -> None:
    """A new tip is routed: its routing is the tip's next change, and the news."""
    if change.created:
        change.batch.tips.append((change.position, change.new))


def carry_files(change: Change, reactors: Reactors) -> None:
    """A tip promoted to or linked with a case brings its files along."""
    old, new = change.old, change.new
    if reactors.files is not None and old is not None and new is not None and new.case_id and old.case_id is None:
        reactors.files.carry_from_tip(new, change.at)


def describe_tip(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None or change.old is None:
        return None
    return notifications.tip_changed(change.old, change.new)


def describe_file(change: Change, reactors: Reactors) -> Notification | None:
    """A file's bytes were checked or scanned, or it joined a case: the news, to whom it concerns."""
    file: EvidenceFile | None = change.new
    if file is None or change.old is None:
        return None
    if file.case_id is not None:
        case = change.batch.case(file.case_id, reactors)
        return notifications.file_checked(change.old, file, change.at, case) if case else None
    tip = reactors.tips.tips.get_tip(file.tip_id) if file.tip_id else None
    return notifications.file_checked(change.old, file, change.at, None, tip.routed_to if tip else None)


def describe_legal_request(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None:
        return None
    return notifications.legal_request_changed(change.old, change.new, change.at)


def describe_emergency_request(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None:
        return None
    return notifications.emergency_request_changed(change.old, change.new, change.at)


def alert_platform(change: Change, reactors: Reactors) -> Notification | None:
    """An approved emergency request is urgent news to its platform, in words of its own."""
    return notifications.emergency_request_sent(change.old, change.new) if change.new is not None else None


def describe_preservation(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None:
        return None
    return notifications.preservation_changed(change.old, change.new, change.at)


def describe_organisation(change: Change, reactors: Reactors) -> Notification | None:
    if change.new is None:
        return None
    return notifications.organisation_changed(change.old, change.new, reactors.operator, change.at)


#: The kinds of record whose events name their case's participants and title: their cases
#: are read together at the batch's start (`Batch.read_cases`).
DESCRIBED_WITH_THEIR_CASE = frozenset({Note, Referral, HeldIdentifier, Operation, EvidenceFile})

#: Each kind of record, and what its changes set off, in order.
REACTIONS: dict[type, tuple[Reaction, ...]] = {
    AuditRecord: (keep_audit,),
    Case: (project_case, describe_case),
    Note: (describe_note,),
    Referral: (describe_referral,),
    HeldIdentifier: (match_identifier, describe_identifier),
    HitRecord: (watch_probing, describe_hit),
    ProbeAlert: (describe_alert,),
    Operation: (reconcile_operation, describe_operation),
    ConflictRecord: (describe_conflict,),
    Tip: (route_new_tip, carry_files, describe_tip),
    Preservation: (describe_preservation,),
    EvidenceFile: (describe_file,),
    LegalRequest: (describe_legal_request,),
    EmergencyRequest: (describe_emergency_request, alert_platform),
    Organisation: (describe_organisation,),
}
