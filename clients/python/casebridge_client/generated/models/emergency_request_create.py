from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.emergency_in import EmergencyIn
    from ..models.preserved_account_in import PreservedAccountIn


T = TypeVar("T", bound="EmergencyRequestCreate")


@_attrs_define
class EmergencyRequestCreate:
    """
    Attributes:
        platform (str): A registry code, e.g. HSI
        accounts (list[PreservedAccountIn]):
        emergency (EmergencyIn): The statute's test (18 U.S.C. 2702(b)(8)), every question answered.
    """

    platform: str
    accounts: list[PreservedAccountIn]
    emergency: EmergencyIn

    def to_dict(self) -> dict[str, Any]:
        platform = self.platform

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        emergency = self.emergency.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "platform": platform,
                "accounts": accounts,
                "emergency": emergency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.emergency_in import EmergencyIn
        from ..models.preserved_account_in import PreservedAccountIn

        d = dict(src_dict)
        platform = d.pop("platform")

        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = PreservedAccountIn.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        emergency = EmergencyIn.from_dict(d.pop("emergency"))

        emergency_request_create = cls(
            platform=platform,
            accounts=accounts,
            emergency=emergency,
        )

        return emergency_request_create
