import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conflict_state import ConflictState
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...models.watched_conflict_list import WatchedConflictList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: ConflictState | Unset = UNSET,
    starts_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    json_starts_before: str | Unset = UNSET
    if not isinstance(starts_before, Unset):
        json_starts_before = starts_before.isoformat()
    params["starts_before"] = json_starts_before

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/conflicts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Unauthorized | WatchedConflictList | None:
    if response.status_code == 200:
        response_200 = WatchedConflictList.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | Unauthorized | WatchedConflictList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: ConflictState | Unset = UNSET,
    starts_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> Response[Problem | Unauthorized | WatchedConflictList]:
    """List your watch center's unresolved conflicts, the most urgent (earliest start) first; `?state=`
    those in one state, `?starts_before=` those starting before it. `Accept: application/geo+json`
    answers a GeoJSON FeatureCollection, a feature per operation, for a map

     For watch centers with scope `conflicts:watch`.

    Args:
        state (ConflictState | Unset):
        starts_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Unauthorized | WatchedConflictList]
    """

    kwargs = _get_kwargs(
        state=state,
        starts_before=starts_before,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    state: ConflictState | Unset = UNSET,
    starts_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> Problem | Unauthorized | WatchedConflictList | None:
    """List your watch center's unresolved conflicts, the most urgent (earliest start) first; `?state=`
    those in one state, `?starts_before=` those starting before it. `Accept: application/geo+json`
    answers a GeoJSON FeatureCollection, a feature per operation, for a map

     For watch centers with scope `conflicts:watch`.

    Args:
        state (ConflictState | Unset):
        starts_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Unauthorized | WatchedConflictList
    """

    return sync_detailed(
        client=client,
        state=state,
        starts_before=starts_before,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: ConflictState | Unset = UNSET,
    starts_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> Response[Problem | Unauthorized | WatchedConflictList]:
    """List your watch center's unresolved conflicts, the most urgent (earliest start) first; `?state=`
    those in one state, `?starts_before=` those starting before it. `Accept: application/geo+json`
    answers a GeoJSON FeatureCollection, a feature per operation, for a map

     For watch centers with scope `conflicts:watch`.

    Args:
        state (ConflictState | Unset):
        starts_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Unauthorized | WatchedConflictList]
    """

    kwargs = _get_kwargs(
        state=state,
        starts_before=starts_before,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    state: ConflictState | Unset = UNSET,
    starts_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> Problem | Unauthorized | WatchedConflictList | None:
    """List your watch center's unresolved conflicts, the most urgent (earliest start) first; `?state=`
    those in one state, `?starts_before=` those starting before it. `Accept: application/geo+json`
    answers a GeoJSON FeatureCollection, a feature per operation, for a map

     For watch centers with scope `conflicts:watch`.

    Args:
        state (ConflictState | Unset):
        starts_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Unauthorized | WatchedConflictList
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            starts_before=starts_before,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
