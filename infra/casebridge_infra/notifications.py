"""The bus, its archive, and each organisation's rule, queue, dead-letter queue and optional webhook.

Names, patterns and retry settings come from `chalicelib.topology`, which also provisions
the local stack: the two cannot disagree about who receives what.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from casebridge_infra.config import StageConfig, Webhook
from chalicelib.domain.notifications import SOURCE
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
        retry = events.CfnRule.RetryPolicyProperty(
            maximum_retry_attempts=delivery.retry_attempts,
            maximum_event_age_in_seconds=int(delivery.max_event_age.total_seconds()),
        )
        targets = [
            events.CfnRule.TargetProperty(
                id="queue",
                arn=queue.queue_arn,
                retry_policy=retry,
                dead_letter_config=events.CfnRule.DeadLetterConfigProperty(arn=dead_letters.queue_arn),
            )
        ]
        webhook = config.webhooks.get(subscription.org)
        if webhook is not None:
            targets.append(_webhook_target(scope, org, arn, webhook, retry, dead_letters))
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


def _webhook_target(
    scope: Construct,
    org: str,
    rule: str,
    webhook: Webhook,
    retry: events.CfnRule.RetryPolicyProperty,
    dead_letters: sqs.Queue,
) -> events.CfnRule.TargetProperty:
    """An API destination to the organisation's HTTPS endpoint, its API key kept in Secrets Manager."""
    connection = events.Connection(
        scope,
        f"{org}WebhookConnection",
        authorization=events.Authorization.api_key(
            webhook.api_key_header, cdk.SecretValue.secrets_manager(webhook.api_key_secret)
        ),
        description=f"casebridge webhook credentials of {org}",
    )
    destination = events.ApiDestination(
        scope,
        f"{org}Webhook",
        connection=connection,
        endpoint=str(webhook.endpoint),
        http_method=events.HttpMethod.POST,
        rate_limit_per_second=webhook.rate_limit_per_second,
    )
    role = iam.Role(
        scope,
        f"{org}WebhookRole",
        assumed_by=iam.ServicePrincipal("events.amazonaws.com", conditions={"ArnEquals": {"aws:SourceArn": rule}}),
        inline_policies={
            "invoke": iam.PolicyDocument(
                statements=[
                    iam.PolicyStatement(
                        actions=["events:InvokeApiDestination"], resources=[destination.api_destination_arn]
                    )
                ]
            )
        },
    )
    return events.CfnRule.TargetProperty(
        id="webhook",
        arn=destination.api_destination_arn,
        role_arn=role.role_arn,
        retry_policy=retry,
        dead_letter_config=events.CfnRule.DeadLetterConfigProperty(arn=dead_letters.queue_arn),
    )
