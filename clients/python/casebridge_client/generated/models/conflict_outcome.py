from enum import StrEnum


class ConflictOutcome(StrEnum):
    CANCELLED = "cancelled"
    DELAYED = "delayed"
    JOINT = "joint"
    PROCEED = "proceed"

    def __str__(self) -> str:
        return str(self.value)
