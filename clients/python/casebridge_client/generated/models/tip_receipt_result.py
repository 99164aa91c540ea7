from enum import StrEnum


class TipReceiptResult(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"

    def __str__(self) -> str:
        return str(self.value)
