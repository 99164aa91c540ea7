from enum import StrEnum


class Outcome(StrEnum):
    PARTIALLY_PRODUCED = "partially_produced"
    PRODUCED = "produced"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
