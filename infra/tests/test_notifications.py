"""The bus, its archive and each organisation's rule, queue and dead-letter queue; the same as `make run`'s."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.notifications import SOURCE
from chalicelib.domain.organisations import seed
from chalicelib.topology import topology

PLAN = topology("prod", seed())


def by_name(resources, key="QueueName"):
    return {resource["Properties"][key]: (name, resource) for name, resource in resources.items()}


def test_one_bus_with_an_archive_of_every_event_kept_a_year(prod):
    (bus,) = prod.resources("AWS::Events::EventBus").values()
    assert bus["Properties"]["Name"] == "casebridge-prod"
    (archive,) = prod.resources("AWS::Events::Archive").values()
    assert archive["Properties"]["ArchiveName"] == "casebridge-prod-archive"
    assert archive["Properties"]["RetentionDays"] == 365
    assert archive["Properties"]["EventPattern"] == {"source": [SOURCE]}


def test_every_organisation_in_the_registry_has_its_rule_and_only_that(prod):
    rules = by_name(prod.resources("AWS::Events::Rule"), "Name")
    # On the casebridge bus; the default bus has the rule for GuardDuty's scans (test_data).
    org_rules = {name: rule for name, (_, rule) in rules.items() if "EventBusName" in rule["Properties"]}
    assert set(org_rules) == {subscription.rule_name for subscription in PLAN.subscriptions}
    # The eight organisations of before and the operator, which receives the registry's events.
    assert len(PLAN.subscriptions) == len(list(seed())) == 9
    for subscription in PLAN.subscriptions:
        rule = org_rules[subscription.rule_name]["Properties"]
        assert rule["EventPattern"] == {"source": [SOURCE], "detail": {"recipients": [subscription.org]}}
        assert rule["State"] == "ENABLED"


@pytest.mark.parametrize("subscription", PLAN.subscriptions, ids=lambda subscription: subscription.org)
def test_each_rule_targets_its_queue_with_explicit_retries_and_a_dead_letter_queue(prod, subscription):
    queues = by_name(prod.resources("AWS::SQS::Queue"))
    queue_id, queue = queues[subscription.queue_name]
    dlq_id, dlq = queues[subscription.dead_letter_queue_name]
    (_, rule) = by_name(prod.resources("AWS::Events::Rule"), "Name")[subscription.rule_name]
    (target,) = rule["Properties"]["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert target["DeadLetterConfig"] == {"Arn": {"Fn::GetAtt": [dlq_id, "Arn"]}}
    assert target["RetryPolicy"] == {
        "MaximumRetryAttempts": PLAN.delivery.retry_attempts,
        "MaximumEventAgeInSeconds": int(PLAN.delivery.max_event_age.total_seconds()),
    }
    assert queue["Properties"]["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": [dlq_id, "Arn"]},
        "maxReceiveCount": PLAN.delivery.max_receive_count,
    }
    (key_id,) = prod.resources("AWS::KMS::Key")
    for kept in (queue, dlq):
        assert kept["Properties"]["KmsMasterKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}
        assert kept["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600
        assert kept["DeletionPolicy"] == "Retain"


def queue_policy_of(prod, queue_id):
    (policy,) = [
        p["Properties"]["PolicyDocument"]
        for p in prod.resources("AWS::SQS::QueuePolicy").values()
        if p["Properties"]["Queues"] == [{"Ref": queue_id}]
    ]
    return policy


@pytest.mark.parametrize("subscription", PLAN.subscriptions, ids=lambda subscription: subscription.org)
def test_only_the_organisations_rule_may_send_to_its_queues(prod, subscription):
    queues = by_name(prod.resources("AWS::SQS::Queue"))
    for queue_name in (subscription.queue_name, subscription.dead_letter_queue_name):
        queue_id, _ = queues[queue_name]
        statements = queue_policy_of(prod, queue_id)["Statement"]
        (allow,) = [s for s in statements if s["Effect"] == "Allow"]
        assert allow["Principal"] == {"Service": "events.amazonaws.com"}
        assert allow["Action"] == "sqs:SendMessage"
        source = json.dumps(allow["Condition"]["ArnEquals"]["aws:SourceArn"])
        assert f":rule/casebridge-prod/{subscription.rule_name}" in source
        # And nothing reaches it over plain HTTP.
        denies = [s for s in statements if s["Effect"] == "Deny"]
        assert denies and denies[0]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_an_organisations_configured_reader_may_receive_from_its_queue_and_decrypt_nothing_else(every_option):
    from casebridge_infra.notifications import QUEUE_READ
    from conftest import DEA_READER

    queues = by_name(every_option.resources("AWS::SQS::Queue"))
    dea_id, _ = queues["casebridge-prod-dea"]
    allows = [s for s in queue_policy_of(every_option, dea_id)["Statement"] if s["Effect"] == "Allow"]
    (reads,) = [s for s in allows if s["Sid"] == "TheOrganisationReads"]
    assert reads["Principal"] == {"AWS": DEA_READER}
    assert sorted(reads["Action"]) == sorted(QUEUE_READ)
    assert reads["Resource"] == {"Fn::GetAtt": [dea_id, "Arn"]}
    hsi_id, _ = queues["casebridge-prod-hsi"]
    assert DEA_READER not in json.dumps(queue_policy_of(every_option, hsi_id))
    ((_, key),) = every_option.resources("AWS::KMS::Key").items()
    (decrypt,) = [s for s in key["Properties"]["KeyPolicy"]["Statement"] if s.get("Sid") == "QueueReadersDecrypt"]
    assert decrypt["Principal"] == {"AWS": DEA_READER}
    assert decrypt["Action"] == "kms:Decrypt"
    assert "sqs." in json.dumps(decrypt["Condition"]["StringEquals"]["kms:ViaService"])


def test_no_webhook_unless_configured(prod):
    assert prod.resources("AWS::Events::ApiDestination") == {}
    assert prod.resources("AWS::Lambda::EventSourceMapping").keys() >= set() and not [
        m for m in prod.resources("AWS::Lambda::EventSourceMapping") if "Webhook" in m
    ]
    assert "webhook" not in json.dumps(prod.resources("AWS::SQS::Queue"))


def test_a_configured_webhook_is_a_signed_delivery_through_a_queue_of_its_own(every_option):
    from chalicelib.domain.webhooks import MAX_ATTEMPTS

    # No API destination: EventBridge cannot sign a body, so the delivery function does.
    assert every_option.resources("AWS::Events::ApiDestination") == {}
    queues = by_name(every_option.resources("AWS::SQS::Queue"), "QueueName")
    queue_id, queue = queues["casebridge-prod-hsi-webhook"]
    dead_id, _ = queues["casebridge-prod-hsi-webhook-dlq"]
    assert queue["Properties"]["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": [dead_id, "Arn"]},
        "maxReceiveCount": MAX_ATTEMPTS + 1,
    }
    assert queue["Properties"]["VisibilityTimeout"] > 120  # more than the delivery function's timeout
    assert "KmsMasterKeyId" in queue["Properties"]
    (_, rule) = by_name(every_option.resources("AWS::Events::Rule"), "Name")["casebridge-prod-hsi"]
    targets = {target["Id"]: target for target in rule["Properties"]["Targets"]}
    assert set(targets) == {"queue", "webhook"}
    assert targets["webhook"]["Arn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert targets["webhook"]["RetryPolicy"] == targets["queue"]["RetryPolicy"]
    assert targets["webhook"]["DeadLetterConfig"] == {"Arn": {"Fn::GetAtt": [dead_id, "Arn"]}}
    # Only HSI asked for one.
    (_, dea) = by_name(every_option.resources("AWS::Events::Rule"), "Name")["casebridge-prod-dea"]
    assert [target["Id"] for target in dea["Properties"]["Targets"]] == ["queue"]
    # Its signing secret is generated: letters and digits (base64 of random bytes), never in the template.
    secrets = by_name(every_option.resources("AWS::SecretsManager::Secret"), "Name")
    _, secret = secrets["casebridge-prod-hsi-webhook-signing"]
    generated = secret["Properties"]["GenerateSecretString"]
    assert (generated["GenerateStringKey"], generated["PasswordLength"], generated["ExcludePunctuation"]) == (
        "current",
        48,
        True,
    )
    assert secret["DeletionPolicy"] == "Retain"


def test_the_delivery_function_reads_each_webhook_queue_through_a_mapping_of_its_own(every_option):
    [(_, mapping)] = [
        (name, m) for name, m in every_option.resources("AWS::Lambda::EventSourceMapping").items() if "Webhook" in name
    ]
    queues = by_name(every_option.resources("AWS::SQS::Queue"), "QueueName")
    queue_id, _ = queues["casebridge-prod-hsi-webhook"]
    properties = mapping["Properties"]
    assert properties["EventSourceArn"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert properties["FunctionName"] == {"Ref": "DeliverWebhooks"}
    assert properties["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert properties["ScalingConfig"] == {"MaximumConcurrency": 2}
    function = every_option.resource("DeliverWebhooks")["Properties"]
    endpoints = json.loads(function["Environment"]["Variables"]["CASEBRIDGE_WEBHOOKS"])
    assert endpoints == {"HSI": {"endpoint": "https://notify.hsi.example.gov/casebridge"}}
    role = json.dumps(every_option.resource("DeliverWebhooksRole")["Properties"]["Policies"])
    assert "secretsmanager:GetSecretValue" in role and "sqs:ReceiveMessage" in role and "sqs:SendMessage" in role


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
    assert len(stack_rules) == 9  # the seed's organisations, the operator among them
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
    """The organisations' rules, their webhooks and GuardDuty's scan results alike: an event
    EventBridge gives up on waits in a queue, where an alarm sees it, instead of vanishing."""
    queues = synth.resources("AWS::SQS::Queue")
    targets = [
        (name, target)
        for name, rule in synth.resources("AWS::Events::Rule").items()
        for target in rule["Properties"]["Targets"]
    ]
    assert len(targets) > len(PLAN.subscriptions)  # the organisations' rules and the scan results' at least
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
