from enum import StrEnum


class FileStatus(StrEnum):
    AVAILABLE = "available"
    EXPIRED = "expired"
    PENDING_UPLOAD = "pending_upload"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
