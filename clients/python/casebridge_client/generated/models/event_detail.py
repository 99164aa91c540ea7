from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_detail_links import EventDetailLinks
    from ..models.event_detail_organisations import EventDetailOrganisations


T = TypeVar("T", bound="EventDetail")


@_attrs_define
class EventDetail:
    """An event's `detail`, as on the bus: references, never content. Which fields an event
    carries depends on its detail-type (`events/schemas/<detail-type>.json` says exactly).

        Attributes:
            id (str): De-duplicate on this: delivery is at least once
            occurred_at (datetime.datetime):
            organisations (EventDetailOrganisations):
            recipients (list[str]):
            links (EventDetailLinks): Where to fetch what changed, through the API
            case_id (None | str | Unset):
            tlp (None | str | Unset):
            urgent (bool | None | Unset):
            kind (None | str | Unset):
            reason (None | str | Unset):
            priority (None | str | Unset):
            outcome (None | str | Unset):
            rule (None | str | Unset):
            alert (None | str | Unset):
            answers (None | str | Unset):
            note_id (None | str | Unset):
            referral_id (None | str | Unset):
            identifier_id (None | str | Unset):
            hit_id (None | str | Unset):
            operation_id (None | str | Unset):
            conflict_id (None | str | Unset):
            alert_id (None | str | Unset):
            tip_id (None | str | Unset):
            preservation_id (None | str | Unset):
            file_id (None | str | Unset):
            request_id (None | str | Unset):
            emergency_id (None | str | Unset):
            window_start (datetime.datetime | None | Unset):
            expires_at (datetime.datetime | None | Unset):
            due_at (datetime.datetime | None | Unset):
            nondisclosure_until (datetime.datetime | None | Unset):
    """

    id: str
    occurred_at: datetime.datetime
    organisations: EventDetailOrganisations
    recipients: list[str]
    links: EventDetailLinks
    case_id: None | str | Unset = UNSET
    tlp: None | str | Unset = UNSET
    urgent: bool | None | Unset = UNSET
    kind: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    priority: None | str | Unset = UNSET
    outcome: None | str | Unset = UNSET
    rule: None | str | Unset = UNSET
    alert: None | str | Unset = UNSET
    answers: None | str | Unset = UNSET
    note_id: None | str | Unset = UNSET
    referral_id: None | str | Unset = UNSET
    identifier_id: None | str | Unset = UNSET
    hit_id: None | str | Unset = UNSET
    operation_id: None | str | Unset = UNSET
    conflict_id: None | str | Unset = UNSET
    alert_id: None | str | Unset = UNSET
    tip_id: None | str | Unset = UNSET
    preservation_id: None | str | Unset = UNSET
    file_id: None | str | Unset = UNSET
    request_id: None | str | Unset = UNSET
    emergency_id: None | str | Unset = UNSET
    window_start: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    due_at: datetime.datetime | None | Unset = UNSET
    nondisclosure_until: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        occurred_at = self.occurred_at.isoformat()

        organisations = self.organisations.to_dict()

        recipients = self.recipients

        links = self.links.to_dict()

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        tlp: None | str | Unset
        if isinstance(self.tlp, Unset):
            tlp = UNSET
        else:
            tlp = self.tlp

        urgent: bool | None | Unset
        if isinstance(self.urgent, Unset):
            urgent = UNSET
        else:
            urgent = self.urgent

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        else:
            outcome = self.outcome

        rule: None | str | Unset
        if isinstance(self.rule, Unset):
            rule = UNSET
        else:
            rule = self.rule

        alert: None | str | Unset
        if isinstance(self.alert, Unset):
            alert = UNSET
        else:
            alert = self.alert

        answers: None | str | Unset
        if isinstance(self.answers, Unset):
            answers = UNSET
        else:
            answers = self.answers

        note_id: None | str | Unset
        if isinstance(self.note_id, Unset):
            note_id = UNSET
        else:
            note_id = self.note_id

        referral_id: None | str | Unset
        if isinstance(self.referral_id, Unset):
            referral_id = UNSET
        else:
            referral_id = self.referral_id

        identifier_id: None | str | Unset
        if isinstance(self.identifier_id, Unset):
            identifier_id = UNSET
        else:
            identifier_id = self.identifier_id

        hit_id: None | str | Unset
        if isinstance(self.hit_id, Unset):
            hit_id = UNSET
        else:
            hit_id = self.hit_id

        operation_id: None | str | Unset
        if isinstance(self.operation_id, Unset):
            operation_id = UNSET
        else:
            operation_id = self.operation_id

        conflict_id: None | str | Unset
        if isinstance(self.conflict_id, Unset):
            conflict_id = UNSET
        else:
            conflict_id = self.conflict_id

        alert_id: None | str | Unset
        if isinstance(self.alert_id, Unset):
            alert_id = UNSET
        else:
            alert_id = self.alert_id

        tip_id: None | str | Unset
        if isinstance(self.tip_id, Unset):
            tip_id = UNSET
        else:
            tip_id = self.tip_id

        preservation_id: None | str | Unset
        if isinstance(self.preservation_id, Unset):
            preservation_id = UNSET
        else:
            preservation_id = self.preservation_id

        file_id: None | str | Unset
        if isinstance(self.file_id, Unset):
            file_id = UNSET
        else:
            file_id = self.file_id

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        emergency_id: None | str | Unset
        if isinstance(self.emergency_id, Unset):
            emergency_id = UNSET
        else:
            emergency_id = self.emergency_id

        window_start: None | str | Unset
        if isinstance(self.window_start, Unset):
            window_start = UNSET
        elif isinstance(self.window_start, datetime.datetime):
            window_start = self.window_start.isoformat()
        else:
            window_start = self.window_start

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        due_at: None | str | Unset
        if isinstance(self.due_at, Unset):
            due_at = UNSET
        elif isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        nondisclosure_until: None | str | Unset
        if isinstance(self.nondisclosure_until, Unset):
            nondisclosure_until = UNSET
        elif isinstance(self.nondisclosure_until, datetime.datetime):
            nondisclosure_until = self.nondisclosure_until.isoformat()
        else:
            nondisclosure_until = self.nondisclosure_until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "occurred_at": occurred_at,
                "organisations": organisations,
                "recipients": recipients,
                "links": links,
            }
        )
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if tlp is not UNSET:
            field_dict["tlp"] = tlp
        if urgent is not UNSET:
            field_dict["urgent"] = urgent
        if kind is not UNSET:
            field_dict["kind"] = kind
        if reason is not UNSET:
            field_dict["reason"] = reason
        if priority is not UNSET:
            field_dict["priority"] = priority
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if rule is not UNSET:
            field_dict["rule"] = rule
        if alert is not UNSET:
            field_dict["alert"] = alert
        if answers is not UNSET:
            field_dict["answers"] = answers
        if note_id is not UNSET:
            field_dict["note_id"] = note_id
        if referral_id is not UNSET:
            field_dict["referral_id"] = referral_id
        if identifier_id is not UNSET:
            field_dict["identifier_id"] = identifier_id
        if hit_id is not UNSET:
            field_dict["hit_id"] = hit_id
        if operation_id is not UNSET:
            field_dict["operation_id"] = operation_id
        if conflict_id is not UNSET:
            field_dict["conflict_id"] = conflict_id
        if alert_id is not UNSET:
            field_dict["alert_id"] = alert_id
        if tip_id is not UNSET:
            field_dict["tip_id"] = tip_id
        if preservation_id is not UNSET:
            field_dict["preservation_id"] = preservation_id
        if file_id is not UNSET:
            field_dict["file_id"] = file_id
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if emergency_id is not UNSET:
            field_dict["emergency_id"] = emergency_id
        if window_start is not UNSET:
            field_dict["window_start"] = window_start
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if due_at is not UNSET:
            field_dict["due_at"] = due_at
        if nondisclosure_until is not UNSET:
            field_dict["nondisclosure_until"] = nondisclosure_until

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_detail_links import EventDetailLinks
        from ..models.event_detail_organisations import EventDetailOrganisations

        d = dict(src_dict)
        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        organisations = EventDetailOrganisations.from_dict(d.pop("organisations"))

        recipients = cast(list[str], d.pop("recipients"))

        links = EventDetailLinks.from_dict(d.pop("links"))

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        def _parse_tlp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tlp = _parse_tlp(d.pop("tlp", UNSET))

        def _parse_urgent(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        urgent = _parse_urgent(d.pop("urgent", UNSET))

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_priority(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))

        def _parse_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule = _parse_rule(d.pop("rule", UNSET))

        def _parse_alert(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alert = _parse_alert(d.pop("alert", UNSET))

        def _parse_answers(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        answers = _parse_answers(d.pop("answers", UNSET))

        def _parse_note_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note_id = _parse_note_id(d.pop("note_id", UNSET))

        def _parse_referral_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referral_id = _parse_referral_id(d.pop("referral_id", UNSET))

        def _parse_identifier_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identifier_id = _parse_identifier_id(d.pop("identifier_id", UNSET))

        def _parse_hit_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hit_id = _parse_hit_id(d.pop("hit_id", UNSET))

        def _parse_operation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        operation_id = _parse_operation_id(d.pop("operation_id", UNSET))

        def _parse_conflict_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conflict_id = _parse_conflict_id(d.pop("conflict_id", UNSET))

        def _parse_alert_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alert_id = _parse_alert_id(d.pop("alert_id", UNSET))

        def _parse_tip_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tip_id = _parse_tip_id(d.pop("tip_id", UNSET))

        def _parse_preservation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preservation_id = _parse_preservation_id(d.pop("preservation_id", UNSET))

        def _parse_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_id = _parse_file_id(d.pop("file_id", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        def _parse_emergency_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        emergency_id = _parse_emergency_id(d.pop("emergency_id", UNSET))

        def _parse_window_start(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                window_start_type_0 = datetime.datetime.fromisoformat(data)

                return window_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        window_start = _parse_window_start(d.pop("window_start", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_at = _parse_due_at(d.pop("due_at", UNSET))

        def _parse_nondisclosure_until(
            data: object,
        ) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                nondisclosure_until_type_0 = datetime.datetime.fromisoformat(data)

                return nondisclosure_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        nondisclosure_until = _parse_nondisclosure_until(
            d.pop("nondisclosure_until", UNSET)
        )

        event_detail = cls(
            id=id,
            occurred_at=occurred_at,
            organisations=organisations,
            recipients=recipients,
            links=links,
            case_id=case_id,
            tlp=tlp,
            urgent=urgent,
            kind=kind,
            reason=reason,
            priority=priority,
            outcome=outcome,
            rule=rule,
            alert=alert,
            answers=answers,
            note_id=note_id,
            referral_id=referral_id,
            identifier_id=identifier_id,
            hit_id=hit_id,
            operation_id=operation_id,
            conflict_id=conflict_id,
            alert_id=alert_id,
            tip_id=tip_id,
            preservation_id=preservation_id,
            file_id=file_id,
            request_id=request_id,
            emergency_id=emergency_id,
            window_start=window_start,
            expires_at=expires_at,
            due_at=due_at,
            nondisclosure_until=nondisclosure_until,
        )

        event_detail.additional_properties = d
        return event_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
