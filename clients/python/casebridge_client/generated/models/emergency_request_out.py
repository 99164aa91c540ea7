from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assurance import Assurance
from ..models.emergency_status import EmergencyStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.emergency_answer_out import EmergencyAnswerOut
    from ..models.emergency_out import EmergencyOut
    from ..models.identifier_value import IdentifierValue
    from ..models.officer_out import OfficerOut
    from ..models.requester_out import RequesterOut


T = TypeVar("T", bound="EmergencyRequestOut")


@_attrs_define
class EmergencyRequestOut:
    """The request as its platform's 24/7 desk verifies it: who asked and who approved, as the
    agency's identity provider asserted them, and the agency's registered line to call back.

        Attributes:
            request_id (str):
            platform (str):
            requester (str):
            accounts (list[IdentifierValue]):
            emergency (EmergencyOut):
            requested_by (OfficerOut): A person as their agency's identity provider asserted them (the token's `iss`, `sub`,
                `name`).
            requested_at (datetime.datetime):
            status (EmergencyStatus):
            approved_by (None | OfficerOut):
            decided_at (datetime.datetime | None): When it was approved (and reached the platform) or rejected
            rejected_because (None | str):
            verification_line (None | str): The requesting agency's 24/7 line from the organisation registry (never from the
                request)
            acknowledged_at (datetime.datetime | None):
            answer (EmergencyAnswerOut | None):
            acknowledge_by (datetime.datetime | None): When the acknowledgement is due (the stage's SLA)
            legal_process_due_at (datetime.datetime | None): After a disclosure: when legal process should follow
            followed_by (None | str): The legal request that followed the disclosure
            case_id (None | str | Unset):
            requester_id (None | str | Unset): The officer who asked (`GET /v1/requesters/{id}`)
            requester_assurance (Assurance | None | Unset): How strongly the officer had signed in
            requester_standing (None | RequesterOut | Unset): The officer as the registry knows them now (on a read of one
                request)
            approver_id (None | str | Unset): The supervisor who approved it
            approver_assurance (Assurance | None | Unset): How strongly the supervisor had signed in
            approver_standing (None | RequesterOut | Unset): The supervisor as the registry knows them now (on a read of one
                request)
    """

    request_id: str
    platform: str
    requester: str
    accounts: list[IdentifierValue]
    emergency: EmergencyOut
    requested_by: OfficerOut
    requested_at: datetime.datetime
    status: EmergencyStatus
    approved_by: None | OfficerOut
    decided_at: datetime.datetime | None
    rejected_because: None | str
    verification_line: None | str
    acknowledged_at: datetime.datetime | None
    answer: EmergencyAnswerOut | None
    acknowledge_by: datetime.datetime | None
    legal_process_due_at: datetime.datetime | None
    followed_by: None | str
    case_id: None | str | Unset = UNSET
    requester_id: None | str | Unset = UNSET
    requester_assurance: Assurance | None | Unset = UNSET
    requester_standing: None | RequesterOut | Unset = UNSET
    approver_id: None | str | Unset = UNSET
    approver_assurance: Assurance | None | Unset = UNSET
    approver_standing: None | RequesterOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.emergency_answer_out import EmergencyAnswerOut
        from ..models.officer_out import OfficerOut
        from ..models.requester_out import RequesterOut

        request_id = self.request_id

        platform = self.platform

        requester = self.requester

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        emergency = self.emergency.to_dict()

        requested_by = self.requested_by.to_dict()

        requested_at = self.requested_at.isoformat()

        status = self.status.value

        approved_by: dict[str, Any] | None
        if isinstance(self.approved_by, OfficerOut):
            approved_by = self.approved_by.to_dict()
        else:
            approved_by = self.approved_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        rejected_because: None | str
        rejected_because = self.rejected_because

        verification_line: None | str
        verification_line = self.verification_line

        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        answer: dict[str, Any] | None
        if isinstance(self.answer, EmergencyAnswerOut):
            answer = self.answer.to_dict()
        else:
            answer = self.answer

        acknowledge_by: None | str
        if isinstance(self.acknowledge_by, datetime.datetime):
            acknowledge_by = self.acknowledge_by.isoformat()
        else:
            acknowledge_by = self.acknowledge_by

        legal_process_due_at: None | str
        if isinstance(self.legal_process_due_at, datetime.datetime):
            legal_process_due_at = self.legal_process_due_at.isoformat()
        else:
            legal_process_due_at = self.legal_process_due_at

        followed_by: None | str
        followed_by = self.followed_by

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        requester_id: None | str | Unset
        if isinstance(self.requester_id, Unset):
            requester_id = UNSET
        else:
            requester_id = self.requester_id

        requester_assurance: None | str | Unset
        if isinstance(self.requester_assurance, Unset):
            requester_assurance = UNSET
        elif isinstance(self.requester_assurance, Assurance):
            requester_assurance = self.requester_assurance.value
        else:
            requester_assurance = self.requester_assurance

        requester_standing: dict[str, Any] | None | Unset
        if isinstance(self.requester_standing, Unset):
            requester_standing = UNSET
        elif isinstance(self.requester_standing, RequesterOut):
            requester_standing = self.requester_standing.to_dict()
        else:
            requester_standing = self.requester_standing

        approver_id: None | str | Unset
        if isinstance(self.approver_id, Unset):
            approver_id = UNSET
        else:
            approver_id = self.approver_id

        approver_assurance: None | str | Unset
        if isinstance(self.approver_assurance, Unset):
            approver_assurance = UNSET
        elif isinstance(self.approver_assurance, Assurance):
            approver_assurance = self.approver_assurance.value
        else:
            approver_assurance = self.approver_assurance

        approver_standing: dict[str, Any] | None | Unset
        if isinstance(self.approver_standing, Unset):
            approver_standing = UNSET
        elif isinstance(self.approver_standing, RequesterOut):
            approver_standing = self.approver_standing.to_dict()
        else:
            approver_standing = self.approver_standing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "platform": platform,
                "requester": requester,
                "accounts": accounts,
                "emergency": emergency,
                "requested_by": requested_by,
                "requested_at": requested_at,
                "status": status,
                "approved_by": approved_by,
                "decided_at": decided_at,
                "rejected_because": rejected_because,
                "verification_line": verification_line,
                "acknowledged_at": acknowledged_at,
                "answer": answer,
                "acknowledge_by": acknowledge_by,
                "legal_process_due_at": legal_process_due_at,
                "followed_by": followed_by,
            }
        )
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if requester_id is not UNSET:
            field_dict["requester_id"] = requester_id
        if requester_assurance is not UNSET:
            field_dict["requester_assurance"] = requester_assurance
        if requester_standing is not UNSET:
            field_dict["requester_standing"] = requester_standing
        if approver_id is not UNSET:
            field_dict["approver_id"] = approver_id
        if approver_assurance is not UNSET:
            field_dict["approver_assurance"] = approver_assurance
        if approver_standing is not UNSET:
            field_dict["approver_standing"] = approver_standing

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.emergency_answer_out import EmergencyAnswerOut
        from ..models.emergency_out import EmergencyOut
        from ..models.identifier_value import IdentifierValue
        from ..models.officer_out import OfficerOut
        from ..models.requester_out import RequesterOut

        d = dict(src_dict)
        request_id = d.pop("request_id")

        platform = d.pop("platform")

        requester = d.pop("requester")

        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = IdentifierValue.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        emergency = EmergencyOut.from_dict(d.pop("emergency"))

        requested_by = OfficerOut.from_dict(d.pop("requested_by"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        status = EmergencyStatus(d.pop("status"))

        def _parse_approved_by(data: object) -> None | OfficerOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                approved_by_type_0 = OfficerOut.from_dict(data)

                return approved_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OfficerOut, data)

        approved_by = _parse_approved_by(d.pop("approved_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_rejected_because(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rejected_because = _parse_rejected_because(d.pop("rejected_because"))

        def _parse_verification_line(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        verification_line = _parse_verification_line(d.pop("verification_line"))

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        def _parse_answer(data: object) -> EmergencyAnswerOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answer_type_0 = EmergencyAnswerOut.from_dict(data)

                return answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmergencyAnswerOut | None, data)

        answer = _parse_answer(d.pop("answer"))

        def _parse_acknowledge_by(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledge_by_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledge_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledge_by = _parse_acknowledge_by(d.pop("acknowledge_by"))

        def _parse_legal_process_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                legal_process_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return legal_process_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        legal_process_due_at = _parse_legal_process_due_at(
            d.pop("legal_process_due_at")
        )

        def _parse_followed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        followed_by = _parse_followed_by(d.pop("followed_by"))

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        def _parse_requester_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        requester_id = _parse_requester_id(d.pop("requester_id", UNSET))

        def _parse_requester_assurance(data: object) -> Assurance | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                requester_assurance_type_0 = Assurance(data)

                return requester_assurance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Assurance | None | Unset, data)

        requester_assurance = _parse_requester_assurance(
            d.pop("requester_assurance", UNSET)
        )

        def _parse_requester_standing(data: object) -> None | RequesterOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                requester_standing_type_0 = RequesterOut.from_dict(data)

                return requester_standing_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequesterOut | Unset, data)

        requester_standing = _parse_requester_standing(
            d.pop("requester_standing", UNSET)
        )

        def _parse_approver_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        approver_id = _parse_approver_id(d.pop("approver_id", UNSET))

        def _parse_approver_assurance(data: object) -> Assurance | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approver_assurance_type_0 = Assurance(data)

                return approver_assurance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Assurance | None | Unset, data)

        approver_assurance = _parse_approver_assurance(
            d.pop("approver_assurance", UNSET)
        )

        def _parse_approver_standing(data: object) -> None | RequesterOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                approver_standing_type_0 = RequesterOut.from_dict(data)

                return approver_standing_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequesterOut | Unset, data)

        approver_standing = _parse_approver_standing(d.pop("approver_standing", UNSET))

        emergency_request_out = cls(
            request_id=request_id,
            platform=platform,
            requester=requester,
            accounts=accounts,
            emergency=emergency,
            requested_by=requested_by,
            requested_at=requested_at,
            status=status,
            approved_by=approved_by,
            decided_at=decided_at,
            rejected_because=rejected_because,
            verification_line=verification_line,
            acknowledged_at=acknowledged_at,
            answer=answer,
            acknowledge_by=acknowledge_by,
            legal_process_due_at=legal_process_due_at,
            followed_by=followed_by,
            case_id=case_id,
            requester_id=requester_id,
            requester_assurance=requester_assurance,
            requester_standing=requester_standing,
            approver_id=approver_id,
            approver_assurance=approver_assurance,
            approver_standing=approver_standing,
        )

        emergency_request_out.additional_properties = d
        return emergency_request_out

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
