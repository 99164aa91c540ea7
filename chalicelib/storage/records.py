"""Translation between table items and domain records, in both directions."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalicelib.domain import emergency, legal
from chalicelib.domain.audit import AuditRecord, Identity, Outcome
from chalicelib.domain.cases import Case, CaseStatus, Contact, Note, Tlp
from chalicelib.domain.deconfliction import HeldIdentifier, HitReason, HitRecord, Holding, MatchedPair
from chalicelib.domain.files import EvidenceFile, FilePurpose, FileStatus, ScanResult
from chalicelib.domain.identifiers import Identifier, IdentifierType
from chalicelib.domain.operations import ConflictRecord, Location, Operation, OperationKind, OperationStatus
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.quotas import ProbeAlert
from chalicelib.domain.referrals import Priority, Referral, ReferralStatus
from chalicelib.domain.timers import Timer, TimerKind, filed_under
from chalicelib.domain.tips import Delivery, Route, Tip, TipCategory, TipStatus
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
    PRESERVATION_SK,
    REFERRAL_PREFIX,
    TIP_REFERENCE_SK,
    TIP_SK,
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
    hit_pair_pk,
    hits_pk,
    inbox_keys,
    legal_box_keys,
    legal_pk,
    membership_index_keys,
    membership_sk,
    org_audit_pk,
    org_pk,
    preservation_box_keys,
    preservation_pk,
    referral_index_keys,
    timer_sk,
    timers_pk,
    tip_pk,
    tip_reference_pk,
)
from chalicelib.storage.table import (
    AuditItem,
    CaseItem,
    ConflictItem,
    ContactMap,
    EmergencyRequestItem,
    FileItem,
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
    PreservationItem,
    ProbeAlertItem,
    ReferralItem,
    TimerItem,
    TipItem,
    TipReferenceItem,
)


def case_item(case: Case) -> CaseItem:
    return CaseItem(
        case_pk(case.case_id),
        CASE_SK,
        case_id=case.case_id,
        owner=case.owner,
        title=case.title,
        summary=case.summary,
        substances=list(case.substances),
        platforms=list(case.platforms),
        jurisdiction=case.jurisdiction,
        contact=contact_map(case.contact),
        tlp=case.tlp.value,
        status=case.status.value,
        participants=set(case.participants),
        pending_referrals_to=set(case.pending_referrals_to) or None,
        version=case.version,
        created_at=case.created_at,
        updated_at=case.updated_at,
        created_by=case.created_by,
        identifier_key=case.identifier_key,
    )


def contact_map(contact: Contact) -> ContactMap:
    return ContactMap(name=contact.name, phone=contact.phone, email=contact.email)


def contact_record(contact: ContactMap | None) -> Contact:
    if contact is None:
        return Contact()
    return Contact(name=contact.name, phone=contact.phone, email=contact.email)


def case_record(item: CaseItem) -> Case:
    return Case(
        case_id=item.case_id,
        owner=item.owner,
        title=item.title,
        summary=item.summary,
        substances=tuple(str(value) for value in item.substances),
        platforms=tuple(str(value) for value in item.platforms),
        jurisdiction=item.jurisdiction,
        contact=contact_record(item.contact),
        tlp=Tlp(item.tlp),
        status=CaseStatus(item.status),
        participants=frozenset(item.participants),
        pending_referrals_to=frozenset(item.pending_referrals_to or ()),
        version=int(item.version),
        created_at=item.created_at,
        updated_at=item.updated_at,
        created_by=item.created_by,
        identifier_key=item.identifier_key,
    )


def as_case(item: Item | None) -> Case | None:
    """The case, if `item` is a case item (a read that may have found something else, or nothing)."""
    return case_record(item) if isinstance(item, CaseItem) else None


def membership_item(case: Case, org: str) -> MembershipItem:
    return MembershipItem(
        org_pk(org),
        membership_sk(case.case_id),
        org=org,
        case_id=case.case_id,
        role="owner" if org == case.owner else "participant",
        owner=case.owner,
        title=case.title,
        status=case.status.value,
        tlp=case.tlp.value,
        case_version=case.version,
        updated_at=case.updated_at,
        **membership_index_keys(org, case.status.value, case.case_id),
    )


def summary_record(item: MembershipItem) -> CaseSummary:
    return CaseSummary(item.case_id, item.owner, item.role, item.title, item.status, item.tlp, item.updated_at)


def note_item(note: Note) -> NoteItem:
    return NoteItem(
        case_pk(note.case_id),
        NOTE_PREFIX + note.note_id,
        note_id=note.note_id,
        case_id=note.case_id,
        text=note.text,
        author_org=note.author_org,
        author_subject=note.author_subject,
        author_name=note.author_name,
        created_at=note.created_at,
    )


def note_record(item: NoteItem) -> Note:
    return Note(
        note_id=item.note_id,
        case_id=item.case_id,
        text=item.text,
        author_org=item.author_org,
        author_subject=item.author_subject,
        author_name=item.author_name,
        created_at=item.created_at,
    )


def referral_item(referral: Referral) -> ReferralItem:
    return ReferralItem(
        case_pk(referral.case_id),
        REFERRAL_PREFIX + referral.referral_id,
        referral_id=referral.referral_id,
        case_id=referral.case_id,
        from_org=referral.from_org,
        to_org=referral.to_org,
        reason=referral.reason,
        priority=referral.priority.value,
        respond_by=referral.respond_by,
        status=referral.status.value,
        created_at=referral.created_at,
        created_by=referral.created_by,
        decided_at=referral.decided_at,
        decided_by=referral.decided_by,
        decline_reason=referral.decline_reason,
        overdue_at=referral.overdue_at,
        **referral_index_keys(referral.referral_id, referral.to_org, referral.from_org, referral.status.value),
    )


def referral_record(item: ReferralItem) -> Referral:
    return Referral(
        referral_id=item.referral_id,
        case_id=item.case_id,
        from_org=item.from_org,
        to_org=item.to_org,
        reason=item.reason,
        priority=Priority(item.priority),
        respond_by=item.respond_by,
        status=ReferralStatus(item.status),
        created_at=item.created_at,
        created_by=item.created_by,
        decided_at=item.decided_at,
        decided_by=item.decided_by,
        decline_reason=item.decline_reason,
        overdue_at=item.overdue_at,
        case_title=item.case_title,
        case_tlp=item.case_tlp,
    )


def audit_item(record: AuditRecord) -> AuditItem:
    pk = case_audit_pk(record.case_id) if record.case_id else org_audit_pk(record.org, record.audit_id)
    return AuditItem(
        pk,
        AUDIT_PREFIX + record.audit_id,
        audit_id=record.audit_id,
        at=record.at,
        component=record.component,
        event=record.event,
        subject=record.subject,
        org=record.org,
        outcome=record.outcome.value,
        case_id=record.case_id,
        resource_id=record.resource_id,
        reason=record.reason,
        request_id=record.request_id,
        identity=record.identity.value,
        claimed_subject=record.claimed_subject,
        claimed_org=record.claimed_org,
        source_ip=record.source_ip,
        user_agent=record.user_agent,
        blind_tokens=list(record.blind_tokens) or None,
        sha256=record.sha256,
        **(custody_index_keys(record.resource_id, record.audit_id) if record.sha256 and record.resource_id else {}),
    )


def audit_record(item: AuditItem) -> AuditRecord:
    return AuditRecord(
        audit_id=item.audit_id,
        at=item.at,
        component=item.component,
        event=item.event,
        subject=item.subject,
        org=item.org,
        outcome=Outcome(item.outcome),
        case_id=item.case_id,
        resource_id=item.resource_id,
        reason=item.reason,
        request_id=item.request_id,
        identity=Identity(item.identity),
        claimed_subject=item.claimed_subject,
        claimed_org=item.claimed_org,
        source_ip=item.source_ip,
        user_agent=item.user_agent,
        blind_tokens=tuple(str(token) for token in item.blind_tokens or ()),
        sha256=item.sha256,
    )


def identifier_item(held: HeldIdentifier) -> IdentifierItem:
    return IdentifierItem(
        case_pk(held.case_id),
        IDENTIFIER_PREFIX + held.identifier_id,
        identifier_id=held.identifier_id,
        case_id=held.case_id,
        owner=held.owner,
        type=held.identifier.type.value,
        value=held.identifier.value,
        qualifier=held.identifier.qualifier,
        token=held.token,
        added_by_org=held.added_by_org,
        added_by=held.added_by,
        added_at=held.added_at,
    )


def identifier_record(item: IdentifierItem) -> HeldIdentifier:
    return HeldIdentifier(
        identifier_id=item.identifier_id,
        case_id=item.case_id,
        owner=item.owner,
        identifier=Identifier(IdentifierType(item.type), item.value, item.qualifier),
        token=str(item.token),
        added_by_org=item.added_by_org,
        added_by=item.added_by,
        added_at=item.added_at,
    )


def holding_record(item: IdentifierItem) -> Holding:
    """From the `blind` index, which projects keys, owner, id and time: never the value."""
    return Holding(
        token=str(item.token),
        case_id=case_id_of(item.pk),
        identifier_id=item.identifier_id,
        owner=item.owner,
        added_at=item.added_at,
    )


def operation_item(operation: Operation) -> OperationItem:
    return OperationItem(
        case_pk(operation.case_id),
        OPERATION_PREFIX + operation.operation_id,
        operation_kind=operation.kind.value,
        status=operation.status.value,
        cells=list(operation.cells),
        created_at=operation.created_at,
        created_by=operation.created_by,
        **_operation_fields(operation),
    )


def cell_item(operation: Operation, cell: str) -> OperationCellItem:
    return OperationCellItem(
        cell_pk(cell), cell_sk(operation.starts_at, operation.operation_id), **_operation_fields(operation)
    )


def _operation_fields(operation: Operation) -> dict[str, Any]:
    return {
        "operation_id": operation.operation_id,
        "case_id": operation.case_id,
        "org": operation.org,
        "lat": operation.location.lat,
        "lon": operation.location.lon,
        "radius_m": operation.location.radius_m,
        "starts_at": operation.starts_at,
        "ends_at": operation.ends_at,
        "contact": contact_map(operation.contact),
        "version": operation.version,
        "updated_at": operation.updated_at,
    }


def operation_record(item: OperationFields) -> Operation:
    """An operation, from its item or from a cell entry (which lacks kind, status and audit fields)."""
    full: Any = item if isinstance(item, OperationItem) else None
    return Operation(
        operation_id=item.operation_id,
        case_id=item.case_id,
        org=item.org,
        kind=OperationKind(full.operation_kind) if full else OperationKind.OTHER,
        location=Location(float(item.lat), float(item.lon), float(item.radius_m)),
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        contact=contact_record(item.contact),
        created_at=full.created_at if full else item.updated_at,
        created_by=full.created_by if full else "",
        updated_at=item.updated_at,
        status=OperationStatus(full.status) if full else OperationStatus.PLANNED,
        version=int(item.version),
        cells=tuple(str(cell) for cell in full.cells) if full else (),
    )


def hit_pair_items(pair: MatchedPair) -> list[Item]:
    """A hit's claim on its pair, then both of its sides: written together, or not at all."""
    claim = HitPairItem(hit_pair_pk(pair.key), HIT_PAIR_SK, hit_ids=[side.hit_id for side in pair.sides])
    return [claim, *(hit_item(side) for side in pair.sides)]


def hit_item(hit: HitRecord) -> HitItem:
    identifier = hit.identifier
    return HitItem(
        hits_pk(hit.org),
        hit.hit_id,
        hit_id=hit.hit_id,
        org=hit.org,
        at=hit.at,
        reason=hit.reason.value,
        other_org=hit.other_org,
        other_contact=contact_map(hit.other_contact),
        case_id=hit.case_id,
        id_type=identifier.type.value if identifier else None,
        id_value=identifier.value if identifier else None,
        id_qualifier=identifier.qualifier if identifier else None,
    )


def hit_record(item: HitItem) -> HitRecord:
    identifier = (
        Identifier(IdentifierType(item.id_type), str(item.id_value), item.id_qualifier) if item.id_type else None
    )
    return HitRecord(
        hit_id=item.hit_id,
        org=item.org,
        at=item.at,
        reason=HitReason(item.reason),
        other_org=item.other_org,
        other_contact=contact_record(item.other_contact),
        identifier=identifier,
        case_id=item.case_id,
    )


def conflict_item(conflict: ConflictRecord) -> ConflictItem:
    return ConflictItem(
        conflicts_pk(conflict.org),
        conflict.conflict_id,
        conflict_id=conflict.conflict_id,
        org=conflict.org,
        at=conflict.at,
        operation_id=conflict.operation_id,
        case_id=conflict.case_id,
        other_org=conflict.other_org,
        other_contact=contact_map(conflict.other_contact),
    )


def conflict_record(item: ConflictItem) -> ConflictRecord:
    return ConflictRecord(
        conflict_id=item.conflict_id,
        org=item.org,
        at=item.at,
        operation_id=item.operation_id,
        case_id=item.case_id,
        other_org=item.other_org,
        other_contact=contact_record(item.other_contact),
    )


def identifiers_json(identifiers: tuple[Identifier, ...]) -> str:
    return json.dumps([[i.type.value, i.value, i.qualifier] for i in identifiers], separators=(",", ":"))


def identifiers_from_json(text: str) -> tuple[Identifier, ...]:
    return tuple(Identifier(IdentifierType(kind), value, qualifier) for kind, value, qualifier in json.loads(text))


def tip_item(tip: Tip) -> TipItem:
    route = tip.route
    item = TipItem(
        tip_pk(tip.tip_id),
        TIP_SK,
        tip_id=tip.tip_id,
        platform=tip.platform,
        platform_reference=tip.platform_reference,
        category=tip.category.value,
        received_at=tip.received_at,
        submitted_by=tip.submitted_by,
        report=json.dumps(tip.report, separators=(",", ":"), sort_keys=True),
        identifiers=identifiers_json(tip.identifiers),
        substances=list(tip.substances),
        delivery=[d.value for d in tip.delivery],
        country=tip.country,
        escalate=tip.escalate,
        minors_involved=tip.minors_involved,
        status=tip.status.value,
        routed_at=tip.routed_at,
        case_id=tip.case_id,
        decided_at=tip.decided_at,
        decided_by=tip.decided_by,
        dismiss_reason=tip.dismiss_reason,
        rerouted_from=list(tip.rerouted_from),
    )
    if route is not None:
        for name, value in route_fields(tip.tip_id, tip.shard, route, tip.status).items():
            setattr(item, name, value)
    return item


def route_fields(tip_id: str, shard: int, route: Route, status: TipStatus) -> dict[str, Any]:
    """What routing sets on a tip: where it went, why, and its inbox index keys."""
    return {
        "routed_to": route.to,
        "route_rule": route.rule,
        "route_reason": route.reason,
        "matched_case_id": route.matched_case_id,
        **inbox_keys(tip_id, shard, route.to, status.value),
    }


def tip_record(item: TipItem) -> Tip:
    route = None
    if item.routed_to:
        route = Route(item.routed_to, str(item.route_rule), str(item.route_reason), item.matched_case_id)
    return Tip(
        tip_id=item.tip_id,
        platform=item.platform,
        platform_reference=item.platform_reference,
        category=TipCategory(item.category),
        received_at=item.received_at,
        submitted_by=item.submitted_by,
        report=json.loads(item.report),
        identifiers=identifiers_from_json(item.identifiers),
        substances=tuple(str(s) for s in item.substances),
        delivery=tuple(Delivery(str(d)) for d in item.delivery),
        country=item.country,
        escalate=bool(item.escalate),
        minors_involved=bool(item.minors_involved),
        status=TipStatus(item.status),
        route=route,
        routed_at=item.routed_at,
        case_id=item.case_id,
        decided_at=item.decided_at,
        decided_by=item.decided_by,
        dismiss_reason=item.dismiss_reason,
        rerouted_from=tuple(str(org) for org in item.rerouted_from),
    )


def tip_reference_item(tip: Tip) -> TipReferenceItem:
    return TipReferenceItem(tip_reference_pk(tip.platform, tip.platform_reference), TIP_REFERENCE_SK, tip_id=tip.tip_id)


def preservation_item(preservation: Preservation) -> PreservationItem:
    p = preservation
    return PreservationItem(
        preservation_pk(p.preservation_id),
        PRESERVATION_SK,
        preservation_id=p.preservation_id,
        case_id=p.case_id,
        org=p.org,
        platform=p.platform,
        accounts=identifiers_json(p.accounts),
        contact=contact_map(p.contact),
        requested_at=p.requested_at,
        requested_by=p.requested_by,
        expires_at=p.expires_at,
        extended=p.extended,
        status=p.status.value,
        platform_reference=p.platform_reference,
        acknowledged_at=p.acknowledged_at,
        warned_for=p.warned_for,
        legal_request_ids=set(p.legal_request_ids) or None,
        version=p.version,
        **preservation_box_keys(p.preservation_id, p.platform, p.org, p.status.value),
    )


def preservation_record(item: PreservationItem) -> Preservation:
    return Preservation(
        preservation_id=item.preservation_id,
        case_id=item.case_id,
        org=item.org,
        platform=item.platform,
        accounts=identifiers_from_json(item.accounts),
        contact=contact_record(item.contact),
        requested_at=item.requested_at,
        requested_by=item.requested_by,
        expires_at=item.expires_at,
        extended=bool(item.extended),
        status=PreservationStatus(item.status),
        platform_reference=item.platform_reference,
        acknowledged_at=item.acknowledged_at,
        warned_for=item.warned_for,
        legal_request_ids=tuple(sorted(item.legal_request_ids or ())),
        version=int(item.version),
    )


def legal_item(request: legal.LegalRequest) -> LegalRequestItem:
    r, answer = request, request.answer
    return LegalRequestItem(
        legal_pk(r.request_id),
        LEGAL_SK,
        request_id=r.request_id,
        case_id=r.case_id,
        org=r.org,
        platform=r.platform,
        process_kind=r.kind.value,
        accounts=identifiers_json(r.accounts),
        categories={category.value for category in r.categories},
        date_from=r.date_from,
        date_to=r.date_to,
        authority_reference=r.authority.reference,
        authority_issued_by=r.authority.issued_by,
        authority_issued_at=r.authority.issued_at,
        contact=contact_map(r.contact),
        sent_at=r.sent_at,
        sent_by=r.sent_by,
        due_at=r.due_at,
        document_file_id=r.document_file_id,
        preservation_id=r.preservation_id,
        nondisclosure_until=r.nondisclosure_until,
        nondisclosure_order_file_id=r.nondisclosure_order_file_id,
        emergency_id=r.emergency_id,
        status=r.status.value,
        platform_reference=r.platform_reference,
        acknowledged_at=r.acknowledged_at,
        outcome=answer.outcome.value if answer else None,
        answered_at=answer.answered_at if answer else None,
        answered_by=answer.answered_by if answer else None,
        reason_code=answer.reason_code.value if answer and answer.reason_code else None,
        detail=answer.detail if answer else None,
        file_ids=list(answer.file_ids) if answer and answer.file_ids else None,
        withdrawn_at=r.withdrawn_at,
        withdrawn_because=r.withdrawn_because,
        overdue_at=r.overdue_at,
        preservation_ends_at=r.preservation_ends_at,
        nondisclosure_warned_for=r.nondisclosure_warned_for,
        nondisclosure_ended_for=r.nondisclosure_ended_for,
        served_files=set(r.served_files) or None,
        version=r.version,
        **legal_box_keys(r.request_id, r.platform, r.org, r.status.value),
    )


def legal_record(item: LegalRequestItem) -> legal.LegalRequest:
    answer = None
    if item.outcome is not None:
        answer = legal.Answer(
            outcome=legal.Outcome(item.outcome),
            answered_at=item.answered_at,
            answered_by=item.answered_by or "",
            reason_code=legal.RejectionCode(item.reason_code) if item.reason_code else None,
            detail=item.detail,
            file_ids=tuple(str(file_id) for file_id in item.file_ids or ()),
        )
    return legal.LegalRequest(
        request_id=item.request_id,
        case_id=item.case_id,
        org=item.org,
        platform=item.platform,
        kind=legal.LegalKind(item.process_kind),
        accounts=identifiers_from_json(item.accounts),
        categories=tuple(
            sorted((legal.RecordCategory(c) for c in item.categories), key=list(legal.RecordCategory).index)
        ),
        date_from=item.date_from,
        date_to=item.date_to,
        authority=legal.Authority(item.authority_reference, item.authority_issued_by, item.authority_issued_at),
        contact=contact_record(item.contact),
        sent_at=item.sent_at,
        sent_by=item.sent_by,
        due_at=item.due_at,
        document_file_id=item.document_file_id,
        preservation_id=item.preservation_id,
        nondisclosure_until=item.nondisclosure_until,
        nondisclosure_order_file_id=item.nondisclosure_order_file_id,
        emergency_id=item.emergency_id,
        status=legal.LegalStatus(item.status),
        platform_reference=item.platform_reference,
        acknowledged_at=item.acknowledged_at,
        answer=answer,
        withdrawn_at=item.withdrawn_at,
        withdrawn_because=item.withdrawn_because,
        overdue_at=item.overdue_at,
        preservation_ends_at=item.preservation_ends_at,
        nondisclosure_warned_for=item.nondisclosure_warned_for,
        nondisclosure_ended_for=item.nondisclosure_ended_for,
        served_files=frozenset(item.served_files or ()),
        version=int(item.version),
    )


def emergency_keys(request: emergency.EmergencyRequest) -> dict[str, Any]:
    """Its agency's box, and once approved its platform's queue, where it sorts by status."""
    r, status = request, request.status.value
    keys = emergency_box_keys(r.request_id, r.org, status)
    if r.sent:
        keys |= emergency_queue_keys(r.request_id, r.platform, emergency.QUEUE_RANK[r.status], status)
    return keys


def emergency_item(request: emergency.EmergencyRequest) -> EmergencyRequestItem:
    r, asked, approver, answer = request, request.emergency, request.approved_by, request.answer
    return EmergencyRequestItem(
        emergency_pk(r.request_id),
        EMERGENCY_SK,
        request_id=r.request_id,
        case_id=r.case_id,
        org=r.org,
        platform=r.platform,
        accounts=identifiers_json(r.accounts),
        emergency_kind=asked.kind.value,
        description=asked.description,
        why_without_delay=asked.why_without_delay,
        categories={category.value for category in asked.categories},
        data_detail=asked.data_detail,
        how_it_helps=asked.how_it_helps,
        requested_by_issuer=r.requested_by.issuer,
        requested_by_subject=r.requested_by.subject,
        requested_by_name=r.requested_by.name,
        requested_at=r.requested_at,
        status=r.status.value,
        approved_by_issuer=approver.issuer if approver else None,
        approved_by_subject=approver.subject if approver else None,
        approved_by_name=approver.name if approver else None,
        decided_at=r.decided_at,
        rejected_because=r.rejected_because,
        acknowledged_at=r.acknowledged_at,
        acknowledged_by=r.acknowledged_by,
        outcome=answer.outcome.value if answer else None,
        answered_at=answer.answered_at if answer else None,
        answered_by=answer.answered_by if answer else None,
        reason=answer.reason if answer else None,
        file_ids=list(answer.file_ids) if answer and answer.file_ids else None,
        alerts=r.alerts,
        process_due_at=r.process_due_at,
        process_reminded_at=r.process_reminded_at,
        followed_by=r.followed_by,
        version=r.version,
        **emergency_keys(r),
    )


def emergency_record(item: EmergencyRequestItem) -> emergency.EmergencyRequest:
    answer = None
    if item.outcome is not None:
        answer = emergency.EmergencyAnswer(
            outcome=emergency.Disclosure(item.outcome),
            answered_at=item.answered_at,
            answered_by=item.answered_by or "",
            reason=item.reason,
            file_ids=tuple(str(file_id) for file_id in item.file_ids or ()),
        )
    approver = None
    if item.approved_by_subject is not None:
        approver = emergency.Officer(item.approved_by_issuer or "", item.approved_by_subject, item.approved_by_name)
    return emergency.EmergencyRequest(
        request_id=item.request_id,
        case_id=item.case_id,
        org=item.org,
        platform=item.platform,
        accounts=identifiers_from_json(item.accounts),
        emergency=emergency.Emergency(
            kind=emergency.EmergencyKind(item.emergency_kind),
            description=item.description,
            why_without_delay=item.why_without_delay,
            categories=tuple(
                sorted((legal.RecordCategory(c) for c in item.categories), key=list(legal.RecordCategory).index)
            ),
            data_detail=item.data_detail,
            how_it_helps=item.how_it_helps,
        ),
        requested_by=emergency.Officer(item.requested_by_issuer, item.requested_by_subject, item.requested_by_name),
        requested_at=item.requested_at,
        status=emergency.EmergencyStatus(item.status),
        approved_by=approver,
        decided_at=item.decided_at,
        rejected_because=item.rejected_because,
        acknowledged_at=item.acknowledged_at,
        acknowledged_by=item.acknowledged_by,
        answer=answer,
        alerts=int(item.alerts or 0),
        process_due_at=item.process_due_at,
        process_reminded_at=item.process_reminded_at,
        followed_by=item.followed_by,
        version=int(item.version),
    )


def file_item(file: EvidenceFile) -> FileItem:
    parent = file.case_id or file.tip_id or file.request_id
    assert parent is not None, "a file belongs to a case, a tip or a legal request"
    return FileItem(
        file_pk(file.file_id),
        FILE_SK,
        file_id=file.file_id,
        name=file.name,
        media_type=file.media_type,
        size=file.size,
        sha256=file.sha256,
        org=file.org,
        declared_by=file.declared_by,
        declared_at=file.declared_at,
        case_id=file.case_id,
        tip_id=file.tip_id,
        platform=file.platform,
        request_id=file.request_id,
        tlp=file.tlp.value if file.tlp else None,
        captured_at=file.captured_at,
        description=file.description,
        viewed_by_platform=file.viewed_by_platform,
        publicly_available=file.publicly_available,
        status=file.status.value,
        checked_at=file.checked_at,
        rejected_because=file.rejected_because,
        object_version=file.object_version,
        malware_scan=file.scan.value,
        scanned_at=file.scanned_at,
        scanned_version=file.scanned_version,
        awaits_scan=file.awaits_scan,
        purpose=file.purpose.value,
        served_with=set(file.served_with) or None,
        version=file.version,
        **file_index_keys(file.file_id, parent),
    )


def file_record(item: FileItem) -> EvidenceFile:
    return EvidenceFile(
        file_id=item.file_id,
        name=item.name,
        media_type=item.media_type,
        size=int(item.size),
        sha256=item.sha256,
        org=item.org,
        declared_by=item.declared_by,
        declared_at=item.declared_at,
        case_id=item.case_id,
        tip_id=item.tip_id,
        platform=item.platform,
        request_id=item.request_id,
        tlp=Tlp(item.tlp) if item.tlp else None,
        captured_at=item.captured_at,
        description=item.description,
        viewed_by_platform=item.viewed_by_platform,
        publicly_available=item.publicly_available,
        status=FileStatus(item.status),
        checked_at=item.checked_at,
        rejected_because=item.rejected_because,
        object_version=item.object_version,
        scan=ScanResult(item.malware_scan),
        scanned_at=item.scanned_at,
        scanned_version=item.scanned_version,
        awaits_scan=bool(item.awaits_scan),
        purpose=FilePurpose(item.purpose) if item.purpose else FilePurpose.EVIDENCE,
        served_with=frozenset(item.served_with or ()),
        version=int(item.version),
    )


def timer_item(timer: Timer, now: datetime) -> TimerItem:
    return TimerItem(
        timers_pk(filed_under(timer, now)),
        timer_sk(timer.due_at, timer.kind.value, timer.subject_id),
        timer_kind=timer.kind.value,
        due_at=timer.due_at,
        subject_id=timer.subject_id,
        case_id=timer.case_id,
        expires_at=timer.expires_at,
    )


def timer_record(item: TimerItem) -> Timer:
    return Timer(
        kind=TimerKind(item.timer_kind),
        due_at=item.due_at,
        subject_id=item.subject_id,
        case_id=item.case_id,
        expires_at=item.expires_at,
    )


def alert_item(alert: ProbeAlert) -> ProbeAlertItem:
    return ProbeAlertItem(
        alerts_pk(alert.org),
        alert.alert_id,
        alert_id=alert.alert_id,
        org=alert.org,
        by_org=alert.by_org,
        probe=alert.kind,
        window=alert.window,
        answers=alert.count,
        at=alert.at,
    )


def alert_record(item: ProbeAlertItem) -> ProbeAlert:
    return ProbeAlert(item.alert_id, item.org, item.by_org, item.probe, item.window, int(item.answers), item.at)


#: How each kind of item the stream carries becomes its domain record. Items that only
#: copy or index another (list entries, grid cells, claims, counters, timers) are absent:
#: their changes set nothing off.
_DECODERS: dict[type[Item], Callable[[Any], Any]] = {
    AuditItem: audit_record,
    CaseItem: case_record,
    NoteItem: note_record,
    ReferralItem: referral_record,
    IdentifierItem: identifier_record,
    HitItem: hit_record,
    ProbeAlertItem: alert_record,
    OperationItem: operation_record,
    ConflictItem: conflict_record,
    TipItem: tip_record,
    PreservationItem: preservation_record,
    FileItem: file_record,
    LegalRequestItem: legal_record,
    EmergencyRequestItem: emergency_record,
    OrganisationItem: lambda item: _organisation_record(item),
}


def _organisation_record(item: Any) -> Any:
    # Imported here: `storage.organisations` imports `storage.dynamo`, which imports this module.
    from chalicelib.storage.organisations import organisation_record

    return organisation_record(item)


def from_image(image: dict[str, Any] | None) -> Any:
    """The domain record a stream image holds, or None (no image, or an item of no interest)."""
    if not image or "kind" not in image:
        return None
    item = Item.from_raw_data(image)
    decode = _DECODERS.get(type(item))
    return decode(item) if decode else None
