"""A 1:1 response view is declared from its record (`Out(shows=…, hides=…)`), not copied from it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime

from chalicelib.api import models
from chalicelib.api.models.common import Out
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
