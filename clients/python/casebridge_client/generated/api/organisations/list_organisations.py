from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.directory_list import DirectoryList
from ...models.org_kind import OrgKind
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: OrgKind | Unset = UNSET,
    state: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["state"] = state

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/organisations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DirectoryList | Problem | Unauthorized | None:
    if response.status_code == 200:
        response_200 = DirectoryList.from_dict(response.json())

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
) -> Response[DirectoryList | Problem | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: OrgKind | Unset = UNSET,
    state: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> Response[DirectoryList | Problem | Unauthorized]:
    """The directory: active organisations by code, filtered by kind and state

     For every active organisation; no scope needed.

    Args:
        kind (OrgKind | Unset): What an organisation is; its kind decides what it may do (`role`).
        state (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DirectoryList | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        kind=kind,
        state=state,
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
    kind: OrgKind | Unset = UNSET,
    state: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> DirectoryList | Problem | Unauthorized | None:
    """The directory: active organisations by code, filtered by kind and state

     For every active organisation; no scope needed.

    Args:
        kind (OrgKind | Unset): What an organisation is; its kind decides what it may do (`role`).
        state (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DirectoryList | Problem | Unauthorized
    """

    return sync_detailed(
        client=client,
        kind=kind,
        state=state,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: OrgKind | Unset = UNSET,
    state: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> Response[DirectoryList | Problem | Unauthorized]:
    """The directory: active organisations by code, filtered by kind and state

     For every active organisation; no scope needed.

    Args:
        kind (OrgKind | Unset): What an organisation is; its kind decides what it may do (`role`).
        state (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DirectoryList | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        kind=kind,
        state=state,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    kind: OrgKind | Unset = UNSET,
    state: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
) -> DirectoryList | Problem | Unauthorized | None:
    """The directory: active organisations by code, filtered by kind and state

     For every active organisation; no scope needed.

    Args:
        kind (OrgKind | Unset): What an organisation is; its kind decides what it may do (`role`).
        state (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DirectoryList | Problem | Unauthorized
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            state=state,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
