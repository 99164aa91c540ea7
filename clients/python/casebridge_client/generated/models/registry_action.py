from enum import StrEnum


class RegistryAction(StrEnum):
    DELIVERY = "delivery"
    IDENTITY_PROVIDERS = "identity_providers"
    REINSTATE = "reinstate"
    SUSPEND = "suspend"
    WATCH = "watch"

    def __str__(self) -> str:
        return str(self.value)
