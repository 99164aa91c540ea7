from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conflict_outcome import ConflictOutcome
from ..models.conflict_state import ConflictState

if TYPE_CHECKING:
    from ..models.conflict_side_out import ConflictSideOut
    from ..models.conflict_step_out import ConflictStepOut
    from ..models.waiver_out import WaiverOut


T = TypeVar("T", bound="WatchedConflictOut")


@_attrs_define
class WatchedConflictOut:
    """
    Attributes:
        conflict_id (str):
        state (ConflictState):
        center (str): The watch center that owns the watch of it
        seen_by (None | str): The other watch center serving a side, which sees it
        first (ConflictSideOut): One side: its agency, operation kind, place, window and on-scene contact; never its
            case.
        second (ConflictSideOut): One side: its agency, operation kind, place, window and on-scene contact; never its
            case.
        detected_at (datetime.datetime):
        starts_at (datetime.datetime): The earlier start of the two operations
        owned_by (None | str): The person of the center who owns it
        owned_by_name (None | str):
        owned_at (datetime.datetime | None):
        outcome (ConflictOutcome | None):
        note (None | str):
        resolved_at (datetime.datetime | None):
        resolved_by_org (None | str):
        waiver (None | WaiverOut):
        unowned_alerts (int):
        history (list[ConflictStepOut]):
        version (int):
    """

    conflict_id: str
    state: ConflictState
    center: str
    seen_by: None | str
    first: ConflictSideOut
    second: ConflictSideOut
    detected_at: datetime.datetime
    starts_at: datetime.datetime
    owned_by: None | str
    owned_by_name: None | str
    owned_at: datetime.datetime | None
    outcome: ConflictOutcome | None
    note: None | str
    resolved_at: datetime.datetime | None
    resolved_by_org: None | str
    waiver: None | WaiverOut
    unowned_alerts: int
    history: list[ConflictStepOut]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.waiver_out import WaiverOut

        conflict_id = self.conflict_id

        state = self.state.value

        center = self.center

        seen_by: None | str
        seen_by = self.seen_by

        first = self.first.to_dict()

        second = self.second.to_dict()

        detected_at = self.detected_at.isoformat()

        starts_at = self.starts_at.isoformat()

        owned_by: None | str
        owned_by = self.owned_by

        owned_by_name: None | str
        owned_by_name = self.owned_by_name

        owned_at: None | str
        if isinstance(self.owned_at, datetime.datetime):
            owned_at = self.owned_at.isoformat()
        else:
            owned_at = self.owned_at

        outcome: None | str
        if isinstance(self.outcome, ConflictOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        note: None | str
        note = self.note

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        resolved_by_org: None | str
        resolved_by_org = self.resolved_by_org

        waiver: dict[str, Any] | None
        if isinstance(self.waiver, WaiverOut):
            waiver = self.waiver.to_dict()
        else:
            waiver = self.waiver

        unowned_alerts = self.unowned_alerts

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conflict_id": conflict_id,
                "state": state,
                "center": center,
                "seen_by": seen_by,
                "first": first,
                "second": second,
                "detected_at": detected_at,
                "starts_at": starts_at,
                "owned_by": owned_by,
                "owned_by_name": owned_by_name,
                "owned_at": owned_at,
                "outcome": outcome,
                "note": note,
                "resolved_at": resolved_at,
                "resolved_by_org": resolved_by_org,
                "waiver": waiver,
                "unowned_alerts": unowned_alerts,
                "history": history,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conflict_side_out import ConflictSideOut
        from ..models.conflict_step_out import ConflictStepOut
        from ..models.waiver_out import WaiverOut

        d = dict(src_dict)
        conflict_id = d.pop("conflict_id")

        state = ConflictState(d.pop("state"))

        center = d.pop("center")

        def _parse_seen_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seen_by = _parse_seen_by(d.pop("seen_by"))

        first = ConflictSideOut.from_dict(d.pop("first"))

        second = ConflictSideOut.from_dict(d.pop("second"))

        detected_at = datetime.datetime.fromisoformat(d.pop("detected_at"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        def _parse_owned_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owned_by = _parse_owned_by(d.pop("owned_by"))

        def _parse_owned_by_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owned_by_name = _parse_owned_by_name(d.pop("owned_by_name"))

        def _parse_owned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owned_at_type_0 = datetime.datetime.fromisoformat(data)

                return owned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        owned_at = _parse_owned_at(d.pop("owned_at"))

        def _parse_outcome(data: object) -> ConflictOutcome | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = ConflictOutcome(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConflictOutcome | None, data)

        outcome = _parse_outcome(d.pop("outcome"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        def _parse_resolved_by_org(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolved_by_org = _parse_resolved_by_org(d.pop("resolved_by_org"))

        def _parse_waiver(data: object) -> None | WaiverOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                waiver_type_0 = WaiverOut.from_dict(data)

                return waiver_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | WaiverOut, data)

        waiver = _parse_waiver(d.pop("waiver"))

        unowned_alerts = d.pop("unowned_alerts")

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = ConflictStepOut.from_dict(history_item_data)

            history.append(history_item)

        version = d.pop("version")

        watched_conflict_out = cls(
            conflict_id=conflict_id,
            state=state,
            center=center,
            seen_by=seen_by,
            first=first,
            second=second,
            detected_at=detected_at,
            starts_at=starts_at,
            owned_by=owned_by,
            owned_by_name=owned_by_name,
            owned_at=owned_at,
            outcome=outcome,
            note=note,
            resolved_at=resolved_at,
            resolved_by_org=resolved_by_org,
            waiver=waiver,
            unowned_alerts=unowned_alerts,
            history=history,
            version=version,
        )

        watched_conflict_out.additional_properties = d
        return watched_conflict_out

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
