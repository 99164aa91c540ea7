from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.empty import Empty
from ...models.person_out import PersonOut
from ...models.problem import Problem
from ...models.unauthorized import Unauthorized
from ...types import Response


def _get_kwargs(
    person_id: str,
    *,
    body: Empty,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/people/{person_id}/verify".format(
            person_id=quote(str(person_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PersonOut | Problem | Unauthorized | None:
    if response.status_code == 200:
        response_200 = PersonOut.from_dict(response.json())

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
) -> Response[PersonOut | Problem | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    person_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
    if_match: str,
) -> Response[PersonOut | Problem | Unauthorized]:
    """Verify a person as read (If-Match), or verify them again: they may act for a year (another
    administrator than them); a change of their roles or e-mail since it was read is a 412, never
    verified unseen

     For agencies with scope `people:admin`; platforms with scope `people:admin`.

    Args:
        person_id (str):
        if_match (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        person_id=person_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    person_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
    if_match: str,
) -> PersonOut | Problem | Unauthorized | None:
    """Verify a person as read (If-Match), or verify them again: they may act for a year (another
    administrator than them); a change of their roles or e-mail since it was read is a 412, never
    verified unseen

     For agencies with scope `people:admin`; platforms with scope `people:admin`.

    Args:
        person_id (str):
        if_match (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonOut | Problem | Unauthorized
    """

    return sync_detailed(
        person_id=person_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    person_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
    if_match: str,
) -> Response[PersonOut | Problem | Unauthorized]:
    """Verify a person as read (If-Match), or verify them again: they may act for a year (another
    administrator than them); a change of their roles or e-mail since it was read is a 412, never
    verified unseen

     For agencies with scope `people:admin`; platforms with scope `people:admin`.

    Args:
        person_id (str):
        if_match (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonOut | Problem | Unauthorized]
    """

    kwargs = _get_kwargs(
        person_id=person_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    person_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Empty,
    if_match: str,
) -> PersonOut | Problem | Unauthorized | None:
    """Verify a person as read (If-Match), or verify them again: they may act for a year (another
    administrator than them); a change of their roles or e-mail since it was read is a 412, never
    verified unseen

     For agencies with scope `people:admin`; platforms with scope `people:admin`.

    Args:
        person_id (str):
        if_match (str):
        body (Empty): No fields: the caller's verified identity is the content.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonOut | Problem | Unauthorized
    """

    return (
        await asyncio_detailed(
            person_id=person_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
