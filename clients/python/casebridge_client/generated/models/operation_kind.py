from enum import StrEnum


class OperationKind(StrEnum):
    ARREST = "arrest"
    CONTROLLED_BUY = "controlled_buy"
    OTHER = "other"
    RAID = "raid"
    SEARCH_WARRANT = "search_warrant"
    SURVEILLANCE = "surveillance"
    UNDERCOVER_MEET = "undercover_meet"

    def __str__(self) -> str:
        return str(self.value)
