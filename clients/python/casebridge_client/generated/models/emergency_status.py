from enum import StrEnum


class EmergencyStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    APPROVED = "approved"
    AWAITING_APPROVAL = "awaiting_approval"
    ON_HOLD = "on_hold"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
