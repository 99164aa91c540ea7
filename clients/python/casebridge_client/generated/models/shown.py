from enum import StrEnum


class Shown(StrEnum):
    COUNTS = "counts"
    SHARE = "share"
    TIMES = "times"

    def __str__(self) -> str:
        return str(self.value)
