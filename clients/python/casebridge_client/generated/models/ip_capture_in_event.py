from enum import StrEnum


class IpCaptureInEvent(StrEnum):
    LOGIN = "login"
    MESSAGE = "message"
    OTHER = "other"
    PURCHASE = "purchase"
    REGISTRATION = "registration"
    UPLOAD = "upload"

    def __str__(self) -> str:
        return str(self.value)
