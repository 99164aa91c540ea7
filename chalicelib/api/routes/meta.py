"""Routes about the API itself."""

from __future__ import annotations

import json

from chalice.app import Blueprint, Response

from chalicelib import __version__
from chalicelib.api import openapi

meta = Blueprint(__name__)


@meta.route("/v1/openapi.json", methods=["GET"])
def openapi_document() -> Response:
    return Response(body=openapi.document(), headers={"Content-Type": "application/json"})


@meta.route("/v1/health", methods=["GET"])
def health() -> Response:
    """Unauthenticated: that the API answers, and which version runs. Nothing else: it reads no
    data, names no configuration, and costs no DynamoDB call (load balancers and uptime checks
    call it often)."""
    body = json.dumps({"status": "ok", "version": __version__})
    return Response(body=body, headers={"Content-Type": "application/json", "Cache-Control": "no-store"})
