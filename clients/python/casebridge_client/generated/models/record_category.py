from enum import StrEnum


class RecordCategory(StrEnum):
    CONTENT = "content"
    NON_CONTENT = "non_content"
    SUBSCRIBER = "subscriber"

    def __str__(self) -> str:
        return str(self.value)
