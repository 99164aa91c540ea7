from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_purpose import FilePurpose
from ..models.file_status import FileStatus
from ..models.scan_result import ScanResult
from ..models.tlp import Tlp

T = TypeVar("T", bound="FileOut")


@_attrs_define
class FileOut:
    """An evidence file: what was declared, and what became of the bytes that arrived.

    Attributes:
        file_id (str):
        case_id (None | str): The case it belongs to; never shown to a platform
        tip_id (None | str): The tip a platform declared it on
        name (str):
        media_type (str):
        size (int):
        sha256 (str):
        status (FileStatus):
        org (str): The organisation that declared it
        declared_at (datetime.datetime):
        captured_at (datetime.datetime | None):
        description (None | str):
        tlp (None | Tlp): Its own marking; null: the case's
        purpose (FilePurpose): Why an agency declared a file of its case: as evidence, or to serve on platforms.
        checked_at (datetime.datetime | None): When the bytes arrived and were checked
        rejected_because (None | str):
        scan (ScanResult): GuardDuty's verdict on a file's object (`scanResultStatus`, lower case), or why there is
            none.
        scanned_at (datetime.datetime | None):
        awaits_scan (bool): Whether it is served only once its scan cleared it
        viewed_by_platform (bool | None):
        publicly_available (bool | None):
    """

    file_id: str
    case_id: None | str
    tip_id: None | str
    name: str
    media_type: str
    size: int
    sha256: str
    status: FileStatus
    org: str
    declared_at: datetime.datetime
    captured_at: datetime.datetime | None
    description: None | str
    tlp: None | Tlp
    purpose: FilePurpose
    checked_at: datetime.datetime | None
    rejected_because: None | str
    scan: ScanResult
    scanned_at: datetime.datetime | None
    awaits_scan: bool
    viewed_by_platform: bool | None
    publicly_available: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        case_id: None | str
        case_id = self.case_id

        tip_id: None | str
        tip_id = self.tip_id

        name = self.name

        media_type = self.media_type

        size = self.size

        sha256 = self.sha256

        status = self.status.value

        org = self.org

        declared_at = self.declared_at.isoformat()

        captured_at: None | str
        if isinstance(self.captured_at, datetime.datetime):
            captured_at = self.captured_at.isoformat()
        else:
            captured_at = self.captured_at

        description: None | str
        description = self.description

        tlp: None | str
        if isinstance(self.tlp, Tlp):
            tlp = self.tlp.value
        else:
            tlp = self.tlp

        purpose = self.purpose.value

        checked_at: None | str
        if isinstance(self.checked_at, datetime.datetime):
            checked_at = self.checked_at.isoformat()
        else:
            checked_at = self.checked_at

        rejected_because: None | str
        rejected_because = self.rejected_because

        scan = self.scan.value

        scanned_at: None | str
        if isinstance(self.scanned_at, datetime.datetime):
            scanned_at = self.scanned_at.isoformat()
        else:
            scanned_at = self.scanned_at

        awaits_scan = self.awaits_scan

        viewed_by_platform: bool | None
        viewed_by_platform = self.viewed_by_platform

        publicly_available: bool | None
        publicly_available = self.publicly_available

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "case_id": case_id,
                "tip_id": tip_id,
                "name": name,
                "media_type": media_type,
                "size": size,
                "sha256": sha256,
                "status": status,
                "org": org,
                "declared_at": declared_at,
                "captured_at": captured_at,
                "description": description,
                "tlp": tlp,
                "purpose": purpose,
                "checked_at": checked_at,
                "rejected_because": rejected_because,
                "scan": scan,
                "scanned_at": scanned_at,
                "awaits_scan": awaits_scan,
                "viewed_by_platform": viewed_by_platform,
                "publicly_available": publicly_available,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_id = d.pop("file_id")

        def _parse_case_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        case_id = _parse_case_id(d.pop("case_id"))

        def _parse_tip_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tip_id = _parse_tip_id(d.pop("tip_id"))

        name = d.pop("name")

        media_type = d.pop("media_type")

        size = d.pop("size")

        sha256 = d.pop("sha256")

        status = FileStatus(d.pop("status"))

        org = d.pop("org")

        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        def _parse_captured_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                captured_at_type_0 = datetime.datetime.fromisoformat(data)

                return captured_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        captured_at = _parse_captured_at(d.pop("captured_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_tlp(data: object) -> None | Tlp:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tlp_type_0 = Tlp(data)

                return tlp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tlp, data)

        tlp = _parse_tlp(d.pop("tlp"))

        purpose = FilePurpose(d.pop("purpose"))

        def _parse_checked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checked_at_type_0 = datetime.datetime.fromisoformat(data)

                return checked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        checked_at = _parse_checked_at(d.pop("checked_at"))

        def _parse_rejected_because(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rejected_because = _parse_rejected_because(d.pop("rejected_because"))

        scan = ScanResult(d.pop("scan"))

        def _parse_scanned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scanned_at_type_0 = datetime.datetime.fromisoformat(data)

                return scanned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scanned_at = _parse_scanned_at(d.pop("scanned_at"))

        awaits_scan = d.pop("awaits_scan")

        def _parse_viewed_by_platform(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        viewed_by_platform = _parse_viewed_by_platform(d.pop("viewed_by_platform"))

        def _parse_publicly_available(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        publicly_available = _parse_publicly_available(d.pop("publicly_available"))

        file_out = cls(
            file_id=file_id,
            case_id=case_id,
            tip_id=tip_id,
            name=name,
            media_type=media_type,
            size=size,
            sha256=sha256,
            status=status,
            org=org,
            declared_at=declared_at,
            captured_at=captured_at,
            description=description,
            tlp=tlp,
            purpose=purpose,
            checked_at=checked_at,
            rejected_because=rejected_because,
            scan=scan,
            scanned_at=scanned_at,
            awaits_scan=awaits_scan,
            viewed_by_platform=viewed_by_platform,
            publicly_available=publicly_available,
        )

        file_out.additional_properties = d
        return file_out

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
