"""Routes for emergency disclosure requests (18 U.S.C. 2702(b)(8)): an officer asks, another
person of the same agency approves or rejects, and the platform's 24/7 desk reads its queue,
acknowledges and answers."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.routes.files import declare, declares_file
from chalicelib.api.routes.preservations import platform_accounts
from chalicelib.api.routing import Call, Resource, StoredResponse, created, json_response
from chalicelib.domain.emergency import MAX_ACCOUNTS, Emergency, EmergencyAnswer, EmergencyRequest, EmergencyStatus

emergencies = Blueprint(__name__)
_request = Resource(
    emergencies,
    "/v1/emergency-requests/{request_id}",
    made_under="/v1/cases/{case_id}",
    shown=models.EmergencyRequestOut,
)

#: The platform's legal-response team, whose 24/7 desk takes emergencies too.
_RESPOND = "legal:respond"
_REQUEST = "emergency:request"
_APPROVE = "emergency:approve"


def _out(
    found: EmergencyRequest,
    *,
    for_agency: bool,
    requesters: tuple[models.RequesterOut | None, models.RequesterOut | None] = (None, None),
) -> models.EmergencyRequestOut:
    service = wiring.emergency_service()
    line = service.verification_line(found.org)
    return render.emergency_request(
        found, for_agency=for_agency, verification_line=line, sla=service.sla, requesters=requesters
    )


def _asked(found: EmergencyRequest, **_: str) -> StoredResponse:
    return created(_out(found, for_agency=True), links.of("emergency_id", found.request_id))


@_request.creates(models.EmergencyRequestCreate, _asked, scope=_REQUEST, examples=("ask-emergency-request",))
def ask_emergency_request(call: Call, case_id: str) -> Response:
    """Ask a platform for an emergency disclosure; it waits for a second person's approval (participants of an open
    case)."""
    body: models.EmergencyRequestCreate = call.body
    given = body.emergency
    asked = Emergency(
        kind=given.kind,
        description=given.description,
        why_without_delay=given.why_without_delay,
        categories=tuple(given.data_needed.categories),
        data_detail=given.data_needed.detail,
        how_it_helps=given.how_it_helps,
    )
    accounts = tuple(platform_accounts(body.platform, body.accounts, MAX_ACCOUNTS))
    found = wiring.emergency_service().ask(call.ctx, case_id, body.platform, accounts, asked, call.idempotency)
    return call.created(found)


@_request.changes("approve", models.Empty, scope=_APPROVE)
def approve_emergency_request(call: Call, request_id: str) -> Response:
    """Approve an emergency request: it reaches the platform at once (another person of the asking agency than the
    officer who asked)."""
    found = wiring.emergency_service().decide(call.ctx, request_id, None)
    return json_response(_out(found, for_agency=True))


@_request.changes("reject", models.RejectEmergencyRequest, scope=_APPROVE)
def reject_emergency_request(call: Call, request_id: str) -> Response:
    """Reject an emergency request, saying why; the platform never sees it (another person of the asking agency than
    the officer who asked)."""
    found = wiring.emergency_service().decide(call.ctx, request_id, call.body.reason)
    return json_response(_out(found, for_agency=True))


@_request.changes("confirm", models.Empty, scope=_APPROVE)
def confirm_emergency_request(call: Call, request_id: str) -> Response:
    """Confirm an emergency request held because the officer who asked or the supervisor who approved it was suspended
    or revoked: it is back where it stood, and the platform is told (a supervisor of the asking agency)."""
    found = wiring.emergency_service().confirm(call.ctx, request_id)
    return json_response(_out(found, for_agency=True))


@_request.changes("withdraw", models.Empty, scope=_APPROVE)
def withdraw_emergency_request(call: Call, request_id: str) -> Response:
    """Withdraw an emergency request held because its requester was suspended or revoked; the platform is told (a
    supervisor of the asking agency)."""
    found = wiring.emergency_service().withdraw(call.ctx, request_id)
    return json_response(_out(found, for_agency=True))


@_request.reads(scope="cases:read", platform_scope=_RESPOND)
def read_emergency_request(call: Call, request_id: str) -> Response:
    """Read an emergency request, with who asked and who approved as the registry knows them now (participants of its
    case; the platform once approved)."""
    found = wiring.emergency_service().read(call.ctx, request_id)
    approver = found.approved_by.person_id if found.approved_by is not None else None
    officer, supervisor = wiring.people_service().requesters(found.requested_by.person_id, approver)
    standing = tuple(render.requester(each) if each is not None else None for each in (officer, supervisor))
    return json_response(_out(found, for_agency=call.for_agency, requesters=(standing[0], standing[1])))


@_request.lists(models.EmergencyRequestList, scope="cases:read", platform_scope=_RESPOND, statuses=EmergencyStatus)
def list_emergency_requests(call: Call) -> Response:
    """A platform's 24/7 queue (unacknowledged first, then oldest first), or an agency's emergency requests (newest
    first)."""
    return call.box(models.EmergencyRequestList, wiring.emergency_service().box, _out)


@_request.changes("acknowledge", models.Empty, platform_scope=_RESPOND)
def acknowledge_emergency_request(call: Call, request_id: str) -> Response:
    """Acknowledge an emergency request: someone is on it (the platform, within the SLA)."""
    found = wiring.emergency_service().acknowledge(call.ctx, request_id)
    return json_response(_out(found, for_agency=False))


@_request.changes("answer", models.AnswerEmergencyRequest, platform_scope=_RESPOND)
def answer_emergency_request(call: Call, request_id: str) -> Response:
    """Answer an emergency request: disclosed, partially_disclosed or declined with a reason, naming the files
    disclosed (the platform)."""
    body: models.AnswerEmergencyRequest = call.body
    given = EmergencyAnswer(body.outcome, call.ctx.now, call.ctx.principal.subject, body.reason, tuple(body.file_ids))
    found = wiring.emergency_service().answer(call.ctx, request_id, given)
    return json_response(_out(found, for_agency=False))


@declares_file(
    emergencies, "/v1/emergency-requests/{request_id}/files", models.ProductionFileDeclare, platform_scope=_RESPOND
)
def declare_disclosed_file(call: Call, request_id: str) -> Response:
    """Declare a file to disclose and get where to upload its bytes (the platform, until it answers)."""
    return declare(call, wiring.file_service().declare_on_emergency, request_id)


@_request.changes("report-fraud", models.FraudReportIn, models.FraudReportOut, platform_scope=_RESPOND)
def report_fraudulent_emergency_request(call: Call, request_id: str) -> Response:
    """Report an emergency request as fraudulent: its agency's administrators and the operator are told at once (the
    platform, once)."""
    found = wiring.emergency_service().read(call.ctx, request_id)
    people = wiring.people_service()
    report = people.report_fraud(call.ctx, request_id, found.requested_by.person_id, found.org, call.body.reason)
    return json_response(models.FraudReportOut.model_validate(report))
