from enum import StrEnum


class Refusal(StrEnum):
    ALGORITHM_NOT_ALLOWED = "algorithm_not_allowed"
    EXPIRED = "expired"
    INVALID_CLAIM = "invalid_claim"
    ISSUER_NOT_BOUND = "issuer_not_bound"
    LIFETIME_TOO_LONG = "lifetime_too_long"
    MALFORMED_HEADER = "malformed_header"
    MISSING_CLAIM = "missing_claim"
    MISSING_CREDENTIALS = "missing_credentials"
    NOT_A_JWT = "not_a_jwt"
    NOT_YET_VALID = "not_yet_valid"
    SIGNATURE_NOT_VERIFIED = "signature_not_verified"
    UNKNOWN_ORGANISATION = "unknown_organisation"
    WRONG_AUDIENCE = "wrong_audience"
    WRONG_ISSUER = "wrong_issuer"

    def __str__(self) -> str:
        return str(self.value)
