"""Development token issuers: real key pairs and really signed JWTs, and the local stack's two
identity providers (one for the agencies, one for the platforms), each bound to its own, each
publishing its keys (a JWKS) on the local server and rotating them on demand."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from chalicelib.devtools.local_files import private_folder, write_secret
from chalicelib.domain.organisations import Organisation, OrgKind, OrgRole, seed

DEFAULT_AGENCY_SCOPES = "cases:read cases:write referrals:write deconfliction:check emergency:request reports:read"
DEFAULT_PLATFORM_SCOPES = "tips:submit preservations:respond legal:respond reports:read"
#: A watch center's staff watch conflicts (`docs/concepts/deconfliction.md`, The watch center).
DEFAULT_WATCH_SCOPES = "conflicts:watch reports:read"
#: The operator keeps the registry (`docs/concepts/organisations-and-registry.md`).
DEFAULT_OPERATOR_SCOPES = "registry:admin"
#: Oversight reads the national figures (`docs/concepts/figures-and-reports.md`).
DEFAULT_OVERSIGHT_SCOPES = "reports:read"


#: The `amr` (RFC 8176) a dev token asserts for each `make token MFA=`: a password alone, a
#: one-time code, or a hardware key (phishing-resistant, what an emergency approval needs).
MFA_CLAIMS = {"none": ["pwd"], "otp": ["pwd", "otp"], "phishing_resistant": ["pwd", "hwk"]}
#: What a dev token asserts unless told otherwise: the strongest, so that every act may be tried.
DEFAULT_MFA = "phishing_resistant"
#: The longest an offline stage's token may live (`make token HOURS=…`): a week, a dev token,
#: not a key. A deployed stage keeps `Settings.max_token_lifetime` (12 hours by default).
DEV_TOKEN_MAX_HOURS = 168


def default_scopes(org: str) -> str:
    """What a dev token carries unless told otherwise: by the organisation's kind."""
    found = seed().get(org)
    if found is not None and found.kind is OrgKind.OPERATOR:
        return DEFAULT_OPERATOR_SCOPES
    if found is not None and found.kind is OrgKind.OVERSIGHT:
        return DEFAULT_OVERSIGHT_SCOPES
    if found is not None and found.kind is OrgKind.WATCH_CENTER:
        return DEFAULT_WATCH_SCOPES
    return DEFAULT_PLATFORM_SCOPES if found is not None and not found.is_agency else DEFAULT_AGENCY_SCOPES


@dataclass
class DevIssuer:
    issuer: str
    key_id: str
    algorithm: str
    private_key: PrivateKeyTypes

    @classmethod
    def generate(cls, issuer: str = "https://issuer.casebridge.local", algorithm: str = "RS256") -> DevIssuer:
        key: PrivateKeyTypes
        if algorithm == "ES256":
            key = ec.generate_private_key(ec.SECP256R1())
        else:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        # Unique, not only by the second: two providers made at once must not share a key id.
        return cls(issuer, f"dev-{algorithm.lower()}-{int(time.time())}-{secrets.token_hex(4)}", algorithm, key)

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.public_jwk()]}

    def public_jwk(self) -> dict[str, Any]:
        """Its public key as a JWK, with its key id: what it publishes, never the private half."""
        algorithm = jwt.get_algorithm_by_name(self.algorithm)
        public: dict[str, Any] = json.loads(algorithm.to_jwk(self.private_key.public_key()))  # type: ignore[arg-type]
        public.update({"kid": self.key_id, "alg": self.algorithm, "use": "sig"})
        return public

    def trusted_issuer(self, organisations: Iterable[str]) -> dict[str, Any]:
        """Its entry in `CASEBRIDGE_TRUSTED_ISSUERS`, bound to `organisations` (registry codes)."""
        return {"issuer": self.issuer, "jwks": self.jwks(), "organisations": list(organisations)}

    def token(
        self,
        org: str,
        scope: str | None = None,
        sub: str | None = None,
        audience: str = "casebridge",
        lifetime: int = 3600,
        mfa: str = DEFAULT_MFA,
        **claims: Any,
    ) -> str:
        """A signed token for `org`; `mfa` (a key of `MFA_CLAIMS`) says how its person signed in
        (`amr`), and `claims` add to or replace any claim."""
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": audience,
            "sub": sub or f"agent.{org.lower()}@example.gov",
            "org": org,
            "scope": default_scopes(org) if scope is None else scope,
            "iat": now,
            "exp": now + lifetime,
            "name": f"Duty agent {org}",
            "email": f"duty@{org.lower()}.example.gov",
            "phone": "+12025550143",
            "amr": MFA_CLAIMS[mfa],
        }
        payload.update(claims)
        return jwt.encode(payload, self.private_key, algorithm=self.algorithm, headers={"kid": self.key_id})  # type: ignore[arg-type]


#: The file, under the local stack's `.local/`, that names the issuers the stack trusts.
TRUSTED_ISSUERS_FILE = "trusted-issuers.json"
#: Where the local server publishes a dev provider's keys (`scripts/localstack.py`); the API's
#: own routes never serve it, so no deployed stage has it.
JWKS_PATH = "/dev/issuers/{provider}/jwks.json"
#: How many retired keys a dev provider still publishes after a rotation: the tokens they
#: signed are good until they expire (a week at most, `make token HOURS=168`).
KEPT_RETIRED_KEYS = 2


class DevProvider(StrEnum):
    """The local stack's identity providers: in a real deployment every agency and platform
    brings its own; two are enough to show that one may not speak for the other's."""

    AGENCIES = "agencies"
    PLATFORMS = "platforms"

    @classmethod
    def of(cls, org: Organisation) -> DevProvider:
        """The provider that speaks for `org`: the platforms' for a platform, else the agencies'."""
        return cls.PLATFORMS if org.role is OrgRole.PLATFORM else cls.AGENCIES

    def organisations(self) -> list[str]:
        """The registry codes it is bound to: those it speaks for, named one by one."""
        return [org.code for org in seed() if DevProvider.of(org) is self]

    @property
    def key_file(self) -> str:
        # The agencies' provider keeps the files of the one provider there was before, so that a
        # stack started then keeps its key (and the agencies' tokens it signed).
        return "issuer-key.pem" if self is DevProvider.AGENCIES else f"{self}-issuer-key.pem"

    @property
    def meta_file(self) -> str:
        return "issuer.json" if self is DevProvider.AGENCIES else f"{self}-issuer.json"

    @property
    def jwks_path(self) -> str:
        return JWKS_PATH.format(provider=self)

    def prepare(self, folder: Path) -> DevIssuer:
        """Its issuer, kept under `folder`; made (a new key pair) where there is none yet."""
        if (folder / self.key_file).exists():
            return self.load(folder)
        private_folder(folder)
        return self._keep(folder, DevIssuer.generate(issuer=f"https://{self}.casebridge.local"), retired=[])

    def rotate(self, folder: Path) -> DevIssuer:
        """A new key pair (a new key id) signs from now on; the previous public keys stay
        published (the last `KEPT_RETIRED_KEYS`), so that the tokens they signed still verify."""
        current = self.prepare(folder)
        retired = [current.public_jwk(), *self._meta(folder).get("retired", [])][:KEPT_RETIRED_KEYS]
        return self._keep(folder, DevIssuer.generate(current.issuer, current.algorithm), retired)

    def published(self, folder: Path) -> dict[str, Any]:
        """The JWKS it publishes: its current public key and the retired ones still kept."""
        return {"keys": [self.load(folder).public_jwk(), *self._meta(folder).get("retired", [])]}

    def load(self, folder: Path) -> DevIssuer:
        meta = self._meta(folder)
        key = serialization.load_pem_private_key((folder / self.key_file).read_bytes(), password=None)
        return DevIssuer(meta["issuer"], meta["key_id"], meta["algorithm"], key)

    def _meta(self, folder: Path) -> dict[str, Any]:
        return dict(json.loads((folder / self.meta_file).read_text()))

    def _keep(self, folder: Path, issuer: DevIssuer, retired: list[dict[str, Any]]) -> DevIssuer:
        pem = issuer.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        write_secret(folder / self.key_file, pem)
        meta = {"issuer": issuer.issuer, "key_id": issuer.key_id, "algorithm": issuer.algorithm, "retired": retired}
        (folder / self.meta_file).write_text(json.dumps(meta))
        return issuer


def prepare_providers(folder: Path, api_url: str | None = None) -> Path:
    """Both providers under `folder` (a missing key is made) and the file that trusts each for
    its own organisations, written afresh each time: the registry decides who is whose.

    With `api_url` (the local server's), each is trusted by its `jwks_uri` there, so that a
    rotation (`make rotate-key`) needs no restart; without, by its keys inline.
    """
    trusted = []
    for provider in DevProvider:
        provider.prepare(folder)
        keys: dict[str, Any] = {"jwks": provider.published(folder)}
        if api_url is not None:
            keys = {"jwks_uri": api_url.rstrip("/") + provider.jwks_path}
        issuer = provider.load(folder).issuer
        trusted.append({"issuer": issuer, **keys, "organisations": provider.organisations()})
    path = folder / TRUSTED_ISSUERS_FILE
    path.write_text(json.dumps(trusted, indent=2))
    return path


def published_key_set(folder: Path, path: str) -> dict[str, Any] | None:
    """What the local server answers at `path` if it is a dev provider's JWKS (`JWKS_PATH`),
    read from `folder` at each request, so that a rotation shows at once; None for any other path."""
    for provider in DevProvider:
        if path == provider.jwks_path and (folder / provider.key_file).exists():
            return provider.published(folder)
    return None
