"""Routes for each organisation's persons: its administrators register, verify, change,
suspend, revoke and reinstate the persons who act for it; the operator registers an
organisation's administrators and may suspend or revoke anyone."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import links, wiring
from chalicelib.api import models, render
from chalicelib.api.problems import ValidationFailed
from chalicelib.api.routing import (
    WRITE,
    Call,
    Decorator,
    Resource,
    Scopes,
    StoredResponse,
    created,
    creates,
    endpoint,
    json_response,
    reads,
)
from chalicelib.domain.people import Changes, Person, PersonAction, Registration

people = Blueprint(__name__)
_person = Resource(people, "/v1/people/{person_id}")

#: An organisation's administrators: a scope of their own, held by registered `admin` persons.
PEOPLE_ADMIN = "people:admin"
#: The operator's scope (`routes/organisations.py`).
REGISTRY_ADMIN = "registry:admin"


def shown(person: Person) -> models.PersonOut:
    return models.PersonOut.model_validate(person)


def _registered(person: Person) -> StoredResponse:
    return created(shown(person), links.of("person_id", person.person_id))


def _registration(body: models.PersonCreate) -> Registration:
    return Registration(
        issuer=body.issuer,
        subject=body.subject,
        name=body.name,
        email=body.email,
        roles=tuple(body.roles),
        title=body.title,
        badge=body.badge,
        phone=body.phone,
    )


@creates(
    people,
    "/v1/people",
    models.PersonOut,
    scope=PEOPLE_ADMIN,
    platform_scope=PEOPLE_ADMIN,
    body=models.PersonCreate,
    examples=("register-person",),
    respond=lambda person: _registered(person),
)
def register_person(call: Call) -> Response:
    """Register a person of your organisation: pending until a second administrator verifies them (administrators)."""
    person = wiring.people_service().register(call.ctx, _registration(call.body), call.idempotency)
    return call.created(person)


@creates(
    people,
    "/v1/organisations/{code}/administrators",
    models.PersonOut,
    operator_scope=REGISTRY_ADMIN,
    body=models.PersonCreate,
    respond=lambda person, code: _registered(person),
)
def register_administrator(call: Call, code: str) -> Response:
    """Register an organisation's administrator, verified at once: its first one when it is onboarded (the
    operator)."""
    person = wiring.people_service().register_administrator(call.ctx, code, _registration(call.body), call.idempotency)
    return call.created(person)


@_person.lists(models.PersonList, scope=PEOPLE_ADMIN, platform_scope=PEOPLE_ADMIN)
def list_people(call: Call) -> Response:
    """Your organisation's persons, by id (administrators)."""
    page = wiring.people_service().people_of(call.ctx, call.limit(), call.start_key())
    return call.listed(models.PersonList, page, shown)


@reads(
    people,
    "/v1/people/{person_id}",
    models.PersonOut,
    scope=PEOPLE_ADMIN,
    platform_scope=PEOPLE_ADMIN,
    operator_scope=REGISTRY_ADMIN,
)
def read_person(call: Call, person_id: str) -> Response:
    """Read a person of your organisation (administrators; the operator, anyone's)."""
    found = wiring.people_service().read(call.ctx, person_id)
    return json_response(shown(found), headers={"ETag": render.etag(found.version)})


@endpoint(
    people,
    "PATCH",
    "/v1/people/{person_id}",
    scope=PEOPLE_ADMIN,
    platform_scope=PEOPLE_ADMIN,
    body=models.PersonUpdate,
    response=models.PersonOut,
    errors=(*WRITE, 412, 428),
    if_match=True,
)
def update_person(call: Call, person_id: str) -> Response:
    """Change a person's name, title, badge, phone, e-mail or roles (another administrator than them; If-Match
    required)."""
    body: models.PersonUpdate = call.body
    given = body.model_dump(exclude_unset=True)
    if not given or any(value is None for value in given.values()):
        raise ValidationFailed("name at least one field to change, none of them null")
    changes = Changes(**{**given, "roles": tuple(body.roles) if body.roles is not None else None})
    found = wiring.people_service().update(call.ctx, person_id, changes, call.expected_version())
    return json_response(shown(found), headers={"ETag": render.etag(found.version)})


@_person.changes(
    "verify", models.Empty, models.PersonOut, scope=PEOPLE_ADMIN, platform_scope=PEOPLE_ADMIN, if_match=True
)
def verify_person(call: Call, person_id: str) -> Response:
    """Verify a person as read (If-Match), or verify them again: they may act for a year (another administrator than
    them); a change of their roles or e-mail since it was read is a 412, never verified unseen."""
    found = wiring.people_service().verify(call.ctx, person_id, call.expected_version())
    return json_response(shown(found), headers={"ETag": render.etag(found.version)})


def _status_change(action: str, *, operator: bool) -> Decorator:
    """`POST /v1/people/{person_id}/<action>`: a person's status changed by an administrator of
    their organisation (and by the operator where `operator`), answered with the person."""
    scopes: Scopes = {"scope": PEOPLE_ADMIN, "platform_scope": PEOPLE_ADMIN}
    if operator:
        scopes["operator_scope"] = REGISTRY_ADMIN
    return _person.changes(action, models.PersonStatusChange, models.PersonOut, **scopes)


def _status(call: Call, person_id: str, action: PersonAction) -> Response:
    body: models.PersonStatusChange = call.body
    return json_response(shown(wiring.people_service().change_status(call.ctx, person_id, action, body.reason)))


@_status_change("suspend", operator=True)
def suspend_person(call: Call, person_id: str) -> Response:
    """Suspend a person: their sensitive acts are refused at once (administrators; the operator)."""
    return _status(call, person_id, PersonAction.SUSPEND)


@_status_change("revoke", operator=True)
def revoke_person(call: Call, person_id: str) -> Response:
    """Revoke a person for good (administrators; the operator)."""
    return _status(call, person_id, PersonAction.REVOKE)


@_status_change("reinstate", operator=False)
def reinstate_person(call: Call, person_id: str) -> Response:
    """Reinstate a suspended person: pending until an administrator verifies them again (another administrator
    than them)."""
    return _status(call, person_id, PersonAction.REINSTATE)


@reads(people, "/v1/requesters/{person_id}", models.RequesterOut, platform_scope="legal:respond")
def read_requester(call: Call, person_id: str) -> Response:
    """A person who sent you a request, as the registry knows them now, with how many platforms their emergency
    requests reached in the last 24 hours and 30 days (the platform they sent it to)."""
    return json_response(render.requester(wiring.people_service().requester(call.ctx, person_id)))
