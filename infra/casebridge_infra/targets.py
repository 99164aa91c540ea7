"""How a rule hands events to a queue: retries as the delivery policy says, then a dead-letter queue."""

from __future__ import annotations

from aws_cdk import aws_events as events

from chalicelib.topology import DeliveryPolicy


def queue_target(
    target_id: str, queue_arn: str, dead_letters_arn: str, delivery: DeliveryPolicy
) -> events.CfnRule.TargetProperty:
    """A rule target that EventBridge retries for `delivery.max_event_age` and then dead-letters:
    an event it gives up on waits in a queue an alarm watches, instead of vanishing."""
    return events.CfnRule.TargetProperty(
        id=target_id,
        arn=queue_arn,
        retry_policy=events.CfnRule.RetryPolicyProperty(
            maximum_retry_attempts=delivery.retry_attempts,
            maximum_event_age_in_seconds=int(delivery.max_event_age.total_seconds()),
        ),
        dead_letter_config=events.CfnRule.DeadLetterConfigProperty(arn=dead_letters_arn),
    )
