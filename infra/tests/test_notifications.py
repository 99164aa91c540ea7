"""The bus, its archive, its one rule and the delivery queue: nothing per organisation; the same as `make run`'s."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.notifications import SOURCE
from chalicelib.domain.webhooks import GIVE_UP_AFTER, MAX_ATTEMPTS
from chalicelib.topology import topology

PLAN = topology("prod")


def by_name(resources, key="QueueName"):
    return {resource["Properties"][key]: (name, resource) for name, resource in resources.items()}


def test_one_bus_with_an_archive_of_every_event_kept_a_year(prod):
    (bus,) = prod.resources("AWS::Events::EventBus").values()
    assert bus["Properties"]["Name"] == "casebridge-prod"
    (archive,) = prod.resources("AWS::Events::Archive").values()
    assert archive["Properties"]["ArchiveName"] == "casebridge-prod-archive"
    assert archive["Properties"]["RetentionDays"] == 365
    assert archive["Properties"]["EventPattern"] == {"source": [SOURCE]}


def test_one_rule_on_the_bus_takes_every_event_to_the_delivery_queue(prod):
    rules = by_name(prod.resources("AWS::Events::Rule"), "Name")
    # On the casebridge bus; the default bus has the rule for GuardDuty's scans (test_data).
    on_the_bus = {name: rule for name, (_, rule) in rules.items() if "EventBusName" in rule["Properties"]}
    assert list(on_the_bus) == [PLAN.delivery_rule_name]
    rule = on_the_bus[PLAN.delivery_rule_name]["Properties"]
    assert rule["EventPattern"] == {"source": [SOURCE]}  # every recipient: the function fans out
    assert rule["State"] == "ENABLED"
    queues = by_name(prod.resources("AWS::SQS::Queue"))
    queue_id, queue = queues[PLAN.delivery_queue_name]
    dlq_id, dlq = queues[PLAN.delivery_dead_letter_queue_name]
    (target,) = rule["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert target["DeadLetterConfig"] == {"Arn": {"Fn::GetAtt": [dlq_id, "Arn"]}}
    assert queue["Properties"]["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": [dlq_id, "Arn"]},
        "maxReceiveCount": MAX_ATTEMPTS + 1,  # a backstop: the function dead-letters after a day itself
    }
    assert queue["Properties"]["VisibilityTimeout"] > 120  # more than the delivery function's timeout
    assert queue["Properties"]["MessageRetentionPeriod"] > GIVE_UP_AFTER.total_seconds()
    (key_id,) = prod.resources("AWS::KMS::Key")
    for kept in (queue, dlq):
        assert kept["Properties"]["KmsMasterKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}
        assert kept["DeletionPolicy"] == "Retain"


def queue_policy_of(prod, queue_id):
    (policy,) = [
        p["Properties"]["PolicyDocument"]
        for p in prod.resources("AWS::SQS::QueuePolicy").values()
        if p["Properties"]["Queues"] == [{"Ref": queue_id}]
    ]
    return policy


def test_only_the_delivery_rule_may_send_to_the_delivery_queues(prod):
    queues = by_name(prod.resources("AWS::SQS::Queue"))
    for queue_name in (PLAN.delivery_queue_name, PLAN.delivery_dead_letter_queue_name):
        queue_id, _ = queues[queue_name]
        statements = queue_policy_of(prod, queue_id)["Statement"]
        (allow,) = [s for s in statements if s["Effect"] == "Allow"]
        assert allow["Principal"] == {"Service": "events.amazonaws.com"}
        assert allow["Action"] == "sqs:SendMessage"
        source = json.dumps(allow["Condition"]["ArnEquals"]["aws:SourceArn"])
        assert f":rule/casebridge-prod/{PLAN.delivery_rule_name}" in source
        # And nothing reaches it over plain HTTP.
        denies = [s for s in statements if s["Effect"] == "Deny"]
        assert denies and denies[0]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def resources_of(synth):
    """Every resource of a template by logical id and type: what two registries must share."""
    return sorted((name, resource["Type"]) for name, resource in synth.document["Resources"].items())


def test_the_template_of_20000_organisations_is_the_template_of_8(prod, tmp_path_factory, monkeypatch):
    """Nothing in the template is per organisation: onboarding one needs no deploy, and the
    stack never nears CloudFormation's 500 resources however many there are."""
    from casebridge_infra.config import load
    from conftest import synthesize

    import chalicelib.domain.organisations as organisations

    seed = list(organisations.seed())
    generated = organisations.Registry(
        seed
        + [
            organisations.Organisation(
                f"SO{n:05d}",
                f"Sheriff's Office {n}",
                organisations.OrgKind.LOCAL_AGENCY,
                ori=f"NV{n:07d}",
                jurisdiction=organisations.Jurisdiction("NV", county=f"County {n % 17}"),
                verification_line="+12025550199",
            )
            for n in range(20_000 - len(seed))
        ]
    )
    monkeypatch.setattr(organisations, "seed", lambda: generated)
    assert len(list(organisations.seed())) == 20_000
    many = synthesize(load("prod"), tmp_path_factory.mktemp("twenty-thousand"))
    assert len(seed) == 11  # today's eight, the operator, ONDCP (oversight) and WBWATCH (a watch center)
    assert resources_of(many) == resources_of(prod)
    assert len(prod.document["Resources"]) < 200  # far from 500, and the same for any registry
    assert not [name for name, _ in resources_of(prod) if any(code in name for code in ("Hsi", "Uspis", "Tiktok"))]


def test_no_webhook_resource_even_when_configured(prod, every_option):
    """Delivery settings are the function's environment: no queue, rule, secret or mapping of their own."""
    assert every_option.resources("AWS::Events::ApiDestination") == {}  # EventBridge cannot sign a body
    assert "webhook" not in json.dumps(every_option.resources("AWS::SQS::Queue")).lower()
    for kind in (
        "AWS::SQS::Queue",
        "AWS::Events::Rule",
        "AWS::SecretsManager::Secret",
        "AWS::Lambda::EventSourceMapping",
    ):
        assert every_option.resources(kind).keys() == prod.resources(kind).keys(), kind


def test_the_delivery_function_reads_the_delivery_queue_and_learns_the_settings_from_its_environment(every_option):
    from conftest import DEA_BUS, USPIS_QUEUE

    [mapping] = every_option.resources("AWS::Lambda::EventSourceMapping").values()
    queues = by_name(every_option.resources("AWS::SQS::Queue"), "QueueName")
    queue_id, _ = queues[PLAN.delivery_queue_name]
    properties = mapping["Properties"]
    assert properties["EventSourceArn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert properties["FunctionName"] == {"Ref": "DeliverWebhooks"}
    assert properties["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    variables = every_option.resource("DeliverWebhooks")["Properties"]["Environment"]["Variables"]
    assert json.loads(variables["CASEBRIDGE_WEBHOOKS"]) == {
        "HSI": {"endpoint": "https://notify.hsi.example.gov/casebridge"}
    }
    assert json.loads(variables["CASEBRIDGE_EVENT_BUSES"]) == {"DEA": DEA_BUS}
    assert json.loads(variables["CASEBRIDGE_QUEUES"]) == {"USPIS": USPIS_QUEUE}


def delivery_role(synth):
    (policy,) = synth.resource("DeliverWebhooksRole")["Properties"]["Policies"]
    return {statement["Sid"]: statement for statement in policy["PolicyDocument"]["Statement"]}


def test_the_delivery_function_may_put_on_the_organisations_buses_and_queues_never_on_its_own_accounts(prod):
    statements = delivery_role(prod)
    assert statements["OrganisationsBuses"]["Action"] == "events:PutEvents"
    assert statements["OrganisationsBuses"]["Resource"] == {
        "Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":events:*:*:event-bus/*"]]
    }
    assert statements["OrganisationsQueues"]["Action"] == "sqs:SendMessage"
    for sid in ("NoBusOfOurs", "NoQueueOfOursButTheDeliveries"):
        assert statements[sid]["Effect"] == "Deny"
        assert statements[sid]["Condition"] == {"StringEquals": {"aws:ResourceAccount": {"Ref": "AWS::AccountId"}}}
    queues = by_name(prod.resources("AWS::SQS::Queue"))
    own = [
        {"Fn::GetAtt": [queues[name][0], "Arn"]}
        for name in (PLAN.delivery_queue_name, PLAN.delivery_dead_letter_queue_name)
    ]
    assert statements["NoQueueOfOursButTheDeliveries"]["NotResource"] == own
    secrets = json.dumps(statements["WebhookSigningSecrets"]["Resource"])
    assert ":secret:casebridge-prod/webhook-signing/*" in secrets


def test_the_local_stack_and_the_cdk_stack_come_from_one_topology(prod):
    """`make run` provisions moto from `chalicelib.topology`; the stack must name the same things."""
    import boto3
    from moto import mock_aws

    from chalicelib.devtools.provision import provision

    with mock_aws():
        local = provision("prod")
        events = boto3.client("events")
        sqs = boto3.client("sqs")
        local_rules = {
            rule["Name"]: json.loads(rule["EventPattern"])
            for rule in events.list_rules(EventBusName="casebridge-prod")["Rules"]
            # The archive's own rule, which EventBridge manages (in AWS too).
            if not rule["Name"].startswith("Events-Archive-")
        }
        local_queues = {url.rsplit("/", 1)[1] for url in sqs.list_queues()["QueueUrls"]}
        local_archives = {archive["ArchiveName"] for archive in events.list_archives()["Archives"]}
        table = boto3.client("dynamodb").describe_table(TableName="casebridge-prod")["Table"]
        local_indexes = {
            index["IndexName"]: (
                sorted((key["AttributeName"], key["KeyType"]) for key in index["KeySchema"]),
                index["Projection"]["ProjectionType"],
                sorted(index["Projection"].get("NonKeyAttributes", [])),
            )
            for index in table["GlobalSecondaryIndexes"]
        }
    stack_rules = {
        rule["Properties"]["Name"]: rule["Properties"]["EventPattern"]
        for rule in prod.resources("AWS::Events::Rule").values()
        if rule["Properties"].get("EventBusName")
    }
    stack_queues = {queue["Properties"]["QueueName"] for queue in prod.resources("AWS::SQS::Queue").values()}
    stack_archives = {a["Properties"]["ArchiveName"] for a in prod.resources("AWS::Events::Archive").values()}
    stack_indexes = {
        index["IndexName"]: (
            sorted((key["AttributeName"], key["KeyType"]) for key in index["KeySchema"]),
            index["Projection"]["ProjectionType"],
            sorted(index["Projection"].get("NonKeyAttributes", [])),
        )
        for index in prod.resource("Table")["Properties"]["GlobalSecondaryIndexes"]
    }
    assert stack_rules == local_rules
    assert list(stack_rules) == [PLAN.delivery_rule_name]
    # The stream-failures queue is Lambda's on-failure destination; locally the pump keeps them.
    assert stack_queues - local_queues == {local.topology.stream_failures_queue_name}
    assert local_queues <= stack_queues
    assert stack_archives == local_archives == {"casebridge-prod-archive"}
    assert stack_indexes == local_indexes
    assert table["TableName"] == prod.resource("Table")["Properties"]["TableName"]


@pytest.fixture(params=["prod", "every_option"])
def synth(request):
    return request.getfixturevalue(request.param)


def test_every_rule_target_retries_explicitly_and_dead_letters_what_it_cannot_deliver(synth):
    """The delivery rule and GuardDuty's scan results alike: an event
    EventBridge gives up on waits in a queue, where an alarm sees it, instead of vanishing."""
    queues = synth.resources("AWS::SQS::Queue")
    targets = [
        (name, target)
        for name, rule in synth.resources("AWS::Events::Rule").items()
        for target in rule["Properties"]["Targets"]
    ]
    assert len(targets) >= 2  # the delivery rule's and the scan results' at least
    for name, target in targets:
        assert target.get("RetryPolicy") == {
            "MaximumRetryAttempts": PLAN.delivery.retry_attempts,
            "MaximumEventAgeInSeconds": int(PLAN.delivery.max_event_age.total_seconds()),
        }, name
        [dead_letters] = target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][:1]
        assert dead_letters in queues and dead_letters != target["Arn"]["Fn::GetAtt"][0], name
    # SAM turns a function's Schedule into a rule too. The timers' alone goes without: a lost
    # tick is the next minute's work (the scheduler resumes from its checkpoint).
    schedules = [
        name
        for name, function in synth.resources("AWS::Serverless::Function").items()
        for event in (function["Properties"].get("Events") or {}).values()
        if event["Type"] == "Schedule"
    ]
    assert schedules == ["FireTimers"]


def test_every_queue_is_encrypted_with_the_stacks_key(synth):
    (key_id,) = synth.resources("AWS::KMS::Key")
    queues = synth.resources("AWS::SQS::Queue")
    assert {"EvidenceArrivals", "EvidenceArrivalsDlq"} <= set(queues)
    for name, queue in queues.items():
        assert queue["Properties"].get("KmsMasterKeyId") == {"Fn::GetAtt": [key_id, "Arn"]}, name
        assert "SqsManagedSseEnabled" not in queue["Properties"], name


def test_the_key_lets_the_evidence_bucket_and_the_scan_results_rule_send_to_their_queues(prod):
    (key,) = prod.resources("AWS::KMS::Key").values()
    statements = {s["Sid"]: s for s in key["Properties"]["KeyPolicy"]["Statement"]}
    bucket = statements["EvidenceBucketAnnounces"]
    assert bucket["Principal"] == {"Service": "s3.amazonaws.com"}
    assert sorted(bucket["Action"]) == ["kms:Decrypt", "kms:GenerateDataKey"]
    assert bucket["Condition"]["StringEquals"]["aws:SourceAccount"]
    rules = json.dumps(statements["EventBridgeDeliversToQueues"]["Condition"]["ArnEquals"]["aws:SourceArn"])
    assert ":rule/casebridge-prod-evidence-scans" in rules
