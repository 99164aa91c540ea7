from enum import StrEnum


class PreservationStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    EXPIRED = "expired"
    FULFILLED = "fulfilled"
    REQUESTED = "requested"

    def __str__(self) -> str:
        return str(self.value)
