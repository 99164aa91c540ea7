from enum import StrEnum


class ServiceKind(StrEnum):
    GAMING = "gaming"
    IMMERSIVE = "immersive"
    MARKETPLACE = "marketplace"
    MESSAGING = "messaging"
    OTHER = "other"
    PAYMENTS = "payments"
    SOCIAL_MEDIA = "social_media"
    VIDEO_SHARING = "video_sharing"

    def __str__(self) -> str:
        return str(self.value)
