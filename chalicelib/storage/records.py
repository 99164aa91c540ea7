"""Translation between table items and domain records, in both directions."""

from __future__ import annotations

from chalicelib.domain.audit import AuditRecord, Outcome
from chalicelib.domain.cases import Case, CaseStatus, Contact, Note, Tlp
from chalicelib.domain.referrals import Priority, Referral, ReferralStatus
from chalicelib.storage.contracts import CaseSummary
from chalicelib.storage.table import (
    AUDIT_PREFIX,
    CASE_SK,
    NOTE_PREFIX,
    REFERRAL_PREFIX,
    AuditItem,
    CaseItem,
    ContactMap,
    MembershipItem,
    NoteItem,
    ReferralItem,
    box_pk,
    case_pk,
    cases_pk,
    org_pk,
    status_sk,
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
    )


def contact_map(contact: Contact) -> ContactMap:
    return ContactMap(name=contact.name, phone=contact.phone, email=contact.email)


def case_record(item: CaseItem) -> Case:
    contact = item.contact
    return Case(
        case_id=item.case_id,
        owner=item.owner,
        title=item.title,
        summary=item.summary,
        substances=tuple(str(value) for value in item.substances),
        platforms=tuple(str(value) for value in item.platforms),
        jurisdiction=item.jurisdiction,
        contact=Contact(name=contact.name, phone=contact.phone, email=contact.email),
        tlp=Tlp(item.tlp),
        status=CaseStatus(item.status),
        participants=frozenset(item.participants),
        pending_referrals_to=frozenset(item.pending_referrals_to or ()),
        version=int(item.version),
        created_at=item.created_at,
        updated_at=item.updated_at,
        created_by=item.created_by,
    )


def membership_item(case: Case, org: str) -> MembershipItem:
    return MembershipItem(
        org_pk(org),
        f"CASE#{case.case_id}",
        org=org,
        case_id=case.case_id,
        role="owner" if org == case.owner else "participant",
        owner=case.owner,
        title=case.title,
        status=case.status.value,
        tlp=case.tlp.value,
        case_version=case.version,
        updated_at=case.updated_at,
        gsi1pk=cases_pk(org),
        gsi1sk=status_sk(case.status.value, case.case_id),
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
        gsi1pk=box_pk(referral.to_org, "IN"),
        gsi1sk=status_sk(referral.status.value, referral.referral_id),
        gsi2pk=box_pk(referral.from_org, "OUT"),
        gsi2sk=status_sk(referral.status.value, referral.referral_id),
        gsi3pk=box_pk(referral.to_org, "IN"),
        gsi3sk=referral.referral_id,
        gsi4pk=box_pk(referral.from_org, "OUT"),
        gsi4sk=referral.referral_id,
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
        case_title=item.case_title,
        case_tlp=item.case_tlp,
    )


def audit_item(record: AuditRecord) -> AuditItem:
    pk = case_pk(record.case_id) if record.case_id else org_pk(record.org)
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
    )
