from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.watch_in import WatchIn


T = TypeVar("T", bound="WatchChange")


@_attrs_define
class WatchChange:
    """What a watch center is to serve: proposed by one person of the operator, made by a second
    one sending the same.

        Attributes:
            watch (WatchIn): What a watch center serves: agencies by code, the agencies of states, an area of the map.
            reason (str | Unset):  Default: ''.
    """

    watch: WatchIn
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        watch = self.watch.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "watch": watch,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.watch_in import WatchIn

        d = dict(src_dict)
        watch = WatchIn.from_dict(d.pop("watch"))

        reason = d.pop("reason", UNSET)

        watch_change = cls(
            watch=watch,
            reason=reason,
        )

        return watch_change
