from enum import StrEnum


class PersonRole(StrEnum):
    ADMIN = "admin"
    LEGAL_DESK = "legal_desk"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"

    def __str__(self) -> str:
        return str(self.value)
