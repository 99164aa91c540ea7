"""The one validated settings object, read from the environment once per process."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, field_validator, model_serializer, model_validator

from chalicelib.domain import emergency, people, watch
from chalicelib.domain.delivery import EVENT_BUS_ARN, QUEUE_ARN
from chalicelib.domain.files import ScanPolicy
from chalicelib.domain.legal import DEFAULT_DUE, LegalKind
from chalicelib.domain.organisations import valid_code
from chalicelib.domain.quotas import DEFAULT_QUOTAS, Question, Quota
from chalicelib.identity_keys import DEFAULT_LIFETIME, DEFAULT_REFETCH_INTERVAL, jwks_uri_refusal, key_set_refusal

if TYPE_CHECKING:
    from chalicelib.topology import Topology


#: The stage `make run` runs. The only one whose webhooks may be on the laptop (loopback, over
#: http); a stage file may not take its name (`infra/casebridge_infra/config.py`).
LOCAL_STAGE = "local"


class TrustedIssuer(BaseModel):
    """A token issuer this stage trusts, with its public keys, and the organisations (registry
    codes) it may speak for: a token it signs for any other is refused.

    Its keys are either inline (`jwks`, a JWKS: changed by a deploy) or where it publishes
    them (`jwks_uri`, https: fetched and cached, so that it rotates them without a deploy;
    `chalicelib/identity_keys.py`), exactly one of the two. Public RS256/ES256 keys only.
    An organisation's own entry in the registry may bind it too (`identity_providers`).

    A provider speaks for its own organisation; a broker (a state's CJIS identity provider
    federating its local agencies) lists each one. There is no wildcard: a provider trusted
    for every organisation lists them all, so that nobody is one by omission.
    """

    issuer: str
    jwks: dict[str, Any] | None = None
    jwks_uri: str | None = None
    organisations: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def one_key_source(self) -> TrustedIssuer:
        """`jwks` or `jwks_uri`, not both (which would win?) and not neither; a set of public keys,
        a URI that may be fetched from some stage (whether from this one, `Settings` decides)."""
        if (self.jwks is None) == (self.jwks_uri is None):
            raise ValueError("give the issuer's keys as 'jwks' (inline) or 'jwks_uri' (fetched): exactly one")
        refusal = (
            key_set_refusal(self.jwks) if self.jwks is not None else jwks_uri_refusal(str(self.jwks_uri), local=True)
        )
        if refusal is not None:
            raise ValueError(refusal)
        return self

    @model_serializer(mode="wrap")
    def given(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """As written in a stage file: the key source it has, not `null` for the one it has not."""
        return {name: value for name, value in handler(self).items() if value is not None}

    @field_validator("organisations")
    @classmethod
    def registered(cls, codes: list[str]) -> list[str]:
        """Each code once, and each one a registry code's shape. Whether the registry knows it
        is not asked here: the registry is data in the table, and a provider may be configured
        before its organisation is onboarded (a token for a code the registry lacks is refused
        as `unknown_organisation`)."""
        malformed = sorted(code for code in codes if not valid_code(code))
        if malformed:
            raise ValueError(f"not registry codes (1 to 16 capital letters or digits): {malformed}")
        if len(set(codes)) != len(codes):
            raise ValueError("each organisation is named once")
        return codes


class WebhookSetting(BaseModel):
    """An organisation's webhook: its endpoint, and the secret (Secrets Manager) that signs for it."""

    endpoint: str = Field(pattern=r"^https?://")
    #: By default the one named by convention (`Topology.webhook_secret_name`).
    secret: str | None = None

    def secret_name(self, plan: Topology, org: str) -> str:
        """The secret its deliveries are signed with: the one named, or the convention's."""
        return self.secret or plan.webhook_secret_name(org)


class Settings(BaseModel):
    stage: str = "dev"
    table_name: str = "casebridge-dev"
    event_bus_name: str = "casebridge-dev"
    audience: str = "casebridge"
    trusted_issuers: list[TrustedIssuer] = Field(default_factory=list)
    #: How long an issuer's fetched key set is used before it is fetched again
    #: (`CASEBRIDGE_JWKS_CACHE_SECONDS`), and the least time between two fetches of one issuer's
    #: set for a key id it lacks or after a failure (`CASEBRIDGE_JWKS_REFETCH_SECONDS`).
    jwks_cache_lifetime: timedelta = Field(default=DEFAULT_LIFETIME, gt=timedelta(0))
    jwks_refetch_interval: timedelta = Field(default=DEFAULT_REFETCH_INTERVAL, ge=timedelta(0))
    #: Signs pagination cursors so that nobody can forge or reuse another caller's: the
    #: secret itself (local stack, tests) or the Secrets Manager secret holding it (AWS).
    cursor_secret: str | None = Field(default=None, min_length=16)
    cursor_secret_name: str | None = None
    idempotency_ttl: timedelta = timedelta(hours=24)
    max_body_bytes: int = 64 * 1024
    #: A batch of 100 rich tips is larger than any other request.
    max_batch_body_bytes: int = 2 * 1024 * 1024
    clock_skew: timedelta = timedelta(seconds=30)
    #: The longest a token may live (`exp` - `iat`): a longer one is a 401, however well signed,
    #: since a stolen token is good until it expires (`CASEBRIDGE_MAX_TOKEN_HOURS`).
    max_token_lifetime: timedelta = timedelta(hours=12)
    #: How long a function keeps an organisation it read from the registry: at most a minute,
    #: so that a suspended organisation's tokens are refused within it
    #: (`CASEBRIDGE_REGISTRY_CACHE_SECONDS`; `services/organisations.py`).
    #: The operator's registry code: it keeps the registry and receives its events (`CASEBRIDGE_OPERATOR`).
    operator: str = Field(default="CASEBRIDGE", pattern=r"^[A-Z0-9]{1,16}$")
    registry_cache_ttl: timedelta = Field(default=timedelta(seconds=60), gt=timedelta(0), le=timedelta(seconds=60))
    #: Blind-index keys by key id (at least 32 bytes each, base64 in the environment) and
    #: the id of the one new entries use; see docs/guides/deconfliction.md on key rotation.
    deconfliction_keys: dict[str, str] = Field(default_factory=dict)
    deconfliction_key_id: str = ""
    #: Where the keys live in AWS: a Secrets Manager secret holding `{"current": id, id: key, ...}`.
    deconfliction_keys_secret: str | None = None
    #: Operations this close in time (before or after) are treated as overlapping.
    operation_buffer: timedelta = timedelta(minutes=30)
    #: The S3 bucket (Object Lock, compliance mode) every audit record is copied to.
    audit_archive_bucket: str | None = None
    #: The S3 bucket evidence files are uploaded to and downloaded from (presigned URLs only).
    evidence_bucket: str | None = None
    #: What the stage does about malware in evidence files: `off`, `scan` (GuardDuty Malware
    #: Protection; a threat is never served) or `wait` (a file is served once its scan cleared it).
    malware_scan: ScanPolicy = ScanPolicy.OFF
    #: When legal process is due by default, per kind; `CASEBRIDGE_LEGAL_DUE_DAYS` overrides
    #: some or all, e.g. `{"search_warrant": 10}`.
    legal_due: dict[LegalKind, timedelta] = Field(default_factory=lambda: dict(DEFAULT_DUE))
    #: How long a platform has to acknowledge an emergency request (alerts at once and twice
    #: this; the scheduler runs every minute), and when after a disclosure legal process is due.
    emergency_sla: timedelta = emergency.DEFAULT_SLA
    legal_process_due: timedelta = emergency.DEFAULT_PROCESS_DUE
    #: A watched conflict nobody took alerts its center's supervisors at each of these, from when
    #: it was found (`CASEBRIDGE_CONFLICT_UNOWNED_MINUTES`, e.g. `5,15`); contact not confirmed by
    #: both sides this long before the earlier start is overdue (`CASEBRIDGE_CONFLICT_CONTACT_MINUTES`).
    conflict_unowned_after: tuple[timedelta, timedelta] = watch.DEFAULT_UNOWNED_AFTER
    conflict_contact_before: timedelta = watch.DEFAULT_CONTACT_BEFORE
    #: When a verified person must be verified again (`CASEBRIDGE_REVERIFY_DAYS`, a year).
    reverify_after: timedelta = people.DEFAULT_REVERIFY_AFTER
    #: Organisations' webhooks, by organisation (`CASEBRIDGE_WEBHOOKS`, JSON): the delivery
    #: function signs and posts their events (`chalicelib/webhooks.py`).
    webhooks: dict[str, WebhookSetting] = Field(default_factory=dict)
    #: Organisations' own EventBridge buses (`CASEBRIDGE_EVENT_BUSES`, `{org: bus ARN}`) and
    #: SQS queues (`CASEBRIDGE_QUEUES`, `{org: queue ARN}`), in their own accounts: the delivery
    #: function puts their events there (`chalicelib/delivery.py`).
    event_buses: dict[str, Annotated[str, Field(pattern=EVENT_BUS_ARN)]] = Field(default_factory=dict)
    queues: dict[str, Annotated[str, Field(pattern=QUEUE_ARN)]] = Field(default_factory=dict)
    #: Whether a platform reading its tip learns which agency it went to (off by default).
    disclose_tip_routing: bool = False
    #: Deconfliction quotas per person and organisation per hour (`domain.quotas`);
    #: `CASEBRIDGE_QUOTAS` overrides some or all, e.g. `{"identifiers.checked": {"per_person": 200, "per_org": 2000}}`.
    quotas: dict[Question, Quota] = Field(default_factory=lambda: dict(DEFAULT_QUOTAS))

    @model_validator(mode="after")
    def jwks_uris_reachable(self) -> Settings:
        """A deployed stage fetches keys over https only, never from the laptop (`make run`'s
        providers publish theirs on the local server, over http)."""
        for entry in self.trusted_issuers:
            refusal = (
                None if entry.jwks_uri is None else jwks_uri_refusal(entry.jwks_uri, local=self.stage == LOCAL_STAGE)
            )
            if refusal is not None:
                raise ValueError(f"trusted issuer {entry.issuer}: {refusal}")
        return self

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
            "cursor_secret": env.get("CASEBRIDGE_CURSOR_SECRET") or None,
            "cursor_secret_name": env.get("CASEBRIDGE_CURSOR_SECRET_NAME") or None,
            "deconfliction_keys_secret": env.get("CASEBRIDGE_DECONFLICTION_KEYS_SECRET"),
            "operation_buffer": timedelta(minutes=int(env.get("CASEBRIDGE_OPERATION_BUFFER_MINUTES", "30"))),
            "disclose_tip_routing": env.get("CASEBRIDGE_DISCLOSE_TIP_ROUTING", "false").lower() == "true",
            "audit_archive_bucket": env.get("CASEBRIDGE_AUDIT_ARCHIVE_BUCKET") or None,
            "evidence_bucket": env.get("CASEBRIDGE_EVIDENCE_BUCKET") or None,
            "malware_scan": env.get("CASEBRIDGE_MALWARE_SCAN") or ScanPolicy.OFF,
            "webhooks": json.loads(env.get("CASEBRIDGE_WEBHOOKS") or "{}"),
            "event_buses": json.loads(env.get("CASEBRIDGE_EVENT_BUSES") or "{}"),
            "queues": json.loads(env.get("CASEBRIDGE_QUEUES") or "{}"),
        }
        for variable, (field, unit, number) in _DURATIONS.items():
            if env.get(variable):
                values[field] = timedelta(**{unit: number(env[variable])})
        if env.get("CASEBRIDGE_OPERATOR"):
            values["operator"] = env["CASEBRIDGE_OPERATOR"]
        if env.get("CASEBRIDGE_CONFLICT_UNOWNED_MINUTES"):
            first, second = (int(part) for part in env["CASEBRIDGE_CONFLICT_UNOWNED_MINUTES"].split(","))
            values["conflict_unowned_after"] = (timedelta(minutes=first), timedelta(minutes=second))
        if env.get("CASEBRIDGE_LEGAL_DUE_DAYS"):
            days = json.loads(env["CASEBRIDGE_LEGAL_DUE_DAYS"])
            values["legal_due"] = {**DEFAULT_DUE, **{kind: timedelta(days=n) for kind, n in days.items()}}
        if env.get("CASEBRIDGE_QUOTAS"):
            values["quotas"] = {**DEFAULT_QUOTAS, **json.loads(env["CASEBRIDGE_QUOTAS"])}
        keys_text = env.get("CASEBRIDGE_DECONFLICTION_KEYS")
        if keys_text is None and env.get("CASEBRIDGE_DECONFLICTION_KEYS_FILE"):
            keys_text = Path(env["CASEBRIDGE_DECONFLICTION_KEYS_FILE"]).read_text()
        if keys_text:
            values.update(parse_deconfliction_keys(keys_text))
        return cls.model_validate(values)


#: The durations a stage may set, each in its unit: variable -> (setting, unit, how it is read).
#: A whole number where the unit is coarse (minutes, hours, days); seconds and token hours take fractions.
_DURATIONS: dict[str, tuple[str, str, Callable[[str], float]]] = {
    "CASEBRIDGE_JWKS_CACHE_SECONDS": ("jwks_cache_lifetime", "seconds", float),
    "CASEBRIDGE_JWKS_REFETCH_SECONDS": ("jwks_refetch_interval", "seconds", float),
    "CASEBRIDGE_REGISTRY_CACHE_SECONDS": ("registry_cache_ttl", "seconds", float),
    "CASEBRIDGE_MAX_TOKEN_HOURS": ("max_token_lifetime", "hours", float),
    "CASEBRIDGE_EMERGENCY_SLA_MINUTES": ("emergency_sla", "minutes", int),
    "CASEBRIDGE_CONFLICT_CONTACT_MINUTES": ("conflict_contact_before", "minutes", int),
    "CASEBRIDGE_LEGAL_PROCESS_DUE_HOURS": ("legal_process_due", "hours", int),
    "CASEBRIDGE_REVERIFY_DAYS": ("reverify_after", "days", int),
}


def parse_deconfliction_keys(text: str) -> dict[str, Any]:
    """`{"current": "<key id>", "<key id>": "<base64 secret>", ...}`, as stored in the secret.

    Flat, so that the CDK stack can seed the secret with one generated key
    (`{"current": "k1", "k1": "<64 random base64 characters>"}`) and a rotation adds a field.
    """
    document = dict(json.loads(text))
    current = document.pop("current")
    return {"deconfliction_keys": document, "deconfliction_key_id": current}


@cache
def settings() -> Settings:
    return Settings.from_env()
