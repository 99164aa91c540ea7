"""Least privilege: what each function may do, action by action and resource by resource.

Chalice makes one role per function (`autogen_policy: false`, an empty policy file each in
`.chalice/`); the stack writes each role's one policy from here. No action is a wildcard,
and no resource is, except the log streams of the function's own log group, and the delivery
function's organisations' buses and queues (`delivery_statements`: the organisations are data).
"""

from __future__ import annotations

from dataclasses import dataclass

import aws_cdk as cdk
from aws_cdk import aws_iam as iam

from casebridge_infra.data import KEY_USE, Data
from casebridge_infra.notifications import QUEUE_READ, Notifications
from chalicelib.domain.files import OBJECT_PREFIX
from chalicelib.storage.keys import AUDIT_PARTITION_PREFIX

#: The item-level actions a TransactWriteItems needs; DynamoDB authorises each item on its own.
#: BatchWriteItem is not among them: it is an action of its own (`Grants.batch_writes`).
WRITE_ITEMS = ("dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem")
#: GetItem also covers the items of a TransactGetItems. There is no Scan: not in code, not here.
READ_ITEMS = ("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query")
#: The services through which a function may use the data key (not SNS: only alarms publish there).
FUNCTION_KEY_SERVICES = ("dynamodb", "secretsmanager", "sqs")
#: What no function may do to an audit partition.
AUDIT_DENIED = ("dynamodb:DeleteItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem")
STREAM_READ = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams")


@dataclass(frozen=True)
class Grants:
    """What a function touches, as switches; `policy` turns them into statements."""

    log_group_name: str
    #: The indexes it Queries, by name.
    query_indexes: tuple[str, ...] = ()
    read_stream: bool = False
    publish_events: bool = False
    cursor_secret: bool = False
    deconfliction_keys: bool = False
    stream_failures: bool = False
    #: Copy audit records to the archive bucket (its `audit/` objects only).
    archive_audit: bool = False
    #: Evidence objects (`files/` only): presign uploads and downloads (`PutObject` and
    #: `GetObject`: a presigned URL carries the signer's rights), or read what arrived;
    #: `GetObjectVersion` too, as both read one version (the checked one, the notified one).
    presign_evidence: bool = False
    read_evidence: bool = False
    #: Receive the evidence bucket's arrival notifications.
    evidence_arrivals: bool = False
    #: Deliver notifications: read, fan out onto and dead-letter from the delivery queue; read the
    #: webhook signing secrets; put events on the organisations' buses and queues, in their accounts.
    deliver_webhooks: bool = False
    #: The partitions (key prefixes) it writes with BatchWriteItem, and may write so: no other.
    batch_writes: tuple[str, ...] = ()

    @property
    def uses_s3(self) -> bool:
        return self.archive_audit or self.presign_evidence or self.read_evidence


def policy(data: Data, notifications: Notifications, grants: Grants) -> iam.PolicyDocument:
    stack = cdk.Stack.of(data.table)
    own_streams = stack.format_arn(
        service="logs",
        resource="log-group",
        resource_name=f"{grants.log_group_name}:log-stream:*",
        arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
    )
    statements = [
        iam.PolicyStatement(
            sid="OwnLogs", actions=["logs:CreateLogStream", "logs:PutLogEvents"], resources=[own_streams]
        ),
        iam.PolicyStatement(sid="TableItems", actions=[*READ_ITEMS, *WRITE_ITEMS], resources=[data.table.attr_arn]),
        # The audit trail is write-once: its partitions hold nothing else (`AUDIT_PARTITION_PREFIX`),
        # so no function may update or delete there. A PutItem could still overwrite one; none
        # does (every audit write is conditioned on absence), and the stream alarms on any change.
        iam.PolicyStatement(
            sid="AuditTrailIsWriteOnce",
            effect=iam.Effect.DENY,
            actions=list(AUDIT_DENIED),
            resources=[data.table.attr_arn],
            conditions={"ForAnyValue:StringLike": {"dynamodb:LeadingKeys": [f"{AUDIT_PARTITION_PREFIX}*"]}},
        ),
        # The table, secrets and queues ask KMS on the caller's behalf, and only they may.
        iam.PolicyStatement(
            sid="DataKey",
            actions=list(KEY_USE),
            resources=[data.key.key_arn],
            conditions={
                "StringEquals": {
                    "kms:ViaService": [
                        f"{service}.{stack.region}.amazonaws.com"
                        for service in (*FUNCTION_KEY_SERVICES, *(["s3"] if grants.uses_s3 else []))
                    ]
                }
            },
        ),
    ]
    if grants.batch_writes:
        # A batch is its own action, not its items' PutItem (TransactWriteItems is theirs);
        # every item of it must be in one of these partitions.
        statements.append(
            iam.PolicyStatement(
                sid="BatchWrites",
                actions=["dynamodb:BatchWriteItem"],
                resources=[data.table.attr_arn],
                conditions={
                    "ForAllValues:StringLike": {
                        "dynamodb:LeadingKeys": [f"{prefix}*" for prefix in grants.batch_writes]
                    }
                },
            )
        )
    if grants.query_indexes:
        statements.append(
            iam.PolicyStatement(
                sid="Indexes", actions=["dynamodb:Query"], resources=data.index_arns(grants.query_indexes)
            )
        )
    if grants.read_stream:
        statements.append(
            iam.PolicyStatement(sid="TableStream", actions=list(STREAM_READ), resources=[data.table.attr_stream_arn])
        )
    if grants.publish_events:
        statements.append(
            iam.PolicyStatement(sid="Bus", actions=["events:PutEvents"], resources=[notifications.bus.attr_arn])
        )
    if grants.stream_failures:
        statements.append(
            iam.PolicyStatement(
                sid="StreamFailures", actions=["sqs:SendMessage"], resources=[notifications.stream_failures.queue_arn]
            )
        )
    if grants.archive_audit:
        # The one object prefix the stream handler writes; Object Lock keeps what it wrote.
        statements.append(
            iam.PolicyStatement(
                sid="AuditArchive", actions=["s3:PutObject"], resources=[f"{data.audit_archive.attr_arn}/audit/*"]
            )
        )
    evidence_objects = f"{data.evidence.bucket.attr_arn}/{OBJECT_PREFIX}*"
    if grants.presign_evidence or grants.read_evidence:
        actions = ["s3:GetObject", "s3:GetObjectVersion", *(["s3:PutObject"] if grants.presign_evidence else [])]
        statements.append(iam.PolicyStatement(sid="EvidenceFiles", actions=actions, resources=[evidence_objects]))
    if grants.evidence_arrivals:
        statements.append(
            iam.PolicyStatement(
                sid="EvidenceArrivals",
                actions=[
                    "sqs:ChangeMessageVisibility",
                    "sqs:DeleteMessage",
                    "sqs:GetQueueAttributes",
                    "sqs:ReceiveMessage",
                ],
                resources=[data.evidence.arrivals.attr_arn],
            )
        )
    if grants.deliver_webhooks:
        statements += delivery_statements(stack, notifications)
    secrets = [
        secret.ref
        for wanted, secret in (
            (grants.cursor_secret, data.cursor_secret),
            (grants.deconfliction_keys, data.deconfliction_keys),
        )
        if wanted
    ]
    if secrets:
        statements.append(
            iam.PolicyStatement(sid="Secrets", actions=["secretsmanager:GetSecretValue"], resources=secrets)
        )
    return iam.PolicyDocument(statements=statements)


def delivery_statements(stack: cdk.Stack, notifications: Notifications) -> list[iam.PolicyStatement]:
    """The delivery function's: its queue, the signing secrets by their names' prefix, and the
    organisations' buses and queues in any other account. Those two are the only wildcard
    resources of the stack: the organisations are data, not template. What lets the role in is
    the receiving side's resource policy (docs/events/webhooks.md); and it may put nothing on a
    bus or queue of casebridge's own account but its own queues (no spoofed events, no loops)."""
    partition, own = stack.partition, stack.account
    own_queues = [notifications.deliveries.queue_arn, notifications.delivery_dead_letters.queue_arn]
    return [
        iam.PolicyStatement(
            sid="DeliveryQueue",
            actions=[*QUEUE_READ, "sqs:GetQueueUrl", "sqs:SendMessage"],
            resources=[notifications.deliveries.queue_arn],
        ),
        iam.PolicyStatement(
            sid="DeliveryDeadLetters",
            actions=["sqs:GetQueueUrl", "sqs:SendMessage"],
            resources=[notifications.delivery_dead_letters.queue_arn],
        ),
        iam.PolicyStatement(
            sid="WebhookSigningSecrets",
            actions=["secretsmanager:GetSecretValue"],
            resources=[
                stack.format_arn(
                    service="secretsmanager",
                    resource="secret",
                    resource_name=f"{notifications.signing_secret_prefix}*",
                    arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                )
            ],
        ),
        iam.PolicyStatement(
            sid="OrganisationsBuses",
            actions=["events:PutEvents"],
            resources=[f"arn:{partition}:events:*:*:event-bus/*"],
        ),
        iam.PolicyStatement(
            sid="OrganisationsQueues", actions=["sqs:SendMessage"], resources=[f"arn:{partition}:sqs:*:*:*"]
        ),
        iam.PolicyStatement(
            sid="NoBusOfOurs",
            effect=iam.Effect.DENY,
            actions=["events:PutEvents"],
            resources=["*"],
            conditions={"StringEquals": {"aws:ResourceAccount": own}},
        ),
        iam.PolicyStatement(
            sid="NoQueueOfOursButTheDeliveries",
            effect=iam.Effect.DENY,
            actions=["sqs:SendMessage"],
            not_resources=own_queues,
            conditions={"StringEquals": {"aws:ResourceAccount": own}},
        ),
    ]


def set_role_policy(role: cdk.CfnResource, document: iam.PolicyDocument) -> None:
    """Replaces the statements of the role Chalice made (its policy file is empty on purpose)."""
    role.add_property_override("Policies.0.PolicyDocument", document.to_json())
