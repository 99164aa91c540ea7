"""Creates the table (with the registry's seed), bus, its one delivery rule and queue, and the buckets of the topology (moto or AWS)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import boto3

from chalicelib.arrivals import scan_results_pattern
from chalicelib.domain.files import OBJECT_PREFIX
from chalicelib.domain.notifications import SOURCE
from chalicelib.domain.organisations import seed
from chalicelib.domain.webhooks import MAX_ATTEMPTS
from chalicelib.settings import settings
from chalicelib.storage.table import Item
from chalicelib.topology import Topology, topology
from chalicelib.webhooks import create_signing_secret


@dataclass
class Provisioned:
    topology: Topology
    table_stream_arn: str
    #: The one queue the bus's rule fills, read by the delivery function, and its dead letters.
    delivery_queue_url: str = ""
    delivery_dead_letter_queue_url: str = ""


#: moto leaves `account` out of a delivered event unless the whole event is templated in; AWS
#: delivers the same shape either way.
_WHOLE_EVENT = {"InputPathsMap": {}, "InputTemplate": "<aws.events.event.json>"}


@dataclass(frozen=True)
class Queue:
    url: str
    arn: str
    dead_letter_url: str
    dead_letter_arn: str


def _arn(sqs: Any, url: str) -> str:
    return str(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])


def create_queue(
    name: str, dead_letter_name: str, max_receives: int, dead_letter_retention: str | None = None
) -> Queue:
    """A queue whose messages go to its dead-letter queue after `max_receives` receives."""
    sqs = boto3.client("sqs")
    kept = {"MessageRetentionPeriod": dead_letter_retention} if dead_letter_retention else {}
    dead_letter_url = sqs.create_queue(QueueName=dead_letter_name, Attributes=kept)["QueueUrl"]
    dead_letter_arn = _arn(sqs, dead_letter_url)
    redrive = json.dumps({"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": str(max_receives)})
    url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": redrive})["QueueUrl"]
    return Queue(url, _arn(sqs, url), dead_letter_url, dead_letter_arn)


def create_table() -> None:
    """The table from the models, with its stream, and TTL on `expires_at`."""
    Item.create_table(wait=True, billing_mode="PAY_PER_REQUEST")
    boto3.client("dynamodb").update_time_to_live(
        TableName=Item.Meta.table_name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"},
    )


def seed_registry() -> list[str]:
    """The seed file's organisations that the table does not hold yet (`domain.organisations.seed`):
    what is there already, onboarded or changed through the API, is kept. The codes written."""
    from chalicelib.storage.dynamo import Table
    from chalicelib.storage.organisations import OrganisationRepository

    return OrganisationRepository(Table()).seed(seed())


def list_timer_buckets() -> int:
    """Lists the bucket of every timer in the table, then marks the directory complete: once,
    for timers filed before the bucket directory was kept (`storage.timers`); a fresh table's
    directory is complete at once. The buckets listed (none once the directory is complete).

    The code's one Scan, run by provisioning (`make run`) and `scripts/index_timers.py` with the
    deployer's credentials, never by a function: it lives here, outside the storage the Lambda
    functions run, and no role holds Scan."""
    from chalicelib.storage.dynamo import Table, translated
    from chalicelib.storage.keys import TIMER_BUCKETS_COMPLETE_SK, TIMER_BUCKETS_PK, TIMERS_PARTITION_PREFIX
    from chalicelib.storage.table import Item, TimerBucketItem, TimerItem
    from chalicelib.storage.timers import bucket_entry, bucket_of

    if Table().get(TimerBucketItem, TIMER_BUCKETS_PK, TIMER_BUCKETS_COMPLETE_SK):
        return 0
    with translated():
        found = Item.scan(Item.pk.startswith(TIMERS_PARTITION_PREFIX), consistent_read=True)
        buckets = {bucket_of(item) for item in found if isinstance(item, TimerItem)}
        with TimerBucketItem.batch_write() as batch:
            for bucket in sorted(buckets):
                batch.save(bucket_entry(bucket))
        TimerBucketItem(TIMER_BUCKETS_PK, TIMER_BUCKETS_COMPLETE_SK).save()
    return len(buckets)


def seed_people() -> list[str]:
    """The seed's persons (`devtools.people`) under each issuer the stage trusts, for the
    organisations it speaks for: the local stack's and the tests', never a deployed stage's."""
    from datetime import UTC, datetime

    from chalicelib.devtools.people import seed_people as people_of_the_seed
    from chalicelib.storage.dynamo import Table
    from chalicelib.storage.people import PeopleRepository

    config = settings()
    issuers = {entry.issuer: entry.organisations for entry in config.trusted_issuers}
    found = people_of_the_seed(seed(), issuers, datetime.now(UTC), config.reverify_after)
    return PeopleRepository(Table()).seed(found)


def create_locked_bucket(name: str, mode: str, days: int) -> None:
    """A bucket whose objects nobody may overwrite or delete for `days` (Object Lock in `mode`)."""
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(
        Bucket=name,
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": mode, "Days": days}},
        },
    )


def create_audit_archive(plan: Topology) -> None:
    """The archive bucket, write-once: Object Lock in compliance mode for the stage's retention.

    moto keeps the lock's configuration but is not a full compliance mode (it lets a
    retention be shortened); the CDK stack's bucket is the real one, asserted in infra tests.
    """
    create_locked_bucket(plan.audit_archive_bucket, "COMPLIANCE", plan.audit_retention_days)


def create_evidence_bucket(plan: Topology) -> None:
    """The evidence bucket: versioned, write-once within the stage's retention (Object Lock,
    governance mode), announcing each object that arrives to the arrivals queue, where the
    malware scans' results (on the default bus) are forwarded too."""
    s3 = boto3.client("s3")
    create_locked_bucket(plan.evidence_bucket, "GOVERNANCE", plan.evidence_retention_days)
    arrivals = create_queue(
        plan.evidence_arrivals_queue_name,
        plan.evidence_arrivals_dead_letter_queue_name,
        plan.delivery.max_receive_count,
    )
    s3.put_bucket_notification_configuration(
        Bucket=plan.evidence_bucket,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "QueueArn": arrivals.arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": OBJECT_PREFIX}]}},
                }
            ]
        },
    )
    events = boto3.client("events")
    rule = plan.evidence_scans_rule_name
    events.put_rule(
        Name=rule, EventBusName="default", EventPattern=json.dumps(scan_results_pattern(plan.evidence_bucket))
    )
    events.put_targets(Rule=rule, EventBusName="default", Targets=[{"Id": "arrivals", "Arn": arrivals.arn}])


def provision(stage: str) -> Provisioned:
    """Creates everything the topology names, in the account the environment points at.

    What exists already (a local stack's saved state) is kept as it is; the rule and its
    target are put again. Nothing is per organisation but a configured webhook's signing
    secret, created if it is missing, as the operator does on AWS.
    """
    plan = topology(stage)
    if not Item.exists():
        create_table()
    seed_registry()
    seed_people()
    list_timer_buckets()
    stream_arn = boto3.client("dynamodb").describe_table(TableName=Item.Meta.table_name)["Table"]["LatestStreamArn"]
    events = boto3.client("events")
    delivery = plan.delivery
    buses = {bus["Name"]: bus["Arn"] for bus in events.list_event_buses(NamePrefix=plan.bus_name)["EventBuses"]}
    bus_arn = buses.get(plan.bus_name) or events.create_event_bus(Name=plan.bus_name)["EventBusArn"]
    if not events.list_archives(NamePrefix=plan.archive_name)["Archives"]:
        events.create_archive(
            ArchiveName=plan.archive_name, EventSourceArn=bus_arn, EventPattern=json.dumps({"source": [SOURCE]})
        )
    buckets = {bucket["Name"] for bucket in boto3.client("s3").list_buckets()["Buckets"]}
    if plan.audit_archive_bucket not in buckets:
        create_audit_archive(plan)
    if plan.evidence_bucket not in buckets:
        create_evidence_bucket(plan)
    deliveries = create_queue(
        plan.delivery_queue_name,
        plan.delivery_dead_letter_queue_name,
        MAX_ATTEMPTS + 1,
        str(int(delivery.dead_letter_retention.total_seconds())),
    )
    events.put_rule(
        Name=plan.delivery_rule_name, EventBusName=plan.bus_name, EventPattern=json.dumps(plan.delivery_pattern)
    )
    events.put_targets(
        Rule=plan.delivery_rule_name,
        EventBusName=plan.bus_name,
        Targets=[
            {
                "Id": "deliveries",
                "Arn": deliveries.arn,
                "InputTransformer": _WHOLE_EVENT,
                "DeadLetterConfig": {"Arn": deliveries.dead_letter_arn},
                "RetryPolicy": {
                    "MaximumRetryAttempts": delivery.retry_attempts,
                    "MaximumEventAgeInSeconds": int(delivery.max_event_age.total_seconds()),
                },
            }
        ],
    )
    vault = boto3.client("secretsmanager")
    for org, webhook in settings().webhooks.items():  # what the operator does when an org adds one
        create_signing_secret(vault, webhook.secret_name(plan, org))
    return Provisioned(plan, stream_arn, deliveries.url, deliveries.dead_letter_url)
