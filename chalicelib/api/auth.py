"""Bearer-token authentication: RS256/ES256 JWTs from the stage's trusted issuers, and from the
identity providers the registry binds to organisations (PyJWT)."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import timedelta
from enum import StrEnum
from functools import cache
from typing import Any, Protocol

from chalicelib.domain.organisations import Binding, Directory, Organisation
from chalicelib.domain.persons import IDENTITY_CLAIMS, unreadable
from chalicelib.domain.principal import Principal
from chalicelib.identity_keys import ALLOWED_ALGORITHMS, KeySource, TrustedKeys
from chalicelib.settings import TrustedIssuer

#: The claims every token carries besides `iss`, which must name the issuer whose key signed it.
REQUIRED_CLAIMS = ("exp", "iat", "aud", "sub")


class Refusal(StrEnum):
    """Why a token was refused: the `reason` member of the 401 problem, one stable code per case.

    Checked in this order: the header, the token's shape, its algorithm, its signature (with a
    trusted issuer's key and nothing else), then its claims, last that the issuer whose key
    verified it is bound to the organisation it names. Only a token whose signature
    verified is told anything about its claims; an untrusted issuer, an unknown key id and a
    bad signature all read `signature_not_verified`, so that a forger learns nothing about
    which issuers and keys this API trusts (an issuer no registry entry names included).
    """

    MISSING_CREDENTIALS = "missing_credentials"
    MALFORMED_HEADER = "malformed_header"
    NOT_A_JWT = "not_a_jwt"
    ALGORITHM_NOT_ALLOWED = "algorithm_not_allowed"
    SIGNATURE_NOT_VERIFIED = "signature_not_verified"
    MISSING_CLAIM = "missing_claim"
    WRONG_ISSUER = "wrong_issuer"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    WRONG_AUDIENCE = "wrong_audience"
    LIFETIME_TOO_LONG = "lifetime_too_long"
    INVALID_CLAIM = "invalid_claim"
    UNKNOWN_ORGANISATION = "unknown_organisation"
    ISSUER_NOT_BOUND = "issuer_not_bound"


#: What the caller is told for each refusal: only what the token's bearer already knows.
DETAILS: dict[Refusal, str] = {
    Refusal.MISSING_CREDENTIALS: "send Authorization: Bearer <token>",
    Refusal.MALFORMED_HEADER: "the Authorization header must be 'Bearer <token>'",
    Refusal.NOT_A_JWT: "the bearer token is not a JWT (header.payload.signature, base64url JSON)",
    Refusal.ALGORITHM_NOT_ALLOWED: "the token's algorithm is not accepted; sign with RS256 or ES256",
    Refusal.SIGNATURE_NOT_VERIFIED: "the token's signature could not be verified with a key this API trusts",
    Refusal.MISSING_CLAIM: "the token has no {claim!r} claim",
    Refusal.WRONG_ISSUER: "the token's 'iss' claim is missing or is not the issuer whose key signed it",
    Refusal.EXPIRED: "the token has expired; get a new one",
    Refusal.NOT_YET_VALID: "the token is not valid yet (its 'nbf' or 'iat' is in the future): check the issuer's clock",
    Refusal.WRONG_AUDIENCE: "the token's 'aud' claim does not name this API",
    Refusal.LIFETIME_TOO_LONG: "the token lives longer (exp - iat) than this API accepts; ask for a shorter-lived one",
    Refusal.INVALID_CLAIM: "the {claim!r} claim {why}",
    Refusal.UNKNOWN_ORGANISATION: "the token's 'org' claim names no organisation this API knows",
    Refusal.ISSUER_NOT_BOUND: "this token's issuer may not speak for the organisation it names",
}


class IssuerIndex(Protocol):
    """The organisations each identity provider named in the registry speaks for
    (`services.organisations.CachedDirectory.bound_to`)."""

    def bound_to(self, issuer: str) -> tuple[Binding, ...]: ...


class Unauthenticated(Exception):
    """No token, or one that does not verify: always 401.

    `refusal` and `detail` are what the caller is told; `audited` (the library's own words,
    the issuer it claimed) is for the audit record only.
    """

    def __init__(
        self,
        refusal: Refusal,
        audited: str | None = None,
        claimed_org: str | None = None,
        claimed_subject: str | None = None,
        **details: str,
    ) -> None:
        self.refusal = refusal
        self.detail = DETAILS[refusal].format(**details)
        self.audited = audited or self.detail
        super().__init__(self.audited)
        self.claimed_org = claimed_org
        self.claimed_subject = claimed_subject


class TokenVerifier:
    """Verifies signature, `exp`, `nbf`, `iat`, `iss`, `aud`, algorithm, lifetime, known `org`
    that the signing issuer is bound to, identity claims a person can read, and reads `scope`.

    An issuer the settings do not name is looked up in `index`: it is trusted, with the keys
    its registry entries give, for the organisations those entries name, each named in its
    tokens by the entry's `claim` (`_named_by_registry`)."""

    def __init__(
        self,
        issuers: list[TrustedIssuer],
        audience: str,
        registry: Directory,
        leeway: timedelta,
        max_lifetime: timedelta,
        keys: TrustedKeys | None = None,
        index: IssuerIndex | None = None,
    ) -> None:
        # PyJWT and cryptography load here, when the API first needs them, not when `app`
        # is imported by every function (the stream handler never verifies a token).
        import jwt

        self._jwt: Any = jwt
        self._jws: Any = jwt.api_jws.PyJWS()
        #: Every trusted issuer's keys: inline, or fetched from its JWKS URI and cached.
        self._keys = TrustedKeys.of(issuers) if keys is None else keys
        #: The organisations each issuer may speak for (its binding in the settings).
        self._bound: dict[str, frozenset[str]] = {}
        for issuer in issuers:
            self._bound[issuer.issuer] = self._bound.get(issuer.issuer, frozenset()) | set(issuer.organisations)
        self._audience = audience
        self._registry = registry
        #: The issuers named only in the registry: bound to the organisations whose entries name them.
        self._index = index
        self._leeway = leeway
        self._max_lifetime = max_lifetime

    def verify(self, authorization: str | None) -> Principal:
        jwt = self._jwt
        token = _bearer(authorization)
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as error:
            raise Unauthenticated(Refusal.NOT_A_JWT, f"malformed token: {error}") from None
        claimed_org = claims.get("org") if isinstance(claims.get("org"), str) else None
        claimed_subject = claims.get("sub") if isinstance(claims.get("sub"), str) else None

        def reject(refusal: Refusal, audited: str | None = None, **details: str) -> Unauthenticated:
            return Unauthenticated(refusal, audited, claimed_org, claimed_subject, **details)

        algorithm = header.get("alg")
        if algorithm not in ALLOWED_ALGORITHMS:
            raise reject(Refusal.ALGORITHM_NOT_ALLOWED, f"algorithm {algorithm!r} is not accepted")
        signer, failure, bound = self._signer(token, algorithm, header.get("kid"), claims.get("iss"))
        if signer is None:
            raise reject(Refusal.SIGNATURE_NOT_VERIFIED, failure)
        # The signature is a trusted issuer's: from here on, the caller may learn what its claims say.
        if claims.get("iss") != signer:
            raise reject(Refusal.WRONG_ISSUER, f"signed by {signer}, claims iss {str(claims.get('iss'))[:200]!r}")
        for claim in REQUIRED_CLAIMS:
            if claim not in claims:
                raise reject(Refusal.MISSING_CLAIM, claim=claim)
        checks = ("verify_exp", "verify_nbf", "verify_iat", "verify_aud", "verify_iss", "verify_sub")
        try:
            verified = jwt.decode(
                token,
                options={"verify_signature": False, **dict.fromkeys(checks, True)},
                audience=self._audience,
                issuer=signer,
                leeway=self._leeway,
            )
        except jwt.PyJWTError as error:
            refusal, named, because = _claim_error(jwt, error)
            raise reject(refusal, f"invalid token: {error}", claim=named, why=because) from None
        lifetime = int(verified["exp"]) - int(verified["iat"])  # PyJWT read both as integers
        if lifetime > self._max_lifetime.total_seconds():
            limit = f"the token lives {lifetime} s; this stage accepts at most {self._max_lifetime}"
            raise reject(Refusal.LIFETIME_TOO_LONG, limit)
        for claim in IDENTITY_CLAIMS:
            value = verified.get(claim)
            why = unreadable(value) if isinstance(value, str) and (value or claim == "sub") else None
            if why is not None:
                raise reject(Refusal.INVALID_CLAIM, claim=claim, why=why)
        scope = verified.get("scope", "")
        if not isinstance(scope, str):
            raise reject(Refusal.INVALID_CLAIM, claim="scope", why="must be a space-separated string")
        org: Organisation | None
        if bound is not None:
            org = self._named_by_registry(verified, signer, bound, reject)
        else:
            org_code = verified.get("org")
            org = self._registry.get(org_code) if isinstance(org_code, str) else None
            if org is None:
                raise reject(Refusal.UNKNOWN_ORGANISATION, f"unknown organisation {str(org_code)[:32]!r}")
            if org.code not in self._bound[signer] and not org.speaks_for_it(signer):
                # Signed by a provider trusted for others: as unproven as a forgery, and audited as one.
                raise reject(Refusal.ISSUER_NOT_BOUND, f"{signer} is not bound to {org.code}")
        return Principal(
            subject=str(verified["sub"]),
            org=org,
            scopes=frozenset(scope.split()),
            name=_optional(verified, "name"),
            email=_optional(verified, "email"),
            phone=_optional(verified, "phone"),
            issuer=str(verified["iss"]),
            acr=_optional(verified, "acr"),
            amr=_methods(verified.get("amr")),
        )

    def _named_by_registry(
        self, claims: dict[str, Any], signer: str, bound: tuple[Binding, ...], reject: Any
    ) -> Organisation:
        """The organisation a registry provider's token names, by the claim each binding says
        (its code in `org` or another claim, or its ORI in `ori`): one it is bound to, or a 401."""
        named = [binding for binding in bound if binding.names_it(claims)]
        if len(named) != 1:
            said = sorted({claim for claim in (binding.provider.claim for binding in bound) if claim in claims})
            if not said:
                raise reject(Refusal.MISSING_CLAIM, claim=bound[0].provider.claim)
            code = claims.get("org")
            if not named and isinstance(code, str) and "org" in said and self._registry.get(code) is None:
                raise reject(Refusal.UNKNOWN_ORGANISATION, f"unknown organisation {code[:32]!r}")
            values = ", ".join(f"{claim}={str(claims[claim])[:32]!r}" for claim in said)
            raise reject(Refusal.ISSUER_NOT_BOUND, f"{signer} is bound to no one organisation its {values} names")
        org = self._registry.get(named[0].code)
        if org is None or not org.speaks_for_it(signer):  # the entry changed since the index was read
            raise reject(Refusal.ISSUER_NOT_BOUND, f"{signer} is no longer bound to {named[0].code}")
        return org

    def _signer(
        self, token: str, algorithm: str, key_id: object, claimed: object
    ) -> tuple[str | None, str, tuple[Binding, ...] | None]:
        """The trusted issuer whose key (by `kid`, for `algorithm`) verifies the signature, or
        None and what went wrong, for the audit only; for an issuer named only in the registry,
        also the organisations it is bound to by the entries whose keys verified it.

        Keys are tried by `kid`, the claimed issuer's first; the claims are not believed until
        the signature verified. A `kid` the claimed issuer does not have fetches its key set
        once more (rate-limited; nothing the token's header names, `jku` or `x5u`, is ever
        fetched). With no key to try, the signature is checked against another key of the
        same algorithm all the same and the answer ignored: a made-up `kid` or issuer costs
        the time a wrong signature costs.
        """
        jwt = self._jwt
        if isinstance(claimed, str) and claimed not in self._keys.issuers and self._index is not None:
            return self._registry_signer(token, algorithm, key_id, claimed)
        candidates = self._keys.candidates(key_id, algorithm, claimed)
        if not candidates and self._keys.refetch(claimed):  # rotated since it was fetched?
            candidates = self._keys.candidates(key_id, algorithm, claimed)
        for issuer, key in candidates:
            try:
                self._jws.decode_complete(token, key=key, algorithms=[algorithm])
            except jwt.PyJWTError:
                continue
            return issuer, "", None
        if candidates:
            return None, "bad signature", None
        known = claimed in self._keys.issuers  # a list: a claim may be unhashable
        return None, self._decoyed(token, algorithm, key_id, claimed, known), None

    def _registry_signer(
        self, token: str, algorithm: str, key_id: object, claimed: str
    ) -> tuple[str | None, str, tuple[Binding, ...] | None]:
        """`_signer` for an issuer the stage's settings do not name: its keys are those the
        registry entries that name it give (an issuer no entry names has none: a decoy is
        verified all the same, and the answer is the same `signature_not_verified`)."""
        assert self._index is not None
        jwt = self._jwt
        bound = self._index.bound_to(claimed)
        sources: dict[int, tuple[KeySource, list[Binding]]] = {}
        for binding in bound:
            provider = binding.provider
            source = self._keys.provider(claimed, provider.jwks_uri, provider.jwks)
            sources.setdefault(id(source), (source, []))[1].append(binding)

        def usable(keys: list[Any]) -> list[Any]:
            return [key for key in keys if key.key_id == key_id and key.algorithm_name == algorithm]

        tried = False
        for source, bindings in sources.values():
            keys = usable(source.keys())
            if not keys and source.refetch():  # rotated since it was fetched?
                keys = usable(source.keys())
            for key in keys:
                tried = True
                try:
                    self._jws.decode_complete(token, key=key, algorithms=[algorithm])
                except jwt.PyJWTError:
                    continue
                return claimed, "", tuple(bindings)
        if tried:
            return None, "bad signature", None
        return None, self._decoyed(token, algorithm, key_id, claimed, bool(bound)), None

    def _decoyed(self, token: str, algorithm: str, key_id: object, claimed: object, known: bool) -> str:
        """No key to try: a verification spent on some other key all the same, and what went
        wrong (for the audit only: the caller reads `signature_not_verified` either way)."""
        jwt = self._jwt
        decoy = self._keys.decoy(algorithm)
        if decoy is not None:
            with suppress(jwt.PyJWTError):
                self._jws.decode_complete(token, key=decoy, algorithms=[algorithm])
        if not known:
            return f"untrusted issuer {str(claimed)[:200]!r}"
        return f"unknown key id {str(key_id)[:100]!r}"


#: PyJWT's errors about a claim's type, by the claim it names in its message: `(iat)`.
_NAMED_CLAIM = re.compile(r"\((exp|nbf|iat|iss|aud|sub|jti)\)")


def _claim_error(jwt: Any, error: Exception) -> tuple[Refusal, str, str]:
    """PyJWT's claim errors (it checks `iat`, `nbf`, `exp`, `iss`, `aud`, `sub` in that order)
    as a refusal, the claim at fault and why, in our words."""
    if isinstance(error, jwt.ExpiredSignatureError):
        return Refusal.EXPIRED, "exp", ""
    if isinstance(error, jwt.ImmatureSignatureError):  # `nbf`, and also an `iat` in the future
        return Refusal.NOT_YET_VALID, "nbf", ""
    if isinstance(error, jwt.InvalidAudienceError):
        return Refusal.WRONG_AUDIENCE, "aud", ""
    if isinstance(error, jwt.InvalidIssuerError):
        return Refusal.WRONG_ISSUER, "iss", ""
    if isinstance(error, jwt.exceptions.InvalidSubjectError):
        return Refusal.INVALID_CLAIM, "sub", "must be a string"
    named = _NAMED_CLAIM.search(str(error))
    if named is not None:
        return Refusal.INVALID_CLAIM, named.group(1), "must be a number (seconds since 1970, UTC)"
    return Refusal.INVALID_CLAIM, "exp", "or another registered claim is not of its registered type"


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated(Refusal.MISSING_CREDENTIALS, "no Authorization header")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated(Refusal.MALFORMED_HEADER)
    return token.strip()


def _methods(amr: object) -> tuple[str, ...]:
    """The `amr` claim's strings (RFC 8176: a JSON array of strings); anything else asserts none."""
    if not isinstance(amr, list):
        return ()
    return tuple(value for value in amr[:20] if isinstance(value, str) and len(value) <= 200)


def _optional(claims: dict[str, object], name: str) -> str | None:
    value = claims.get(name)
    return value if isinstance(value, str) and value else None


@cache
def verifier() -> TokenVerifier:
    """The API's token verifier, for the trusted issuers and audience in settings, reading
    organisations from the registry (`wiring.organisation_directory`)."""
    from chalicelib.settings import settings
    from chalicelib.wiring import organisation_directory

    config = settings()
    keys = TrustedKeys.of(
        config.trusted_issuers, lifetime=config.jwks_cache_lifetime, refetch_interval=config.jwks_refetch_interval
    )
    return TokenVerifier(
        config.trusted_issuers,
        config.audience,
        organisation_directory(),
        config.clock_skew,
        config.max_token_lifetime,
        keys,
        organisation_directory(),
    )
