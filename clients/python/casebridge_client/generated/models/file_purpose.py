from enum import StrEnum


class FilePurpose(StrEnum):
    EVIDENCE = "evidence"
    LEGAL_PROCESS = "legal_process"

    def __str__(self) -> str:
        return str(self.value)
