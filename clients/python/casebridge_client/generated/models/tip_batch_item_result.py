from enum import StrEnum


class TipBatchItemResult(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    INVALID = "invalid"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
