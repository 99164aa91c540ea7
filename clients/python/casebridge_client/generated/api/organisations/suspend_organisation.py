from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.organisation_out import OrganisationOut
from ...models.problem import Problem
from ...models.registry_change import RegistryChange
from ...models.unauthorized import Unauthorized
from ...types import Response


def _get_kwargs(
    code: str,
    *,
    body: RegistryChange,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/organisations/{code}/suspend".format(
            code=quote(str(code), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrganisationOut | Problem | Unauthorized | None:
    if response.status_code == 200:
        response_200 = OrganisationOut.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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
) -> Response[OrganisationOut | Problem | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: RegistryChange,
    if_match: str,
) -> Response[OrganisationOut | Problem | Unauthorized]:
    """Ask for an organisation's suspension, or confirm another person's request (as read: If-Match), and
    its tokens are refused

     For the operator with scope `registry:admin`.

    Args:
        code (str):
        if_match (str):
        body (RegistryChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: RegistryChange,
    if_match: str,
) -> OrganisationOut | Problem | Unauthorized | None:
    """Ask for an organisation's suspension, or confirm another person's request (as read: If-Match), and
    its tokens are refused

     For the operator with scope `registry:admin`.

    Args:
        code (str):
        if_match (str):
        body (RegistryChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationOut | Problem | Unauthorized
    """

    return sync_detailed(
        code=code,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: RegistryChange,
    if_match: str,
) -> Response[OrganisationOut | Problem | Unauthorized]:
    """Ask for an organisation's suspension, or confirm another person's request (as read: If-Match), and
    its tokens are refused

     For the operator with scope `registry:admin`.

    Args:
        code (str):
        if_match (str):
        body (RegistryChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: RegistryChange,
    if_match: str,
) -> OrganisationOut | Problem | Unauthorized | None:
    """Ask for an organisation's suspension, or confirm another person's request (as read: If-Match), and
    its tokens are refused

     For the operator with scope `registry:admin`.

    Args:
        code (str):
        if_match (str):
        body (RegistryChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationOut | Problem | Unauthorized
    """

    return (
        await asyncio_detailed(
            code=code,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
