from enum import StrEnum


class Substance(StrEnum):
    COCAINE = "cocaine"
    COUNTERFEIT_PILLS = "counterfeit_pills"
    FENTANYL = "fentanyl"
    FENTANYL_ANALOGUE = "fentanyl_analogue"
    HEROIN = "heroin"
    METHAMPHETAMINE = "methamphetamine"
    NITAZENES = "nitazenes"
    OTHER = "other"
    PRECURSOR_CHEMICALS = "precursor_chemicals"
    XYLAZINE = "xylazine"

    def __str__(self) -> str:
        return str(self.value)
