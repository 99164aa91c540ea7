"""One decorator for every route: authenticate, authorise, parse, call, map errors.

Each declaration also lands in `OPERATIONS`, from which `api.openapi` writes the document:
the models that validate a request are the ones that describe it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

from chalice.app import Blueprint, Request, Response
from pydantic import BaseModel, ValidationError

from chalicelib import wiring
from chalicelib.api import problems
from chalicelib.api.auth import Unauthenticated, verifier
from chalicelib.api.cursors import cursors
from chalicelib.api.problems import ApiError, BadRequest, PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from chalicelib.domain.errors import DomainError, Forbidden, InvalidField, PreconditionRequired
from chalicelib.domain.organisations import OrgRole
from chalicelib.domain.record_ids import new_id
from chalicelib.services.context import Idempotency, Origin, Replayed, RequestContext, utcnow
from chalicelib.settings import settings
from chalicelib.storage.contracts import Key

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}\Z")
_LIMIT = re.compile(r"^[0-9]{1,3}\Z")
_ETAG = re.compile(r'^(?:W/)?"v(\d{1,12})"\Z')
JSON_TYPES = ["application/json"]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    #: The scopes each kind of organisation needs one of; a kind not named may not call the route.
    scopes: dict[OrgRole, tuple[str, ...]]
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    errors: tuple[int, ...]
    creates: bool
    query: tuple[str, ...]
    if_match: bool
    #: The values `?status=` filters on, for a list that takes one.
    statuses: type[StrEnum] | None = None
    #: The view's name (a verb: `open_case`), and the module of routes it is in (`cases`): the
    #: OpenAPI document's operation id and tag.
    name: str = ""
    area: str = ""
    #: What a platform is answered instead of `response`, on a route both kinds call (its own view).
    platform_response: type[BaseModel] | None = None
    #: The sample bodies of `events/api/` (by name, without `.json`) that the document shows.
    examples: tuple[str, ...] = ()


OPERATIONS: list[Operation] = []


@dataclass
class Call:
    """What a view gets: the request context, the parsed body and helpers for lists."""

    ctx: RequestContext
    request: Request
    body: Any
    idempotency: Idempotency | None
    path: str
    params: dict[str, str] = field(default_factory=dict)
    statuses: type[StrEnum] | None = None

    def query(self, name: str) -> str | None:
        params = self.request.query_params
        return None if params is None else params.get(name)

    def limit(self) -> int:
        raw = self.query("limit")
        if raw is None:
            return 25
        # Not str.isdigit: it says yes to "³", which int() refuses (found by make fuzz, once a 500).
        if not _LIMIT.match(raw) or not 1 <= int(raw) <= 100:
            raise ValidationFailed(
                "limit must be an integer from 1 to 100", [{"field": "limit", "message": "1 to 100"}]
            )
        return int(raw)

    def _binding(self, filters: str) -> str:
        return "|".join([self.ctx.org, self.path, json.dumps(self.params, sort_keys=True), filters])

    def start_key(self, filters: str = "", parameter: str = "cursor") -> Key | None:
        """Where the list goes on, from the signed cursor in `?<parameter>=`; 400 if it was
        edited, or is another organisation's or another list's."""
        return cursors().decode(self.query(parameter), self._binding(filters))

    def next_cursor(self, last_key: Key | None, filters: str = "") -> str | None:
        return cursors().encode(last_key, self._binding(filters))

    def expected_version(self) -> int:
        header = self.request.headers.get("if-match")
        if header is None:
            raise PreconditionRequired("send If-Match with the ETag of the version you are updating")
        match = _ETAG.match(header.strip())
        if match is None:
            raise BadRequest('If-Match must be an ETag such as "v3", as returned by GET')
        return int(match.group(1))

    def status(self) -> Any:
        """The `?status=` filter as the route's status enum, or None when not given."""
        raw = self.query("status")
        if raw is None or self.statuses is None:
            return None
        try:
            return self.statuses(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in self.statuses)
            raise ValidationFailed(
                f"status must be one of {allowed}", [{"field": "status", "message": allowed}]
            ) from None


def json_response(body: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    all_headers: dict[str, str | list[str]] = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    all_headers.update(headers or {})
    return Response(body=body.model_dump_json(), status_code=status, headers=all_headers)


@dataclass(frozen=True)
class StoredResponse:
    """A created resource's response, built the same way for the first answer and a replay."""

    status_code: int
    body: str
    location: str | None = None


#: Renders what a creating use case returned (or a replay of it) as its 201, given the route's parameters.
Respond = Callable[..., StoredResponse]


def stored(response: StoredResponse, *, replayed: bool = False) -> Response:
    headers: dict[str, str | list[str]] = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    if response.location:
        headers["Location"] = response.location
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(body=response.body, status_code=response.status_code, headers=headers)


def created(body: BaseModel, location: str) -> StoredResponse:
    return StoredResponse(201, body.model_dump_json(), location)


def endpoint(
    blueprint: Blueprint,
    method: str,
    path: str,
    *,
    summary: str,
    scope: str | None = None,
    platform_scope: str | tuple[str, ...] | None = None,
    operator_scope: str | None = None,
    everyone: bool = False,
    body: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    platform_response: type[BaseModel] | None = None,
    examples: tuple[str, ...] = (),
    status: int = 200,
    errors: tuple[int, ...] = (),
    creates: Respond | None = None,
    query: tuple[str, ...] = (),
    if_match: bool = False,
    max_body: int | None = None,
    statuses: type[StrEnum] | None = None,
) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    scopes: dict[OrgRole, tuple[str, ...]] = {OrgRole.AGENCY: (scope,)} if scope else {}
    if platform_scope:
        scopes[OrgRole.PLATFORM] = (platform_scope,) if isinstance(platform_scope, str) else platform_scope
    if operator_scope:
        scopes[OrgRole.OPERATOR] = (operator_scope,)
    # A route with no scopes serves every active organisation (`everyone`), and only such a route.
    assert everyone == (not scopes), f"{method} {path}: name the scopes, or open it to everyone"
    if statuses is not None:
        query = ("status", *query)
    content_types = JSON_TYPES + (["application/merge-patch+json"] if method == "PATCH" else [])

    def decorator(view: Callable[..., Response]) -> Callable[..., Response]:
        OPERATIONS.append(
            Operation(
                method,
                path,
                summary,
                scopes,
                body,
                response,
                status,
                errors,
                creates is not None,
                query,
                if_match,
                statuses,
                name=view.__name__,
                area=view.__module__.rsplit(".", 1)[-1],
                platform_response=platform_response,
                examples=examples,
            )
        )

        @blueprint.route(path, methods=[method], content_types=content_types)
        @functools.wraps(view)
        def route(**params: str) -> Response:
            request = blueprint.current_request
            origin = _origin(request, f"api:{method} {path}")
            try:
                principal = verifier().verify(request.headers.get("authorization"))
            except Unauthenticated as error:
                wiring.auditor().denied(origin, error.audited, claimed=(error.claimed_subject, error.claimed_org))
                return problems.unauthorized(error)
            try:
                principal.require_active() if everyone else principal.require(scopes)
            except Forbidden as error:
                wiring.auditor().denied(origin, error.detail, verified=principal)
                return problems.from_domain_error(error)
            # Past this point the use cases audit their own failures.
            try:
                parsed = _parse(request, body, max_body or settings().max_body_bytes)
                ctx = RequestContext(
                    principal, origin.component, origin.request_id, origin.now, origin.source_ip, origin.user_agent
                )
                idempotency = _idempotency(request, method, path.format_map(params), parsed) if creates else None
                call = Call(ctx, request, parsed, idempotency, path, params, statuses)
                return view(call, **params)
            except Replayed as replay:  # only a creating route's use case replays
                assert creates is not None
                return stored(creates(replay.value, **params), replayed=True)
            except ApiError as error:
                return problems.from_api_error(error)
            except InvalidField as error:  # a value the domain refused, after the schema passed
                invalid = ValidationFailed(str(error), [{"field": error.field, "message": error.reason}])
                return problems.from_api_error(invalid)
            except DomainError as error:
                return problems.from_domain_error(error)

        return cast(Callable[..., Response], route)

    return decorator


def _parse(request: Request, model: type[BaseModel] | None, limit: int) -> Any:
    raw = request.raw_body or b""
    if isinstance(raw, str):
        raw = raw.encode()
    if len(raw) > limit:
        raise PayloadTooLarge(f"the body is {len(raw)} bytes; the limit is {limit}")
    if model is None:
        if raw.strip():
            raise BadRequest("this route takes no body")
        return None
    # Chalice reads a request without Content-Type as JSON: a body must say what it is (a
    # form post is no JSON by default). An empty one has nothing to misread.
    if raw and request.headers.get("content-type") is None:
        raise UnsupportedMediaType("a body needs Content-Type: application/json")
    try:
        parsed = model.model_validate_json(raw or b"{}")
    except ValidationError as error:
        if any(e["type"] == "json_invalid" for e in error.errors()):
            raise BadRequest("the body is not valid JSON (UTF-8, no NaN or Infinity)") from None
        raise ValidationFailed("the body does not match the schema; see errors", field_errors(error)) from None
    _reject_duplicate_names(raw)
    return parsed


def _reject_duplicate_names(raw: bytes) -> None:
    """`{"to_org": "HSI", "to_org": "ATF"}` is a 400: pydantic keeps the last, another reader the first.

    Runs after pydantic accepted the body, so the text is valid JSON.
    """

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        names = [name for name, _ in pairs]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise BadRequest(f"the body names {', '.join(repeated)} more than once")
        return dict(pairs)

    try:
        json.loads(raw or b"{}", object_pairs_hook=unique)
    except RecursionError:
        raise BadRequest("the body is nested too deeply") from None


def field_errors(error: ValidationError) -> list[dict[str, str]]:
    """pydantic's errors as problem field errors: a dotted path and a message."""
    return [{"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]} for e in error.errors()]


def _idempotency(request: Request, method: str, path: str, body: Any) -> Idempotency | None:
    """The request's key and fingerprint: its method, its path with the route's ids filled in
    (Chalice's `request.path` is the route's template, the same for every case) and its body."""
    key = request.headers.get("idempotency-key")
    if key is None:
        return None
    if not _IDEMPOTENCY_KEY.match(key):
        raise BadRequest("Idempotency-Key must be 1 to 255 visible ASCII characters")
    canonical = body.model_dump(mode="json") if isinstance(body, BaseModel) else None
    return Idempotency(key, Idempotency.hash_request(method, path, canonical))


def _origin(request: Request, component: str) -> Origin:
    """Where a request came from, for its audit records (CJIS: from where, which request)."""
    context = request.context or {}
    identity = context.get("identity") or {}
    agent = request.headers.get("user-agent")
    now = utcnow()  # read here, so that a test can set the clock (`routing.utcnow`)
    return Origin(
        component=component,
        # API Gateway names each request; Chalice's local server does not, so name it here.
        request_id=str(context.get("requestId") or new_id("req", now)),
        now=now,
        source_ip=str(identity["sourceIp"])[:45] if identity.get("sourceIp") else None,
        user_agent=agent[:300] if agent else None,
    )
