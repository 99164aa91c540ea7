from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.tip_out import TipOut
from ...models.tip_status_out import TipStatusOut
from ...models.unauthorized import Unauthorized
from ...types import Response


def _get_kwargs(
    tip_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tips/{tip_id}".format(
            tip_id=quote(str(tip_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TipOut | TipStatusOut | Unauthorized | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> TipOut | TipStatusOut:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = TipOut.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = TipStatusOut.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

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
) -> Response[Problem | TipOut | TipStatusOut | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tip_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | TipOut | TipStatusOut | Unauthorized]:
    """A platform reads its tip's status; the agency it is routed to reads the whole tip

     For agencies with scope `cases:read`; platforms with scope `tips:submit`.

    Args:
        tip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TipOut | TipStatusOut | Unauthorized]
    """

    kwargs = _get_kwargs(
        tip_id=tip_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tip_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | TipOut | TipStatusOut | Unauthorized | None:
    """A platform reads its tip's status; the agency it is routed to reads the whole tip

     For agencies with scope `cases:read`; platforms with scope `tips:submit`.

    Args:
        tip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TipOut | TipStatusOut | Unauthorized
    """

    return sync_detailed(
        tip_id=tip_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    tip_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | TipOut | TipStatusOut | Unauthorized]:
    """A platform reads its tip's status; the agency it is routed to reads the whole tip

     For agencies with scope `cases:read`; platforms with scope `tips:submit`.

    Args:
        tip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TipOut | TipStatusOut | Unauthorized]
    """

    kwargs = _get_kwargs(
        tip_id=tip_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tip_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | TipOut | TipStatusOut | Unauthorized | None:
    """A platform reads its tip's status; the agency it is routed to reads the whole tip

     For agencies with scope `cases:read`; platforms with scope `tips:submit`.

    Args:
        tip_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TipOut | TipStatusOut | Unauthorized
    """

    return (
        await asyncio_detailed(
            tip_id=tip_id,
            client=client,
        )
    ).parsed
