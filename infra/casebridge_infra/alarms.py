"""Alarms an operator must hear about, on one encrypted SNS topic."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from constructs import Construct

from casebridge_infra.config import StageConfig
from casebridge_infra.data import Evidence
from casebridge_infra.functions import API, ARRIVALS, STREAM, TIMERS, Functions
from casebridge_infra.notifications import Notifications
from chalicelib.domain.audit import AUDIT_TAMPERED
from chalicelib.topology import Topology

FIVE_MINUTES = cdk.Duration.minutes(5)
#: The stream handler is this far behind the table (milliseconds): events are late.
ITERATOR_AGE_MS = 5 * 60 * 1000


def build_alarms(
    scope: Construct,
    plan: Topology,
    config: StageConfig,
    key: kms.IKey,
    functions: Functions,
    notifications: Notifications,
    api_name: str,
    api_stage: str,
    evidence: Evidence,
) -> list[cloudwatch.CfnAlarm]:
    topic = sns.Topic(scope, "Alarms", topic_name=f"{plan.table_name}-alarms", master_key=key, enforce_ssl=True)
    # A topic policy replaces SNS's default one, which is what let CloudWatch publish.
    stack = cdk.Stack.of(scope)
    topic.add_to_resource_policy(
        iam.PolicyStatement(
            sid="TheStacksAlarmsPublish",
            principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
            actions=["sns:Publish"],
            resources=[topic.topic_arn],
            conditions={
                "ArnLike": {
                    "aws:SourceArn": stack.format_arn(
                        service="cloudwatch",
                        resource="alarm",
                        resource_name=f"{plan.table_name}-*",
                        arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                    )
                },
                "StringEquals": {"aws:SourceAccount": stack.account},
            },
        )
    )
    if config.alarm_email:
        sns.Subscription(
            scope, "AlarmsEmail", topic=topic, protocol=sns.SubscriptionProtocol.EMAIL, endpoint=config.alarm_email
        )

    def alarm(
        construct_id: str,
        description: str,
        namespace: str,
        metric: str,
        dimensions: dict[str, str],
        statistic: str,
        threshold: float,
    ) -> cloudwatch.CfnAlarm:
        return cloudwatch.CfnAlarm(
            scope,
            construct_id,
            alarm_name=f"{plan.table_name}-{construct_id}",
            alarm_description=description,
            namespace=namespace,
            metric_name=metric,
            dimensions=[cloudwatch.CfnAlarm.DimensionProperty(name=k, value=v) for k, v in dimensions.items()],
            statistic=statistic,
            period=FIVE_MINUTES.to_seconds(),
            evaluation_periods=1,
            threshold=threshold,
            comparison_operator="GreaterThanOrEqualToThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=[topic.topic_arn],
            ok_actions=[topic.topic_arn],
        )

    alarms = []
    queues = {
        name: (queue.node.id, queue.queue_name)
        for name, queue in (
            ("DeliveryDeadLetters", notifications.delivery_dead_letters),
            ("StreamFailures", notifications.stream_failures),
        )
    }
    dead_arrivals = evidence.arrivals_dead_letters
    queues["EvidenceArrivalsDeadLetters"] = (dead_arrivals.node.id, dead_arrivals.attr_queue_name)
    for name, (queue_id, queue_name) in queues.items():
        alarms.append(
            alarm(
                f"{name}Depth",
                f"{queue_id}: a notification, stream record or file arrival was dead-lettered; redrive it after the cause is fixed",
                "AWS/SQS",
                "ApproximateNumberOfMessagesVisible",
                {"QueueName": queue_name},
                "Maximum",
                1,
            )
        )
    alarms.append(
        alarm(
            "StreamIteratorAge",
            "The stream handler is more than 5 minutes behind the table: events are late",
            "AWS/Lambda",
            "IteratorAge",
            {"FunctionName": functions.function_name(STREAM)},
            "Maximum",
            ITERATOR_AGE_MS,
        )
    )
    for function in (API, STREAM, TIMERS, ARRIVALS):
        for metric in ("Errors", "Throttles"):
            alarms.append(
                alarm(
                    f"{function}{metric}",
                    f"{function}: Lambda {metric.lower()}",
                    "AWS/Lambda",
                    metric,
                    {"FunctionName": functions.function_name(function)},
                    "Sum",
                    1,
                )
            )
    # The stream handler logs every change or removal of an audit item (none is legitimate).
    namespace = f"casebridge/{plan.stage}"
    logs.CfnMetricFilter(
        scope,
        "AuditTamperedFilter",
        log_group_name=functions.log_groups[STREAM].ref,
        filter_pattern=f'{{ $.message = "{AUDIT_TAMPERED}" }}',
        metric_transformations=[
            logs.CfnMetricFilter.MetricTransformationProperty(
                metric_namespace=namespace, metric_name="AuditTrailTampered", metric_value="1"
            )
        ],
    )
    alarms.append(
        alarm(
            "AuditTrailTampered",
            "An audit item was changed or removed in the table: compare with the archive and investigate",
            namespace,
            "AuditTrailTampered",
            {},
            "Sum",
            1,
        )
    )
    alarms.append(
        alarm(
            "Api5xx",
            "The API answered 5xx: a fault, not a caller's mistake",
            "AWS/ApiGateway",
            "5XXError",
            {"ApiName": api_name, "Stage": api_stage},
            "Sum",
            1,
        )
    )
    return alarms
