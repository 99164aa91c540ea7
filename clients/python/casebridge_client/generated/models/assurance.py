from enum import StrEnum


class Assurance(StrEnum):
    AAL2 = "aal2"
    NONE = "none"
    PHISHING_RESISTANT = "phishing_resistant"

    def __str__(self) -> str:
        return str(self.value)
