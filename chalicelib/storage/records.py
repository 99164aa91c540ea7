"""Each stored record kind: its domain dataclass, its item, its keys and the few fields stored otherwise.

Items are derived from the records (`storage.stored`): a field is declared once, in the domain,
and lands on the item's attribute of the same name. The table below lists, per kind, only what
differs from that (docs/operating/architecture.md, "How a record is stored").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalicelib.domain import emergency, legal
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, Note
from chalicelib.domain.deconfliction import HeldIdentifier, HitRecord, Holding, MatchedPair
from chalicelib.domain.files import EvidenceFile
from chalicelib.domain.operations import ConflictRecord, Operation, OperationKind, OperationStatus
from chalicelib.domain.organisations import Organisation, from_document
from chalicelib.domain.people import FraudReport, Person
from chalicelib.domain.preservations import Preservation
from chalicelib.domain.quotas import ProbeAlert
from chalicelib.domain.referrals import Referral
from chalicelib.domain.timers import Timer, filed_under
from chalicelib.domain.tips import Route, Tip, TipStatus
from chalicelib.domain.watch import WatchedConflict
from chalicelib.storage.contracts import CaseSummary
from chalicelib.storage.keys import (
    AUDIT_PREFIX,
    CASE_SK,
    EMERGENCY_SK,
    FILE_SK,
    HIT_PAIR_SK,
    IDENTIFIER_PREFIX,
    LEGAL_SK,
    NOTE_PREFIX,
    OPERATION_PREFIX,
    PERSON_SK,
    PRESERVATION_SK,
    REFERRAL_PREFIX,
    TIP_REFERENCE_SK,
    TIP_SK,
    WATCH_ENTRY_PREFIX,
    WATCHED_SK,
    alerts_pk,
    case_audit_pk,
    case_id_of,
    case_pk,
    cell_pk,
    cell_sk,
    conflicts_pk,
    custody_index_keys,
    emergency_box_keys,
    emergency_pk,
    emergency_queue_keys,
    file_index_keys,
    file_pk,
    fraud_report_sk,
    hit_pair_pk,
    hits_pk,
    inbox_keys,
    legal_box_keys,
    legal_pk,
    membership_index_keys,
    membership_sk,
    operation_watch_keys,
    org_audit_pk,
    org_pk,
    people_index_keys,
    person_pk,
    preservation_box_keys,
    preservation_pk,
    referral_index_keys,
    requester_pk,
    timer_sk,
    timers_pk,
    tip_pk,
    tip_reference_pk,
    watch_entry_keys,
    watched_pk,
)
from chalicelib.storage.stored import Stored
from chalicelib.storage.table import (
    AuditItem,
    CaseItem,
    ConflictItem,
    EmergencyRequestItem,
    FileItem,
    FraudReportItem,
    HitItem,
    HitPairItem,
    IdentifierItem,
    Item,
    LegalRequestItem,
    MembershipItem,
    NoteItem,
    OperationCellItem,
    OperationFields,
    OperationItem,
    OrganisationItem,
    PersonItem,
    PreservationItem,
    ProbeAlertItem,
    ReferralItem,
    TimerItem,
    TipItem,
    TipReferenceItem,
    WatchedConflictItem,
    WatchEntryItem,
)


def _keys(pk: str, sk: str, **index: Any) -> dict[str, Any]:
    return {"pk": pk, "sk": sk, **index}


# --- The kinds: keys, and only the fields stored otherwise than under their own name ------

CASES = Stored(Case, CaseItem, lambda case: _keys(case_pk(case.case_id), CASE_SK))
NOTES = Stored(Note, NoteItem, lambda note: _keys(case_pk(note.case_id), NOTE_PREFIX + note.note_id))
SUMMARIES = Stored(CaseSummary, MembershipItem, lambda summary, org: _membership_keys(summary, org))
REFERRALS = Stored(
    Referral,
    ReferralItem,
    lambda r: _keys(
        case_pk(r.case_id),
        REFERRAL_PREFIX + r.referral_id,
        **referral_index_keys(r.referral_id, r.to_org, r.from_org, r.status.value),
    ),
    # Stamped from the case by `ReferralStore.stamp_referrals`, under the case's version.
    unwritten=frozenset({"case_title", "case_tlp"}),
)
AUDIT = Stored(AuditRecord, AuditItem, lambda record: _audit_keys(record))
IDENTIFIERS = Stored(
    HeldIdentifier,
    IdentifierItem,
    lambda held: _keys(case_pk(held.case_id), IDENTIFIER_PREFIX + held.identifier_id),
    flattened={"identifier": ""},
)
#: Read from the `blind` index, which projects keys, owner, id and time: never the value.
#: Never written (an identifier item is `IDENTIFIERS`'), so it has no keys of its own.
HOLDINGS = Stored(Holding, IdentifierItem, lambda _: {}, projection=True)
_OPERATION_RENAMED = {"kind": "operation_kind"}
OPERATIONS = Stored(
    Operation,
    OperationItem,
    lambda op: _keys(case_pk(op.case_id), OPERATION_PREFIX + op.operation_id),
    renamed=_OPERATION_RENAMED,
    flattened={"location": ""},
)
#: An operation's entry in a grid cell copies what a conflict check needs.
CELLS = Stored(
    Operation,
    OperationCellItem,
    lambda op, cell: _keys(cell_pk(cell), cell_sk(op.starts_at, op.operation_id)),
    renamed=_OPERATION_RENAMED,
    flattened={"location": ""},
    projection=True,
)
HITS = Stored(HitRecord, HitItem, lambda hit: _keys(hits_pk(hit.org), hit.hit_id), flattened={"identifier": "id_"})
CONFLICTS = Stored(
    ConflictRecord, ConflictItem, lambda conflict: _keys(conflicts_pk(conflict.org), conflict.conflict_id)
)
TIPS = Stored(
    Tip,
    TipItem,
    lambda tip: _keys(
        tip_pk(tip.tip_id),
        TIP_SK,
        **(inbox_keys(tip.tip_id, tip.shard, tip.route.to, tip.status.value) if tip.route else {}),
    ),
    renamed={"route.to": "routed_to", "route.rule": "route_rule", "route.reason": "route_reason"},
    flattened={"route": ""},
)
PRESERVATIONS = Stored(
    Preservation,
    PreservationItem,
    lambda p: _keys(
        preservation_pk(p.preservation_id),
        PRESERVATION_SK,
        **preservation_box_keys(p.preservation_id, p.platform, p.org, p.status.value),
    ),
    # `expires_at` is stored as `period_ends_at` (the table's TTL attribute is `expires_at`):
    # `PreservationItem.expires_at` declares it (`attr_name`), so the field keeps its name here.
)
LEGAL = Stored(
    legal.LegalRequest,
    LegalRequestItem,
    lambda r: _keys(
        legal_pk(r.request_id), LEGAL_SK, **legal_box_keys(r.request_id, r.platform, r.org, r.status.value)
    ),
    renamed={"kind": "process_kind"},
    flattened={"authority": "authority_", "answer": ""},
)
EMERGENCIES = Stored(
    emergency.EmergencyRequest,
    EmergencyRequestItem,
    lambda r: _keys(emergency_pk(r.request_id), EMERGENCY_SK, **emergency_keys(r)),
    renamed={"emergency.kind": "emergency_kind"},
    flattened={"emergency": "", "requested_by": "requested_by_", "approved_by": "approved_by_", "answer": ""},
)
FILES = Stored(EvidenceFile, FileItem, lambda file: _file_keys(file), renamed={"scan": "malware_scan"})
TIMERS = Stored(
    Timer,
    TimerItem,
    lambda timer, now: _keys(
        timers_pk(filed_under(timer, now)), timer_sk(timer.due_at, timer.kind.value, timer.subject_id)
    ),
    renamed={"kind": "timer_kind"},
)
PEOPLE = Stored(
    Person,
    PersonItem,
    lambda person: _keys(person_pk(person.person_id), PERSON_SK, **people_index_keys(person.org, person.person_id)),
)
FRAUD_REPORTS = Stored(
    FraudReport,
    FraudReportItem,
    lambda report: _keys(requester_pk(report.person_id), fraud_report_sk(report.request_id)),
)
_WATCHED_FLATTENED = {
    "first": "a_",
    "first.location": "a_",
    "second": "b_",
    "second.location": "b_",
    "waiver": "waiver_",
}
WATCHED = Stored(
    WatchedConflict,
    WatchedConflictItem,
    lambda c: _keys(
        watched_pk(c.conflict_id),
        WATCHED_SK,
        **operation_watch_keys(c.conflict_id, c.first.operation_id, c.second.operation_id),
    ),
    flattened=_WATCHED_FLATTENED,
)
#: A watched conflict's copy in one of its centers' lists, where it sorts by its earliest start.
WATCH_ENTRIES = Stored(
    WatchedConflict,
    WatchEntryItem,
    lambda c, center: _keys(
        watched_pk(c.conflict_id),
        WATCH_ENTRY_PREFIX + center,
        **watch_entry_keys(c.conflict_id, center, c.state.value, c.unresolved, c.starts_at),
    ),
    flattened=_WATCHED_FLATTENED,
)
ALERTS = Stored(
    ProbeAlert,
    ProbeAlertItem,
    lambda alert: _keys(alerts_pk(alert.org), alert.alert_id),
    renamed={"kind": "probe", "count": "answers"},
)


def _audit_keys(record: AuditRecord) -> dict[str, Any]:
    """Under its case, or its organisation's; on its file's chain of custody if it hands one over."""
    pk = case_audit_pk(record.case_id) if record.case_id else org_audit_pk(record.org, record.audit_id)
    file_id = record.resource_id if record.sha256 else None  # a hand-over records the file's hash
    custody = custody_index_keys(file_id, record.audit_id) if file_id else {}
    return _keys(pk, AUDIT_PREFIX + record.audit_id, **custody)


def _file_keys(file: EvidenceFile) -> dict[str, Any]:
    parent = file.case_id or file.tip_id or file.request_id
    assert parent is not None, "a file belongs to a case, a tip or a legal request"
    return _keys(file_pk(file.file_id), FILE_SK, **file_index_keys(file.file_id, parent))


def _membership_keys(summary: CaseSummary, org: str) -> dict[str, Any]:
    return _keys(
        org_pk(org),
        membership_sk(summary.case_id),
        org=org,
        **membership_index_keys(org, summary.status, summary.case_id),
    )


def emergency_keys(request: emergency.EmergencyRequest) -> dict[str, Any]:
    """Its agency's box, and once approved its platform's queue, where it sorts by status."""
    r, status = request, request.status.value
    keys = emergency_box_keys(r.request_id, r.org, status)
    if r.sent:
        keys |= emergency_queue_keys(r.request_id, r.platform, emergency.QUEUE_RANK[r.status], status)
    return keys


# --- Encoders and decoders, by the names the stores call them ----------------------------

case_item = CASES.encode
case_record = CASES.decode
note_item = NOTES.encode
note_record = NOTES.decode
summary_record = SUMMARIES.decode
referral_item = REFERRALS.encode
referral_record = REFERRALS.decode
audit_item = AUDIT.encode
audit_record = AUDIT.decode
identifier_item = IDENTIFIERS.encode
identifier_record = IDENTIFIERS.decode
operation_item = OPERATIONS.encode
cell_item = CELLS.encode
hit_item = HITS.encode
hit_record = HITS.decode
conflict_item = CONFLICTS.encode
conflict_record = CONFLICTS.decode
tip_item = TIPS.encode
tip_record = TIPS.decode
preservation_item = PRESERVATIONS.encode
preservation_record = PRESERVATIONS.decode
legal_item = LEGAL.encode
legal_record = LEGAL.decode
emergency_item = EMERGENCIES.encode
emergency_record = EMERGENCIES.decode
file_item = FILES.encode
file_record = FILES.decode
alert_item = ALERTS.encode
person_item = PEOPLE.encode
person_record = PEOPLE.decode
fraud_report_item = FRAUD_REPORTS.encode
fraud_report_record = FRAUD_REPORTS.decode
alert_record = ALERTS.decode
watched_item = WATCHED.encode
watched_record = WATCHED.decode
watch_entry_item = WATCH_ENTRIES.encode
watch_entry_record = WATCH_ENTRIES.decode


def as_case(item: Item | None) -> Case | None:
    """The case, if `item` is a case item (a read that may have found something else, or nothing)."""
    return case_record(item) if isinstance(item, CaseItem) else None


def membership_item(case: Case, org: str) -> MembershipItem:
    """`org`'s entry for `case` in its case list, with the case version it copies."""
    role = "owner" if org == case.owner else "participant"
    summary = CaseSummary(
        case.case_id, case.owner, role, case.title, case.status.value, case.tlp.value, case.updated_at
    )
    item = SUMMARIES.encode(summary, org)
    item.case_version = case.version
    return item


def holding_record(item: IdentifierItem) -> Holding:
    """From the `blind` index: the case comes from the item's key."""
    return HOLDINGS.decode(item, case_id=case_id_of(item.pk))


def operation_record(item: OperationFields) -> Operation:
    """An operation, from its item or from a cell entry (which lacks status and audit fields; one
    written before entries kept the kind reads as `other`)."""
    if isinstance(item, OperationItem):
        return OPERATIONS.decode(item)
    assert isinstance(item, OperationCellItem)
    unkept: dict[str, OperationKind] = {"kind": OperationKind.OTHER} if item.operation_kind is None else {}
    return CELLS.decode(
        item,
        **unkept,
        status=OperationStatus.PLANNED,
        created_at=item.updated_at,
        created_by="",
        cells=(),
    )


def hit_pair_items(pair: MatchedPair) -> list[Item]:
    """A hit's claim on its pair, then both of its sides: written together, or not at all."""
    claim = HitPairItem(hit_pair_pk(pair.key), HIT_PAIR_SK, hit_ids=[side.hit_id for side in pair.sides])
    return [claim, *(hit_item(side) for side in pair.sides)]


def route_fields(tip_id: str, shard: int, route: Route, status: TipStatus) -> dict[str, Any]:
    """What routing sets on a tip: where it went, why, and its inbox index keys."""
    return {**TIPS.field_values("route", route), **inbox_keys(tip_id, shard, route.to, status.value)}


def tip_reference_item(tip: Tip) -> TipReferenceItem:
    return TipReferenceItem(tip_reference_pk(tip.platform, tip.platform_reference), TIP_REFERENCE_SK, tip_id=tip.tip_id)


def timer_item(timer: Timer, now: datetime) -> TimerItem:
    """`timer`, filed under the hour it is due in, or under `now`'s if that is later."""
    return TIMERS.encode(timer, now)


timer_record = TIMERS.decode


#: How each kind of item the stream carries becomes its domain record. Items that only
#: copy or index another (list entries, grid cells, claims, counters, timers) are absent:
#: their changes set nothing off.
_STREAMED: tuple[Stored[Any, Any], ...] = (
    AUDIT,
    CASES,
    NOTES,
    REFERRALS,
    IDENTIFIERS,
    HITS,
    ALERTS,
    CONFLICTS,
    TIPS,
    PRESERVATIONS,
    FILES,
    LEGAL,
    EMERGENCIES,
    PEOPLE,
    FRAUD_REPORTS,
    WATCHED,
)


def organisation_record(item: OrganisationItem) -> Organisation:
    """An organisation's entry: its registry document, whole (`organisations.to_document`)."""
    return from_document(json.loads(item.document))


_DECODERS: dict[type[Item], Callable[[Any], Any]] = {
    OperationItem: operation_record,  # or from a cell entry
    OrganisationItem: organisation_record,
    **{kind.item: kind.decode for kind in _STREAMED},
}


def record_of(item: Item) -> Any:
    """The domain record `item` stores, or None (an item of no interest: see `_DECODERS`)."""
    decode = _DECODERS.get(type(item))
    return decode(item) if decode else None


def from_image(image: dict[str, Any] | None) -> Any:
    """The domain record a stream image holds, or None (no image, or an item of no interest)."""
    if not image or "kind" not in image:
        return None
    return record_of(Item.from_raw_data(image))
