"""Names and subscriptions of the bus, queues and rules: one definition for local and AWS.

`chalicelib.devtools.provision` builds it on moto for `make run` and the tests; the CDK
stack in `infra/` builds the same names, patterns and retry settings in CloudFormation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from chalicelib.domain.notifications import SOURCE
from chalicelib.domain.organisations import Registry


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
class OrgSubscription:
    """An organisation's subscription to the bus: its rule and the queues it delivers to."""

    org: str
    rule_name: str
    queue_name: str
    dead_letter_queue_name: str

    @property
    def webhook_queue_name(self) -> str:
        """Where the organisation's rule puts its events for its webhook, if it has one."""
        return f"{self.queue_name}-webhook"

    @property
    def webhook_secret_name(self) -> str:
        """The Secrets Manager secret signing its webhook's deliveries: `{"current", "previous"?}`."""
        return f"{self.webhook_queue_name}-signing"

    @property
    def webhook_dead_letter_queue_name(self) -> str:
        """Where an event goes after a day of failed deliveries (`domain.webhooks.GIVE_UP_AFTER`)."""
        return f"{self.webhook_queue_name}-dlq"

    @property
    def event_pattern(self) -> str:
        return json.dumps(self.pattern)

    @property
    def pattern(self) -> dict[str, object]:
        return {"source": [SOURCE], "detail": {"recipients": [self.org]}}


@dataclass(frozen=True)
class Topology:
    stage: str
    table_name: str
    bus_name: str
    subscriptions: tuple[OrgSubscription, ...]
    delivery: DeliveryPolicy = field(default_factory=DeliveryPolicy)

    def subscription(self, org: str) -> OrgSubscription:
        return next(subscription for subscription in self.subscriptions if subscription.org == org)

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


def topology(stage: str, registry: Registry) -> Topology:
    """One rule and queue per organisation in the registry; platforms get theirs for later tips."""
    prefix = f"casebridge-{stage}"
    subscriptions = tuple(
        OrgSubscription(
            org=org.code,
            rule_name=f"{prefix}-{org.code.lower()}",
            queue_name=f"{prefix}-{org.code.lower()}",
            dead_letter_queue_name=f"{prefix}-{org.code.lower()}-dlq",
        )
        for org in registry
    )
    return Topology(stage=stage, table_name=prefix, bus_name=prefix, subscriptions=subscriptions)
