"""Bearer-token authentication: RS256/ES256 JWTs from the stage's trusted issuers (PyJWT)."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from typing import Any

from chalicelib.domain.organisations import Registry
from chalicelib.domain.persons import IDENTITY_CLAIMS, unreadable
from chalicelib.domain.principal import Principal
from chalicelib.settings import TrustedIssuer

#: Asymmetric algorithms only: `none` and HMAC (HS256 with a public key as secret) never pass.
ALLOWED_ALGORITHMS = ("RS256", "ES256")


class Unauthenticated(Exception):
    """No token, or one that does not verify: always 401, with a reason for the log."""

    def __init__(self, reason: str, claimed_org: str | None = None, claimed_subject: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.claimed_org = claimed_org
        self.claimed_subject = claimed_subject


class TokenVerifier:
    """Verifies signature, `exp`, `nbf`, `iat`, `iss`, `aud`, algorithm, lifetime, known `org`,
    identity claims a person can read, and reads `scope`."""

    def __init__(
        self,
        issuers: list[TrustedIssuer],
        audience: str,
        registry: Registry,
        leeway: timedelta,
        max_lifetime: timedelta,
    ) -> None:
        # PyJWT and cryptography load here, when the API first needs them, not when `app`
        # is imported by every function (the stream handler never verifies a token).
        import jwt

        self._jwt: Any = jwt
        self._keys = {
            issuer.issuer: {key.key_id: key for key in jwt.PyJWKSet.from_dict(issuer.jwks).keys} for issuer in issuers
        }
        self._audience = audience
        self._registry = registry
        self._leeway = leeway
        self._max_lifetime = max_lifetime

    def verify(self, authorization: str | None) -> Principal:
        jwt = self._jwt
        token = _bearer(authorization)
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"malformed token: {error}") from None
        claimed_org = claims.get("org") if isinstance(claims.get("org"), str) else None
        claimed_subject = claims.get("sub") if isinstance(claims.get("sub"), str) else None

        def reject(reason: str) -> Unauthenticated:
            return Unauthenticated(reason, claimed_org, claimed_subject)

        algorithm = header.get("alg")
        if algorithm not in ALLOWED_ALGORITHMS:
            raise reject(f"algorithm {algorithm!r} is not accepted")
        keys = self._keys.get(str(claims.get("iss")))
        if keys is None:
            raise reject("untrusted issuer")
        key = keys.get(header.get("kid"))
        if key is None:
            raise reject("unknown key id")
        if key.algorithm_name != algorithm:
            raise reject("the token's algorithm does not match its key")
        try:
            verified = jwt.decode(
                token,
                key=key,
                algorithms=[algorithm],
                audience=self._audience,
                issuer=claims.get("iss"),
                leeway=self._leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise reject(f"invalid token: {error}") from None
        lifetime = int(verified["exp"]) - int(verified["iat"])  # PyJWT read both as integers
        if lifetime > self._max_lifetime.total_seconds():
            raise reject(f"the token lives {lifetime} s; this stage accepts at most {self._max_lifetime}")
        for claim in IDENTITY_CLAIMS:
            value = verified.get(claim)
            why = unreadable(value) if isinstance(value, str) and (value or claim == "sub") else None
            if why is not None:
                raise reject(f"the {claim!r} claim {why}")
        org_code = verified.get("org")
        org = self._registry.get(org_code) if isinstance(org_code, str) else None
        if org is None:
            raise reject("unknown organisation")
        scope = verified.get("scope", "")
        if not isinstance(scope, str):
            raise reject("scope must be a space-separated string")
        return Principal(
            subject=str(verified["sub"]),
            org=org,
            scopes=frozenset(scope.split()),
            name=_optional(verified, "name"),
            email=_optional(verified, "email"),
            phone=_optional(verified, "phone"),
            issuer=str(verified["iss"]),
        )


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated("no Authorization header")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be 'Bearer <token>'")
    return token.strip()


def _optional(claims: dict[str, object], name: str) -> str | None:
    value = claims.get(name)
    return value if isinstance(value, str) and value else None


@cache
def verifier() -> TokenVerifier:
    """The API's token verifier, for the trusted issuers and audience in settings."""
    from chalicelib.domain.organisations import registry
    from chalicelib.settings import settings

    config = settings()
    return TokenVerifier(
        config.trusted_issuers, config.audience, registry(), config.clock_skew, config.max_token_lifetime
    )
