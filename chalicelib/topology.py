"""Names of the bus, queues and rules: one definition for local and AWS, none per organisation.

`chalicelib.devtools.provision` builds it on moto for `make run` and the tests; the CDK
stack in `infra/` builds the same names, patterns and retry settings in CloudFormation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from chalicelib.domain.notifications import SOURCE


@dataclass(frozen=True)
class DeliveryPolicy:
    """How hard the bus and the queues try before a notification is dead-lettered."""

    #: EventBridge's retries to a target, and how old an event may get while it retries.
    retry_attempts: int = 185
    max_event_age: timedelta = timedelta(hours=24)
    #: A message a consumer has received this many times without deleting goes to the DLQ.
    max_receive_count: int = 5
    #: The longest SQS keeps a message; a dead letter waits that long for an operator.
    dead_letter_retention: timedelta = timedelta(days=14)


@dataclass(frozen=True)
class Topology:
    stage: str
    table_name: str
    bus_name: str
    delivery: DeliveryPolicy = field(default_factory=DeliveryPolicy)

    @property
    def delivery_rule_name(self) -> str:
        """The one rule on the bus: every casebridge event, to the delivery queue."""
        return f"{self.bus_name}-deliveries"

    @property
    def delivery_queue_name(self) -> str:
        """Where the rule puts each event, and where the delivery function fans it out into one
        message per recipient and channel (`chalicelib.delivery`)."""
        return f"{self.table_name}-deliveries"

    @property
    def delivery_dead_letter_queue_name(self) -> str:
        """Where a delivery goes after a day of failed attempts (`domain.webhooks.GIVE_UP_AFTER`)."""
        return f"{self.delivery_queue_name}-dlq"

    @property
    def delivery_pattern(self) -> dict[str, object]:
        return {"source": [SOURCE]}

    @property
    def webhook_secret_prefix(self) -> str:
        """Every organisation's signing secret is named under it: the delivery function may read those only."""
        return f"{self.table_name}/webhook-signing/"

    def webhook_secret_name(self, org: str) -> str:
        """The Secrets Manager secret signing `org`'s webhook deliveries, `{"current", "previous"?}`:
        created at runtime by the operator (docs/events/webhooks.md), never by the stack."""
        return f"{self.webhook_secret_prefix}{org.upper()}"

    @property
    def archive_name(self) -> str:
        """Every event the bus carried, kept for replay (AWS only: moto has no replay)."""
        return f"{self.bus_name}-archive"

    @property
    def audit_archive_bucket(self) -> str:
        """The audit archive's bucket offline; in AWS, CloudFormation names it (S3 names are global)."""
        return f"{self.table_name}-audit-archive"

    #: How long the archive keeps each record unchangeable (Object Lock, compliance mode), offline.
    audit_retention_days: int = 365

    @property
    def evidence_bucket(self) -> str:
        """The evidence files' bucket offline; in AWS, CloudFormation names it."""
        return f"{self.table_name}-evidence"

    #: How long nobody may overwrite or delete an evidence object (Object Lock, governance mode), offline.
    evidence_retention_days: int = 30

    @property
    def evidence_scans_rule_name(self) -> str:
        """The rule on the account's default bus forwarding GuardDuty's scans to the arrivals queue."""
        return f"{self.table_name}-evidence-scans"

    @property
    def evidence_arrivals_queue_name(self) -> str:
        """Where the evidence bucket announces each object that arrives, for `check_arrivals`."""
        return f"{self.table_name}-evidence-arrivals"

    @property
    def evidence_arrivals_dead_letter_queue_name(self) -> str:
        """Where an arrival goes after `DeliveryPolicy.max_receive_count` failed checks."""
        return f"{self.evidence_arrivals_queue_name}-dlq"

    @property
    def stream_failures_queue_name(self) -> str:
        """Where the stream handler's records go after bounded retries (the pump's `dead_letters`)."""
        return f"{self.table_name}-stream-failures"


def topology(stage: str) -> Topology:
    """A stage's names. Nothing in it is per organisation: the registry is data, and onboarding
    an organisation changes no resource (`chalicelib.delivery` reads its settings per event)."""
    prefix = f"casebridge-{stage}"
    return Topology(stage=stage, table_name=prefix, bus_name=prefix)
