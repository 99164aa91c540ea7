"""A development token issuer: a real key pair and really signed JWTs."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from chalicelib.devtools.local_files import private_folder, write_secret

DEFAULT_AGENCY_SCOPES = "cases:read cases:write referrals:write deconfliction:check emergency:request"
DEFAULT_PLATFORM_SCOPES = "tips:submit preservations:respond legal:respond"


def default_scopes(org: str) -> str:
    """What a dev token carries unless told otherwise: by the organisation's kind."""
    from chalicelib.domain.organisations import registry

    found = registry().get(org)
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
        return cls(issuer, f"dev-{algorithm.lower()}-{int(time.time())}", algorithm, key)

    def jwks(self) -> dict[str, Any]:
        algorithm = jwt.get_algorithm_by_name(self.algorithm)
        public = json.loads(algorithm.to_jwk(self.private_key.public_key()))  # type: ignore[arg-type]
        public.update({"kid": self.key_id, "alg": self.algorithm, "use": "sig"})
        return {"keys": [public]}

    def trusted_issuer(self) -> dict[str, Any]:
        return {"issuer": self.issuer, "jwks": self.jwks()}

    def token(
        self,
        org: str,
        scope: str | None = None,
        sub: str | None = None,
        audience: str = "casebridge",
        lifetime: int = 3600,
        **claims: Any,
    ) -> str:
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
        }
        payload.update(claims)
        return jwt.encode(payload, self.private_key, algorithm=self.algorithm, headers={"kid": self.key_id})  # type: ignore[arg-type]

    def save(self, folder: Path) -> None:
        private_folder(folder)
        pem = self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        write_secret(folder / "issuer-key.pem", pem)
        (folder / "issuer.json").write_text(
            json.dumps({"issuer": self.issuer, "key_id": self.key_id, "algorithm": self.algorithm})
        )
        (folder / "trusted-issuers.json").write_text(json.dumps([self.trusted_issuer()], indent=2))

    @classmethod
    def load(cls, folder: Path) -> DevIssuer:
        meta = json.loads((folder / "issuer.json").read_text())
        key = serialization.load_pem_private_key((folder / "issuer-key.pem").read_bytes(), password=None)
        return cls(meta["issuer"], meta["key_id"], meta["algorithm"], key)
