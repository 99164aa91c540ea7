"""A 1:1 response view is declared from its record (`Out(shows=…, hides=…)`), not copied from it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime

from chalicelib.api import models
from chalicelib.api.models.common import SHOWN, Out
from chalicelib.domain.people import FraudReport


@dataclass(frozen=True)
class Sighting:
    where: str
    at: datetime
    by: str
    note: str | None = None
    tags: tuple[str, ...] = ()


class SightingOut(Out, shows=Sighting, hides=("by",)):
    note: str | None  # shown always, null when unset


del SHOWN[SightingOut]  # an example of this file's, not a view the API serves


def test_a_view_shows_its_records_fields_in_their_order_but_those_it_hides():
    assert list(SightingOut.model_fields) == ["where", "at", "note", "tags"]
    assert SightingOut.model_fields["tags"].default == ()


def test_a_field_the_view_annotates_itself_keeps_its_own_type_and_default():
    assert SightingOut.model_fields["note"].is_required()
    assert "note" in SightingOut.model_json_schema()["required"]


def test_a_view_reads_its_record_and_leaves_out_what_it_hides():
    at = datetime(2026, 5, 1, tzinfo=UTC)
    shown = SightingOut.model_validate(Sighting("Reno", at, "officer-7", tags=("parcel",))).model_dump(mode="json")
    assert shown == {"where": "Reno", "at": "2026-05-01T00:00:00Z", "note": None, "tags": ["parcel"]}


def test_a_fraud_report_shows_every_field_but_who_reported_it():
    shown = [one.name for one in fields(FraudReport) if one.name != "reported_by"]
    assert list(models.FraudReportOut.model_fields) == shown


#: What each view declared from its record shows, and who reads it. `shows=` gives a view every
#: field its record gains, without an edit: here that becomes a decision. A field added to
#: `Officer` would reach every platform an emergency request is sent to; this test fails until it
#: is written below (shown, knowingly) or put in the view's `hides=`.
PINNED = {
    # Read by the platform a request is addressed to.
    models.IdentifierValue: ("type", "value", "platform", "chain", "carrier", "service"),
    models.OfficerOut: ("issuer", "subject", "name"),
    models.AuthorityOut: ("reference", "issued_by", "issued_at"),
    models.AnswerOut: ("outcome", "answered_at", "reason_code", "detail", "file_ids"),
    models.EmergencyAnswerOut: ("outcome", "answered_at", "reason", "file_ids"),
    models.Contact: ("name", "phone", "email"),
    models.FraudReportOut: ("person_id", "org", "platform", "request_id", "reason", "reported_at"),
    # Read by agencies, watch centers, administrators and the operator.
    models.AuditOut: (
        "audit_id",
        "at",
        "component",
        "event",
        "subject",
        "org",
        "outcome",
        "resource_id",
        "reason",
        "request_id",
        "identity",
        "claimed_subject",
        "claimed_org",
        "source_ip",
        "user_agent",
        "blind_tokens",
        "sha256",
    ),
    models.ConflictOut: ("conflict_id", "at", "operation_id", "case_id", "other_org", "other_contact"),
    models.ConflictStepOut: ("at", "step", "org", "detail"),
    models.WaiverOut: ("org", "reason", "asked_by_name", "asked_at", "concurred_by_name", "concurred_at"),
    models.RouteOut: ("rule", "reason", "matched_case_id"),
    models.LocationOut: ("lat", "lon", "radius_m"),
    models.JurisdictionOut: ("state", "county", "tribe"),
    models.ServiceOut: ("code", "kind"),
    models.DeliveryOut: ("webhook", "event_bus_arn", "queue_arn"),
}


def unpinned(pinned: dict[type, tuple[str, ...]]) -> list[str]:
    """What the views declared from their records show that `pinned` does not say, one line each."""
    said = [f"{view.__name__} is declared from its record: pin what it shows" for view in SHOWN if view not in pinned]
    return said + [
        f"{view.__name__} shows {tuple(view.model_fields)}, pinned {fields_}: pin the new field, or hide it"
        for view, fields_ in pinned.items()
        if tuple(view.model_fields) != fields_
    ]


def test_every_view_declared_from_its_record_shows_exactly_what_is_pinned_here():
    assert unpinned(PINNED) == []


def test_a_field_its_record_gains_fails_the_pin_until_it_is_shown_or_hidden():
    @dataclass(frozen=True)
    class Sighted(Sighting):
        home_address: str | None = None

    class SightedOut(Out, shows=Sighted, hides=("by",)): ...

    try:
        pinned = {**PINNED, SightedOut: ("where", "at", "note", "tags")}
        assert unpinned(pinned) == [
            "SightedOut shows ('where', 'at', 'note', 'tags', 'home_address'), pinned ('where', 'at', 'note', "
            "'tags'): pin the new field, or hide it"
        ]
        assert unpinned(PINNED) == ["SightedOut is declared from its record: pin what it shows"]
    finally:
        del SHOWN[SightedOut]
