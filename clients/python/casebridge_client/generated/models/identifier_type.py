from enum import StrEnum


class IdentifierType(StrEnum):
    CRYPTO_WALLET = "crypto_wallet"
    DEVICE_ID = "device_id"
    EMAIL = "email"
    PARCEL_TRACKING = "parcel_tracking"
    PAYMENT_HANDLE = "payment_handle"
    PHONE = "phone"
    PLATFORM_USER_ID = "platform_user_id"
    SOCIAL_HANDLE = "social_handle"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
