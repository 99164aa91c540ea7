from enum import StrEnum


class RejectionCode(StrEnum):
    ACCOUNT_NOT_FOUND = "account_not_found"
    INSUFFICIENT_PROCESS = "insufficient_process"
    NO_RECORDS = "no_records"
    OTHER = "other"
    OVERBROAD = "overbroad"

    def __str__(self) -> str:
        return str(self.value)
