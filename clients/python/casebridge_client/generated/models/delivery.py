from enum import StrEnum


class Delivery(StrEnum):
    COURIER = "courier"
    CROSS_BORDER = "cross_border"
    IN_PERSON = "in_person"
    MAIL = "mail"
    PARCEL = "parcel"

    def __str__(self) -> str:
        return str(self.value)
