from enum import StrEnum


class Shown(StrEnum):
    COUNTS = "counts"
    FIRSTS = "firsts"
    SHARE = "share"
    TIMES = "times"

    def __str__(self) -> str:
        return str(self.value)
