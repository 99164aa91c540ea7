"""Domain records as response models."""

from __future__ import annotations

from chalicelib.api import models
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, Note
from chalicelib.domain.deconfliction import HeldIdentifier, Hit, HitRecord, Related
from chalicelib.domain.identifiers import QUALIFIER_FIELD, Identifier
from chalicelib.domain.operations import ConflictRecord, Operation
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


def identifier_value(identifier: Identifier) -> models.IdentifierValue:
    qualifier_field = QUALIFIER_FIELD[identifier.type]
    qualifier = {qualifier_field: identifier.qualifier} if qualifier_field else {}
    return models.IdentifierValue(type=identifier.type, value=identifier.value, **qualifier)


def held_identifier(held: HeldIdentifier) -> models.IdentifierOut:
    return models.IdentifierOut(
        identifier_id=held.identifier_id,
        added_by_org=held.added_by_org,
        added_at=held.added_at,
        **identifier_value(held.identifier).model_dump(),
    )


def matches(hits: list[Hit], related: list[Related], truncated: bool) -> models.MatchesOut:
    return models.MatchesOut(
        hits=[
            models.HitOut(identifier=identifier_value(hit.identifier), org=hit.org, contact=hit.contact)  # type: ignore[arg-type]
            for hit in hits
        ],
        related_cases=[
            models.RelatedOut(identifier=identifier_value(one.identifier), case_id=one.case_id) for one in related
        ],
        truncated=truncated,
    )


def hit_record(record: HitRecord) -> models.HitRecordOut:
    return models.HitRecordOut(
        hit_id=record.hit_id,
        at=record.at,
        reason=record.reason,
        case_id=record.case_id,
        identifier=identifier_value(record.identifier) if record.identifier else None,
        other_org=record.other_org,
        other_contact=record.other_contact,  # type: ignore[arg-type]
    )


def operation(record: Operation) -> models.OperationOut:
    return models.OperationOut.model_validate(record)


def conflict(record: ConflictRecord) -> models.ConflictOut:
    return models.ConflictOut.model_validate(record)
