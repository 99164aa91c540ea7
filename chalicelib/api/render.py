"""Domain records as response models.

A view shows a record's fields under their own names (`_view`); a function here says only
what it shows otherwise: converted, renamed, computed, or kept from one side.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

from pydantic import BaseModel

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
from chalicelib.domain.watch import WatchedConflict
from chalicelib.services.people import Requester
from chalicelib.storage.contracts import CaseSummary

View = TypeVar("View", bound=BaseModel)


def _view(model: type[View], record: Any, **shown: Any) -> View:
    """`model` of `record`: each of its fields the record has under the same name, but those `shown`."""
    same = {name: getattr(record, name) for name in model.model_fields if name not in shown and hasattr(record, name)}
    return model.model_validate(same | shown)


def case(record: Case) -> models.CaseOut:
    return models.CaseOut.model_validate(record)


def etag(version: int) -> str:
    return f'"v{version}"'


def summary(record: CaseSummary) -> models.CaseSummaryOut:
    return models.CaseSummaryOut.model_validate(record)


def note(record: Note) -> models.NoteOut:
    return models.NoteOut.model_validate(record)


def referral(record: Referral, case_title: str | None = None, tlp: str | None = None) -> models.ReferralOut:
    return _view(models.ReferralOut, record, case_title=case_title, tlp=tlp)


def decision(record: Decision) -> models.DecisionOut:
    return _view(models.DecisionOut, record, decided_at=record.at, decided_by=record.subject)


def audit(record: AuditRecord) -> models.AuditOut:
    return models.AuditOut.model_validate(record)


def identifier_value(identifier: Identifier) -> models.IdentifierValue:
    qualifier_field = QUALIFIER_FIELD[identifier.type]
    qualifier = {qualifier_field: identifier.qualifier} if qualifier_field else {}
    return _view(models.IdentifierValue, identifier, **qualifier)


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
    return _view(
        models.HitRecordOut, record, identifier=identifier_value(record.identifier) if record.identifier else None
    )


def operation(record: Operation) -> models.OperationOut:
    return models.OperationOut.model_validate(record)


def conflict(record: ConflictRecord) -> models.ConflictOut:
    return models.ConflictOut.model_validate(record)


def watched_conflict(record: WatchedConflict, viewer: str) -> models.WatchedConflictOut:
    """A conflict as `viewer` sees it: no operation id (it names a case); a center sees both
    operations, an agency its own and, of the other, whom to call (as `Operation Conflict`)."""
    shown = models.WatchedConflictOut.model_validate(record)
    if viewer not in record.orgs:
        return shown
    hidden = dict.fromkeys(("kind", "location", "starts_at", "ends_at"))
    sides = {name: getattr(shown, name) for name in ("first", "second")}
    return shown.model_copy(
        update={name: side if side.org == viewer else side.model_copy(update=hidden) for name, side in sides.items()}
    )


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
    return _view(models.TipSummaryOut, record)


def tip(record: Tip) -> models.TipOut:
    return _view(models.TipOut, record, identifiers=[identifier_value(one) for one in record.identifiers])


def preservation(record: Preservation, *, for_agency: bool) -> models.PreservationOut:
    """The platform sees the accounts and whom to call; only agencies see the case id."""
    return _view(models.PreservationOut, record, **_served(record, for_agency))


def legal_request(
    record: LegalRequest, *, for_agency: bool, requester: models.RequesterOut | None = None
) -> models.LegalRequestOut:
    """The platform sees the process, the accounts and whom to call; only agencies see the case id."""
    return _view(
        models.LegalRequestOut,
        record,
        **_served(record, for_agency),
        date_range=models.DateRange.model_construct(from_=record.date_from, to=record.date_to),
        warnings=record.warnings if for_agency else [],
        requester_standing=requester,
    )


def emergency_request(
    record: EmergencyRequest,
    *,
    for_agency: bool,
    verification_line: str | None,
    sla: timedelta,
    requesters: tuple[models.RequesterOut | None, models.RequesterOut | None] = (None, None),
) -> models.EmergencyRequestOut:
    """The platform sees the emergency, both officers and the agency's registered line; only agencies see the case id."""
    asked = record.emergency
    return _view(
        models.EmergencyRequestOut,
        record,
        **_served(record, for_agency),
        emergency=_view(
            models.EmergencyOut,
            asked,
            data_needed=models.DataNeededOut(categories=list(asked.categories), detail=asked.data_detail),
        ),
        verification_line=verification_line,
        acknowledge_by=record.decided_at + sla if record.sent and record.decided_at else None,
        legal_process_due_at=record.process_due_at,
        requester_id=record.requested_by.person_id,
        approver_id=record.approved_by.person_id if record.approved_by is not None else None,
        requester_standing=requesters[0],
        approver_standing=requesters[1],
    )


def requester(found: Requester) -> models.RequesterOut:
    """A person as a platform sees them (`services.people.Requester`): the spray counts only
    where they were read."""
    person, org = found.person, found.organisation
    place = org.jurisdiction
    day, month = found.spray if found.spray is not None else (None, None)
    return models.RequesterOut(
        person_id=person.person_id,
        name=person.name,
        title=person.title,
        roles=list(person.roles),
        status=person.status,
        organisation=models.RequesterOrganisationOut(
            code=org.code,
            name=org.name,
            kind=org.kind,
            jurisdiction=models.JurisdictionOut.model_validate(place) if place else None,
        ),
        verified_at=person.verified_at,
        verified_by=person.verified_by_name,
        reverify_by=person.reverify_by,
        verification_line=org.verification_line,
        emergency_platforms_24h=day,
        emergency_platforms_30d=month,
        fraud_reports=found.fraud_reports,
    )


def _served(record: Preservation | LegalRequest | EmergencyRequest, for_agency: bool) -> dict[str, Any]:
    """What an agency serves on a platform shows both: who asked, for which accounts; the case, to agencies only."""
    return {
        "requester": record.org,
        "accounts": [identifier_value(account) for account in record.accounts],
        "case_id": record.case_id if for_agency else None,
    }
