from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assurance import Assurance
from ..models.legal_kind import LegalKind
from ..models.legal_status import LegalStatus
from ..models.record_category import RecordCategory
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.answer_out import AnswerOut
    from ..models.authority_out import AuthorityOut
    from ..models.contact import Contact
    from ..models.date_range import DateRange
    from ..models.identifier_value import IdentifierValue
    from ..models.requester_out import RequesterOut


T = TypeVar("T", bound="LegalRequestOut")


@_attrs_define
class LegalRequestOut:
    """The process as served: the platform sees everything but the case.

    Attributes:
        request_id (str):
        platform (str):
        requester (str):
        kind (LegalKind):
        accounts (list[IdentifierValue]):
        categories (list[RecordCategory]):
        date_range (DateRange): The period the records asked for cover.
        authority (AuthorityOut):
        contact (Contact):
        sent_at (datetime.datetime):
        due_at (datetime.datetime):
        document_file_id (None | str): Downloadable by the platform served, through /v1/files
        preservation_id (None | str):
        nondisclosure_until (datetime.datetime | None):
        nondisclosure_order_file_id (None | str): The order that last extended the nondisclosure; downloadable by the
            platform served
        status (LegalStatus):
        platform_reference (None | str):
        acknowledged_at (datetime.datetime | None):
        answer (AnswerOut | None):
        withdrawn_at (datetime.datetime | None):
        withdrawn_because (None | str):
        overdue_at (datetime.datetime | None):
        emergency_id (None | str | Unset):
        warnings (list[str] | Unset): What the agency should act on, e.g. a preservation ending before the due date
        case_id (None | str | Unset):
        requester_id (None | str | Unset): The person who served it (`GET /v1/requesters/{id}`)
        requester_assurance (Assurance | None | Unset): How strongly they had signed in
        requester_standing (None | RequesterOut | Unset): Who served it, as the registry knows them now (on a read of
            one request)
    """

    request_id: str
    platform: str
    requester: str
    kind: LegalKind
    accounts: list[IdentifierValue]
    categories: list[RecordCategory]
    date_range: DateRange
    authority: AuthorityOut
    contact: Contact
    sent_at: datetime.datetime
    due_at: datetime.datetime
    document_file_id: None | str
    preservation_id: None | str
    nondisclosure_until: datetime.datetime | None
    nondisclosure_order_file_id: None | str
    status: LegalStatus
    platform_reference: None | str
    acknowledged_at: datetime.datetime | None
    answer: AnswerOut | None
    withdrawn_at: datetime.datetime | None
    withdrawn_because: None | str
    overdue_at: datetime.datetime | None
    emergency_id: None | str | Unset = UNSET
    warnings: list[str] | Unset = UNSET
    case_id: None | str | Unset = UNSET
    requester_id: None | str | Unset = UNSET
    requester_assurance: Assurance | None | Unset = UNSET
    requester_standing: None | RequesterOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.answer_out import AnswerOut
        from ..models.requester_out import RequesterOut

        request_id = self.request_id

        platform = self.platform

        requester = self.requester

        kind = self.kind.value

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.value
            categories.append(categories_item)

        date_range = self.date_range.to_dict()

        authority = self.authority.to_dict()

        contact = self.contact.to_dict()

        sent_at = self.sent_at.isoformat()

        due_at = self.due_at.isoformat()

        document_file_id: None | str
        document_file_id = self.document_file_id

        preservation_id: None | str
        preservation_id = self.preservation_id

        nondisclosure_until: None | str
        if isinstance(self.nondisclosure_until, datetime.datetime):
            nondisclosure_until = self.nondisclosure_until.isoformat()
        else:
            nondisclosure_until = self.nondisclosure_until

        nondisclosure_order_file_id: None | str
        nondisclosure_order_file_id = self.nondisclosure_order_file_id

        status = self.status.value

        platform_reference: None | str
        platform_reference = self.platform_reference

        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        answer: dict[str, Any] | None
        if isinstance(self.answer, AnswerOut):
            answer = self.answer.to_dict()
        else:
            answer = self.answer

        withdrawn_at: None | str
        if isinstance(self.withdrawn_at, datetime.datetime):
            withdrawn_at = self.withdrawn_at.isoformat()
        else:
            withdrawn_at = self.withdrawn_at

        withdrawn_because: None | str
        withdrawn_because = self.withdrawn_because

        overdue_at: None | str
        if isinstance(self.overdue_at, datetime.datetime):
            overdue_at = self.overdue_at.isoformat()
        else:
            overdue_at = self.overdue_at

        emergency_id: None | str | Unset
        if isinstance(self.emergency_id, Unset):
            emergency_id = UNSET
        else:
            emergency_id = self.emergency_id

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "platform": platform,
                "requester": requester,
                "kind": kind,
                "accounts": accounts,
                "categories": categories,
                "date_range": date_range,
                "authority": authority,
                "contact": contact,
                "sent_at": sent_at,
                "due_at": due_at,
                "document_file_id": document_file_id,
                "preservation_id": preservation_id,
                "nondisclosure_until": nondisclosure_until,
                "nondisclosure_order_file_id": nondisclosure_order_file_id,
                "status": status,
                "platform_reference": platform_reference,
                "acknowledged_at": acknowledged_at,
                "answer": answer,
                "withdrawn_at": withdrawn_at,
                "withdrawn_because": withdrawn_because,
                "overdue_at": overdue_at,
            }
        )
        if emergency_id is not UNSET:
            field_dict["emergency_id"] = emergency_id
        if warnings is not UNSET:
            field_dict["warnings"] = warnings
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if requester_id is not UNSET:
            field_dict["requester_id"] = requester_id
        if requester_assurance is not UNSET:
            field_dict["requester_assurance"] = requester_assurance
        if requester_standing is not UNSET:
            field_dict["requester_standing"] = requester_standing

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.answer_out import AnswerOut
        from ..models.authority_out import AuthorityOut
        from ..models.contact import Contact
        from ..models.date_range import DateRange
        from ..models.identifier_value import IdentifierValue
        from ..models.requester_out import RequesterOut

        d = dict(src_dict)
        request_id = d.pop("request_id")

        platform = d.pop("platform")

        requester = d.pop("requester")

        kind = LegalKind(d.pop("kind"))

        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = IdentifierValue.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = RecordCategory(categories_item_data)

            categories.append(categories_item)

        date_range = DateRange.from_dict(d.pop("date_range"))

        authority = AuthorityOut.from_dict(d.pop("authority"))

        contact = Contact.from_dict(d.pop("contact"))

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        def _parse_document_file_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        document_file_id = _parse_document_file_id(d.pop("document_file_id"))

        def _parse_preservation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        preservation_id = _parse_preservation_id(d.pop("preservation_id"))

        def _parse_nondisclosure_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                nondisclosure_until_type_0 = datetime.datetime.fromisoformat(data)

                return nondisclosure_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        nondisclosure_until = _parse_nondisclosure_until(d.pop("nondisclosure_until"))

        def _parse_nondisclosure_order_file_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nondisclosure_order_file_id = _parse_nondisclosure_order_file_id(
            d.pop("nondisclosure_order_file_id")
        )

        status = LegalStatus(d.pop("status"))

        def _parse_platform_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        platform_reference = _parse_platform_reference(d.pop("platform_reference"))

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

        def _parse_answer(data: object) -> AnswerOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answer_type_0 = AnswerOut.from_dict(data)

                return answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AnswerOut | None, data)

        answer = _parse_answer(d.pop("answer"))

        def _parse_withdrawn_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                withdrawn_at_type_0 = datetime.datetime.fromisoformat(data)

                return withdrawn_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        withdrawn_at = _parse_withdrawn_at(d.pop("withdrawn_at"))

        def _parse_withdrawn_because(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        withdrawn_because = _parse_withdrawn_because(d.pop("withdrawn_because"))

        def _parse_overdue_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overdue_at_type_0 = datetime.datetime.fromisoformat(data)

                return overdue_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        overdue_at = _parse_overdue_at(d.pop("overdue_at"))

        def _parse_emergency_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        emergency_id = _parse_emergency_id(d.pop("emergency_id", UNSET))

        warnings = cast(list[str], d.pop("warnings", UNSET))

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

        legal_request_out = cls(
            request_id=request_id,
            platform=platform,
            requester=requester,
            kind=kind,
            accounts=accounts,
            categories=categories,
            date_range=date_range,
            authority=authority,
            contact=contact,
            sent_at=sent_at,
            due_at=due_at,
            document_file_id=document_file_id,
            preservation_id=preservation_id,
            nondisclosure_until=nondisclosure_until,
            nondisclosure_order_file_id=nondisclosure_order_file_id,
            status=status,
            platform_reference=platform_reference,
            acknowledged_at=acknowledged_at,
            answer=answer,
            withdrawn_at=withdrawn_at,
            withdrawn_because=withdrawn_because,
            overdue_at=overdue_at,
            emergency_id=emergency_id,
            warnings=warnings,
            case_id=case_id,
            requester_id=requester_id,
            requester_assurance=requester_assurance,
            requester_standing=requester_standing,
        )

        legal_request_out.additional_properties = d
        return legal_request_out

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
