"""Routes for the organisation registry: the operator onboards, suspends and reinstates, and
changes identity providers and delivery settings, two persons each time, and one person refuses
what waits for a second; every active organisation reads the directory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from chalice.app import Blueprint, Response
from pydantic import BaseModel

from chalicelib import wiring
from chalicelib.api import models, render
from chalicelib.api.problems import ValidationFailed
from chalicelib.api.routing import (
    WRITE,
    Call,
    Decorator,
    Resource,
    StoredResponse,
    created,
    endpoint,
    json_response,
    stored,
)
from chalicelib.domain.organisations import (
    STATES,
    Area,
    Delivery,
    IdentityProvider,
    InvalidOrganisation,
    Jurisdiction,
    Organisation,
    OrgKind,
    RegistryAction,
    Service,
    Watch,
)
from chalicelib.domain.people import Assurance
from chalicelib.domain.webhooks import endpoint_refusal
from chalicelib.settings import LOCAL_STAGE, settings

organisations = Blueprint(__name__)

_organisation = Resource(organisations, "/v1/organisations/{code}", shown=models.OrganisationOut)

REGISTRY_ADMIN = "registry:admin"


def _registry_change(action: str, body: type[BaseModel] | None, *, if_match: bool = False) -> Decorator:
    """`POST /v1/organisations/{code}/<action>`: a change of an entry, by the operator's
    registry admins, answered with the entry as it now stands; `if_match`: on the version read."""
    return _organisation.changes(action, body, operator_scope=REGISTRY_ADMIN, errors=WRITE, if_match=if_match)


@endpoint(
    organisations,
    "POST",
    "/v1/organisations",
    operator_scope=REGISTRY_ADMIN,
    body=models.OrganisationCreate,
    examples=("propose-organisation",),
    response=models.OrganisationOut,
    status=201,
    errors=(400, 401, 403, 409, 413, 415, 503),
)
def propose_organisation(call: Call) -> Response:
    """Propose a new organisation (a second person of the operator approves it)."""
    body: models.OrganisationCreate = call.body
    with _rules_broken_as_400("body"):
        org = Organisation(
            code=body.code,
            name=body.name,
            kind=body.kind,
            ori=body.ori,
            jurisdiction=Jurisdiction(**body.jurisdiction.model_dump()) if body.jurisdiction else None,
            verification_line=body.verification_line,
            services=tuple(Service(service.code, service.kind) for service in body.services),
            email_domains=tuple(body.email_domains),
            identity_providers=_providers(body.identity_providers),
            delivery=_delivery(body.delivery),
            watch=_watch(body.watch),
        )
    proposed = wiring.organisation_service().propose(call.ctx, org)
    response = stored(_shown(proposed))
    response.headers["ETag"] = render.etag(proposed.version)
    return response


@contextmanager
def _rules_broken_as_400(field: str) -> Iterator[None]:
    """A registry rule the request breaks (`InvalidOrganisation`, its message naming the rule)
    as a 400 on `field`."""
    try:
        yield
    except InvalidOrganisation as error:
        raise ValidationFailed(str(error), [{"field": field, "message": str(error)}]) from None


def _providers(given: list[models.IdentityProviderIn]) -> tuple[IdentityProvider, ...]:
    """The providers given, each with keys this API can verify with: an inline set of public
    RS256/ES256 keys, or a JWKS URI it may fetch (https; http to the laptop only in `make run`)."""
    from chalicelib.identity_keys import KeySetRefused, jwks_uri_refusal, signing_keys
    from chalicelib.settings import LOCAL_STAGE, settings

    for index, provider in enumerate(given):
        try:
            if provider.jwks is not None:
                signing_keys(provider.jwks)
        except KeySetRefused as error:
            problem = f"{provider.issuer}: its jwks: {error}"
            raise ValidationFailed(
                problem, [{"field": f"identity_providers.{index}.jwks", "message": problem}]
            ) from None
        refusal = None
        if provider.jwks_uri is not None:
            refusal = jwks_uri_refusal(provider.jwks_uri, local=settings().stage == LOCAL_STAGE)
        if refusal is not None:
            problem = f"{provider.issuer}: its jwks_uri: {refusal}"
            raise ValidationFailed(problem, [{"field": f"identity_providers.{index}.jwks_uri", "message": problem}])
    return tuple(
        IdentityProvider(
            provider.issuer,
            provider.jwks_uri,
            provider.jwks,
            provider.claim,
            {value: level.value for value, level in provider.mfa.items()} if provider.mfa else None,
        )
        for provider in given
    )


def _delivery(given: models.DeliveryIn | None) -> Delivery:
    """The settings given, with a webhook this API may post to (`endpoint_refusal`: the public
    internet over https; the laptop too in `make run`). The ARNs' shape is the models' and the
    registry's rules'."""
    if given is None:
        return Delivery()
    refusal = given.webhook and endpoint_refusal(given.webhook, local=settings().stage == LOCAL_STAGE)
    if refusal:
        raise ValidationFailed(refusal, [{"field": "delivery.webhook", "message": refusal}])
    return Delivery(webhook=given.webhook, event_bus_arn=given.event_bus_arn, queue_arn=given.queue_arn)


def _watch(given: models.WatchIn | None) -> Watch | None:
    if given is None:
        return None
    area = Area(**given.area.model_dump()) if given.area else None
    return Watch(agencies=tuple(given.agencies), states=tuple(given.states), area=area)


def _watch_out(watch: Watch | None) -> models.WatchOut | None:
    if watch is None:
        return None
    area = models.AreaIn(**asdict(watch.area)) if watch.area else None
    return models.WatchOut(agencies=list(watch.agencies), states=list(watch.states), area=area)


def _shown(org: Organisation) -> StoredResponse:
    return created(entry(org), f"/v1/organisations/{org.code}")


def _answer(org: Organisation) -> Response:
    """An entry as it now stands, with its version as the ETag a refusal names (`If-Match`)."""
    return json_response(entry(org), headers={"ETag": render.etag(org.version)})


def entry(org: Organisation) -> models.OrganisationOut:
    return models.OrganisationOut(
        code=org.code,
        name=org.name,
        kind=org.kind,
        status=org.status,
        ori=org.ori,
        jurisdiction=_place(org),
        verification_line=org.verification_line,
        services=[models.ServiceOut.model_validate(service) for service in org.services],
        email_domains=list(org.email_domains),
        identity_providers=_providers_out(org.identity_providers),
        webhook=org.delivery.webhook,
        event_bus_arn=org.delivery.event_bus_arn,
        queue_arn=org.delivery.queue_arn,
        pending=models.PendingChangeOut(
            action=org.pending.action,
            requested_at=org.pending.requested_at,
            reason=org.pending.reason,
            identity_providers=_providers_out(org.pending.identity_providers)
            if org.pending.identity_providers is not None
            else None,
            delivery=_delivery_out(org.pending.delivery),
            watch=_watch_out(org.pending.watch),
        )
        if org.pending
        else None,
        watch=_watch_out(org.watch),
        version=org.version,
    )


def _providers_out(providers: tuple[IdentityProvider, ...]) -> list[models.IdentityProviderOut]:
    return [
        models.IdentityProviderOut(
            issuer=provider.issuer,
            jwks_uri=provider.jwks_uri,
            claim=provider.claim,
            mfa={value: Assurance(level) for value, level in provider.mfa.items()} if provider.mfa else None,
        )
        for provider in providers
    ]


def _delivery_out(delivery: Delivery | None) -> models.DeliveryOut | None:
    if delivery is None:
        return None
    return models.DeliveryOut.model_validate(delivery)


def _place(org: Organisation) -> models.JurisdictionOut | None:
    place = org.jurisdiction
    return models.JurisdictionOut.model_validate(place) if place else None


@endpoint(
    organisations,
    "GET",
    "/v1/registry/pending",
    operator_scope=REGISTRY_ADMIN,
    response=models.PendingEntries,
    errors=(401, 403),
)
def list_pending_entries(call: Call) -> Response:
    """The entries waiting for a second person: proposed organisations, and pending changes of the others."""
    found = wiring.organisation_service().awaiting_second_person(call.ctx)
    return json_response(models.PendingEntries(items=[entry(org) for org in found]))


@_organisation.reads(operator_scope=REGISTRY_ADMIN)
def read_organisation(call: Call, code: str) -> Response:
    """Read an organisation's entry whatever its status: what a second person checks before approving."""
    return _answer(wiring.organisation_service().entry(call.ctx, code))


@_registry_change("approve", None)
def approve_organisation(call: Call, code: str) -> Response:
    """Approve a proposed organisation: it becomes active (not by its proposer)."""
    return _answer(wiring.organisation_service().approve(call.ctx, code))


@_organisation.changes(
    "refuse",
    models.RegistryRefusal,
    models.RegistryRefusalOut,
    operator_scope=REGISTRY_ADMIN,
    errors=WRITE,
    examples=("refuse-organisation",),
    if_match=True,
)
def refuse_organisation(call: Call, code: str) -> Response:
    """Refuse a proposed organisation (its entry is removed) or the change pending on one (one person; the proposer
    too), as read: If-Match names the entry's version, so a change another person made since is never refused unseen."""
    body: models.RegistryRefusal = call.body
    refusal = wiring.organisation_service().refuse(call.ctx, code, body.reason, call.expected_version())
    return json_response(
        models.RegistryRefusalOut(
            code=refusal.code, refused=refusal.refused, reason=refusal.reason, refused_at=refusal.at
        )
    )


@_registry_change("suspend", models.RegistryChange, if_match=True)
def suspend_organisation(call: Call, code: str) -> Response:
    """Ask for an organisation's suspension, or confirm another person's request (as read: If-Match), and its tokens
    are refused."""
    return _changed(call, code, RegistryAction.SUSPEND)


@_registry_change("reinstate", models.RegistryChange, if_match=True)
def reinstate_organisation(call: Call, code: str) -> Response:
    """Ask for a suspended organisation's reinstatement, or confirm another person's request (as read: If-Match)."""
    return _changed(call, code, RegistryAction.REINSTATE)


@_registry_change("identity-providers", models.IdentityProvidersChange)
def change_identity_providers(call: Call, code: str) -> Response:
    """Propose an organisation's identity providers, or confirm the list another person proposed."""
    body: models.IdentityProvidersChange = call.body
    providers = _providers(body.identity_providers)
    service = wiring.organisation_service()
    return _proposed(
        "identity_providers", lambda: service.change_identity_providers(call.ctx, code, providers, body.reason)
    )


@_organisation.changes(
    "delivery", models.DeliveryChange, operator_scope=REGISTRY_ADMIN, errors=WRITE, examples=("change-delivery",)
)
def change_delivery(call: Call, code: str) -> Response:
    """Propose an organisation's delivery settings, or confirm those another person proposed."""
    body: models.DeliveryChange = call.body
    delivery = _delivery(body.delivery)
    service = wiring.organisation_service()
    return _proposed("delivery", lambda: service.change_delivery(call.ctx, code, delivery, body.reason))


@_organisation.changes("watch", models.WatchChange, operator_scope=REGISTRY_ADMIN, errors=WRITE)
def change_watch(call: Call, code: str) -> Response:
    """Propose what a watch center serves (agencies, states, an area), or confirm what another person proposed."""
    body: models.WatchChange = call.body
    watch = _watch(body.watch)
    assert watch is not None
    service = wiring.organisation_service()
    return _proposed("watch", lambda: service.change_watch(call.ctx, code, watch, body.reason))


def _proposed(field: str, change: Callable[[], Organisation]) -> Response:
    """A setting proposed or confirmed (`change`), its entry as it now stands; a registry rule
    the new setting breaks is a 400 on `field`."""
    with _rules_broken_as_400(field):
        return _answer(change())


def _changed(call: Call, code: str, action: RegistryAction) -> Response:
    body: models.RegistryChange = call.body
    service = wiring.organisation_service()
    return _answer(service.change(call.ctx, code, action, body.reason, call.expected_version()))


@_organisation.lists(models.DirectoryList, everyone=True, query=("kind", "state", "limit", "cursor"))
def list_organisations(call: Call) -> Response:
    """The directory: active organisations by code, filtered by kind and state."""
    kind_name, state = call.query("kind"), call.query("state")
    if kind_name is not None and kind_name not in {kind.value for kind in OrgKind}:
        kinds = ", ".join(kind.value for kind in OrgKind)
        raise ValidationFailed(f"kind must be one of {kinds}", [{"field": "kind", "message": kinds}])
    if state is not None and state not in STATES:
        raise ValidationFailed("state is a two-letter state or territory code", [{"field": "state", "message": "NV"}])
    kind = OrgKind(kind_name) if kind_name is not None else None
    filters = f"{kind_name or ''}|{state or ''}"
    page = wiring.organisation_service().directory(call.ctx, kind, state, call.limit(), call.start_key(filters))
    return json_response(
        models.DirectoryList(
            items=[
                models.DirectoryEntryOut(
                    code=org.code,
                    name=org.name,
                    kind=org.kind,
                    jurisdiction=_place(org),
                    takes_referrals=org.takes_referrals if org.is_agency else None,
                )
                for org in page.items
            ],
            next_cursor=call.next_cursor(page.last_key, filters),
        )
    )
