"""Schemathesis against the served OpenAPI document: no 5xx, and every answer matches its own schema.

The app runs in process on moto; requests reach it through a `requests` adapter over
Chalice's test client, so schemathesis' own checks read real responses. Each operation is
called by an organisation allowed to call it, with every scope, so that generated cases
get past authentication and exercise validation and the domain. `CASEBRIDGE_FUZZ_EXAMPLES`
sets the cases per operation (25 in `make test`, for each of the document's operations, and
2,000 in `make fuzz`).
"""

from __future__ import annotations

import itertools
import os
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
import urllib3
from hypothesis import Phase, settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from chalicelib.api.openapi import document
from chalicelib.api.routing import OPERATIONS
from chalicelib.domain.organisations import OrgRole
from tests.conftest import GENERATED, ISSUER, fresh_table

EXAMPLES = int(os.environ.get("CASEBRIDGE_FUZZ_EXAMPLES", "25"))
#: Without a fresh table now and then (see `fresh_table`), one `make fuzz` worker grew past 20 GB.
FRESH_TABLE_EVERY = 100
_calls = itertools.count(1)
BASE_URL = "http://casebridge.test"


class ChaliceAdapter(requests.adapters.BaseAdapter):
    """Sends a `requests` request to the app through Chalice's test client."""

    def __init__(self, client: Any) -> None:
        super().__init__()
        self._client = client

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        url = urllib.parse.urlsplit(request.url or "")
        path = url.path + (f"?{url.query}" if url.query else "")
        body = request.body or b""
        if request.method == "OPTIONS":
            # No route declares OPTIONS: API Gateway refuses it before the app (a gateway
            # response, 404 here), while Chalice's test client fakes a CORS preflight and crashes.
            return self._response(request, unknown_route())
        answer = self._client.http.request(
            request.method or "GET",
            path,
            headers=dict(request.headers),
            body=body.encode() if isinstance(body, str) else body,
        )
        return self._response(request, answer)

    @staticmethod
    def _response(request: requests.PreparedRequest, answer: Any) -> requests.Response:
        response = requests.Response()
        response.status_code = answer.status_code
        response.headers = requests.structures.CaseInsensitiveDict(answer.headers)
        # Schemathesis reads headers (and the HTTP version) from the raw urllib3 response.
        response.raw = urllib3.HTTPResponse(
            body=b"", headers=answer.headers, status=answer.status_code, version=11, preload_content=True
        )
        response._content = answer.body
        response.url = request.url or ""
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        return None


def unknown_route() -> Any:
    """What the stack's gateway responses answer for a route or method nobody declared."""
    from chalice.test import HTTPResponse

    from chalicelib.api.problems import generic

    refusal = generic(404, "no such route")
    return HTTPResponse(body=str(refusal.body).encode(), headers=refusal.headers, status_code=404)


def now_and_then_a_fresh_table() -> None:
    if next(_calls) % FRESH_TABLE_EVERY == 0:
        fresh_table()


def bearer(case: Any) -> str:
    """A token of an organisation that may call the operation: the operator on the registry's
    routes, an agency if agencies may, else a platform."""
    method, path = case.operation.method.upper(), case.operation.path
    operation = next((op for op in OPERATIONS if op.method == method and op.path == path), None)
    if operation is not None and OrgRole.OPERATOR in operation.scopes:
        return f"Bearer {ISSUER.token('CASEBRIDGE')}"
    platform_only = operation is not None and OrgRole.AGENCY not in operation.scopes
    return f"Bearer {ISSUER.token('META' if platform_only else 'DEA')}"  # the health check ignores it


def assert_sound(case: Any, response: Any) -> None:
    """No 5xx, and the answer matches the status, schema and content type the document gives."""
    assert response.status_code < 500, (case.method, case.formatted_path, response.status_code, response.text)
    case.validate_response(response, checks=(response_schema_conformance, content_type_conformance))


@pytest.fixture
def session(client: Any) -> Iterator[requests.Session]:
    with requests.Session() as http:
        http.mount(BASE_URL, ChaliceAdapter(client))
        yield http


def served_document() -> dict[str, Any]:
    """The document `GET /v1/openapi.json` serves (the routes fill it in)."""
    return document()


schema = schemathesis.openapi.from_dict(served_document())


@schema.parametrize()
@settings(GENERATED, max_examples=EXAMPLES)
def test_no_operation_answers_5xx_or_breaks_its_own_schema(case: Any, session: requests.Session) -> None:
    now_and_then_a_fresh_table()
    response = case.call(base_url=BASE_URL, session=session, headers={"Authorization": bearer(case)})
    assert_sound(case, response)


#: Scenarios of the stateful run, chains of calls along the document's links: 50 in `make test`, more in `make fuzz`.
SCENARIOS = int(os.environ.get("CASEBRIDGE_FUZZ_SCENARIOS", "50"))


@pytest.fixture
def linked_calls(session: requests.Session) -> type[Any]:
    """The links of the document as a state machine: create, then read and change what was created."""

    # Valid requests only: a chain moves on only if its first call created something.
    linked = schemathesis.openapi.from_dict(served_document())
    linked.config.generation.update(modes=[GenerationMode.POSITIVE])

    class LinkedCalls(linked.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            # Every scenario from an empty table: the same steps get the same answers when
            # hypothesis replays them (a reused Idempotency-Key would otherwise be a 422).
            fresh_table()

        def before_call(self, case: Any) -> None:
            # Replaces a generated Authorization header too: a chain that stops at a 401 tests nothing.
            case.headers = {**(case.headers or {}), "Authorization": bearer(case)}

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": BASE_URL, "session": session}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            assert_sound(case, response)

    return LinkedCalls


def test_linked_calls_answer_no_5xx_and_keep_their_schema(linked_calls: type[Any]) -> None:
    settings_ = settings(
        GENERATED, max_examples=SCENARIOS, stateful_step_count=8, phases=[Phase.explicit, Phase.generate]
    )
    linked_calls.run(settings=settings_)


def test_every_test_has_an_id_of_its_own(request: pytest.FixtureRequest) -> None:
    """xdist hands tests out by node id: tests that share one run once between them. On pytest 9
    each operation's item above had the same id (schemathesis' label was dropped), and `make
    test` fuzzed one operation of a hundred until `tests/conftest.py` gave the label back."""
    ids = [item.nodeid for item in request.session.items]
    assert len(ids) == len(set(ids))
    fuzzed = [one for one in ids if "::test_no_operation_answers_5xx_or_breaks_its_own_schema" in one]
    assert all(one.endswith("]") for one in fuzzed), fuzzed[:3]  # `[POST /v1/cases]`
