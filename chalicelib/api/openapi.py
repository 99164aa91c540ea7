"""The OpenAPI 3.1 document, written from the route declarations and their pydantic models."""

from __future__ import annotations

import importlib
import json
import pkgutil
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, TypeGuard, get_args, get_origin

from pydantic import BaseModel, TypeAdapter

from chalicelib import __version__
from chalicelib.api import models
from chalicelib.api.routing import OPERATIONS, Operation
from chalicelib.domain.organisations import OrgRole

_REF = "#/components/schemas/{model}"


def _query(name: str, schema: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    """A query parameter of the document's lists."""
    parameter = {"name": name, "in": "query", "schema": schema}
    return parameter | {"description": description} if description else parameter


_PARAMETERS = {
    "limit": _query("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}),
    "cursor": _query("cursor", {"type": "string"}, "next_cursor of the previous page"),
    "after": _query(
        "after",
        {"type": "string"},
        "A `next_cursor` of the feed, or the id of an event in it (evt_…): the page starts after it",
    ),
    "types": _query(
        "types",
        {"type": "string"},
        "Comma-separated detail-types to keep (e.g. `Referral Created,Tip Routed`); all when absent",
    ),
    "kind": _query("kind", {"$ref": "#/components/schemas/OrgKind"}, "Only organisations of this kind"),
    "state": _query(
        "state",
        {"type": "string", "pattern": "^[A-Z]{2}$"},
        "Only organisations whose jurisdiction is in this state or territory (e.g. NV)",
    ),
    "box": _query("box", {"type": "string", "enum": ["inbound", "outbound"], "default": "inbound"}),
    "period": {
        **_query(
            "period",
            {"type": "string", "pattern": "^20[0-9]{2}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$"},
            "A year (2026), half (2026-H2), quarter (2026-Q3) or month (2026-11)",
        ),
        "required": True,
    },
}
#: A list's own meaning of a parameter another list names too (`state`).
_PATH_PARAMETERS = {
    "/v1/conflicts": {
        "state": _query("state", {"$ref": "#/components/schemas/ConflictState"}, "Only conflicts in this state"),
        "starts_before": _query(
            "starts_before",
            {"type": "string", "format": "date-time"},
            "Only conflicts whose earlier operation starts before this instant",
        ),
    }
}
_DESCRIPTIONS = {
    400: "Malformed or invalid input",
    401: "No or bad token",
    403: "Missing scope or wrong kind of organisation",
    404: "Absent, or not visible to you",
    409: "Invalid state transition or duplicate",
    412: "Stale If-Match",
    413: "Body too large",
    415: "Body is not JSON",
    422: "Idempotency-Key reused with another body",
    428: "If-Match missing",
    429: "A deconfliction quota is spent; retry after Retry-After (seconds to the next hour)",
    503: "Busy; retry after Retry-After",
}


#: The one route without a token: that the API answers, and which version runs.
_HEALTH: dict[str, Any] = {
    "summary": "Whether the API is up, and its version (no token needed)",
    "operationId": "health",
    "tags": ["meta"],
    "security": [],
    "responses": {
        "200": {
            "description": "Up",
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
                        "required": ["status", "version"],
                        "additionalProperties": False,
                    }
                }
            },
        }
    },
}


@cache
def document() -> dict[str, Any]:
    schemas: dict[str, Any] = {}

    def ref(model: type[BaseModel]) -> dict[str, str]:
        schema = model.model_json_schema(ref_template=_REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        return {"$ref": _REF.format(model=model.__name__)}

    def enum_ref(enum: type[StrEnum]) -> dict[str, str]:
        """One schema per concept: a list's `?status=` filter is the same enum its items carry."""
        schemas[enum.__name__] = TypeAdapter(enum).json_schema()
        return {"$ref": _REF.format(model=enum.__name__)}

    problem = {"application/problem+json": {"schema": ref(models.Problem)}}
    for model in models.SCHEMA_ONLY:
        ref(model)
    paths: dict[str, dict[str, Any]] = {}
    for op in _declared():
        operation = _operation(op, ref, enum_ref, problem)
        if links := _links(op):
            operation["responses"][str(op.status)]["links"] = links
        paths.setdefault(op.path, {})[op.method.lower()] = operation
    paths["/v1/health"] = {
        "get": {**_HEALTH, "responses": {**_HEALTH["responses"], "500": _error_response(500, problem)}}
    }
    areas = sorted({op.area for op in OPERATIONS} | {"meta"})
    schemas = _resolved(schemas)
    return {
        "openapi": "3.1.0",
        "info": {"title": "casebridge", "version": __version__, "description": "Interagency case coordination."},
        "servers": [{"url": "/"}],
        "tags": [{"name": area, "description": _area_description(area)} for area in areas],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT (RS256/ES256)"}},
        },
        "security": [{"bearer": []}],
    }


def _error_response(status: int, problem: dict[str, Any]) -> dict[str, Any]:
    return {"description": _DESCRIPTIONS.get(status, "Error"), "content": problem}


def _unauthorized(ref: Any) -> dict[str, Any]:
    """The 401: its problem carries `reason`, and its `WWW-Authenticate` challenge (RFC 6750)."""
    return {
        "description": _DESCRIPTIONS[401],
        "headers": {
            "WWW-Authenticate": {
                "description": 'Bearer error="invalid_token" (or "invalid_request" for a malformed header; '
                "no error when no credentials were sent), with error_description",
                "schema": {"type": "string"},
            }
        },
        "content": {"application/problem+json": {"schema": ref(models.Unauthorized)}},
    }


def _resolved(schema: Any) -> Any:
    """`schema` with every `SCHEMA_OF` marker replaced by a reference to the model it names."""
    if isinstance(schema, dict):
        if models.SCHEMA_OF in schema:
            named = {"$ref": _REF.format(model=schema[models.SCHEMA_OF])}
            rest = {key: value for key, value in schema.items() if key != models.SCHEMA_OF}
            return {"allOf": [named], **rest} if rest else named
        return {key: _resolved(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_resolved(item) for item in schema]
    return schema


def _declared() -> list[Operation]:
    """Every operation the routes declare. Each module of `api/routes` declares its own when
    imported, which the app does on its first request (`chalicelib.lazy_routes`): the
    document can come first (`make client`, the tests)."""
    from chalicelib.api import routes

    for module in pkgutil.iter_modules(routes.__path__):
        importlib.import_module(f"{routes.__name__}.{module.name}")
    return OPERATIONS


def _area_description(area: str) -> str:
    """The first sentence of the area's routes module (`chalicelib/api/routes/<area>.py`)."""
    module = importlib.import_module(f"chalicelib.api.routes.{area}")
    return " ".join((module.__doc__ or area).split()).split(". ")[0].rstrip(".")


def _operation(op: Operation, ref: Any, enum_ref: Any, problem: dict[str, Any]) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in _path_names(op.path)
    ]
    parameters += [
        _query("status", enum_ref(op.statuses))
        if name == "status"
        else _PATH_PARAMETERS.get(op.path, {}).get(name) or _PARAMETERS[name]
        for name in op.query
    ]
    if op.creates:
        parameters.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,255}$"},
                "description": "A replay returns the first response; reuse with another body is 422",
            }
        )
    if op.if_match:
        parameters.append({"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"}})
    responses: dict[str, Any] = {
        str(op.status): {
            "description": "Success",
            "content": {"application/json": {"schema": _answered(op, ref)}} if op.response else {},
        }
    }
    for media_type in op.also_as:  # the same answer as text (a CSV, an SVG chart) or as bytes (a PDF)
        text = media_type.startswith("text/") or media_type.endswith("+xml")
        schema = {"type": "string"} if text else {"type": "string", "format": "binary"}
        responses[str(op.status)]["content"][media_type] = {"schema": schema}
    for status in sorted(set(op.errors) | {500}):
        responses[str(status)] = _unauthorized(ref) if status == 401 else _error_response(status, problem)
    operation: dict[str, Any] = {
        "operationId": _operation_id(op),
        "tags": [op.area],
        "summary": op.summary,
        "description": _scopes(op),
        "parameters": parameters,
        "responses": responses,
    }
    if op.body is not None:
        content: dict[str, Any] = {"schema": ref(op.body)}
        if op.examples:
            content["examples"] = {name: {"value": api_examples()[name]} for name in op.examples}
        operation["requestBody"] = {"required": op.body is not models.NoBody, "content": {"application/json": content}}
    return operation


def _answered(op: Operation, ref: Any) -> dict[str, Any]:
    """The success schema: the response, or either view where a platform is answered its own."""
    assert op.response is not None
    if op.platform_response is None:
        return ref(op.response)  # type: ignore[no-any-return]
    return {"anyOf": [ref(op.response), ref(op.platform_response)]}


@cache
def api_examples() -> dict[str, Any]:
    """The sample bodies of `events/api/`, by name: `chalicelib/data/api_examples.json`, the
    copy of them that the Lambda bundle carries (`make client` writes it)."""
    return json.loads(resources.files("chalicelib.data").joinpath("api_examples.json").read_text())  # type: ignore[no-any-return]


def _operation_id(op: Operation) -> str:
    """The view's name as a verb in camel case: `open_case` is `openCase`."""
    first, *rest = op.name.split("_")
    return first + "".join(word.title() for word in rest)


def _links(op: Operation) -> dict[str, Any]:
    """Links from what a creating operation answers to the operations that take the new id.

    `POST /v1/cases` links its `case_id` to every `/v1/cases/{case_id}…` operation (and its
    ETag to `If-Match` of the case's updates); a path parameter the creating operation was
    itself called with is passed on from its request.
    Integrators read these as "what next"; schemathesis follows them in stateful runs.
    """
    if op.status != 201 or op.response is None:
        return {}
    mine = set(_path_names(op.path))
    # Ids the caller sent (the case of a new operation) are not what the operation created.
    sent = set(op.body.model_fields) if op.body is not None else set()
    answered = {name: pointer for name, pointer in _id_pointers(op.response).items() if name not in mine | sent}
    links: dict[str, Any] = {}
    for target in OPERATIONS:
        wanted = _path_names(target.path)
        if target is op or not set(wanted) & answered.keys() or not set(wanted) <= mine | answered.keys():
            continue
        parameters = {
            name: f"$response.body#{answered[name]}" if name in answered else f"$request.path.{name}" for name in wanted
        }
        if target.if_match and target.path.startswith(f"{op.path}/{{"):
            # The new resource's own updates: its creation answered the ETag they need.
            parameters["If-Match"] = "$response.header.ETag"
        links[_operation_id(target)] = {"operationId": _operation_id(target), "parameters": parameters}
    return links


def _id_pointers(model: type[BaseModel], prefix: str = "") -> dict[str, str]:
    """JSON pointers to the `…_id` fields of a response, the shallowest first (nested models, first items of lists)."""
    pointers: dict[str, str] = {}
    nested: list[tuple[type[BaseModel], str]] = []
    for name, info in model.model_fields.items():
        if name.endswith("_id"):
            pointers[name] = f"{prefix}/{name}"
        annotation = info.annotation
        if _is_model(annotation):
            nested.append((annotation, f"{prefix}/{name}"))
        elif get_origin(annotation) is list and _is_model(item := get_args(annotation)[0]):
            nested.append((item, f"{prefix}/{name}/0"))
    for child, pointer in nested:
        for name, found in _id_pointers(child, pointer).items():
            pointers.setdefault(name, found)
    return pointers


def _is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def _scopes(op: Operation) -> str:
    """Who may call: `agencies with scope x; platforms with scope y`."""
    if not op.scopes:
        return "For every active organisation; no scope needed."
    who = {
        OrgRole.AGENCY: "agencies",
        OrgRole.PLATFORM: "platforms",
        OrgRole.OPERATOR: "the operator",
        OrgRole.OVERSIGHT: "oversight",
        OrgRole.WATCH: "watch centers",
    }
    named = {kind: " or ".join(f"`{scope}`" for scope in scopes) for kind, scopes in op.scopes.items()}
    return "For " + "; ".join(f"{who[kind]} with scope {scope}" for kind, scope in named.items()) + "."
