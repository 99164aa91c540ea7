from enum import StrEnum


class RegistryAction(StrEnum):
    REINSTATE = "reinstate"
    SUSPEND = "suspend"

    def __str__(self) -> str:
        return str(self.value)
