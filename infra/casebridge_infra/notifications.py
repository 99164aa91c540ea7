"""The bus, its archive, and each organisation's rule, queue, dead-letter queue and optional
webhook: a queue of its own beside the notification queue, read by the delivery function,
which signs each event with the organisation's secret (generated here, in Secrets Manager).

Names, patterns and retry settings come from `chalicelib.topology`, which also provisions
the local stack: the two cannot disagree about who receives what.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from casebridge_infra.config import StageConfig, Webhook
from casebridge_infra.data import generated_secret
from casebridge_infra.targets import queue_target
from chalicelib.domain.notifications import SOURCE
from chalicelib.domain.webhooks import MAX_ATTEMPTS
from chalicelib.topology import OrgSubscription, Topology

#: What an organisation's consumer does with its queue: receive, then delete what it handled.
QUEUE_READ = ("sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage")


@dataclass
class Notifications:
    bus: events.CfnEventBus
    #: Stream records the handler could not publish after its retries (Lambda's on-failure destination).
    stream_failures: sqs.Queue
    queues: dict[str, sqs.Queue] = field(default_factory=dict)
    dead_letter_queues: dict[str, sqs.Queue] = field(default_factory=dict)
    #: The organisations with a webhook: its queue, its dead letters and its signing secret.
    webhooks: dict[str, Webhooked] = field(default_factory=dict)


@dataclass(frozen=True)
class Webhooked:
    endpoint: str
    queue: sqs.Queue
    dead_letters: sqs.Queue
    secret: secretsmanager.CfnSecret


def rule_arn(stack: cdk.Stack, plan: Topology, subscription: OrgSubscription) -> str:
    """A rule's ARN from its names alone, so that the key policy can name it before it exists."""
    return str(
        stack.format_arn(service="events", resource="rule", resource_name=f"{plan.bus_name}/{subscription.rule_name}")
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
    built = Notifications(bus, _queue(scope, "StreamFailures", plan.stream_failures_queue_name, key, retention))
    for subscription in plan.subscriptions:
        org = subscription.org.title()
        arn = rule_arn(stack, plan, subscription)
        dead_letters = _queue(scope, f"{org}DeadLetters", subscription.dead_letter_queue_name, key, retention)
        queue = _queue(
            scope,
            f"{org}Queue",
            subscription.queue_name,
            key,
            retention,
            sqs.DeadLetterQueue(queue=dead_letters, max_receive_count=delivery.max_receive_count),
        )
        for target in (queue, dead_letters):
            target.add_to_resource_policy(_only_the_rule(target, arn))
        readers = config.queue_readers.get(subscription.org, [])
        if readers:
            queue.add_to_resource_policy(
                iam.PolicyStatement(
                    sid="TheOrganisationReads",
                    principals=[iam.ArnPrincipal(reader) for reader in readers],
                    actions=list(QUEUE_READ),
                    resources=[queue.queue_arn],
                )
            )
        targets = [queue_target("queue", queue.queue_arn, dead_letters.queue_arn, delivery)]
        webhook = config.webhooks.get(subscription.org)
        if webhook is not None:
            built.webhooks[subscription.org] = _webhook(scope, subscription, arn, webhook, key, retention)
            hook = built.webhooks[subscription.org]
            targets.append(queue_target("webhook", hook.queue.queue_arn, hook.dead_letters.queue_arn, delivery))
        events.CfnRule(
            scope,
            f"{org}Rule",
            name=subscription.rule_name,
            event_bus_name=bus.ref,
            event_pattern=subscription.pattern,
            state="ENABLED",
            description=f"casebridge events addressed to {subscription.org}",
            targets=targets,
        )
        built.queues[subscription.org] = queue
        built.dead_letter_queues[subscription.org] = dead_letters
    return built


def _queue(
    scope: Construct,
    construct_id: str,
    name: str,
    key: kms.IKey,
    retention: cdk.Duration,
    dead_letter_queue: sqs.DeadLetterQueue | None = None,
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
    )
    queue.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    return queue


def _only_the_rule(queue: sqs.Queue, rule: str) -> iam.PolicyStatement:
    return iam.PolicyStatement(
        sid="OnlyTheOrganisationsRule",
        principals=[iam.ServicePrincipal("events.amazonaws.com")],
        actions=["sqs:SendMessage"],
        resources=[queue.queue_arn],
        conditions={"ArnEquals": {"aws:SourceArn": rule}},
    )


#: How long a webhook message is out of sight while the delivery function holds it: more than
#: the function's timeout (120 s in `.chalice/config.json`), as Lambda requires.
WEBHOOK_VISIBILITY = cdk.Duration.minutes(3)


def _webhook(
    scope: Construct,
    subscription: OrgSubscription,
    rule: str,
    webhook: Webhook,
    key: kms.IKey,
    retention: cdk.Duration,
) -> Webhooked:
    """The organisation's webhook queue (only its rule may send), its dead letters (after
    `MAX_ATTEMPTS` receives, a backstop: the delivery function dead-letters after 24 hours
    itself) and its signing secret, `{"current": <48 letters and digits>}`: base64 of 36
    random bytes, which the organisation's receiver uses as `whsec_<current>`."""
    org = subscription.org.title()
    dead_letters = _queue(
        scope, f"{org}WebhookDeadLetters", subscription.webhook_dead_letter_queue_name, key, retention
    )
    queue = sqs.Queue(
        scope,
        f"{org}WebhookQueue",
        queue_name=subscription.webhook_queue_name,
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=key,
        enforce_ssl=True,
        retention_period=cdk.Duration.days(2),
        visibility_timeout=WEBHOOK_VISIBILITY,
        dead_letter_queue=sqs.DeadLetterQueue(queue=dead_letters, max_receive_count=MAX_ATTEMPTS + 1),
    )
    for target in (queue, dead_letters):
        target.add_to_resource_policy(_only_the_rule(target, rule))
    secret = generated_secret(
        scope,
        f"{org}WebhookSecret",
        subscription.webhook_secret_name,
        f"Signs the webhook deliveries to {subscription.org} (Standard Webhooks); rotate by adding `previous`",
        key,
        secretsmanager.CfnSecret.GenerateSecretStringProperty(
            secret_string_template=json.dumps({}),
            generate_string_key="current",
            password_length=48,
            exclude_punctuation=True,
        ),
    )
    return Webhooked(str(webhook.endpoint), queue, dead_letters, secret)
