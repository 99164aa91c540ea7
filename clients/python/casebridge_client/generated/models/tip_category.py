from enum import StrEnum


class TipCategory(StrEnum):
    BULK_CASH = "bulk_cash"
    CARTEL_RECRUITMENT = "cartel_recruitment"
    CHILD_EXPLOITATION = "child_exploitation"
    COUNTERFEIT_PILLS = "counterfeit_pills"
    DRUGS_AND_PRECURSORS = "drugs_and_precursors"
    DRUG_SALE = "drug_sale"
    FIREARMS = "firearms"
    HUMAN_SMUGGLING_OR_TRAFFICKING = "human_smuggling_or_trafficking"
    LAUNDERING = "laundering"
    MONEY_LAUNDERING = "money_laundering"
    OTHER = "other"
    RECRUITMENT = "recruitment"
    SMUGGLING = "smuggling"
    WEAPONS = "weapons"

    def __str__(self) -> str:
        return str(self.value)
