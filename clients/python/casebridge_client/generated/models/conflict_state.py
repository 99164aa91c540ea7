from enum import StrEnum


class ConflictState(StrEnum):
    CLEARED = "cleared"
    CONTACTED = "contacted"
    NOTIFIED = "notified"
    OPEN = "open"
    OWNED = "owned"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
