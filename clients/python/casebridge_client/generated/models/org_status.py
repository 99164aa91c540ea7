from enum import StrEnum


class OrgStatus(StrEnum):
    ACTIVE = "active"
    PROPOSED = "proposed"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
