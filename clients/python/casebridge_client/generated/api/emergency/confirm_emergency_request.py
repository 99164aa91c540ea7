from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.emergency_request_out import EmergencyRequestOut
from ...models.empty import Empty
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...types import Response


def _get_kwargs(
    request_id: str,
    *,
    body: Empty,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/emergency-requests/{request_id}/confirm".format(
            request_id=quote(str(request_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmergencyRequestOut | Problem | Unauthorized | None:
    if response.status_code == 200:
        response_200 = EmergencyRequestOut.from_dict(response.json())

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
) -> Response[EmergencyRequestOut | Problem | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    request_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> Response[EmergencyRequestOut | Problem | Unauthorized]:
    """Confirm an emergency request held because the officer who asked or the supervisor who approved it
    was suspended or revoked: it is back where it stood, and the platform is told (a supervisor of the
    asking agency)

     For agencies with scope `emergency:approve`.

    Args:
        request_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmergencyRequestOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    request_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> EmergencyRequestOut | Problem | Unauthorized | None:
    """Confirm an emergency request held because the officer who asked or the supervisor who approved it
    was suspended or revoked: it is back where it stood, and the platform is told (a supervisor of the
    asking agency)

     For agencies with scope `emergency:approve`.

    Args:
        request_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmergencyRequestOut | Problem | Unauthorized
    """

    return sync_detailed(
        request_id=request_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    request_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> Response[EmergencyRequestOut | Problem | Unauthorized]:
    """Confirm an emergency request held because the officer who asked or the supervisor who approved it
    was suspended or revoked: it is back where it stood, and the platform is told (a supervisor of the
    asking agency)

     For agencies with scope `emergency:approve`.

    Args:
        request_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmergencyRequestOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    request_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
) -> EmergencyRequestOut | Problem | Unauthorized | None:
    """Confirm an emergency request held because the officer who asked or the supervisor who approved it
    was suspended or revoked: it is back where it stood, and the platform is told (a supervisor of the
    asking agency)

     For agencies with scope `emergency:approve`.

    Args:
        request_id (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmergencyRequestOut | Problem | Unauthorized
    """

    return (
        await asyncio_detailed(
            request_id=request_id,
            client=client,
            body=body,
        )
    ).parsed
