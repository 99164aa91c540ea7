from enum import StrEnum


class ScanResult(StrEnum):
    ACCESS_DENIED = "access_denied"
    FAILED = "failed"
    NOT_SCANNED = "not_scanned"
    NO_THREATS_FOUND = "no_threats_found"
    PENDING = "pending"
    THREATS_FOUND = "threats_found"
    UNSUPPORTED = "unsupported"

    def __str__(self) -> str:
        return str(self.value)
