from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.substance import Substance
from ..models.tlp import Tlp
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_in import ContactIn


T = TypeVar("T", bound="CaseCreate")


@_attrs_define
class CaseCreate:
    """
    Attributes:
        title (str):
        summary (str | Unset):  Default: ''.
        substances (list[Substance] | Unset):
        platforms (list[str] | Unset):
        jurisdiction (None | str | Unset):
        contact (ContactIn | None | Unset): Defaults to the token's name, email and phone
        tlp (Tlp | Unset): Traffic Light Protocol 2.0 markings.
    """

    title: str
    summary: str | Unset = ""
    substances: list[Substance] | Unset = UNSET
    platforms: list[str] | Unset = UNSET
    jurisdiction: None | str | Unset = UNSET
    contact: ContactIn | None | Unset = UNSET
    tlp: Tlp | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in import ContactIn

        title = self.title

        summary = self.summary

        substances: list[str] | Unset = UNSET
        if not isinstance(self.substances, Unset):
            substances = []
            for substances_item_data in self.substances:
                substances_item = substances_item_data.value
                substances.append(substances_item)

        platforms: list[str] | Unset = UNSET
        if not isinstance(self.platforms, Unset):
            platforms = self.platforms

        jurisdiction: None | str | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        else:
            jurisdiction = self.jurisdiction

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, ContactIn):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        tlp: str | Unset = UNSET
        if not isinstance(self.tlp, Unset):
            tlp = self.tlp.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if summary is not UNSET:
            field_dict["summary"] = summary
        if substances is not UNSET:
            field_dict["substances"] = substances
        if platforms is not UNSET:
            field_dict["platforms"] = platforms
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if contact is not UNSET:
            field_dict["contact"] = contact
        if tlp is not UNSET:
            field_dict["tlp"] = tlp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_in import ContactIn

        d = dict(src_dict)
        title = d.pop("title")

        summary = d.pop("summary", UNSET)

        _substances = d.pop("substances", UNSET)
        substances: list[Substance] | Unset = UNSET
        if _substances is not UNSET:
            substances = []
            for substances_item_data in _substances:
                substances_item = Substance(substances_item_data)

                substances.append(substances_item)

        platforms = cast(list[str], d.pop("platforms", UNSET))

        def _parse_jurisdiction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        def _parse_contact(data: object) -> ContactIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactIn.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactIn | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        _tlp = d.pop("tlp", UNSET)
        tlp: Tlp | Unset
        if isinstance(_tlp, Unset):
            tlp = UNSET
        else:
            tlp = Tlp(_tlp)

        case_create = cls(
            title=title,
            summary=summary,
            substances=substances,
            platforms=platforms,
            jurisdiction=jurisdiction,
            contact=contact,
            tlp=tlp,
        )

        return case_create
