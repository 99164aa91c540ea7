"""Domain records as response models."""

from __future__ import annotations

from chalicelib.api import models
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, Note
from chalicelib.domain.referrals import Decision, Referral
from chalicelib.storage.contracts import CaseSummary


def case(record: Case) -> models.CaseOut:
    return models.CaseOut(
        case_id=record.case_id,
        title=record.title,
        summary=record.summary,
        substances=list(record.substances),
        platforms=list(record.platforms),
        jurisdiction=record.jurisdiction,
        contact=models.Contact(name=record.contact.name, phone=record.contact.phone, email=record.contact.email),
        tlp=record.tlp,
        status=record.status,
        owner=record.owner,
        participants=sorted(record.participants),
        pending_referrals_to=sorted(record.pending_referrals_to),
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
        created_by=record.created_by,
    )


def etag(version: int) -> str:
    return f'"v{version}"'


def summary(record: CaseSummary) -> models.CaseSummaryOut:
    return models.CaseSummaryOut(
        case_id=record.case_id,
        title=record.title,
        status=record.status,  # type: ignore[arg-type]
        tlp=record.tlp,  # type: ignore[arg-type]
        owner=record.owner,
        role=record.role,
        updated_at=record.updated_at,
    )


def note(record: Note) -> models.NoteOut:
    return models.NoteOut(
        note_id=record.note_id,
        case_id=record.case_id,
        text=record.text,
        author_org=record.author_org,
        author_subject=record.author_subject,
        author_name=record.author_name,
        created_at=record.created_at,
    )


def referral(record: Referral, case_title: str | None = None, tlp: str | None = None) -> models.ReferralOut:
    return models.ReferralOut(
        referral_id=record.referral_id,
        case_id=record.case_id,
        case_title=case_title,
        tlp=tlp,  # type: ignore[arg-type]
        from_org=record.from_org,
        to_org=record.to_org,
        reason=record.reason,
        priority=record.priority,
        respond_by=record.respond_by,
        status=record.status,
        created_at=record.created_at,
        created_by=record.created_by,
        decided_at=record.decided_at,
        decided_by=record.decided_by,
        decline_reason=record.decline_reason,
    )


def decision(record: Decision) -> models.DecisionOut:
    return models.DecisionOut(
        referral_id=record.referral_id,
        case_id=record.case_id,
        to_org=record.to_org,
        status=record.status,
        decided_at=record.at,
        decided_by=record.subject,
        decline_reason=record.decline_reason,
    )


def audit(record: AuditRecord) -> models.AuditOut:
    return models.AuditOut(
        audit_id=record.audit_id,
        at=record.at,
        component=record.component,
        event=record.event,
        subject=record.subject,
        org=record.org,
        outcome=record.outcome.value,
        resource_id=record.resource_id,
        reason=record.reason,
        request_id=record.request_id,
    )
