from enum import StrEnum


class LegalKind(StrEnum):
    COURT_ORDER = "court_order"
    SEARCH_WARRANT = "search_warrant"
    SUBPOENA = "subpoena"

    def __str__(self) -> str:
        return str(self.value)
