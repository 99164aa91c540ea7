from enum import StrEnum


class EmergencyStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    APPROVED = "approved"
    AWAITING_APPROVAL = "awaiting_approval"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
