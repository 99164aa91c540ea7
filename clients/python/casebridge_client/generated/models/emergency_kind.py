from enum import StrEnum


class EmergencyKind(StrEnum):
    KIDNAPPING = "kidnapping"
    MINOR_AT_RISK = "minor_at_risk"
    OTHER = "other"
    OVERDOSE_RISK = "overdose_risk"
    THREAT_TO_LIFE = "threat_to_life"

    def __str__(self) -> str:
        return str(self.value)
