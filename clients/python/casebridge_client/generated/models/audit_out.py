from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditOut")


@_attrs_define
class AuditOut:
    """
    Attributes:
        audit_id (str):
        at (datetime.datetime):
        component (str):
        event (str):
        subject (str):
        org (str):
        outcome (str):
        resource_id (None | str):
        reason (None | str):
        request_id (None | str):
        identity (str): verified, unverified (then claimed_* is what the caller claimed) or system
        claimed_subject (None | str | Unset):
        claimed_org (None | str | Unset):
        source_ip (None | str | Unset):
        user_agent (None | str | Unset):
        blind_tokens (list[str] | Unset): A check's blind-index tokens: never the values
        sha256 (None | str | Unset): The SHA-256 of the evidence file the event handed over
    """

    audit_id: str
    at: datetime.datetime
    component: str
    event: str
    subject: str
    org: str
    outcome: str
    resource_id: None | str
    reason: None | str
    request_id: None | str
    identity: str
    claimed_subject: None | str | Unset = UNSET
    claimed_org: None | str | Unset = UNSET
    source_ip: None | str | Unset = UNSET
    user_agent: None | str | Unset = UNSET
    blind_tokens: list[str] | Unset = UNSET
    sha256: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audit_id = self.audit_id

        at = self.at.isoformat()

        component = self.component

        event = self.event

        subject = self.subject

        org = self.org

        outcome = self.outcome

        resource_id: None | str
        resource_id = self.resource_id

        reason: None | str
        reason = self.reason

        request_id: None | str
        request_id = self.request_id

        identity = self.identity

        claimed_subject: None | str | Unset
        if isinstance(self.claimed_subject, Unset):
            claimed_subject = UNSET
        else:
            claimed_subject = self.claimed_subject

        claimed_org: None | str | Unset
        if isinstance(self.claimed_org, Unset):
            claimed_org = UNSET
        else:
            claimed_org = self.claimed_org

        source_ip: None | str | Unset
        if isinstance(self.source_ip, Unset):
            source_ip = UNSET
        else:
            source_ip = self.source_ip

        user_agent: None | str | Unset
        if isinstance(self.user_agent, Unset):
            user_agent = UNSET
        else:
            user_agent = self.user_agent

        blind_tokens: list[str] | Unset = UNSET
        if not isinstance(self.blind_tokens, Unset):
            blind_tokens = self.blind_tokens

        sha256: None | str | Unset
        if isinstance(self.sha256, Unset):
            sha256 = UNSET
        else:
            sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audit_id": audit_id,
                "at": at,
                "component": component,
                "event": event,
                "subject": subject,
                "org": org,
                "outcome": outcome,
                "resource_id": resource_id,
                "reason": reason,
                "request_id": request_id,
                "identity": identity,
            }
        )
        if claimed_subject is not UNSET:
            field_dict["claimed_subject"] = claimed_subject
        if claimed_org is not UNSET:
            field_dict["claimed_org"] = claimed_org
        if source_ip is not UNSET:
            field_dict["source_ip"] = source_ip
        if user_agent is not UNSET:
            field_dict["user_agent"] = user_agent
        if blind_tokens is not UNSET:
            field_dict["blind_tokens"] = blind_tokens
        if sha256 is not UNSET:
            field_dict["sha256"] = sha256

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        audit_id = d.pop("audit_id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        component = d.pop("component")

        event = d.pop("event")

        subject = d.pop("subject")

        org = d.pop("org")

        outcome = d.pop("outcome")

        def _parse_resource_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resource_id = _parse_resource_id(d.pop("resource_id"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        identity = d.pop("identity")

        def _parse_claimed_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claimed_subject = _parse_claimed_subject(d.pop("claimed_subject", UNSET))

        def _parse_claimed_org(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claimed_org = _parse_claimed_org(d.pop("claimed_org", UNSET))

        def _parse_source_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_ip = _parse_source_ip(d.pop("source_ip", UNSET))

        def _parse_user_agent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_agent = _parse_user_agent(d.pop("user_agent", UNSET))

        blind_tokens = cast(list[str], d.pop("blind_tokens", UNSET))

        def _parse_sha256(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sha256 = _parse_sha256(d.pop("sha256", UNSET))

        audit_out = cls(
            audit_id=audit_id,
            at=at,
            component=component,
            event=event,
            subject=subject,
            org=org,
            outcome=outcome,
            resource_id=resource_id,
            reason=reason,
            request_id=request_id,
            identity=identity,
            claimed_subject=claimed_subject,
            claimed_org=claimed_org,
            source_ip=source_ip,
            user_agent=user_agent,
            blind_tokens=blind_tokens,
            sha256=sha256,
        )

        audit_out.additional_properties = d
        return audit_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
