from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.link_tip import LinkTip
from ...models.problem import Problem
from ...models.tip_triaged import TipTriaged
from ...models.unauthorized import Unauthorized
from ...types import Response


def _get_kwargs(
    tip_id: str,
    *,
    body: LinkTip,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tips/{tip_id}/link".format(
            tip_id=quote(str(tip_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TipTriaged | Unauthorized | None:
    if response.status_code == 200:
        response_200 = TipTriaged.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[Problem | TipTriaged | Unauthorized]:
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
    body: LinkTip,
) -> Response[Problem | TipTriaged | Unauthorized]:
    """Attach a new tip to a case you participate in: its identifiers and references are copied

     For agencies with scope `cases:write`.

    Args:
        tip_id (str):
        body (LinkTip):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TipTriaged | Unauthorized]
    """

    kwargs = _get_kwargs(
        tip_id=tip_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tip_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LinkTip,
) -> Problem | TipTriaged | Unauthorized | None:
    """Attach a new tip to a case you participate in: its identifiers and references are copied

     For agencies with scope `cases:write`.

    Args:
        tip_id (str):
        body (LinkTip):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TipTriaged | Unauthorized
    """

    return sync_detailed(
        tip_id=tip_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    tip_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LinkTip,
) -> Response[Problem | TipTriaged | Unauthorized]:
    """Attach a new tip to a case you participate in: its identifiers and references are copied

     For agencies with scope `cases:write`.

    Args:
        tip_id (str):
        body (LinkTip):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TipTriaged | Unauthorized]
    """

    kwargs = _get_kwargs(
        tip_id=tip_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tip_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LinkTip,
) -> Problem | TipTriaged | Unauthorized | None:
    """Attach a new tip to a case you participate in: its identifiers and references are copied

     For agencies with scope `cases:write`.

    Args:
        tip_id (str):
        body (LinkTip):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TipTriaged | Unauthorized
    """

    return (
        await asyncio_detailed(
            tip_id=tip_id,
            client=client,
            body=body,
        )
    ).parsed
