"""The bus, its archive, its one rule and the one delivery queue: nothing per organisation.

Every casebridge event goes by the rule onto the delivery queue; the delivery function
(`chalicelib.delivery`) fans each out into one delivery per recipient and channel, as each
organisation's delivery settings say, and makes each: a signed webhook, a PutEvents to the
organisation's own bus, a SendMessage to its own queue. The template is the same for 8
organisations or 20,000; onboarding one needs no deploy. Webhook signing secrets are created at
runtime by the operator (docs/events/webhooks.md), never here.

Names, the pattern and retry settings come from `chalicelib.topology`, which also provisions
the local stack: the two cannot disagree about what exists.
"""

from __future__ import annotations

from dataclasses import dataclass

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from casebridge_infra.config import StageConfig
from casebridge_infra.targets import queue_target
from chalicelib.domain.notifications import SOURCE
from chalicelib.domain.webhooks import GIVE_UP_AFTER, MAX_ATTEMPTS
from chalicelib.topology import Topology

#: What a consumer does with a queue: receive, then delete what it handled.
QUEUE_READ = ("sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage")
#: How long a delivery message is out of sight while the delivery function holds it: more than
#: the function's timeout (120 s in `.chalice/config.json`), as Lambda requires.
DELIVERY_VISIBILITY = cdk.Duration.minutes(3)
#: A delivery is given up after `GIVE_UP_AFTER`; the queue keeps it two days more for a slow consumer.
DELIVERY_RETENTION = cdk.Duration.seconds(int(GIVE_UP_AFTER.total_seconds()) + 2 * 24 * 3600)


@dataclass
class Notifications:
    bus: events.CfnEventBus
    #: Stream records the handler could not publish after its retries (Lambda's on-failure destination).
    stream_failures: sqs.Queue
    #: The one queue the rule fills and the delivery function reads, fans out onto and retries from.
    deliveries: sqs.Queue
    #: Deliveries given up after a day, and events the rule could not put on the queue.
    delivery_dead_letters: sqs.Queue
    #: The names of the organisations' webhook signing secrets begin so (`Topology.webhook_secret_prefix`).
    signing_secret_prefix: str


def delivery_rule_arn(stack: cdk.Stack, plan: Topology) -> str:
    """The rule's ARN from its names alone, so that the key policy can name it before it exists."""
    return str(
        stack.format_arn(service="events", resource="rule", resource_name=f"{plan.bus_name}/{plan.delivery_rule_name}")
    )


def build_notifications(scope: Construct, plan: Topology, config: StageConfig, key: kms.IKey) -> Notifications:
    stack = cdk.Stack.of(scope)
    delivery = plan.delivery
    bus = events.CfnEventBus(scope, "Bus", name=plan.bus_name)
    events.CfnArchive(
        scope,
        "Archive",
        archive_name=plan.archive_name,
        source_arn=bus.attr_arn,
        event_pattern={"source": [SOURCE]},
        retention_days=config.archive_retention_days,
        description="Every casebridge event, for replay to a consumer that lost its own",
    )
    retention = cdk.Duration.seconds(int(delivery.dead_letter_retention.total_seconds()))
    stream_failures = _queue(scope, "StreamFailures", plan.stream_failures_queue_name, key, retention)
    dead_letters = _queue(scope, "DeliveryDeadLetters", plan.delivery_dead_letter_queue_name, key, retention)
    # Redriven after `MAX_ATTEMPTS` receives: a backstop, as the function dead-letters after a day itself.
    deliveries = _queue(
        scope,
        "Deliveries",
        plan.delivery_queue_name,
        key,
        DELIVERY_RETENTION,
        sqs.DeadLetterQueue(queue=dead_letters, max_receive_count=MAX_ATTEMPTS + 1),
        visibility_timeout=DELIVERY_VISIBILITY,
    )
    rule = delivery_rule_arn(stack, plan)
    for queue in (deliveries, dead_letters):
        queue.add_to_resource_policy(
            iam.PolicyStatement(
                sid="OnlyTheDeliveryRule",
                principals=[iam.ServicePrincipal("events.amazonaws.com")],
                actions=["sqs:SendMessage"],
                resources=[queue.queue_arn],
                conditions={"ArnEquals": {"aws:SourceArn": rule}},
            )
        )
    events.CfnRule(
        scope,
        "DeliveryRule",
        name=plan.delivery_rule_name,
        event_bus_name=bus.ref,
        event_pattern=plan.delivery_pattern,
        state="ENABLED",
        description="Every casebridge event, to the delivery function's queue (one rule for every organisation)",
        targets=[queue_target("deliveries", deliveries.queue_arn, dead_letters.queue_arn, delivery)],
    )
    return Notifications(bus, stream_failures, deliveries, dead_letters, plan.webhook_secret_prefix)


def _queue(
    scope: Construct,
    construct_id: str,
    name: str,
    key: kms.IKey,
    retention: cdk.Duration,
    dead_letter_queue: sqs.DeadLetterQueue | None = None,
    visibility_timeout: cdk.Duration | None = None,
) -> sqs.Queue:
    """A KMS-encrypted, TLS-only queue that outlives the stack (it may hold undelivered notifications)."""
    queue = sqs.Queue(
        scope,
        construct_id,
        queue_name=name,
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=key,
        enforce_ssl=True,
        retention_period=retention,
        dead_letter_queue=dead_letter_queue,
        visibility_timeout=visibility_timeout,
    )
    queue.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    return queue
