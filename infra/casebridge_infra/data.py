"""The data the stack keeps: the customer-managed key, the table (from the PynamoDB models) and secrets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from casebridge_infra.malware import MalwareProtection, malware_protection, scans_rule_arn
from chalicelib.domain.files import OBJECT_PREFIX
from chalicelib.storage.table import Item
from chalicelib.topology import Topology

#: What the account's administrators may do to the key: everything but use it.
KEY_ADMINISTRATION = (
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
)
#: Encrypting and decrypting, which the services below do on a caller's behalf.
KEY_USE = (
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
)
#: The services that use the key for the account's principals (whose IAM policies still decide).
KEY_SERVICES = ("dynamodb", "sqs", "secretsmanager", "sns", "s3")


def ttl_attribute() -> str:
    """The one attribute name a `TTLAttribute` of the models is stored under."""
    from pynamodb.attributes import TTLAttribute

    names = {
        attribute.attr_name
        for model in item_classes()
        for attribute in model.get_attributes().values()
        if isinstance(attribute, TTLAttribute)
    }
    if len(names) != 1:
        raise ValueError(f"the models must store their TTL under one attribute name, not {sorted(names)}")
    return names.pop()


def item_classes() -> list[type[Item]]:
    """`Item` and every subclass of it, however deep."""
    found: list[type[Item]] = [Item]
    for model in found:
        found += model.__subclasses__()
    return found


def table_schema() -> dict[str, Any]:
    """Keys, attribute definitions and indexes of the table, in CloudFormation's shape, from the models."""
    schema = Item._get_schema()
    indexes: list[dict[str, Any]] = []
    for index in sorted(schema["global_secondary_indexes"], key=lambda index: index["index_name"]):
        projection: dict[str, Any] = {"ProjectionType": index["projection"]["ProjectionType"]}
        if "NonKeyAttributes" in index["projection"]:
            projection["NonKeyAttributes"] = sorted(index["projection"]["NonKeyAttributes"])
        indexes.append(
            {
                "IndexName": index["index_name"],
                "KeySchema": sorted(index["key_schema"], key=lambda key: key["KeyType"]),
                "Projection": projection,
            }
        )
    return {
        "KeySchema": sorted(schema["key_schema"], key=lambda key: key["KeyType"]),
        "AttributeDefinitions": sorted(schema["attribute_definitions"], key=lambda a: a["AttributeName"]),
        "GlobalSecondaryIndexes": indexes,
    }


@dataclass
class Data:
    key: kms.Key
    table: dynamodb.CfnTable
    cursor_secret: secretsmanager.CfnSecret
    deconfliction_keys: secretsmanager.CfnSecret
    audit_archive: s3.CfnBucket
    evidence: Evidence

    def index_arns(self, names: tuple[str, ...]) -> list[str]:
        return [f"{self.table.attr_arn}/index/{name}" for name in names]


def index_names() -> tuple[str, ...]:
    return tuple(index["IndexName"] for index in table_schema()["GlobalSecondaryIndexes"])


def build_data(
    scope: Construct,
    plan: Topology,
    log_group_prefix: str,
    rule_arns: list[str],
    audit_retention_days: int,
    evidence_retention_days: int,
    browser_origins: list[str],
    scanning: bool = False,
) -> Data:
    """One key for everything the stack stores; kept, like the table and secrets, if the stack goes."""
    stack = cdk.Stack.of(scope)
    key = kms.Key(
        scope,
        "Key",
        alias=f"alias/{plan.table_name}",
        description=f"casebridge {plan.stage}: table, secrets, queues, topics and logs",
        enable_key_rotation=True,
        removal_policy=cdk.RemovalPolicy.RETAIN,
        policy=key_policy(stack, log_group_prefix, rule_arns),
    )
    table = dynamodb.CfnTable(
        scope,
        "Table",
        table_name=plan.table_name,
        billing_mode="PAY_PER_REQUEST",
        **_cfn(table_schema()),
        stream_specification=dynamodb.CfnTable.StreamSpecificationProperty(stream_view_type="NEW_AND_OLD_IMAGES"),
        point_in_time_recovery_specification=dynamodb.CfnTable.PointInTimeRecoverySpecificationProperty(
            point_in_time_recovery_enabled=True
        ),
        deletion_protection_enabled=True,
        sse_specification=dynamodb.CfnTable.SSESpecificationProperty(
            sse_enabled=True, sse_type="KMS", kms_master_key_id=key.key_arn
        ),
        time_to_live_specification=dynamodb.CfnTable.TimeToLiveSpecificationProperty(
            attribute_name=ttl_attribute(), enabled=True
        ),
    )
    table.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    # L1 secrets: the L2 construct would add its own key-policy statement, with wildcard actions.
    cursor_secret = generated_secret(
        scope,
        "CursorSecret",
        f"{plan.table_name}/cursor-secret",
        "Signs pagination cursors (CASEBRIDGE_CURSOR_SECRET_NAME)",
        key,
        secretsmanager.CfnSecret.GenerateSecretStringProperty(password_length=64, exclude_punctuation=True),
    )
    # The flat layout `parse_deconfliction_keys` reads; 64 letters and digits are valid base64 (48 bytes).
    deconfliction_keys = generated_secret(
        scope,
        "DeconflictionKeys",
        f"{plan.table_name}/deconfliction-keys",
        "Blind-index HMAC keys (CASEBRIDGE_DECONFLICTION_KEYS_SECRET); rotate by adding a key",
        key,
        secretsmanager.CfnSecret.GenerateSecretStringProperty(
            secret_string_template=json.dumps({"current": "k1"}),
            generate_string_key="k1",
            password_length=64,
            exclude_punctuation=True,
        ),
    )
    return Data(
        key,
        table,
        cursor_secret,
        deconfliction_keys,
        audit_archive(scope, key, audit_retention_days),
        evidence(scope, plan, key, evidence_retention_days, browser_origins, scanning),
    )


def audit_archive(scope: Construct, key: kms.IKey, retention_days: int) -> s3.CfnBucket:
    """Every audit record, copied by the stream handler; write-once for `retention_days`.

    Object Lock in compliance mode: within the retention, no principal (the account's root
    included) can overwrite or delete a version, or shorten its retention. S3 names the
    bucket (names are global); the functions get it in `CASEBRIDGE_AUDIT_ARCHIVE_BUCKET`.
    """
    bucket = _locked_bucket(scope, "AuditArchive", key, "COMPLIANCE", retention_days)
    tls_only(scope, "AuditArchivePolicy", bucket)
    return bucket


@dataclass
class Evidence:
    """The evidence bucket and the queue its arrivals are announced on."""

    bucket: s3.CfnBucket
    arrivals: sqs.CfnQueue
    arrivals_dead_letters: sqs.CfnQueue
    #: GuardDuty Malware Protection, where the stage scans.
    malware: MalwareProtection | None = None


#: What a browser sends with an upload the API presigned, and what it may read back.
BROWSER_UPLOAD_HEADERS = ("Content-Type", "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm")


def evidence(
    scope: Construct,
    plan: Topology,
    key: kms.IKey,
    retention_days: int,
    browser_origins: list[str],
    scanning: bool = False,
) -> Evidence:
    """Evidence files: write-once within `retention_days` (Object Lock, governance mode: an
    administrator with `s3:BypassGovernanceRetention` can still remove a file a court orders
    removed), and every object that arrives under `files/` announced to the arrivals queue
    for `check_arrivals`; where the stage `scanning`, GuardDuty scans them and its results
    reach the same queue (`malware.malware_protection`). The bucket policy (TLS only, objects
    for the functions' roles only) is set with the functions (`functions.evidence_policy`)."""
    dead_letters = sqs.CfnQueue(
        scope,
        "EvidenceArrivalsDlq",
        queue_name=plan.evidence_arrivals_dead_letter_queue_name,
        message_retention_period=int(plan.delivery.dead_letter_retention.total_seconds()),
        kms_master_key_id=key.key_arn,
    )
    # The stack's key, like every queue's: S3 and EventBridge may use it to send here (`key_policy`).
    arrivals = sqs.CfnQueue(
        scope,
        "EvidenceArrivals",
        queue_name=plan.evidence_arrivals_queue_name,
        visibility_timeout=6 * 60,
        kms_master_key_id=key.key_arn,
        redrive_policy={
            "deadLetterTargetArn": dead_letters.attr_arn,
            "maxReceiveCount": plan.delivery.max_receive_count,
        },
    )
    for queue in (arrivals, dead_letters):
        queue.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    stack = cdk.Stack.of(scope)
    bucket_arn = f"arn:{stack.partition}:s3:::*"
    senders = [
        iam.PolicyStatement(
            sid="EvidenceBucketAnnounces",
            principals=[iam.ServicePrincipal("s3.amazonaws.com")],
            actions=["sqs:SendMessage"],
            resources=[arrivals.attr_arn],
            conditions={
                "ArnLike": {"aws:SourceArn": bucket_arn},
                "StringEquals": {"aws:SourceAccount": stack.account},
            },
        )
    ]
    if scanning:
        senders.append(scan_results_forwarded(stack, plan, arrivals))
        # What the rule cannot deliver, it dead-letters beside the arrivals that failed their check.
        sqs.CfnQueuePolicy(
            scope,
            "EvidenceArrivalsDlqPolicy",
            queues=[dead_letters.ref],
            policy_document=iam.PolicyDocument(
                statements=[scan_results_forwarded(stack, plan, dead_letters)]
            ).to_json(),
        )
    announce = sqs.CfnQueuePolicy(
        scope,
        "EvidenceArrivalsPolicy",
        queues=[arrivals.ref],
        policy_document=iam.PolicyDocument(statements=senders).to_json(),
    )
    notification = s3.CfnBucket.NotificationConfigurationProperty(
        queue_configurations=[
            s3.CfnBucket.QueueConfigurationProperty(
                event="s3:ObjectCreated:*",
                queue=arrivals.attr_arn,
                filter=s3.CfnBucket.NotificationFilterProperty(
                    s3_key=s3.CfnBucket.S3KeyFilterProperty(
                        rules=[s3.CfnBucket.FilterRuleProperty(name="prefix", value=OBJECT_PREFIX)]
                    )
                ),
            )
        ],
        # GuardDuty hears of new objects through EventBridge; turned on here, a stack update
        # does not turn it off again.
        event_bridge_configuration=(
            s3.CfnBucket.EventBridgeConfigurationProperty(event_bridge_enabled=True) if scanning else None
        ),
    )
    cors = None
    if browser_origins:
        cors = s3.CfnBucket.CorsConfigurationProperty(
            cors_rules=[
                s3.CfnBucket.CorsRuleProperty(
                    allowed_methods=["GET", "PUT"],
                    allowed_origins=browser_origins,
                    allowed_headers=list(BROWSER_UPLOAD_HEADERS),
                    exposed_headers=["ETag"],
                    max_age=3600,
                )
            ]
        )
    bucket = _locked_bucket(scope, "Evidence", key, "GOVERNANCE", retention_days, notification, cors)
    bucket.add_dependency(announce)  # S3 checks that it may send when the notification is set
    malware = (
        malware_protection(scope, plan, key, bucket, arrivals.attr_arn, dead_letters.attr_arn) if scanning else None
    )
    return Evidence(bucket, arrivals, dead_letters, malware)


def scan_results_forwarded(stack: cdk.Stack, plan: Topology, queue: sqs.CfnQueue) -> iam.PolicyStatement:
    """The scan results' rule, and it alone, may send to `queue`."""
    return iam.PolicyStatement(
        sid="ScanResultsForwarded",
        principals=[iam.ServicePrincipal("events.amazonaws.com")],
        actions=["sqs:SendMessage"],
        resources=[queue.attr_arn],
        conditions={"ArnEquals": {"aws:SourceArn": scans_rule_arn(stack, plan)}},
    )


def _locked_bucket(
    scope: Construct,
    construct_id: str,
    key: kms.IKey,
    mode: str,
    retention_days: int,
    notification: s3.CfnBucket.NotificationConfigurationProperty | None = None,
    cors: s3.CfnBucket.CorsConfigurationProperty | None = None,
) -> s3.CfnBucket:
    """A private, versioned bucket under the stack's key, write-once (Object Lock) for `retention_days`."""
    bucket = s3.CfnBucket(
        scope,
        construct_id,
        object_lock_enabled=True,
        object_lock_configuration=s3.CfnBucket.ObjectLockConfigurationProperty(
            object_lock_enabled="Enabled",
            rule=s3.CfnBucket.ObjectLockRuleProperty(
                default_retention=s3.CfnBucket.DefaultRetentionProperty(mode=mode, days=retention_days)
            ),
        ),
        versioning_configuration=s3.CfnBucket.VersioningConfigurationProperty(status="Enabled"),
        bucket_encryption=s3.CfnBucket.BucketEncryptionProperty(
            server_side_encryption_configuration=[
                s3.CfnBucket.ServerSideEncryptionRuleProperty(
                    bucket_key_enabled=True,
                    server_side_encryption_by_default=s3.CfnBucket.ServerSideEncryptionByDefaultProperty(
                        sse_algorithm="aws:kms", kms_master_key_id=key.key_arn
                    ),
                )
            ]
        ),
        public_access_block_configuration=s3.CfnBucket.PublicAccessBlockConfigurationProperty(
            block_public_acls=True, block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True
        ),
        ownership_controls=s3.CfnBucket.OwnershipControlsProperty(
            rules=[s3.CfnBucket.OwnershipControlsRuleProperty(object_ownership="BucketOwnerEnforced")]
        ),
        notification_configuration=notification,
        cors_configuration=cors,
    )
    bucket.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    return bucket


def tls_only(scope: Construct, construct_id: str, bucket: s3.CfnBucket, *more: iam.PolicyStatement) -> None:
    """The bucket's policy: nothing over plain HTTP, and `more`."""
    s3.CfnBucketPolicy(
        scope,
        construct_id,
        bucket=bucket.ref,
        policy_document=iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    sid="TlsOnly",
                    effect=iam.Effect.DENY,
                    principals=[iam.AnyPrincipal()],
                    actions=["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:ListBucket"],
                    resources=[bucket.attr_arn, f"{bucket.attr_arn}/*"],
                    conditions={"Bool": {"aws:SecureTransport": "false"}},
                ),
                *more,
            ]
        ).to_json(),
    )


def generated_secret(
    scope: Construct,
    construct_id: str,
    name: str,
    description: str,
    key: kms.IKey,
    generate: secretsmanager.CfnSecret.GenerateSecretStringProperty,
) -> secretsmanager.CfnSecret:
    """A generated secret, encrypted with the stack's key and kept if the stack goes."""
    secret = secretsmanager.CfnSecret(
        scope, construct_id, name=name, description=description, kms_key_id=key.key_arn, generate_secret_string=generate
    )
    secret.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    return secret


def key_policy(stack: cdk.Stack, log_group_prefix: str, rule_arns: list[str]) -> iam.PolicyDocument:
    """Administration by the account; use only through the services that store casebridge's data."""
    account = iam.AccountRootPrincipal()
    return iam.PolicyDocument(
        statements=[
            iam.PolicyStatement(
                sid="Administration", principals=[account], actions=list(KEY_ADMINISTRATION), resources=["*"]
            ),
            iam.PolicyStatement(
                sid="UseThroughCasebridgeServices",
                principals=[account],
                actions=[*KEY_USE, "kms:CreateGrant"],
                resources=["*"],
                conditions={
                    "StringEquals": {
                        "kms:CallerAccount": stack.account,
                        "kms:ViaService": [f"{service}.{stack.region}.amazonaws.com" for service in KEY_SERVICES],
                    }
                },
            ),
            iam.PolicyStatement(
                sid="EventBridgeDeliversToQueues",
                principals=[iam.ServicePrincipal("events.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey"],
                resources=["*"],
                conditions={"ArnEquals": {"aws:SourceArn": rule_arns}},
            ),
            # S3 announces each arrival into a queue under this key (no bucket ARN here: the
            # bucket needs the key first, so as in the queue's policy, this account's buckets).
            iam.PolicyStatement(
                sid="EvidenceBucketAnnounces",
                principals=[iam.ServicePrincipal("s3.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey"],
                resources=["*"],
                conditions={
                    "ArnLike": {"aws:SourceArn": f"arn:{stack.partition}:s3:::*"},
                    "StringEquals": {"aws:SourceAccount": stack.account},
                },
            ),
            iam.PolicyStatement(
                sid="CloudWatchAlarmsPublish",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey"],
                resources=["*"],
                conditions={"StringEquals": {"aws:SourceAccount": stack.account}},
            ),
            iam.PolicyStatement(
                sid="LogsEncrypt",
                principals=[iam.ServicePrincipal(f"logs.{stack.region}.amazonaws.com")],
                actions=list(KEY_USE),
                resources=["*"],
                conditions={
                    "ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn": stack.format_arn(
                            service="logs",
                            resource="log-group",
                            resource_name=f"{log_group_prefix}*",
                            arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                        )
                    }
                },
            ),
        ]
    )


def _cfn(schema: dict[str, Any]) -> dict[str, Any]:
    """The table schema as `CfnTable` keyword arguments."""
    return {
        "key_schema": [
            dynamodb.CfnTable.KeySchemaProperty(attribute_name=k["AttributeName"], key_type=k["KeyType"])
            for k in schema["KeySchema"]
        ],
        "attribute_definitions": [
            dynamodb.CfnTable.AttributeDefinitionProperty(
                attribute_name=a["AttributeName"], attribute_type=a["AttributeType"]
            )
            for a in schema["AttributeDefinitions"]
        ],
        "global_secondary_indexes": [
            dynamodb.CfnTable.GlobalSecondaryIndexProperty(
                index_name=index["IndexName"],
                key_schema=[
                    dynamodb.CfnTable.KeySchemaProperty(attribute_name=k["AttributeName"], key_type=k["KeyType"])
                    for k in index["KeySchema"]
                ],
                projection=dynamodb.CfnTable.ProjectionProperty(
                    projection_type=index["Projection"]["ProjectionType"],
                    non_key_attributes=index["Projection"].get("NonKeyAttributes"),
                ),
            )
            for index in schema["GlobalSecondaryIndexes"]
        ],
    }
