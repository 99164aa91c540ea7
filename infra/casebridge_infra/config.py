"""A stage's deployment settings, read from `infra/stages/<stage>.json` and validated once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from chalicelib.domain.delivery import EVENT_BUS_ARN, QUEUE_ARN
from chalicelib.domain.files import ScanPolicy
from chalicelib.domain.webhooks import endpoint_refusal
from chalicelib.identity_keys import jwks_uri_refusal
from chalicelib.settings import LOCAL_STAGE
from chalicelib.settings import TrustedIssuer as FunctionsIssuer

STAGES = Path(__file__).resolve().parent.parent / "stages"
ROLE_ARN = r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$"

#: CloudWatch Logs retention periods (days) that are at least a year: audit records stay a year.
LOG_RETENTION_DAYS = (365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TrustedIssuer(FunctionsIssuer):
    """A token issuer the functions trust, bound to the organisations it may speak for: the
    shape and checks of `CASEBRIDGE_TRUSTED_ISSUERS` (`chalicelib.settings`), refused at synth
    rather than when a function starts. A deployed stage fetches a `jwks_uri` over https and
    never from the laptop (only `make run`'s local stage does)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def fetchable(self) -> TrustedIssuer:
        refusal = None if self.jwks_uri is None else jwks_uri_refusal(self.jwks_uri, local=False)
        if refusal is not None:
            raise ValueError(refusal)
        return self


class CustomDomain(Strict):
    """The API under its own name with mutual TLS; the execute-api endpoint is then disabled."""

    domain_name: str
    certificate_arn: str
    #: `s3://bucket/key` of the PEM bundle of CAs whose client certificates are accepted.
    truststore_uri: str = Field(pattern=r"^s3://[^/]+/.+")
    truststore_version: str | None = None


class Webhook(Strict):
    """Signed push delivery of an organisation's events to its HTTPS endpoint (Standard
    Webhooks; the operator creates the signing secret at runtime). The endpoint follows
    `domain.webhooks.endpoint_refusal`: https, no credentials, no address that is not the
    public internet's; the delivery function checks each address a host name resolves to."""

    endpoint: HttpUrl

    @model_validator(mode="after")
    def deliverable(self) -> Webhook:
        refusal = endpoint_refusal(str(self.endpoint))
        if refusal is not None:
            raise ValueError(refusal)
        return self


class ConsoleIdentityProvider(Strict):
    """An identity provider the console offers to sign in with (OpenID Connect, authorization
    code with PKCE): its endpoints, and the console's client id there. Its token endpoint's
    origin joins the console's `connect-src`; the console's address (the `ConsoleUrl` output)
    is the redirect URI to register with it."""

    name: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    label: str = Field(min_length=1, max_length=100)
    authorization_endpoint: HttpUrl
    token_endpoint: HttpUrl
    client_id: str = Field(min_length=1, max_length=200)
    #: The registry codes it speaks for, as the sign-in screen names them.
    organisations: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def https_endpoints(self) -> ConsoleIdentityProvider:
        if self.authorization_endpoint.scheme != "https" or self.token_endpoint.scheme != "https":
            raise ValueError("a console identity provider's endpoints must be https")
        return self


class StageConfig(Strict):
    stage: str
    #: Optional: the account and region to pin the stack to (else the CLI's).
    account: str | None = None
    region: str | None = None
    audience: str = "casebridge"
    trusted_issuers: list[TrustedIssuer] = Field(default_factory=list)
    disclose_tip_routing: bool = False
    operation_buffer_minutes: int = Field(default=30, ge=0, le=24 * 60)
    #: API Gateway stage throttling (steady requests per second and burst).
    throttle_rate: float = Field(default=100, gt=0)
    throttle_burst: int = Field(default=200, gt=0)
    #: AWS WAF in front of the API: body size and per-client rate limits.
    waf: bool = True
    #: Requests per client IP in any 5 minutes before WAF blocks it (WAF's minimum is 10).
    waf_rate_limit: int = Field(default=3000, ge=10)
    log_retention_days: int = 731
    archive_retention_days: int = Field(default=365, ge=1)
    #: How long each audit record stays unchangeable in the audit archive (S3 Object Lock,
    #: compliance mode): at least the year CJIS asks for.
    audit_retention_days: int = Field(default=365, ge=365, le=36_500)
    #: How long nobody (bar an administrator allowed to bypass governance retention) may
    #: overwrite or delete an evidence file (S3 Object Lock, governance mode).
    evidence_retention_days: int = Field(default=365, ge=1, le=36_500)
    #: Browser origins (a case system's web client) that may PUT and GET evidence files
    #: through the presigned URLs: the evidence bucket's CORS. None by default.
    evidence_browser_origins: list[HttpUrl] = Field(default_factory=list)
    #: Malware in evidence files: `off`, `scan` (GuardDuty Malware Protection for S3 on the
    #: evidence bucket; a file in which it found a threat is never served) or `wait` (a file
    #: is served only once its scan cleared it).
    malware_scan: ScanPolicy = ScanPolicy.OFF

    @model_validator(mode="after")
    def https_origins(self) -> StageConfig:
        if any(origin.scheme != "https" for origin in self.evidence_browser_origins):
            raise ValueError("evidence_browser_origins must be https")
        return self

    #: The stream handler gives a failing record this many retries (halving the batch each
    #: time) and at most this long before sending it to the stream-failures queue.
    stream_retry_attempts: int = Field(default=10, ge=0, le=10_000)
    stream_max_record_age_seconds: int = Field(default=6 * 3600, ge=60, le=604_800)
    #: Batches of one shard the stream handler works on at once (Lambda keeps each item's
    #: records in order). 2 is what `make bench`'s throughput model needs for a sweep of
    #: 1,000 tips a second (`scripts/bench_stream.py`, docs/benchmarks.md).
    stream_parallelization: int = Field(default=2, ge=1, le=10)
    #: Alarms notify this SNS topic's subscribers; the e-mail address is optional.
    alarm_email: str | None = None
    custom_domain: CustomDomain | None = None
    #: The identity providers the console offers (`infra/casebridge_infra/console.py`); none:
    #: the console is deployed and says that no provider is configured.
    console_identity_providers: list[ConsoleIdentityProvider] = Field(default_factory=list)
    #: An organisation's delivery settings until the registry holds them (`DeliverySettings`):
    #: its webhook, its own EventBridge bus and its own SQS queue, in its own account. They are
    #: the delivery function's environment, not resources: the template is the same without them.
    webhooks: dict[str, Webhook] = Field(default_factory=dict)
    event_buses: dict[str, Annotated[str, Field(pattern=EVENT_BUS_ARN)]] = Field(default_factory=dict)
    queues: dict[str, Annotated[str, Field(pattern=QUEUE_ARN)]] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def no_queue_readers(cls, values: Any) -> Any:
        if isinstance(values, dict) and "queue_readers" in values:
            raise ValueError(
                "queue_readers is gone: there is no queue per organisation any more; give the organisation "
                "its own queue (`queues`) or bus (`event_buses`), see docs/operating/migrating-notifications.md"
            )
        return values

    @model_validator(mode="after")
    def not_the_local_stage(self) -> StageConfig:
        if self.stage == LOCAL_STAGE:  # its webhooks may reach the machine they run on
            raise ValueError(f"stage {LOCAL_STAGE!r} is make run's; a deployed stage needs another name")
        return self

    @model_validator(mode="after")
    def audit_logs_kept_a_year(self) -> StageConfig:
        if self.log_retention_days not in LOG_RETENTION_DAYS:
            raise ValueError(f"log_retention_days must be one of {LOG_RETENTION_DAYS} (at least a year)")
        return self

    @model_validator(mode="after")
    def organisations_are_registered(self) -> StageConfig:
        from chalicelib.domain.organisations import seed

        unknown = sorted({*self.webhooks, *self.event_buses, *self.queues} - {org.code for org in seed()})
        if unknown:
            raise ValueError(f"not in the organisation registry: {unknown}")
        return self


def load(stage: str, directory: Path = STAGES) -> StageConfig:
    """`infra/stages/<stage>.json`; its `stage` must match the file."""
    config = StageConfig.model_validate_json((directory / f"{stage}.json").read_text())
    if config.stage != stage:
        raise ValueError(f"{directory / stage}.json says stage {config.stage!r}")
    return config
