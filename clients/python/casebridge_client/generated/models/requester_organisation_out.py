from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.org_kind import OrgKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jurisdiction_out import JurisdictionOut


T = TypeVar("T", bound="RequesterOrganisationOut")


@_attrs_define
class RequesterOrganisationOut:
    """
    Attributes:
        code (str):
        name (str):
        kind (OrgKind): What an organisation is; its kind decides what it may do (`role`).
        jurisdiction (JurisdictionOut | None | Unset):
    """

    code: str
    name: str
    kind: OrgKind
    jurisdiction: JurisdictionOut | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.jurisdiction_out import JurisdictionOut

        code = self.code

        name = self.name

        kind = self.kind.value

        jurisdiction: dict[str, Any] | None | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        elif isinstance(self.jurisdiction, JurisdictionOut):
            jurisdiction = self.jurisdiction.to_dict()
        else:
            jurisdiction = self.jurisdiction

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "name": name,
                "kind": kind,
            }
        )
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.jurisdiction_out import JurisdictionOut

        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        kind = OrgKind(d.pop("kind"))

        def _parse_jurisdiction(data: object) -> JurisdictionOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                jurisdiction_type_0 = JurisdictionOut.from_dict(data)

                return jurisdiction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JurisdictionOut | None | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        requester_organisation_out = cls(
            code=code,
            name=name,
            kind=kind,
            jurisdiction=jurisdiction,
        )

        requester_organisation_out.additional_properties = d
        return requester_organisation_out

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
