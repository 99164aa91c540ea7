from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_feed import EventFeed
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["types"] = types

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventFeed | Problem | Unauthorized | None:
    if response.status_code == 200:
        response_200 = EventFeed.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EventFeed | Problem | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[EventFeed | Problem | Unauthorized]:
    """Every event your organisation received, oldest first (kept 30 days): the same id and detail as on
    the bus

     For agencies with scope `cases:read`; platforms with scope `tips:submit` or `preservations:respond`
    or `legal:respond`; the operator with scope `registry:admin`; watch centers with scope
    `conflicts:watch`.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventFeed | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> EventFeed | Problem | Unauthorized | None:
    """Every event your organisation received, oldest first (kept 30 days): the same id and detail as on
    the bus

     For agencies with scope `cases:read`; platforms with scope `tips:submit` or `preservations:respond`
    or `legal:respond`; the operator with scope `registry:admin`; watch centers with scope
    `conflicts:watch`.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventFeed | Problem | Unauthorized
    """

    return sync_detailed(
        client=client,
        after=after,
        types=types,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[EventFeed | Problem | Unauthorized]:
    """Every event your organisation received, oldest first (kept 30 days): the same id and detail as on
    the bus

     For agencies with scope `cases:read`; platforms with scope `tips:submit` or `preservations:respond`
    or `legal:respond`; the operator with scope `registry:admin`; watch centers with scope
    `conflicts:watch`.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventFeed | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    after: str | Unset = UNSET,
    types: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> EventFeed | Problem | Unauthorized | None:
    """Every event your organisation received, oldest first (kept 30 days): the same id and detail as on
    the bus

     For agencies with scope `cases:read`; platforms with scope `tips:submit` or `preservations:respond`
    or `legal:respond`; the operator with scope `registry:admin`; watch centers with scope
    `conflicts:watch`.

    Args:
        after (str | Unset):
        types (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventFeed | Problem | Unauthorized
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            types=types,
            limit=limit,
        )
    ).parsed
