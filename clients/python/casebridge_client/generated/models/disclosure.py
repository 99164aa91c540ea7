from enum import StrEnum


class Disclosure(StrEnum):
    DECLINED = "declined"
    DISCLOSED = "disclosed"
    PARTIALLY_DISCLOSED = "partially_disclosed"

    def __str__(self) -> str:
        return str(self.value)
