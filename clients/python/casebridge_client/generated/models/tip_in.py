from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.delivery import Delivery
from ..models.substance import Substance
from ..models.tip_category import TipCategory
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.content_in import ContentIn
    from ..models.estimated_location_in import EstimatedLocationIn
    from ..models.parcel_in import ParcelIn
    from ..models.reported_account_in import ReportedAccountIn


T = TypeVar("T", bound="TipIn")


@_attrs_define
class TipIn:
    """A platform's report (the platform is the caller's organisation).

    Attributes:
        platform_reference (str): The platform's own id for the report; a repeat is a duplicate
        category (TipCategory): What a tip reports: the activity categories of the Combating Cartels on Social Media
            Act first; then the categories tips had before them, still accepted and stored as sent,
            each counted as the Act's category it falls under (`ACTIVITY`).
        reported_accounts (list[ReportedAccountIn]):
        substances (list[Substance] | Unset):
        content (list[ContentIn] | Unset):
        estimated_location (EstimatedLocationIn | None | Unset):
        delivery (list[Delivery] | Unset):
        parcel_tracking (list[ParcelIn] | Unset):
        minors_involved (bool | Unset):  Default: False.
        escalate (bool | Unset): Imminent harm: the receiving agency is paged at once Default: False.
        preserved_until (datetime.datetime | None | Unset):
    """

    platform_reference: str
    category: TipCategory
    reported_accounts: list[ReportedAccountIn]
    substances: list[Substance] | Unset = UNSET
    content: list[ContentIn] | Unset = UNSET
    estimated_location: EstimatedLocationIn | None | Unset = UNSET
    delivery: list[Delivery] | Unset = UNSET
    parcel_tracking: list[ParcelIn] | Unset = UNSET
    minors_involved: bool | Unset = False
    escalate: bool | Unset = False
    preserved_until: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.estimated_location_in import EstimatedLocationIn

        platform_reference = self.platform_reference

        category = self.category.value

        reported_accounts = []
        for reported_accounts_item_data in self.reported_accounts:
            reported_accounts_item = reported_accounts_item_data.to_dict()
            reported_accounts.append(reported_accounts_item)

        substances: list[str] | Unset = UNSET
        if not isinstance(self.substances, Unset):
            substances = []
            for substances_item_data in self.substances:
                substances_item = substances_item_data.value
                substances.append(substances_item)

        content: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = []
            for content_item_data in self.content:
                content_item = content_item_data.to_dict()
                content.append(content_item)

        estimated_location: dict[str, Any] | None | Unset
        if isinstance(self.estimated_location, Unset):
            estimated_location = UNSET
        elif isinstance(self.estimated_location, EstimatedLocationIn):
            estimated_location = self.estimated_location.to_dict()
        else:
            estimated_location = self.estimated_location

        delivery: list[str] | Unset = UNSET
        if not isinstance(self.delivery, Unset):
            delivery = []
            for delivery_item_data in self.delivery:
                delivery_item = delivery_item_data.value
                delivery.append(delivery_item)

        parcel_tracking: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parcel_tracking, Unset):
            parcel_tracking = []
            for parcel_tracking_item_data in self.parcel_tracking:
                parcel_tracking_item = parcel_tracking_item_data.to_dict()
                parcel_tracking.append(parcel_tracking_item)

        minors_involved = self.minors_involved

        escalate = self.escalate

        preserved_until: None | str | Unset
        if isinstance(self.preserved_until, Unset):
            preserved_until = UNSET
        elif isinstance(self.preserved_until, datetime.datetime):
            preserved_until = self.preserved_until.isoformat()
        else:
            preserved_until = self.preserved_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "platform_reference": platform_reference,
                "category": category,
                "reported_accounts": reported_accounts,
            }
        )
        if substances is not UNSET:
            field_dict["substances"] = substances
        if content is not UNSET:
            field_dict["content"] = content
        if estimated_location is not UNSET:
            field_dict["estimated_location"] = estimated_location
        if delivery is not UNSET:
            field_dict["delivery"] = delivery
        if parcel_tracking is not UNSET:
            field_dict["parcel_tracking"] = parcel_tracking
        if minors_involved is not UNSET:
            field_dict["minors_involved"] = minors_involved
        if escalate is not UNSET:
            field_dict["escalate"] = escalate
        if preserved_until is not UNSET:
            field_dict["preserved_until"] = preserved_until

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.content_in import ContentIn
        from ..models.estimated_location_in import EstimatedLocationIn
        from ..models.parcel_in import ParcelIn
        from ..models.reported_account_in import ReportedAccountIn

        d = dict(src_dict)
        platform_reference = d.pop("platform_reference")

        category = TipCategory(d.pop("category"))

        reported_accounts = []
        _reported_accounts = d.pop("reported_accounts")
        for reported_accounts_item_data in _reported_accounts:
            reported_accounts_item = ReportedAccountIn.from_dict(
                reported_accounts_item_data
            )

            reported_accounts.append(reported_accounts_item)

        _substances = d.pop("substances", UNSET)
        substances: list[Substance] | Unset = UNSET
        if _substances is not UNSET:
            substances = []
            for substances_item_data in _substances:
                substances_item = Substance(substances_item_data)

                substances.append(substances_item)

        _content = d.pop("content", UNSET)
        content: list[ContentIn] | Unset = UNSET
        if _content is not UNSET:
            content = []
            for content_item_data in _content:
                content_item = ContentIn.from_dict(content_item_data)

                content.append(content_item)

        def _parse_estimated_location(
            data: object,
        ) -> EstimatedLocationIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                estimated_location_type_0 = EstimatedLocationIn.from_dict(data)

                return estimated_location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EstimatedLocationIn | None | Unset, data)

        estimated_location = _parse_estimated_location(
            d.pop("estimated_location", UNSET)
        )

        _delivery = d.pop("delivery", UNSET)
        delivery: list[Delivery] | Unset = UNSET
        if _delivery is not UNSET:
            delivery = []
            for delivery_item_data in _delivery:
                delivery_item = Delivery(delivery_item_data)

                delivery.append(delivery_item)

        _parcel_tracking = d.pop("parcel_tracking", UNSET)
        parcel_tracking: list[ParcelIn] | Unset = UNSET
        if _parcel_tracking is not UNSET:
            parcel_tracking = []
            for parcel_tracking_item_data in _parcel_tracking:
                parcel_tracking_item = ParcelIn.from_dict(parcel_tracking_item_data)

                parcel_tracking.append(parcel_tracking_item)

        minors_involved = d.pop("minors_involved", UNSET)

        escalate = d.pop("escalate", UNSET)

        def _parse_preserved_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preserved_until_type_0 = datetime.datetime.fromisoformat(data)

                return preserved_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        preserved_until = _parse_preserved_until(d.pop("preserved_until", UNSET))

        tip_in = cls(
            platform_reference=platform_reference,
            category=category,
            reported_accounts=reported_accounts,
            substances=substances,
            content=content,
            estimated_location=estimated_location,
            delivery=delivery,
            parcel_tracking=parcel_tracking,
            minors_involved=minors_involved,
            escalate=escalate,
            preserved_until=preserved_until,
        )

        return tip_in
