"""The one validated settings object, read from the environment once per process."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field


class TrustedIssuer(BaseModel):
    """A token issuer this stage trusts, with its public keys as a JWKS."""

    issuer: str
    jwks: dict[str, Any]


class Settings(BaseModel):
    stage: str = "dev"
    table_name: str = "casebridge-dev"
    event_bus_name: str = "casebridge-dev"
    audience: str = "casebridge"
    trusted_issuers: list[TrustedIssuer] = Field(default_factory=list)
    #: Signs pagination cursors so that nobody can forge or reuse another caller's.
    cursor_secret: str = Field(min_length=16)
    idempotency_ttl: timedelta = timedelta(hours=24)
    max_body_bytes: int = 64 * 1024
    clock_skew: timedelta = timedelta(seconds=30)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read `CASEBRIDGE_*` variables; issuers come inline or from a file (local stack)."""
        env = dict(os.environ) if env is None else env
        issuers_text = env.get("CASEBRIDGE_TRUSTED_ISSUERS")
        if issuers_text is None and env.get("CASEBRIDGE_TRUSTED_ISSUERS_FILE"):
            issuers_text = Path(env["CASEBRIDGE_TRUSTED_ISSUERS_FILE"]).read_text()
        values: dict[str, Any] = {
            "stage": env.get("CASEBRIDGE_STAGE", "dev"),
            "table_name": env.get("CASEBRIDGE_TABLE", "casebridge-dev"),
            "event_bus_name": env.get("CASEBRIDGE_EVENT_BUS", "casebridge-dev"),
            "audience": env.get("CASEBRIDGE_AUDIENCE", "casebridge"),
            "trusted_issuers": json.loads(issuers_text or "[]"),
            "cursor_secret": env.get("CASEBRIDGE_CURSOR_SECRET", ""),
        }
        return cls.model_validate(values)


@cache
def settings() -> Settings:
    return Settings.from_env()
