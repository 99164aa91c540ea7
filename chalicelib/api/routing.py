"""One decorator for every route: authenticate, authorise, parse, call, map errors.

Each declaration also lands in `OPERATIONS`, from which `api.openapi` writes the document:
the models that validate a request are the ones that describe it, and the view's docstring
is its summary. `reads`, `lists`, `creates` and a `Resource`'s updates and state changes are
`endpoint` with the method and the errors of their kind; every route still names its own scopes.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypedDict, TypeVar, Unpack, cast

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
from chalicelib.storage.contracts import Key, Page

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}\Z")
_LIMIT = re.compile(r"^[0-9]{1,3}\Z")
_ETAG = re.compile(r'^(?:W/)?"v(\d{1,12})"\Z')
JSON_TYPES = ["application/json"]
T = TypeVar("T")

#: What a route may answer besides its success, by what it does: the OpenAPI document lists these.
READ = (401, 403, 404)
#: A change of a resource's state: a body the schema refuses, a resource not seen, a state that forbids it.
CHANGE = (400, 401, 403, 404, 409, 415, 503)
#: A write whose body may be too large as well.
WRITE = (400, 401, 403, 404, 409, 413, 415, 503)
#: A change of fields on the version the caller read (`If-Match`): stale (412) or unsaid (428).
UPDATE = (*WRITE, 412, 428)
#: What `functools.wraps` copies to a route, but its docstring: the docstring is the OpenAPI
#: summary, and Chalice would put it in the API definition `chalice package` writes too.
_WRAPPED = ("__module__", "__name__", "__qualname__", "__annotations__")


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
    #: The media types, besides JSON, the answer comes as when `Accept` asks (`text/csv`).
    also_as: tuple[str, ...] = ()


class Scopes(TypedDict, total=False):
    """Who may call a route: the scope an agency needs, the one (or any of those) a platform
    needs, the operator's, a watch center's; or `everyone` active, with no scope."""

    scope: str | None
    platform_scope: str | tuple[str, ...] | None
    operator_scope: str | None
    oversight_scope: str | None
    watch_scope: str | None
    everyone: bool


Decorator = Callable[[Callable[..., Response]], Callable[..., Response]]


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
    #: A creating route's `creates`: how its 201 renders what its use case made.
    respond: Respond | None = None

    def created(self, made: Any) -> Response:
        """The 201 of a creating route: `made` as the route's `creates` renders it (a replay of
        the request is rendered the same way)."""
        assert self.respond is not None, "only a route declared with creates= answers 201 this way"
        return stored(self.respond(made, **self.params))

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

    @property
    def for_agency(self) -> bool:
        """Whether an agency calls: a platform sees less of a request served on it than its case's participants."""
        return self.ctx.principal.org.is_agency

    def _binding(self, filters: str | None) -> str:
        return "|".join([self.ctx.org, self.path, json.dumps(self.params, sort_keys=True), filters or ""])

    def start_key(self, filters: str | None = "", parameter: str = "cursor") -> Key | None:
        """Where the list goes on, from the signed cursor in `?<parameter>=`; 400 if it was
        edited, or is another organisation's or another list's. `filters` are the list's own
        (a `status()`, which is its value, or None), which a cursor is bound to as well."""
        return cursors().decode(self.query(parameter), self._binding(filters))

    def next_cursor(self, last_key: Key | None, filters: str | None = "") -> str | None:
        return cursors().encode(last_key, self._binding(filters))

    def listed(
        self,
        model: Callable[..., BaseModel],
        page: Page[T],
        show: Callable[[T], Any],
        filters: str | None = "",
        **more: Any,
    ) -> Response:
        """`page` as the list `model`: its `items`, each as `show` renders it, its `next_cursor`
        (bound to `filters`, as `start_key` read it) and any `more` fields the list has."""
        items = [show(item) for item in page.items]
        return json_response(model(items=items, next_cursor=self.next_cursor(page.last_key, filters), **more))

    def paged(
        self,
        model: Callable[..., BaseModel],
        fetch: Callable[..., Page[T]],
        show: Callable[[T], Any],
        *ids: str,
    ) -> Response:
        """A list with no filters: the page `fetch` reads for the caller, of the resource `ids`
        name (a case's), from the cursor's place (`start_key`), as the list `model` (`listed`)."""
        return self.listed(model, fetch(self.ctx, *ids, self.limit(), self.start_key()), show)

    def by_status(
        self,
        model: Callable[..., BaseModel],
        fetch: Callable[[RequestContext, Any, int, Key | None], Page[T]],
        show: Callable[[T], Any],
    ) -> Response:
        """A list `?status=` filters: the page `fetch` reads for the caller, from the cursor's
        place (`start_key`), as the list `model` (`listed`)."""
        status = self.status()
        return self.listed(model, fetch(self.ctx, status, self.limit(), self.start_key(status)), show, status)

    def box(
        self,
        model: Callable[..., BaseModel],
        fetch: Callable[[RequestContext, Any, int, Key | None], Page[T]],
        show: Callable[..., Any],
    ) -> Response:
        """A box of requests between agencies and platforms (`by_status`), each shown as the
        caller's side sees it: `show(record, for_agency=…)`; a platform never sees the case."""
        return self.by_status(model, fetch, functools.partial(show, for_agency=self.for_agency))

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
    summary: str | None = None,
    scope: str | None = None,
    platform_scope: str | tuple[str, ...] | None = None,
    operator_scope: str | None = None,
    oversight_scope: str | None = None,
    watch_scope: str | None = None,
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
    also_as: tuple[str, ...] = (),
) -> Decorator:
    scopes: dict[OrgRole, tuple[str, ...]] = {OrgRole.AGENCY: (scope,)} if scope else {}
    if platform_scope:
        scopes[OrgRole.PLATFORM] = (platform_scope,) if isinstance(platform_scope, str) else platform_scope
    if operator_scope:
        scopes[OrgRole.OPERATOR] = (operator_scope,)
    if oversight_scope:
        scopes[OrgRole.OVERSIGHT] = (oversight_scope,)
    if watch_scope:
        scopes[OrgRole.WATCH] = (watch_scope,)
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
                summary or _summary(view),
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
                also_as=also_as,
            )
        )

        @blueprint.route(path, methods=[method], content_types=content_types)
        @functools.wraps(view, assigned=_WRAPPED)
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
                call = Call(ctx, request, parsed, idempotency, path, params, statuses, creates)
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


def reads(
    blueprint: Blueprint,
    path: str,
    response: type[BaseModel],
    *,
    platform_response: type[BaseModel] | None = None,
    **scopes: Unpack[Scopes],
) -> Decorator:
    """`GET` of one resource; whoever may not see it is told it does not exist (404)."""
    return endpoint(
        blueprint, "GET", path, response=response, platform_response=platform_response, errors=READ, **scopes
    )


def lists(
    blueprint: Blueprint,
    path: str,
    response: type[BaseModel],
    *,
    statuses: type[StrEnum] | None = None,
    query: tuple[str, ...] = ("limit", "cursor"),
    **scopes: Unpack[Scopes],
) -> Decorator:
    """`GET` of a page of a list (`Call.listed`): 400 for a bad limit, cursor or status, and
    404 for the list of a resource (an id in the path) the caller may not see."""
    errors = (400, *READ) if "{" in path else (400, 401, 403)
    return endpoint(blueprint, "GET", path, response=response, errors=errors, query=query, statuses=statuses, **scopes)


def creates(
    blueprint: Blueprint,
    path: str,
    response: type[BaseModel],
    *,
    body: type[BaseModel],
    respond: Respond,
    examples: tuple[str, ...] = (),
    errors: tuple[int, ...] = (*WRITE, 422),
    **scopes: Unpack[Scopes],
) -> Decorator:
    """`POST` that makes a resource: 201 with it and its Location, as `respond` renders what
    the use case made (`Call.created`), for the first answer and a replay alike."""
    return endpoint(
        blueprint,
        "POST",
        path,
        body=body,
        examples=examples,
        response=response,
        status=201,
        errors=errors,
        creates=respond,
        **scopes,
    )


@dataclass(frozen=True)
class Resource:
    """One resource's routes (`/v1/legal-requests/{request_id}`): making one (in its list, or
    under the resource it belongs to: `/v1/cases/{case_id}/legal-requests`), reading it,
    listing such resources (`/v1/legal-requests`), updating its fields, and the changes of its
    state, each at its own action (`…/acknowledge`). Each answers with the model the resource
    is `shown` as, unless it names its own."""

    blueprint: Blueprint
    path: str
    #: Where new ones are made, if not in their own list: under this resource (a case,
    #: `/v1/cases/{case_id}`), in the list of their name (`…/legal-requests`).
    made_under: str | None = None
    #: The resource as the API shows it: what a route answers unless it names its own response.
    shown: type[BaseModel] | None = None

    def _answered(self, response: type[BaseModel] | None) -> type[BaseModel]:
        found = response or self.shown
        assert found is not None, f"{self.path}: name the response, or the resource's shown model"
        return found

    @property
    def collection(self) -> str:
        """The list of such resources (`/v1/legal-requests`)."""
        return self.path.rsplit("/", 1)[0]

    def creates(
        self,
        body: type[BaseModel],
        respond: Respond,
        *,
        response: type[BaseModel] | None = None,
        examples: tuple[str, ...] = (),
        errors: tuple[int, ...] | None = None,
        **scopes: Unpack[Scopes],
    ) -> Decorator:
        """`POST` of a new such resource (`creates`), to its list or, if it is made under
        another resource, to the list of its name there: 404 if that resource is not seen."""
        name = self.collection.rsplit("/", 1)[1]
        path = f"{self.made_under}/{name}" if self.made_under else self.collection
        if errors is None:
            errors = (*WRITE, 422) if "{" in path else tuple(sorted({*WRITE, 422} - {404}))
        response = self._answered(response)
        return creates(
            self.blueprint, path, response, body=body, respond=respond, examples=examples, errors=errors, **scopes
        )

    def reads(
        self,
        response: type[BaseModel] | None = None,
        *,
        platform_response: type[BaseModel] | None = None,
        **scopes: Unpack[Scopes],
    ) -> Decorator:
        """`GET` of the resource (`reads`)."""
        answered = self._answered(response)
        return reads(self.blueprint, self.path, answered, platform_response=platform_response, **scopes)

    def lists(
        self,
        response: type[BaseModel],
        *,
        statuses: type[StrEnum] | None = None,
        query: tuple[str, ...] = ("limit", "cursor"),
        **scopes: Unpack[Scopes],
    ) -> Decorator:
        """`GET` of the list of such resources, at the path above the resource's (`lists`)."""
        return lists(self.blueprint, self.collection, response, statuses=statuses, query=query, **scopes)

    def updates(
        self,
        body: type[BaseModel],
        response: type[BaseModel],
        *,
        errors: tuple[int, ...] = UPDATE,
        examples: tuple[str, ...] = (),
        **scopes: Unpack[Scopes],
    ) -> Decorator:
        """`PATCH` of the resource: the fields the body names, on the version `If-Match` names."""
        return endpoint(
            self.blueprint,
            "PATCH",
            self.path,
            body=body,
            examples=examples,
            response=response,
            errors=errors,
            if_match=True,
            **scopes,
        )

    def changes(
        self,
        action: str,
        body: type[BaseModel] | None,
        response: type[BaseModel] | None = None,
        *,
        errors: tuple[int, ...] = CHANGE,
        examples: tuple[str, ...] = (),
        if_match: bool = False,
        **scopes: Unpack[Scopes],
    ) -> Decorator:
        """`POST …/<action>`: a change of the resource's state (accept, acknowledge, withdraw),
        answered with the resource, or the change, as it now stands; `if_match`: only of the
        version the caller read (412 if it changed since, 428 without `If-Match`)."""
        path, answered = f"{self.path}/{action}", self._answered(response)
        errors = (*errors, 412, 428) if if_match else errors
        return endpoint(
            self.blueprint,
            "POST",
            path,
            body=body,
            examples=examples,
            response=answered,
            errors=errors,
            if_match=if_match,
            **scopes,
        )


def _summary(view: Callable[..., Response]) -> str:
    """The view's docstring on one line, without its final period: its operation's summary."""
    doc = inspect.getdoc(view)
    if not doc:
        raise TypeError(f"{view.__name__} needs a docstring or a summary: the OpenAPI document shows it")
    return " ".join(doc.split()).removesuffix(".")


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
