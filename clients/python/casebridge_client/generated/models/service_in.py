from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.service_kind import ServiceKind

T = TypeVar("T", bound="ServiceIn")


@_attrs_define
class ServiceIn:
    """
    Attributes:
        code (str): e.g. META, TIKTOK, TELEGRAM
        kind (ServiceKind): A platform service's kind: the "covered services" of the Combating Cartels on Social Media
            Act.
    """

    code: str
    kind: ServiceKind

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        kind = self.kind.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        kind = ServiceKind(d.pop("kind"))

        service_in = cls(
            code=code,
            kind=kind,
        )

        return service_in
