from enum import StrEnum


class TipStatusOutStatus(StrEnum):
    ACTIONED = "actioned"
    RECEIVED = "received"
    ROUTED = "routed"

    def __str__(self) -> str:
        return str(self.value)
