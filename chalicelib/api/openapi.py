"""The OpenAPI 3.1 document, written from the route declarations and their pydantic models."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from chalicelib.api import models
from chalicelib.api.routing import OPERATIONS, Operation
from chalicelib.domain.organisations import OrgKind

_REF = "#/components/schemas/{model}"
_PARAMETERS = {
    "limit": {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 25},
    },
    "cursor": {
        "name": "cursor",
        "in": "query",
        "schema": {"type": "string"},
        "description": "next_cursor of the previous page",
    },
    "status": {"name": "status", "in": "query", "schema": {"type": "string"}},
    "box": {
        "name": "box",
        "in": "query",
        "schema": {"type": "string", "enum": ["inbound", "outbound"], "default": "inbound"},
    },
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
    503: "Busy; retry after Retry-After",
}


@cache
def document() -> dict[str, Any]:
    schemas: dict[str, Any] = {}

    def ref(model: type[BaseModel]) -> dict[str, str]:
        schema = model.model_json_schema(ref_template=_REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        return {"$ref": _REF.format(model=model.__name__)}

    problem = {"application/problem+json": {"schema": ref(models.Problem)}}
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, ref, problem)
    return {
        "openapi": "3.1.0",
        "info": {"title": "casebridge", "version": "1.0.0", "description": "Interagency case coordination."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT (RS256/ES256)"}},
        },
        "security": [{"bearer": []}],
    }


def _operation(op: Operation, ref: Any, problem: dict[str, Any]) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in _path_names(op.path)
    ]
    parameters += [_PARAMETERS[name] for name in op.query]
    if op.creates:
        parameters.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "schema": {"type": "string", "maxLength": 255},
                "description": "A replay returns the first response; reuse with another body is 422",
            }
        )
    if op.if_match:
        parameters.append({"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"}})
    responses: dict[str, Any] = {
        str(op.status): {
            "description": "Success",
            "content": {"application/json": {"schema": ref(op.response)}} if op.response else {},
        }
    }
    for status in sorted(set(op.errors) | {500}):
        responses[str(status)] = {"description": _DESCRIPTIONS.get(status, "Error"), "content": problem}
    operation: dict[str, Any] = {
        "operationId": f"{op.method.lower()}_{op.path.strip('/').replace('/', '_').replace('{', '').replace('}', '')}",
        "summary": op.summary,
        "description": _scopes(op),
        "parameters": parameters,
        "responses": responses,
    }
    if op.body is not None:
        operation["requestBody"] = {
            "required": op.body is not models.NoBody,
            "content": {"application/json": {"schema": ref(op.body)}},
        }
    return operation


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def _scopes(op: Operation) -> str:
    """Who may call: `agencies with scope x; platforms with scope y`."""
    who = {OrgKind.AGENCY: "agencies", OrgKind.PLATFORM: "platforms"}
    return "For " + "; ".join(f"{who[kind]} with scope `{scope}`" for kind, scope in op.scopes.items()) + "."
