"""Domain records as response models."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.api import models
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, Note
from chalicelib.domain.deconfliction import HeldIdentifier, Hit, HitRecord, Related
from chalicelib.domain.emergency import EmergencyRequest
from chalicelib.domain.identifiers import QUALIFIER_FIELD, Identifier
from chalicelib.domain.legal import LegalRequest
from chalicelib.domain.operations import ConflictRecord, Operation
from chalicelib.domain.preservations import Preservation
from chalicelib.domain.referrals import Decision, Referral
from chalicelib.domain.tips import Tip
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
        withdraw_reason=record.withdraw_reason,
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


def tip_status(record: Tip, disclose_routing: bool) -> models.TipStatusOut:
    """The reporting platform's view: its reference, the status, and the agency if disclosed."""
    return models.TipStatusOut(
        tip_id=record.tip_id,
        platform_reference=record.platform_reference,
        status=record.status.platform_view,  # type: ignore[arg-type]
        received_at=record.received_at,
        routed_to=record.routed_to if disclose_routing else None,
    )


def tip_summary(record: Tip) -> models.TipSummaryOut:
    return models.TipSummaryOut(**_tip_fields(record))


def tip(record: Tip) -> models.TipOut:
    return models.TipOut(
        **_tip_fields(record),
        report=record.report,
        identifiers=[identifier_value(identifier) for identifier in record.identifiers],
        rerouted_from=list(record.rerouted_from),
        decided_at=record.decided_at,
        dismiss_reason=record.dismiss_reason,
    )


def _tip_fields(record: Tip) -> dict[str, Any]:
    route = record.route
    return {
        "tip_id": record.tip_id,
        "platform": record.platform,
        "platform_reference": record.platform_reference,
        "category": record.category,
        "status": record.status,
        "received_at": record.received_at,
        "routed_at": record.routed_at,
        "escalate": record.escalate,
        "minors_involved": record.minors_involved,
        "route": models.RouteOut(rule=route.rule, reason=route.reason, matched_case_id=route.matched_case_id)
        if route
        else None,
        "case_id": record.case_id,
    }


def preservation(record: Preservation, *, for_agency: bool) -> models.PreservationOut:
    """The platform sees the accounts and whom to call; only agencies see the case id."""
    return models.PreservationOut(
        preservation_id=record.preservation_id,
        platform=record.platform,
        requester=record.org,
        contact=record.contact,  # type: ignore[arg-type]
        accounts=[identifier_value(account) for account in record.accounts],
        requested_at=record.requested_at,
        expires_at=record.expires_at,
        extended=record.extended,
        status=record.status,
        platform_reference=record.platform_reference,
        acknowledged_at=record.acknowledged_at,
        legal_request_ids=list(record.legal_request_ids),
        case_id=record.case_id if for_agency else None,
    )


def legal_request(record: LegalRequest, *, for_agency: bool) -> models.LegalRequestOut:
    """The platform sees the process, the accounts and whom to call; only agencies see the case id."""
    given = record.answer
    return models.LegalRequestOut(
        request_id=record.request_id,
        platform=record.platform,
        requester=record.org,
        kind=record.kind,
        accounts=[identifier_value(account) for account in record.accounts],
        categories=list(record.categories),
        date_range=models.DateRange.model_construct(from_=record.date_from, to=record.date_to),
        authority=models.AuthorityOut.model_validate(record.authority),
        contact=record.contact,  # type: ignore[arg-type]
        sent_at=record.sent_at,
        due_at=record.due_at,
        document_file_id=record.document_file_id,
        preservation_id=record.preservation_id,
        nondisclosure_until=record.nondisclosure_until,
        nondisclosure_order_file_id=record.nondisclosure_order_file_id,
        emergency_id=record.emergency_id,
        status=record.status,
        platform_reference=record.platform_reference,
        acknowledged_at=record.acknowledged_at,
        answer=models.AnswerOut.model_validate(given) if given else None,
        withdrawn_at=record.withdrawn_at,
        withdrawn_because=record.withdrawn_because,
        overdue_at=record.overdue_at,
        warnings=record.warnings if for_agency else [],
        case_id=record.case_id if for_agency else None,
    )


def emergency_request(
    record: EmergencyRequest, *, for_agency: bool, verification_line: str | None, sla: timedelta
) -> models.EmergencyRequestOut:
    """The platform sees the emergency, both officers and the agency's registered line; only agencies see the case id."""
    asked, given = record.emergency, record.answer
    return models.EmergencyRequestOut(
        request_id=record.request_id,
        platform=record.platform,
        requester=record.org,
        accounts=[identifier_value(account) for account in record.accounts],
        emergency=models.EmergencyOut(
            kind=asked.kind,
            description=asked.description,
            why_without_delay=asked.why_without_delay,
            data_needed=models.DataNeededOut(categories=list(asked.categories), detail=asked.data_detail),
            how_it_helps=asked.how_it_helps,
        ),
        requested_by=models.OfficerOut.model_validate(record.requested_by),
        requested_at=record.requested_at,
        status=record.status,
        approved_by=models.OfficerOut.model_validate(record.approved_by) if record.approved_by else None,
        decided_at=record.decided_at,
        rejected_because=record.rejected_because,
        verification_line=verification_line,
        acknowledged_at=record.acknowledged_at,
        answer=models.EmergencyAnswerOut.model_validate(given) if given else None,
        acknowledge_by=record.decided_at + sla if record.sent and record.decided_at else None,
        legal_process_due_at=record.process_due_at,
        followed_by=record.followed_by,
        case_id=record.case_id if for_agency else None,
    )
