from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.empty import Empty
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...models.watched_conflict_out import WatchedConflictOut
from ...types import Response


def _get_kwargs(
    conflict_id: str,
    *,
    body: Empty,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/conflicts/{conflict_id}/waiver/concur".format(
            conflict_id=quote(str(conflict_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Unauthorized | WatchedConflictOut | None:
    if response.status_code == 200:
        response_200 = WatchedConflictOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Unauthorized.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | Unauthorized | WatchedConflictOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conflict_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> Response[Problem | Unauthorized | WatchedConflictOut]:
    """Concur with your agency's exigent waiver (a second person, with `deconfliction:waive`); the center
    and the other agency are told at once

     For agencies with scope `deconfliction:waive`.

    Args:
        conflict_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Unauthorized | WatchedConflictOut]
    """

    kwargs = _get_kwargs(
        conflict_id=conflict_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conflict_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> Problem | Unauthorized | WatchedConflictOut | None:
    """Concur with your agency's exigent waiver (a second person, with `deconfliction:waive`); the center
    and the other agency are told at once

     For agencies with scope `deconfliction:waive`.

    Args:
        conflict_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Unauthorized | WatchedConflictOut
    """

    return sync_detailed(
        conflict_id=conflict_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    conflict_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> Response[Problem | Unauthorized | WatchedConflictOut]:
    """Concur with your agency's exigent waiver (a second person, with `deconfliction:waive`); the center
    and the other agency are told at once

     For agencies with scope `deconfliction:waive`.

    Args:
        conflict_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Unauthorized | WatchedConflictOut]
    """

    kwargs = _get_kwargs(
        conflict_id=conflict_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conflict_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> Problem | Unauthorized | WatchedConflictOut | None:
    """Concur with your agency's exigent waiver (a second person, with `deconfliction:waive`); the center
    and the other agency are told at once

     For agencies with scope `deconfliction:waive`.

    Args:
        conflict_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Unauthorized | WatchedConflictOut
    """

    return (
        await asyncio_detailed(
            conflict_id=conflict_id,
            client=client,
            body=body,
        )
    ).parsed
