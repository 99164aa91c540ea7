"""Domain records as response models."""

from __future__ import annotations

from chalicelib.api import models
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, Note
from chalicelib.domain.referrals import Decision, Referral
from chalicelib.storage.contracts import CaseSummary


def case(record: Case) -> models.CaseOut:
    return models.CaseOut.model_validate(record)


def etag(version: int) -> str:
    return f'"v{version}"'


def summary(record: CaseSummary) -> models.CaseSummaryOut:
    return models.CaseSummaryOut.model_validate(record)


def note(record: Note) -> models.NoteOut:
    return models.NoteOut.model_validate(record)


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
    return models.AuditOut.model_validate(record)
