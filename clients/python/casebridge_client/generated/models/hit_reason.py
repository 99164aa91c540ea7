from enum import StrEnum


class HitReason(StrEnum):
    CHECK = "check"
    CHECKED = "checked"
    MATCH = "match"

    def __str__(self) -> str:
        return str(self.value)
