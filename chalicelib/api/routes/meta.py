"""Routes about the API itself."""

from __future__ import annotations

import json

from chalice.app import Blueprint, Request, Response

from chalicelib import __version__
from chalicelib.api import openapi
from chalicelib.settings import settings

meta = Blueprint(__name__)


@meta.route("/v1/openapi.json", methods=["GET"])
def openapi_document() -> Response:
    """The document, with this stage's address as its server: a client generated from it, or
    pointed at it, calls the stage that served it."""
    request = meta.current_request
    headers = {name.lower(): value for name, value in request.headers.items()}
    scheme = headers.get("x-forwarded-proto", "http")  # API Gateway says https; the local stack is http
    server = {
        "url": f"{scheme}://{headers.get('host', 'localhost')}{stage_prefix(request)}",
        "description": f"casebridge {settings().stage}",
    }
    return Response(body={**openapi.document(), "servers": [server]}, headers={"Content-Type": "application/json"})


def stage_prefix(request: Request) -> str:
    """What comes before the route in the URL the caller used: API Gateway's stage (`/v1`) or
    a custom domain's base path; nothing on the local stack. For a route without parameters
    (Chalice's `request.path` is the route's template)."""
    full = str((request.context or {}).get("path") or request.path).rstrip("/")
    route = request.path.rstrip("/")
    return full[: len(full) - len(route)] if full.endswith(route) else ""


@meta.route("/v1/health", methods=["GET"])
def health() -> Response:
    """Unauthenticated: that the API answers, and which version runs. Nothing else: it reads no
    data, names no configuration, and costs no DynamoDB call (load balancers and uptime checks
    call it often)."""
    body = json.dumps({"status": "ok", "version": __version__})
    return Response(body=body, headers={"Content-Type": "application/json", "Cache-Control": "no-store"})
