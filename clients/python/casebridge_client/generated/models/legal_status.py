from enum import StrEnum


class LegalStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    SENT = "sent"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
