from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.preservation_out import PreservationOut
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...types import Response


def _get_kwargs(
    preservation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/preservations/{preservation_id}".format(
            preservation_id=quote(str(preservation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PreservationOut | Problem | Unauthorized | None:
    if response.status_code == 200:
        response_200 = PreservationOut.from_dict(response.json())

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
) -> Response[PreservationOut | Problem | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    preservation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[PreservationOut | Problem | Unauthorized]:
    """Read a preservation request (the platform addressed, or participants of its case)

     For agencies with scope `cases:read`; platforms with scope `preservations:respond`.

    Args:
        preservation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PreservationOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        preservation_id=preservation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    preservation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> PreservationOut | Problem | Unauthorized | None:
    """Read a preservation request (the platform addressed, or participants of its case)

     For agencies with scope `cases:read`; platforms with scope `preservations:respond`.

    Args:
        preservation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PreservationOut | Problem | Unauthorized
    """

    return sync_detailed(
        preservation_id=preservation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    preservation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[PreservationOut | Problem | Unauthorized]:
    """Read a preservation request (the platform addressed, or participants of its case)

     For agencies with scope `cases:read`; platforms with scope `preservations:respond`.

    Args:
        preservation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PreservationOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        preservation_id=preservation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    preservation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> PreservationOut | Problem | Unauthorized | None:
    """Read a preservation request (the platform addressed, or participants of its case)

     For agencies with scope `cases:read`; platforms with scope `preservations:respond`.

    Args:
        preservation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PreservationOut | Problem | Unauthorized
    """

    return (
        await asyncio_detailed(
            preservation_id=preservation_id,
            client=client,
        )
    ).parsed
