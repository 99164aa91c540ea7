"""Legal process served on a platform through casebridge: a subpoena, a 2703(d) court order
or a search warrant (18 U.S.C. 2703), its acknowledgement, its answer, or its withdrawal.

The kind of process sets which records it may compel: subscriber records with any kind,
non-content records (logs, IP history, connection records) with a court order or a warrant,
content only with a warrant. A court order or a warrant is served with its signed document,
a file its own agency declared on the case for legal process; serving it shares that one
file with the platform, until the request is withdrawn.

A request follows or carries only what its own agency sent or declared (a preservation, an
emergency disclosure, a document): naming another agency's would show the platform two
agencies working one matter together, so it is answered as if that did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.cases import Case, Contact
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField, NotFound
from chalicelib.domain.files import FOR_LEGAL_PROCESS, EvidenceFile, FileStatus, producible
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.organisations import Organisation, Sending, addressed
from chalicelib.domain.people import Assurance
from chalicelib.domain.rules import Field, Rule

MAX_ACCOUNTS = 50
MAX_DETAIL = 4000
#: Files one answer may produce: each is a write of the answer's one transaction (of 100).
MAX_PRODUCED = 40


class LegalKind(StrEnum):
    SUBPOENA = "subpoena"
    COURT_ORDER = "court_order"
    SEARCH_WARRANT = "search_warrant"


class RecordCategory(StrEnum):
    #: Name, address, session times, length and types of service, identifiers, means of
    #: payment (2703(c)(2)): a subpoena reaches them.
    SUBSCRIBER = "subscriber"
    #: Other records: logs, IP history, connection records (2703(c)(1), a 2703(d) order).
    NON_CONTENT = "non_content"
    #: The contents of communications (2703(a), (b): a warrant).
    CONTENT = "content"


#: What each kind of process may compel (18 U.S.C. 2703).
ALLOWED: dict[LegalKind, frozenset[RecordCategory]] = {
    LegalKind.SUBPOENA: frozenset({RecordCategory.SUBSCRIBER}),
    LegalKind.COURT_ORDER: frozenset({RecordCategory.SUBSCRIBER, RecordCategory.NON_CONTENT}),
    LegalKind.SEARCH_WARRANT: frozenset(RecordCategory),
}
#: Why a category needs more than a kind: the least process that reaches it.
_NEEDS = {
    RecordCategory.NON_CONTENT: "a 2703(d) court order or a search warrant",
    RecordCategory.CONTENT: "a search warrant",
}
#: How long before a nondisclosure order ends the agency is told (time to seek an extension).
NONDISCLOSURE_WARNING = timedelta(days=14)
#: The kinds served with their signed document.
DOCUMENTED = frozenset({LegalKind.COURT_ORDER, LegalKind.SEARCH_WARRANT})
#: When an answer is due unless the request says: the stage may set its own (`Settings.legal_due_days`).
DEFAULT_DUE = {
    LegalKind.SUBPOENA: timedelta(days=30),
    LegalKind.COURT_ORDER: timedelta(days=30),
    LegalKind.SEARCH_WARRANT: timedelta(days=14),
}


class LegalStatus(StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


class Outcome(StrEnum):
    PRODUCED = "produced"
    PARTIALLY_PRODUCED = "partially_produced"
    REJECTED = "rejected"


class RejectionCode(StrEnum):
    INSUFFICIENT_PROCESS = "insufficient_process"
    NO_RECORDS = "no_records"
    ACCOUNT_NOT_FOUND = "account_not_found"
    OVERBROAD = "overbroad"
    OTHER = "other"


@dataclass(frozen=True)
class Authority:
    """The process itself: its docket or reference number, who issued it and when."""

    reference: str
    issued_by: str
    issued_at: datetime


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    answered_at: datetime
    answered_by: str
    reason_code: RejectionCode | None = None
    detail: str | None = None
    #: The production: files the platform uploaded to the request, which join the case.
    file_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Served:
    """What the agency serves: the process and what it asks for. A `LegalRequest` is this and
    what becomes of it."""

    kind: LegalKind
    accounts: tuple[Identifier, ...]
    categories: tuple[RecordCategory, ...]
    date_from: datetime
    date_to: datetime
    authority: Authority
    contact: Contact
    #: When the answer is due; served without one, a default period from its sending.
    due_at: datetime | None = None
    document_file_id: str | None = None
    preservation_id: str | None = None
    #: 18 U.S.C. 2705(b): the platform must not tell the account holder before then.
    nondisclosure_until: datetime | None = None
    #: The emergency request whose disclosure this process follows (2702(b)(8) then 2703).
    emergency_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class LegalRequest(Served):
    """Legal process as served (due by a date now), and what became of it."""

    request_id: str
    case_id: str
    org: str
    platform: str
    sent_at: datetime
    sent_by: str
    due_at: datetime
    #: The order that last extended the nondisclosure (served on the platform like the first document).
    nondisclosure_order_file_id: str | None = None
    status: LegalStatus = LegalStatus.SENT
    platform_reference: str | None = None
    acknowledged_at: datetime | None = None
    answer: Answer | None = None
    withdrawn_at: datetime | None = None
    withdrawn_because: str | None = None
    #: When its due date passed unanswered (the timer's news).
    overdue_at: datetime | None = None
    #: When the preservation it follows ran out, as it stood when the request was served.
    preservation_ends_at: datetime | None = None
    #: The nondisclosure end the agency was warned of, and the one that has passed (once each).
    nondisclosure_warned_for: datetime | None = None
    nondisclosure_ended_for: datetime | None = None
    #: Every file served on the platform with it (its document, each nondisclosure order):
    #: what leaves the platform's view if it is withdrawn.
    served_files: frozenset[str] = frozenset()
    version: int = 1
    #: Who served it, as the registry knows persons (`domain.people.person_id`), and how
    #: strongly they had signed in: what the platform reads of its requester.
    requester_id: str | None = None
    requester_assurance: Assurance | None = None

    @property
    def warnings(self) -> list[str]:
        """What the agency should act on: a preservation that ends before the answer is due."""
        if self.preservation_ends_at is not None and self.preservation_ends_at < self.due_at:
            return [
                f"preservation {self.preservation_id} ends {self.preservation_ends_at:%Y-%m-%d}, before this "
                f"request is due ({self.due_at:%Y-%m-%d}): extend it"
            ]
        return []

    def visible_to(self, org: Organisation, case: Case | None) -> bool:
        """The platform it is served on, and the participants of its case."""
        if not org.is_agency:
            return self.platform == org.code
        return case is not None and case.visible_to(org.code)


def in_declared_order(categories: tuple[RecordCategory, ...]) -> tuple[RecordCategory, ...]:
    """Each category once, in `RecordCategory`'s order: as the table's set reads back, so a
    request answers its creation as every later read of it does."""
    return tuple(category for category in RecordCategory if category in categories)


def send(sending: Sending, served: Served, due_after: timedelta) -> LegalRequest:
    """The request as served, if its kind may compel what it asks for; due `due_after` unless
    it says when."""
    platform, at = sending.recipient("legal process", "legal process is served on platforms"), sending.at
    kind = served.kind
    for n, category in enumerate(served.categories):
        if category not in ALLOWED[kind]:
            raise InvalidField(
                f"categories.{n}",
                f"a {kind.replace('_', ' ')} cannot compel {category} records; they need {_NEEDS[category]}",
            )
    if kind in DOCUMENTED and served.document_file_id is None:
        raise InvalidField("document_file_id", f"a {kind.replace('_', ' ')} is served with its signed document")
    if served.date_to < served.date_from:
        raise InvalidField("date_range.to", "must not be before date_range.from")
    if served.authority.issued_at > at:
        raise InvalidField("authority.issued_at", "must not be in the future")
    due = served.due_at or at + due_after
    if due <= at:
        raise InvalidField("due_at", "must be in the future")
    if served.nondisclosure_until is not None and served.nondisclosure_until <= at:
        raise InvalidField("nondisclosure_until", "must be in the future")
    served = replace(served, categories=in_declared_order(served.categories), due_at=due)
    document = served.document_file_id
    return LegalRequest(
        request_id=sending.request_id,
        case_id=sending.case_id,
        org=sending.org,
        platform=platform.code,
        sent_at=at,
        sent_by=sending.subject,
        served_files=frozenset({document} if document else ()),
        **{one.name: getattr(served, one.name) for one in fields(served)},
    )


def servable_document(case_id: str, org: str) -> Rule:
    """A file legal process `org` serves from `case_id` may carry: one `org` declared on that
    case for legal process (never a tip's file or a production, which platforms declared),
    marked for a platform, and available."""
    ours = Field("case_id").equals(case_id) & Field("org").equals(org)
    return ours & FOR_LEGAL_PROCESS & Field("status").equals(FileStatus.AVAILABLE)


def check_document(found: EvidenceFile | None, case_id: str, org: str, file_id: str) -> EvidenceFile:
    """Why `servable_document` does not hold, if it does not: another organisation's file is
    answered as an absent one."""
    if found is None or found.case_id != case_id or found.org != org:
        raise Conflict(f"document_file_id {file_id!r} is not a file {org} declared on this case")
    if not FOR_LEGAL_PROCESS.holds(found):
        raise Conflict(
            f"{file_id!r} was declared as {found.purpose}: only a document declared for legal process "
            "(purpose legal_process) is served on a platform"
        )
    if found.status is not FileStatus.AVAILABLE:
        raise Conflict(f"the document is {found.status}: only an available file can be served")
    return found


def visible_request(found: LegalRequest | None, case: Case | None, org: Organisation, request_id: str) -> LegalRequest:
    if found is None or not found.visible_to(org, case):
        raise NotFound(f"no legal request {request_id!r} is visible to you")
    return found


# The request's rules, declared once (`domain.rules`); the functions below say why one fails.
STATUS, PLATFORM = Field("status"), Field("platform")
NONDISCLOSURE, WARNED, ENDED = (
    Field("nondisclosure_until"),
    Field("nondisclosure_warned_for"),
    Field("nondisclosure_ended_for"),
)
OPEN = STATUS.is_in((LegalStatus.SENT, LegalStatus.ACKNOWLEDGED))


def may_acknowledge(platform: str) -> Rule:
    """The platform served, once, while the request stands."""
    return PLATFORM.equals(platform) & STATUS.equals(LegalStatus.SENT)


def may_answer(platform: str) -> Rule:
    """The platform served, once, before the agency withdraws it."""
    return PLATFORM.equals(platform) & OPEN


#: The agency withdraws it until it is answered.
WITHDRAWABLE: Rule = OPEN
#: A request unanswered on its due date is overdue once.
OVERDUE_UNNOTICED: Rule = OPEN & Field("overdue_at").absent()


def _addressed(found: LegalRequest | None, org: Organisation, request_id: str) -> LegalRequest:
    return addressed(found, org, "legal request", request_id)


def acknowledge(
    found: LegalRequest | None, org: Organisation, request_id: str, reference: str, at: datetime
) -> LegalRequest:
    """Why `may_acknowledge(org)` does not hold, if it does not; the request acknowledged."""
    found = _addressed(found, org, request_id)
    if found.status is not LegalStatus.SENT:
        raise Conflict(f"the request is already {found.status}")
    return replace(
        found,
        status=LegalStatus.ACKNOWLEDGED,
        platform_reference=reference,
        acknowledged_at=at,
        version=found.version + 1,
    )


def answer(found: LegalRequest | None, org: Organisation, request_id: str, given: Answer) -> LegalRequest:
    """Why `may_answer(org)` does not hold, if it does not; the request answered.

    A rejection says why (`reason_code`, and `detail`); a partial production says what was
    not produced and why (`detail`)."""
    found = _addressed(found, org, request_id)
    if found.status not in (LegalStatus.SENT, LegalStatus.ACKNOWLEDGED):
        raise Conflict(f"the request is {found.status}: it cannot be answered")
    if given.outcome is Outcome.REJECTED and (given.reason_code is None or not given.detail):
        raise InvalidField("reason_code", "a rejection gives its reason_code and its detail")
    if given.outcome is Outcome.PARTIALLY_PRODUCED and not given.detail:
        raise InvalidField("detail", "a partial production says what was not produced, and why")
    if given.outcome is not Outcome.REJECTED and given.reason_code is not None:
        raise InvalidField("reason_code", "only a rejection has a reason_code")
    if given.outcome is Outcome.REJECTED and given.file_ids:
        raise InvalidField("file_ids", "a rejection produces no files")
    return replace(found, status=LegalStatus.ANSWERED, answer=given, version=found.version + 1)


def attachable(found: LegalRequest | None, org: Organisation, request_id: str) -> LegalRequest:
    """The platform served adds production files while the request stands (`may_answer`)."""
    found = _addressed(found, org, request_id)
    if found.status not in (LegalStatus.SENT, LegalStatus.ACKNOWLEDGED):
        raise Conflict(f"the request is {found.status}: it takes no more files")
    return found


def check_production(request_id: str, platform: str, file_id: str, found: EvidenceFile | None) -> None:
    """A file an answer names: the platform's own, uploaded to this request, checked, on no case yet."""
    if found is None or found.request_id != request_id or found.platform != platform:
        raise Conflict(f"{file_id!r} is not a file uploaded to this request")
    if not producible(request_id).holds(found):
        raise Conflict(f"{file_id!r} is {found.status}: only an available file can be produced")


def nondisclosure_unwarned(until: datetime) -> Rule:
    """The end a warning timer was set for still stands, and was not warned of."""
    return NONDISCLOSURE.equals(until) & (WARNED.absent() | ~WARNED.equals(until))


def nondisclosure_unended(until: datetime) -> Rule:
    """The end an ending timer was set for still stands, and has not been announced."""
    return NONDISCLOSURE.equals(until) & (ENDED.absent() | ~ENDED.equals(until))


def extend_nondisclosure(found: LegalRequest, org: str, until: datetime, at: datetime) -> LegalRequest:
    """A later end, on a new order the agency that served the request attaches."""
    if found.org != org:
        raise Forbidden(f"only {found.org}, which served it, may extend its nondisclosure")
    if until <= at:
        raise InvalidField("until", "must be in the future")
    if found.nondisclosure_until is not None and until <= found.nondisclosure_until:
        raise InvalidField("until", "must be later than the nondisclosure in force")
    return replace(found, nondisclosure_until=until, version=found.version + 1)


#: The files one request may stand served with (its document and each order extending its
#: nondisclosure): a withdrawal unserves them all in one transaction of DynamoDB's 100 items,
#: with the request itself and its audit record.
MAX_SERVED_FILES = 90


def extended_by(found: LegalRequest, document_file_id: str) -> LegalRequest:
    """The request naming the order that extended its nondisclosure, served with it."""
    served = found.served_files | {document_file_id}
    if len(served) > MAX_SERVED_FILES:
        raise Conflict(
            f"a request stands served with at most {MAX_SERVED_FILES} documents: serve new legal process instead"
        )
    return replace(found, nondisclosure_order_file_id=document_file_id, served_files=served)


def withdraw(found: LegalRequest, org: str, reason: str, at: datetime) -> LegalRequest:
    """The agency that served it takes it back, until it is answered; the files served with
    it leave the platform's view (unless other legal process that stands served them too)."""
    if found.org != org:
        raise Forbidden(f"only {found.org}, which served it, may withdraw this request")
    if not WITHDRAWABLE.holds(found):
        raise Conflict(f"the request is {found.status}: only a request not yet answered can be withdrawn")
    return replace(
        found, status=LegalStatus.WITHDRAWN, withdrawn_at=at, withdrawn_because=reason, version=found.version + 1
    )
