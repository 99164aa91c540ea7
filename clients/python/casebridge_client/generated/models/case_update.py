from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.substance import Substance
from ..models.tlp import Tlp
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_in import ContactIn


T = TypeVar("T", bound="CaseUpdate")


@_attrs_define
class CaseUpdate:
    """Any subset of the mutable fields; `null` clears an optional one.

    Attributes:
        title (None | str | Unset):
        summary (None | str | Unset):
        substances (list[Substance] | None | Unset):
        platforms (list[str] | None | Unset):
        jurisdiction (None | str | Unset):
        contact (ContactIn | None | Unset):
        tlp (None | Tlp | Unset):
    """

    title: None | str | Unset = UNSET
    summary: None | str | Unset = UNSET
    substances: list[Substance] | None | Unset = UNSET
    platforms: list[str] | None | Unset = UNSET
    jurisdiction: None | str | Unset = UNSET
    contact: ContactIn | None | Unset = UNSET
    tlp: None | Tlp | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in import ContactIn

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        substances: list[str] | None | Unset
        if isinstance(self.substances, Unset):
            substances = UNSET
        elif isinstance(self.substances, list):
            substances = []
            for substances_type_0_item_data in self.substances:
                substances_type_0_item = substances_type_0_item_data.value
                substances.append(substances_type_0_item)

        else:
            substances = self.substances

        platforms: list[str] | None | Unset
        if isinstance(self.platforms, Unset):
            platforms = UNSET
        elif isinstance(self.platforms, list):
            platforms = self.platforms

        else:
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

        tlp: None | str | Unset
        if isinstance(self.tlp, Unset):
            tlp = UNSET
        elif isinstance(self.tlp, Tlp):
            tlp = self.tlp.value
        else:
            tlp = self.tlp

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
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

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_substances(data: object) -> list[Substance] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                substances_type_0 = []
                _substances_type_0 = data
                for substances_type_0_item_data in _substances_type_0:
                    substances_type_0_item = Substance(substances_type_0_item_data)

                    substances_type_0.append(substances_type_0_item)

                return substances_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Substance] | None | Unset, data)

        substances = _parse_substances(d.pop("substances", UNSET))

        def _parse_platforms(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                platforms_type_0 = cast(list[str], data)

                return platforms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        platforms = _parse_platforms(d.pop("platforms", UNSET))

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

        def _parse_tlp(data: object) -> None | Tlp | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tlp_type_0 = Tlp(data)

                return tlp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tlp | Unset, data)

        tlp = _parse_tlp(d.pop("tlp", UNSET))

        case_update = cls(
            title=title,
            summary=summary,
            substances=substances,
            platforms=platforms,
            jurisdiction=jurisdiction,
            contact=contact,
            tlp=tlp,
        )

        return case_update
