from enum import StrEnum


class TipStatus(StrEnum):
    DISMISSED = "dismissed"
    LINKED = "linked"
    NEW = "new"
    PROMOTED = "promoted"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
