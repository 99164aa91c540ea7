from enum import StrEnum


class TipCategory(StrEnum):
    CARTEL_RECRUITMENT = "cartel_recruitment"
    COUNTERFEIT_PILLS = "counterfeit_pills"
    DRUG_SALE = "drug_sale"
    MONEY_LAUNDERING = "money_laundering"
    OTHER = "other"
    SMUGGLING = "smuggling"
    WEAPONS = "weapons"

    def __str__(self) -> str:
        return str(self.value)
