from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...types import Response


def _get_kwargs(
    case_id: str,
    identifier_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/cases/{case_id}/identifiers/{identifier_id}".format(
            case_id=quote(str(case_id), safe=""),
            identifier_id=quote(str(identifier_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | Unauthorized | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Problem | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: str,
    identifier_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Problem | Unauthorized]:
    """Remove an identifier from a case (participants)

     For agencies with scope `cases:write`.

    Args:
        case_id (str):
        identifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        identifier_id=identifier_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: str,
    identifier_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Problem | Unauthorized | None:
    """Remove an identifier from a case (participants)

     For agencies with scope `cases:write`.

    Args:
        case_id (str):
        identifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | Unauthorized
    """

    return sync_detailed(
        case_id=case_id,
        identifier_id=identifier_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    case_id: str,
    identifier_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Problem | Unauthorized]:
    """Remove an identifier from a case (participants)

     For agencies with scope `cases:write`.

    Args:
        case_id (str):
        identifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        identifier_id=identifier_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: str,
    identifier_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Problem | Unauthorized | None:
    """Remove an identifier from a case (participants)

     For agencies with scope `cases:write`.

    Args:
        case_id (str):
        identifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | Unauthorized
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            identifier_id=identifier_id,
            client=client,
        )
    ).parsed
