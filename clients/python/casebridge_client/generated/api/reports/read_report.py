from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.report_out import ReportOut
from ...models.unauthorized import Unauthorized
from ...types import UNSET, Response


def _get_kwargs(
    report: str,
    *,
    period: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["period"] = period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/{report}".format(
            report=quote(str(report), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReportOut | Unauthorized | None:
    if response.status_code == 200:
        response_200 = ReportOut.from_dict(response.json())

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
) -> Response[Problem | ReportOut | Unauthorized]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    report: str,
    *,
    client: AuthenticatedClient | Client,
    period: str,
) -> Response[Problem | ReportOut | Unauthorized]:
    """A report of your own figures (`transparency` for a platform, `agency` for an agency, `watch` for a
    watch center; `national` or `progress` for oversight) over a period

     For agencies with scope `reports:read`; platforms with scope `reports:read`; oversight with scope
    `reports:read`; watch centers with scope `reports:read`.

    Args:
        report (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportOut | Unauthorized]
    """

    kwargs = _get_kwargs(
        report=report,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    report: str,
    *,
    client: AuthenticatedClient | Client,
    period: str,
) -> Problem | ReportOut | Unauthorized | None:
    """A report of your own figures (`transparency` for a platform, `agency` for an agency, `watch` for a
    watch center; `national` or `progress` for oversight) over a period

     For agencies with scope `reports:read`; platforms with scope `reports:read`; oversight with scope
    `reports:read`; watch centers with scope `reports:read`.

    Args:
        report (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportOut | Unauthorized
    """

    return sync_detailed(
        report=report,
        client=client,
        period=period,
    ).parsed


async def asyncio_detailed(
    report: str,
    *,
    client: AuthenticatedClient | Client,
    period: str,
) -> Response[Problem | ReportOut | Unauthorized]:
    """A report of your own figures (`transparency` for a platform, `agency` for an agency, `watch` for a
    watch center; `national` or `progress` for oversight) over a period

     For agencies with scope `reports:read`; platforms with scope `reports:read`; oversight with scope
    `reports:read`; watch centers with scope `reports:read`.

    Args:
        report (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportOut | Unauthorized]
    """

    kwargs = _get_kwargs(
        report=report,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    report: str,
    *,
    client: AuthenticatedClient | Client,
    period: str,
) -> Problem | ReportOut | Unauthorized | None:
    """A report of your own figures (`transparency` for a platform, `agency` for an agency, `watch` for a
    watch center; `national` or `progress` for oversight) over a period

     For agencies with scope `reports:read`; platforms with scope `reports:read`; oversight with scope
    `reports:read`; watch centers with scope `reports:read`.

    Args:
        report (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportOut | Unauthorized
    """

    return (
        await asyncio_detailed(
            report=report,
            client=client,
            period=period,
        )
    ).parsed
