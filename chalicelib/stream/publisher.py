"""Puts notifications on the EventBridge bus."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import boto3

from chalicelib.domain.notifications import SOURCE

if TYPE_CHECKING:
    from mypy_boto3_events import EventBridgeClient


class PublishFailed(Exception):
    """EventBridge refused the entry; the stream record is retried."""


class EventPublisher:
    def __init__(self, bus_name: str, boto3_client: EventBridgeClient | None = None) -> None:
        self._bus_name = bus_name
        self._client = boto3_client

    @property
    def client(self) -> EventBridgeClient:
        if self._client is None:
            self._client = boto3.client("events")
        return self._client

    def publish(self, detail_type: str, detail: dict[str, Any]) -> None:
        entry = {
            "Source": SOURCE,
            "DetailType": detail_type,
            "Detail": json.dumps(detail, separators=(",", ":")),
            "EventBusName": self._bus_name,
        }
        result = self.client.put_events(Entries=[entry])  # type: ignore[list-item]
        if result.get("FailedEntryCount", 0):
            failure = result["Entries"][0]
            raise PublishFailed(f"{failure.get('ErrorCode')}: {failure.get('ErrorMessage')}")
