"""Routes about the API itself."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api import openapi

meta = Blueprint(__name__)


@meta.route("/v1/openapi.json", methods=["GET"])
def openapi_document() -> Response:
    return Response(body=openapi.document(), headers={"Content-Type": "application/json"})
