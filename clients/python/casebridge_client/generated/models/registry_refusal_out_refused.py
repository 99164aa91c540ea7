from enum import StrEnum


class RegistryRefusalOutRefused(StrEnum):
    DELIVERY = "delivery"
    IDENTITY_PROVIDERS = "identity_providers"
    ONBOARDING = "onboarding"
    REINSTATE = "reinstate"
    SUSPEND = "suspend"
    WATCH = "watch"

    def __str__(self) -> str:
        return str(self.value)
