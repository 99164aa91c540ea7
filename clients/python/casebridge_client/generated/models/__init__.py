"""Contains all the data models used in inputs/outputs.

Each model's module is imported when the model is first named (PEP 562's module `__getattr__`),
so that a program using a few operations (the `casebridge` command) imports those operations'
models, not all of them. Written from `clients/python/templates/models_init.py.jinja`.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .acknowledge_legal_request import AcknowledgeLegalRequest
    from .acknowledge_preservation import AcknowledgePreservation
    from .answer_emergency_request import AnswerEmergencyRequest
    from .answer_legal_request import AnswerLegalRequest
    from .answer_out import AnswerOut
    from .area_in import AreaIn
    from .ask_waiver import AskWaiver
    from .assurance import Assurance
    from .audit_list import AuditList
    from .audit_out import AuditOut
    from .authority_in import AuthorityIn
    from .authority_out import AuthorityOut
    from .case_change_out import CaseChangeOut
    from .case_create import CaseCreate
    from .case_list import CaseList
    from .case_out import CaseOut
    from .case_status import CaseStatus
    from .case_summary_out import CaseSummaryOut
    from .case_update import CaseUpdate
    from .clash_out import ClashOut
    from .conflict_list import ConflictList
    from .conflict_out import ConflictOut
    from .conflict_outcome import ConflictOutcome
    from .conflict_side_out import ConflictSideOut
    from .conflict_state import ConflictState
    from .conflict_step_out import ConflictStepOut
    from .contact import Contact
    from .contact_in import ContactIn
    from .content_in import ContentIn
    from .custody_out import CustodyOut
    from .data_needed_in import DataNeededIn
    from .data_needed_out import DataNeededOut
    from .date_range import DateRange
    from .decision_out import DecisionOut
    from .decline_referral import DeclineReferral
    from .delivery import Delivery
    from .delivery_change import DeliveryChange
    from .delivery_in import DeliveryIn
    from .delivery_out import DeliveryOut
    from .directory_entry_out import DirectoryEntryOut
    from .directory_list import DirectoryList
    from .disclosure import Disclosure
    from .dismiss_tip import DismissTip
    from .emergency_answer_out import EmergencyAnswerOut
    from .emergency_in import EmergencyIn
    from .emergency_kind import EmergencyKind
    from .emergency_out import EmergencyOut
    from .emergency_request_create import EmergencyRequestCreate
    from .emergency_request_list import EmergencyRequestList
    from .emergency_request_out import EmergencyRequestOut
    from .emergency_status import EmergencyStatus
    from .empty import Empty
    from .estimated_location_in import EstimatedLocationIn
    from .event_detail import EventDetail
    from .event_detail_links import EventDetailLinks
    from .event_detail_organisations import EventDetailOrganisations
    from .event_feed import EventFeed
    from .extend_nondisclosure import ExtendNondisclosure
    from .feed_event import FeedEvent
    from .field_error import FieldError
    from .file_declare import FileDeclare
    from .file_declared import FileDeclared
    from .file_list import FileList
    from .file_out import FileOut
    from .file_purpose import FilePurpose
    from .file_status import FileStatus
    from .fraud_report_in import FraudReportIn
    from .fraud_report_out import FraudReportOut
    from .hand_over import HandOver
    from .health_response_200 import HealthResponse200
    from .hit_list import HitList
    from .hit_out import HitOut
    from .hit_reason import HitReason
    from .hit_record_out import HitRecordOut
    from .identifier_batch import IdentifierBatch
    from .identifier_in import IdentifierIn
    from .identifier_list import IdentifierList
    from .identifier_out import IdentifierOut
    from .identifier_type import IdentifierType
    from .identifier_value import IdentifierValue
    from .identifiers_added import IdentifiersAdded
    from .identity_provider_in import IdentityProviderIn
    from .identity_provider_in_jwks_type_0 import IdentityProviderInJwksType0
    from .identity_provider_in_jwks_type_0_keys_item import (
        IdentityProviderInJwksType0KeysItem,
    )
    from .identity_provider_in_mfa_type_0 import IdentityProviderInMfaType0
    from .identity_provider_out import IdentityProviderOut
    from .identity_provider_out_mfa_type_0 import IdentityProviderOutMfaType0
    from .identity_providers_change import IdentityProvidersChange
    from .ip_capture_in import IpCaptureIn
    from .ip_capture_in_event import IpCaptureInEvent
    from .jurisdiction_in import JurisdictionIn
    from .jurisdiction_out import JurisdictionOut
    from .legal_kind import LegalKind
    from .legal_request_create import LegalRequestCreate
    from .legal_request_list import LegalRequestList
    from .legal_request_out import LegalRequestOut
    from .legal_status import LegalStatus
    from .link_tip import LinkTip
    from .list_referrals_box import ListReferralsBox
    from .location_in import LocationIn
    from .location_out import LocationOut
    from .matches_out import MatchesOut
    from .no_body import NoBody
    from .note_create import NoteCreate
    from .note_list import NoteList
    from .note_out import NoteOut
    from .officer_out import OfficerOut
    from .operation_checked import OperationChecked
    from .operation_create import OperationCreate
    from .operation_kind import OperationKind
    from .operation_list import OperationList
    from .operation_out import OperationOut
    from .operation_status import OperationStatus
    from .operation_update import OperationUpdate
    from .org_kind import OrgKind
    from .org_status import OrgStatus
    from .organisation_create import OrganisationCreate
    from .organisation_out import OrganisationOut
    from .outcome import Outcome
    from .parcel_in import ParcelIn
    from .pending_change_out import PendingChangeOut
    from .pending_entries import PendingEntries
    from .person_create import PersonCreate
    from .person_list import PersonList
    from .person_out import PersonOut
    from .person_role import PersonRole
    from .person_status import PersonStatus
    from .person_status_change import PersonStatusChange
    from .person_update import PersonUpdate
    from .preservation_create import PreservationCreate
    from .preservation_list import PreservationList
    from .preservation_out import PreservationOut
    from .preservation_status import PreservationStatus
    from .preserved_account_in import PreservedAccountIn
    from .priority import Priority
    from .problem import Problem
    from .production_file_declare import ProductionFileDeclare
    from .promote_tip import PromoteTip
    from .record_category import RecordCategory
    from .referral_create import ReferralCreate
    from .referral_list import ReferralList
    from .referral_out import ReferralOut
    from .referral_status import ReferralStatus
    from .refusal import Refusal
    from .registry_action import RegistryAction
    from .registry_change import RegistryChange
    from .registry_refusal import RegistryRefusal
    from .registry_refusal_out import RegistryRefusalOut
    from .registry_refusal_out_refused import RegistryRefusalOutRefused
    from .reject_emergency_request import RejectEmergencyRequest
    from .rejection_code import RejectionCode
    from .related_out import RelatedOut
    from .report_out import ReportOut
    from .report_period_out import ReportPeriodOut
    from .report_row_out import ReportRowOut
    from .report_row_out_labels import ReportRowOutLabels
    from .report_section_out import ReportSectionOut
    from .reported_account_in import ReportedAccountIn
    from .requester_organisation_out import RequesterOrganisationOut
    from .requester_out import RequesterOut
    from .reroute_tip import RerouteTip
    from .resolve_conflict import ResolveConflict
    from .route_out import RouteOut
    from .scan_result import ScanResult
    from .service_in import ServiceIn
    from .service_kind import ServiceKind
    from .service_out import ServiceOut
    from .shown import Shown
    from .substance import Substance
    from .tip_batch import TipBatch
    from .tip_batch_item import TipBatchItem
    from .tip_batch_item_result import TipBatchItemResult
    from .tip_batch_result import TipBatchResult
    from .tip_category import TipCategory
    from .tip_file_declare import TipFileDeclare
    from .tip_in import TipIn
    from .tip_list import TipList
    from .tip_out import TipOut
    from .tip_receipt import TipReceipt
    from .tip_receipt_result import TipReceiptResult
    from .tip_status import TipStatus
    from .tip_status_out import TipStatusOut
    from .tip_status_out_status import TipStatusOutStatus
    from .tip_summary_out import TipSummaryOut
    from .tip_triaged import TipTriaged
    from .tlp import Tlp
    from .unauthorized import Unauthorized
    from .upload_out import UploadOut
    from .upload_out_headers import UploadOutHeaders
    from .waiver_out import WaiverOut
    from .watch_change import WatchChange
    from .watch_in import WatchIn
    from .watch_out import WatchOut
    from .watched_conflict_list import WatchedConflictList
    from .watched_conflict_out import WatchedConflictOut
    from .withdraw_legal_request import WithdrawLegalRequest

#: Each model's name, and the module of this package that defines it.
_MODULES = {
    "AcknowledgeLegalRequest": ".acknowledge_legal_request",
    "AcknowledgePreservation": ".acknowledge_preservation",
    "AnswerEmergencyRequest": ".answer_emergency_request",
    "AnswerLegalRequest": ".answer_legal_request",
    "AnswerOut": ".answer_out",
    "AreaIn": ".area_in",
    "AskWaiver": ".ask_waiver",
    "Assurance": ".assurance",
    "AuditList": ".audit_list",
    "AuditOut": ".audit_out",
    "AuthorityIn": ".authority_in",
    "AuthorityOut": ".authority_out",
    "CaseChangeOut": ".case_change_out",
    "CaseCreate": ".case_create",
    "CaseList": ".case_list",
    "CaseOut": ".case_out",
    "CaseStatus": ".case_status",
    "CaseSummaryOut": ".case_summary_out",
    "CaseUpdate": ".case_update",
    "ClashOut": ".clash_out",
    "ConflictList": ".conflict_list",
    "ConflictOut": ".conflict_out",
    "ConflictOutcome": ".conflict_outcome",
    "ConflictSideOut": ".conflict_side_out",
    "ConflictState": ".conflict_state",
    "ConflictStepOut": ".conflict_step_out",
    "Contact": ".contact",
    "ContactIn": ".contact_in",
    "ContentIn": ".content_in",
    "CustodyOut": ".custody_out",
    "DataNeededIn": ".data_needed_in",
    "DataNeededOut": ".data_needed_out",
    "DateRange": ".date_range",
    "DecisionOut": ".decision_out",
    "DeclineReferral": ".decline_referral",
    "Delivery": ".delivery",
    "DeliveryChange": ".delivery_change",
    "DeliveryIn": ".delivery_in",
    "DeliveryOut": ".delivery_out",
    "DirectoryEntryOut": ".directory_entry_out",
    "DirectoryList": ".directory_list",
    "Disclosure": ".disclosure",
    "DismissTip": ".dismiss_tip",
    "EmergencyAnswerOut": ".emergency_answer_out",
    "EmergencyIn": ".emergency_in",
    "EmergencyKind": ".emergency_kind",
    "EmergencyOut": ".emergency_out",
    "EmergencyRequestCreate": ".emergency_request_create",
    "EmergencyRequestList": ".emergency_request_list",
    "EmergencyRequestOut": ".emergency_request_out",
    "EmergencyStatus": ".emergency_status",
    "Empty": ".empty",
    "EstimatedLocationIn": ".estimated_location_in",
    "EventDetail": ".event_detail",
    "EventDetailLinks": ".event_detail_links",
    "EventDetailOrganisations": ".event_detail_organisations",
    "EventFeed": ".event_feed",
    "ExtendNondisclosure": ".extend_nondisclosure",
    "FeedEvent": ".feed_event",
    "FieldError": ".field_error",
    "FileDeclare": ".file_declare",
    "FileDeclared": ".file_declared",
    "FileList": ".file_list",
    "FileOut": ".file_out",
    "FilePurpose": ".file_purpose",
    "FileStatus": ".file_status",
    "FraudReportIn": ".fraud_report_in",
    "FraudReportOut": ".fraud_report_out",
    "HandOver": ".hand_over",
    "HealthResponse200": ".health_response_200",
    "HitList": ".hit_list",
    "HitOut": ".hit_out",
    "HitReason": ".hit_reason",
    "HitRecordOut": ".hit_record_out",
    "IdentifierBatch": ".identifier_batch",
    "IdentifierIn": ".identifier_in",
    "IdentifierList": ".identifier_list",
    "IdentifierOut": ".identifier_out",
    "IdentifierType": ".identifier_type",
    "IdentifierValue": ".identifier_value",
    "IdentifiersAdded": ".identifiers_added",
    "IdentityProviderIn": ".identity_provider_in",
    "IdentityProviderInJwksType0": ".identity_provider_in_jwks_type_0",
    "IdentityProviderInJwksType0KeysItem": ".identity_provider_in_jwks_type_0_keys_item",
    "IdentityProviderInMfaType0": ".identity_provider_in_mfa_type_0",
    "IdentityProviderOut": ".identity_provider_out",
    "IdentityProviderOutMfaType0": ".identity_provider_out_mfa_type_0",
    "IdentityProvidersChange": ".identity_providers_change",
    "IpCaptureIn": ".ip_capture_in",
    "IpCaptureInEvent": ".ip_capture_in_event",
    "JurisdictionIn": ".jurisdiction_in",
    "JurisdictionOut": ".jurisdiction_out",
    "LegalKind": ".legal_kind",
    "LegalRequestCreate": ".legal_request_create",
    "LegalRequestList": ".legal_request_list",
    "LegalRequestOut": ".legal_request_out",
    "LegalStatus": ".legal_status",
    "LinkTip": ".link_tip",
    "ListReferralsBox": ".list_referrals_box",
    "LocationIn": ".location_in",
    "LocationOut": ".location_out",
    "MatchesOut": ".matches_out",
    "NoBody": ".no_body",
    "NoteCreate": ".note_create",
    "NoteList": ".note_list",
    "NoteOut": ".note_out",
    "OfficerOut": ".officer_out",
    "OperationChecked": ".operation_checked",
    "OperationCreate": ".operation_create",
    "OperationKind": ".operation_kind",
    "OperationList": ".operation_list",
    "OperationOut": ".operation_out",
    "OperationStatus": ".operation_status",
    "OperationUpdate": ".operation_update",
    "OrgKind": ".org_kind",
    "OrgStatus": ".org_status",
    "OrganisationCreate": ".organisation_create",
    "OrganisationOut": ".organisation_out",
    "Outcome": ".outcome",
    "ParcelIn": ".parcel_in",
    "PendingChangeOut": ".pending_change_out",
    "PendingEntries": ".pending_entries",
    "PersonCreate": ".person_create",
    "PersonList": ".person_list",
    "PersonOut": ".person_out",
    "PersonRole": ".person_role",
    "PersonStatus": ".person_status",
    "PersonStatusChange": ".person_status_change",
    "PersonUpdate": ".person_update",
    "PreservationCreate": ".preservation_create",
    "PreservationList": ".preservation_list",
    "PreservationOut": ".preservation_out",
    "PreservationStatus": ".preservation_status",
    "PreservedAccountIn": ".preserved_account_in",
    "Priority": ".priority",
    "Problem": ".problem",
    "ProductionFileDeclare": ".production_file_declare",
    "PromoteTip": ".promote_tip",
    "RecordCategory": ".record_category",
    "ReferralCreate": ".referral_create",
    "ReferralList": ".referral_list",
    "ReferralOut": ".referral_out",
    "ReferralStatus": ".referral_status",
    "Refusal": ".refusal",
    "RegistryAction": ".registry_action",
    "RegistryChange": ".registry_change",
    "RegistryRefusal": ".registry_refusal",
    "RegistryRefusalOut": ".registry_refusal_out",
    "RegistryRefusalOutRefused": ".registry_refusal_out_refused",
    "RejectEmergencyRequest": ".reject_emergency_request",
    "RejectionCode": ".rejection_code",
    "RelatedOut": ".related_out",
    "ReportOut": ".report_out",
    "ReportPeriodOut": ".report_period_out",
    "ReportRowOut": ".report_row_out",
    "ReportRowOutLabels": ".report_row_out_labels",
    "ReportSectionOut": ".report_section_out",
    "ReportedAccountIn": ".reported_account_in",
    "RequesterOrganisationOut": ".requester_organisation_out",
    "RequesterOut": ".requester_out",
    "RerouteTip": ".reroute_tip",
    "ResolveConflict": ".resolve_conflict",
    "RouteOut": ".route_out",
    "ScanResult": ".scan_result",
    "ServiceIn": ".service_in",
    "ServiceKind": ".service_kind",
    "ServiceOut": ".service_out",
    "Shown": ".shown",
    "Substance": ".substance",
    "TipBatch": ".tip_batch",
    "TipBatchItem": ".tip_batch_item",
    "TipBatchItemResult": ".tip_batch_item_result",
    "TipBatchResult": ".tip_batch_result",
    "TipCategory": ".tip_category",
    "TipFileDeclare": ".tip_file_declare",
    "TipIn": ".tip_in",
    "TipList": ".tip_list",
    "TipOut": ".tip_out",
    "TipReceipt": ".tip_receipt",
    "TipReceiptResult": ".tip_receipt_result",
    "TipStatus": ".tip_status",
    "TipStatusOut": ".tip_status_out",
    "TipStatusOutStatus": ".tip_status_out_status",
    "TipSummaryOut": ".tip_summary_out",
    "TipTriaged": ".tip_triaged",
    "Tlp": ".tlp",
    "Unauthorized": ".unauthorized",
    "UploadOut": ".upload_out",
    "UploadOutHeaders": ".upload_out_headers",
    "WaiverOut": ".waiver_out",
    "WatchChange": ".watch_change",
    "WatchIn": ".watch_in",
    "WatchOut": ".watch_out",
    "WatchedConflictList": ".watched_conflict_list",
    "WatchedConflictOut": ".watched_conflict_out",
    "WithdrawLegalRequest": ".withdraw_legal_request",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = getattr(import_module(module, __name__), name)
    globals()[name] = found
    return found


__all__ = (
    "AcknowledgeLegalRequest",
    "AcknowledgePreservation",
    "AnswerEmergencyRequest",
    "AnswerLegalRequest",
    "AnswerOut",
    "AreaIn",
    "AskWaiver",
    "Assurance",
    "AuditList",
    "AuditOut",
    "AuthorityIn",
    "AuthorityOut",
    "CaseChangeOut",
    "CaseCreate",
    "CaseList",
    "CaseOut",
    "CaseStatus",
    "CaseSummaryOut",
    "CaseUpdate",
    "ClashOut",
    "ConflictList",
    "ConflictOut",
    "ConflictOutcome",
    "ConflictSideOut",
    "ConflictState",
    "ConflictStepOut",
    "Contact",
    "ContactIn",
    "ContentIn",
    "CustodyOut",
    "DataNeededIn",
    "DataNeededOut",
    "DateRange",
    "DecisionOut",
    "DeclineReferral",
    "Delivery",
    "DeliveryChange",
    "DeliveryIn",
    "DeliveryOut",
    "DirectoryEntryOut",
    "DirectoryList",
    "Disclosure",
    "DismissTip",
    "EmergencyAnswerOut",
    "EmergencyIn",
    "EmergencyKind",
    "EmergencyOut",
    "EmergencyRequestCreate",
    "EmergencyRequestList",
    "EmergencyRequestOut",
    "EmergencyStatus",
    "Empty",
    "EstimatedLocationIn",
    "EventDetail",
    "EventDetailLinks",
    "EventDetailOrganisations",
    "EventFeed",
    "ExtendNondisclosure",
    "FeedEvent",
    "FieldError",
    "FileDeclare",
    "FileDeclared",
    "FileList",
    "FileOut",
    "FilePurpose",
    "FileStatus",
    "FraudReportIn",
    "FraudReportOut",
    "HandOver",
    "HealthResponse200",
    "HitList",
    "HitOut",
    "HitReason",
    "HitRecordOut",
    "IdentifierBatch",
    "IdentifierIn",
    "IdentifierList",
    "IdentifierOut",
    "IdentifierType",
    "IdentifierValue",
    "IdentifiersAdded",
    "IdentityProviderIn",
    "IdentityProviderInJwksType0",
    "IdentityProviderInJwksType0KeysItem",
    "IdentityProviderInMfaType0",
    "IdentityProviderOut",
    "IdentityProviderOutMfaType0",
    "IdentityProvidersChange",
    "IpCaptureIn",
    "IpCaptureInEvent",
    "JurisdictionIn",
    "JurisdictionOut",
    "LegalKind",
    "LegalRequestCreate",
    "LegalRequestList",
    "LegalRequestOut",
    "LegalStatus",
    "LinkTip",
    "ListReferralsBox",
    "LocationIn",
    "LocationOut",
    "MatchesOut",
    "NoBody",
    "NoteCreate",
    "NoteList",
    "NoteOut",
    "OfficerOut",
    "OperationChecked",
    "OperationCreate",
    "OperationKind",
    "OperationList",
    "OperationOut",
    "OperationStatus",
    "OperationUpdate",
    "OrgKind",
    "OrgStatus",
    "OrganisationCreate",
    "OrganisationOut",
    "Outcome",
    "ParcelIn",
    "PendingChangeOut",
    "PendingEntries",
    "PersonCreate",
    "PersonList",
    "PersonOut",
    "PersonRole",
    "PersonStatus",
    "PersonStatusChange",
    "PersonUpdate",
    "PreservationCreate",
    "PreservationList",
    "PreservationOut",
    "PreservationStatus",
    "PreservedAccountIn",
    "Priority",
    "Problem",
    "ProductionFileDeclare",
    "PromoteTip",
    "RecordCategory",
    "ReferralCreate",
    "ReferralList",
    "ReferralOut",
    "ReferralStatus",
    "Refusal",
    "RegistryAction",
    "RegistryChange",
    "RegistryRefusal",
    "RegistryRefusalOut",
    "RegistryRefusalOutRefused",
    "RejectEmergencyRequest",
    "RejectionCode",
    "RelatedOut",
    "ReportOut",
    "ReportPeriodOut",
    "ReportRowOut",
    "ReportRowOutLabels",
    "ReportSectionOut",
    "ReportedAccountIn",
    "RequesterOrganisationOut",
    "RequesterOut",
    "RerouteTip",
    "ResolveConflict",
    "RouteOut",
    "ScanResult",
    "ServiceIn",
    "ServiceKind",
    "ServiceOut",
    "Shown",
    "Substance",
    "TipBatch",
    "TipBatchItem",
    "TipBatchItemResult",
    "TipBatchResult",
    "TipCategory",
    "TipFileDeclare",
    "TipIn",
    "TipList",
    "TipOut",
    "TipReceipt",
    "TipReceiptResult",
    "TipStatus",
    "TipStatusOut",
    "TipStatusOutStatus",
    "TipSummaryOut",
    "TipTriaged",
    "Tlp",
    "Unauthorized",
    "UploadOut",
    "UploadOutHeaders",
    "WaiverOut",
    "WatchChange",
    "WatchIn",
    "WatchOut",
    "WatchedConflictList",
    "WatchedConflictOut",
    "WithdrawLegalRequest",
)
