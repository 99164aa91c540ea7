from enum import StrEnum


class Priority(StrEnum):
    PRIORITY = "priority"
    ROUTINE = "routine"
    URGENT = "urgent"

    def __str__(self) -> str:
        return str(self.value)
