"""The table, its indexes and TTL against the PynamoDB models; the key and the secrets."""

from __future__ import annotations

from aws_cdk.assertions import Match

from chalicelib.storage.table import Item


def test_the_table_is_on_demand_streamed_recoverable_protected_and_kept(prod):
    prod.template.has_resource(
        "AWS::DynamoDB::Table",
        {
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": Match.object_like(
                {
                    "TableName": "casebridge-prod",
                    "BillingMode": "PAY_PER_REQUEST",
                    "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
                    "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
                    "DeletionProtectionEnabled": True,
                }
            ),
        },
    )


def test_the_table_is_encrypted_with_the_stacks_customer_managed_key(prod):
    (key_id,) = prod.resources("AWS::KMS::Key")
    sse = prod.resource("Table")["Properties"]["SSESpecification"]
    assert sse == {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": {"Fn::GetAtt": [key_id, "Arn"]}}


def test_the_key_rotates_and_outlives_the_stack(prod):
    prod.template.has_resource(
        "AWS::KMS::Key",
        {
            "DeletionPolicy": "Retain",
            "Properties": Match.object_like({"EnableKeyRotation": True}),
        },
    )


def model_indexes():
    """The indexes as the PynamoDB model classes declare them, read from the classes themselves."""
    from pynamodb.indexes import GlobalSecondaryIndex

    declared = {}
    for index in vars(Item).values():
        if not isinstance(index, GlobalSecondaryIndex):
            continue
        keys = {
            attribute.attr_name: "HASH" if attribute.is_hash_key else "RANGE"
            for attribute in index.Meta.attributes.values()
            if attribute.is_hash_key or attribute.is_range_key
        }
        projection = index.Meta.projection
        declared[index.Meta.index_name] = (
            keys,
            projection.projection_type,
            sorted(projection.non_key_attributes or []),
        )
    return declared


def test_the_tables_indexes_are_exactly_the_ones_the_models_declare(prod):
    indexes = prod.resource("Table")["Properties"]["GlobalSecondaryIndexes"]
    in_template = {
        index["IndexName"]: (
            {key["AttributeName"]: key["KeyType"] for key in index["KeySchema"]},
            index["Projection"]["ProjectionType"],
            sorted(index["Projection"].get("NonKeyAttributes", [])),
        )
        for index in indexes
    }
    assert in_template == model_indexes()
    assert set(in_template) == {"gsi1", "gsi2", "gsi3", "gsi4", "blind"}
    # The blind index holds no identifier value: keys, owner, identifier id and time only.
    assert in_template["blind"][1:] == ("INCLUDE", ["added_at", "identifier_id", "kind", "owner"])


def test_ttl_is_on_expires_at_and_only_idempotency_records_counters_feed_entries_and_fact_claims_store_it():
    from casebridge_infra.data import item_classes, ttl_attribute
    from pynamodb.attributes import TTLAttribute

    assert ttl_attribute() == "expires_at"
    storing = {
        model.__name__
        for model in item_classes()
        if any(attribute.attr_name == "expires_at" for attribute in model.get_attributes().values())
    }
    expiring = {
        model.__name__
        for model in item_classes()
        if any(isinstance(attribute, TTLAttribute) for attribute in model.get_attributes().values())
    }
    # Preservations and timers have an `expires_at` field too, stored as `period_ends_at`:
    # DynamoDB must never delete a preservation request or a timer that has not fired.
    # Quota and probe counters are kept one window and a little more (`domain.quotas`), and
    # an event feed's entries 30 days (`domain.feed`), a figure's fact claim a week (the stream's
    # redeliveries are over long before; `storage.figures`).
    assert storing == expiring == {"IdempotencyItem", "CounterItem", "FeedEntryItem", "FigureFactItem"}


def test_the_stack_enables_ttl_on_that_attribute(prod):
    assert prod.resource("Table")["Properties"]["TimeToLiveSpecification"] == {
        "AttributeName": "expires_at",
        "Enabled": True,
    }


def test_secrets_are_generated_encrypted_with_the_key_and_kept(prod):
    (key_id,) = prod.resources("AWS::KMS::Key")
    secrets = prod.resources("AWS::SecretsManager::Secret")
    assert {s["Properties"]["Name"] for s in secrets.values()} == {
        "casebridge-prod/cursor-secret",
        "casebridge-prod/deconfliction-keys",
    }
    for secret in secrets.values():
        assert secret["DeletionPolicy"] == "Retain"
        assert secret["Properties"]["KmsKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}
        assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] == 64
        assert secret["Properties"]["GenerateSecretString"]["ExcludePunctuation"] is True


def test_the_seeded_deconfliction_secret_is_a_layout_the_functions_read():
    """What Secrets Manager generates from the stack's template is parsed into a usable key."""
    import base64
    import json

    from chalicelib.domain.blind_index import BlindIndex
    from chalicelib.settings import parse_deconfliction_keys

    generated = json.dumps({"current": "k1", "k1": "aZ09" * 16})  # 64 letters and digits, as generated
    keys = parse_deconfliction_keys(generated)
    assert keys["deconfliction_key_id"] == "k1"
    secret = base64.b64decode(keys["deconfliction_keys"]["k1"])
    assert len(secret) == 48  # BlindIndex asks for at least 32
    BlindIndex({"k1": secret}, "k1")


def test_the_audit_archive_is_write_once_for_a_year_encrypted_private_and_kept(prod):
    (key_id,) = prod.resources("AWS::KMS::Key")
    archive = prod.resource("AuditArchive")
    assert (archive["DeletionPolicy"], archive["UpdateReplacePolicy"]) == ("Retain", "Retain")
    properties = archive["Properties"]
    assert properties["ObjectLockEnabled"] is True
    assert properties["ObjectLockConfiguration"] == {
        "ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 365}},
    }
    assert properties["VersioningConfiguration"] == {"Status": "Enabled"}
    [rule] = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "aws:kms",
        "KMSMasterKeyID": {"Fn::GetAtt": [key_id, "Arn"]},
    }
    assert set(properties["PublicAccessBlockConfiguration"].values()) == {True}
    [policy] = [
        p
        for p in prod.resources("AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": "AuditArchive"}
    ]
    [tls] = policy["Properties"]["PolicyDocument"]["Statement"]
    assert (tls["Effect"], tls["Condition"]) == ("Deny", {"Bool": {"aws:SecureTransport": "false"}})


def test_the_evidence_bucket_is_write_once_under_governance_encrypted_private_kept_and_announces_arrivals(prod):
    (key_id,) = prod.resources("AWS::KMS::Key")
    bucket = prod.resource("Evidence")
    assert (bucket["DeletionPolicy"], bucket["UpdateReplacePolicy"]) == ("Retain", "Retain")
    properties = bucket["Properties"]
    assert properties["ObjectLockConfiguration"] == {
        "ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 365}},
    }
    assert properties["VersioningConfiguration"] == {"Status": "Enabled"}
    [rule] = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["KMSMasterKeyID"] == {"Fn::GetAtt": [key_id, "Arn"]}
    assert set(properties["PublicAccessBlockConfiguration"].values()) == {True}
    assert "CorsConfiguration" not in properties  # no browser origin is configured
    [queue] = properties["NotificationConfiguration"]["QueueConfigurations"]
    assert queue == {
        "Event": "s3:ObjectCreated:*",
        "Queue": {"Fn::GetAtt": ["EvidenceArrivals", "Arn"]},
        "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "files/"}]}},
    }
    assert "EvidenceArrivalsPolicy" in bucket["DependsOn"]
    arrivals = prod.resource("EvidenceArrivals")["Properties"]
    assert arrivals["QueueName"] == "casebridge-prod-evidence-arrivals"
    assert arrivals["RedrivePolicy"]["maxReceiveCount"] == 5
    statement, *_ = prod.resource("EvidenceArrivalsPolicy")["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert statement["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}


def test_a_stage_that_names_browser_origins_lets_them_upload_and_download_evidence_and_nothing_more(every_option):
    [rule] = every_option.resource("Evidence")["Properties"]["CorsConfiguration"]["CorsRules"]
    assert rule["AllowedOrigins"] == ["https://cases.dea.example.gov"]
    assert sorted(rule["AllowedMethods"]) == ["GET", "PUT"]
    assert rule["AllowedHeaders"] == ["Content-Type", "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm"]


def test_browser_origins_must_be_https():
    import pytest
    from casebridge_infra.config import StageConfig
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        StageConfig(stage="prod", evidence_browser_origins=["http://cases.dea.example.gov"])


def test_the_audit_retention_is_at_least_a_year():
    import pytest
    from casebridge_infra.config import StageConfig
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        StageConfig(stage="prod", audit_retention_days=364)


def test_where_the_stage_scans_guardduty_protects_the_evidence_files_and_its_results_reach_the_arrivals_queue(prod):
    """prod waits for the scan (`infra/stages/prod.json`): GuardDuty Malware Protection for S3
    on `files/`, tagging what it scanned, under a role of its own; its results on the default
    bus forwarded by a rule to the arrivals queue, which lets that rule alone send."""
    [plan] = prod.resources("AWS::GuardDuty::MalwareProtectionPlan").values()
    properties = plan["Properties"]
    assert properties["ProtectedResource"] == {
        "S3Bucket": {"BucketName": {"Ref": "Evidence"}, "ObjectPrefixes": ["files/"]}
    }
    assert properties["Actions"] == {"Tagging": {"Status": "ENABLED"}}
    assert properties["Role"] == {"Fn::GetAtt": ["MalwareProtectionRole", "Arn"]}
    role = prod.resource("MalwareProtectionRole")["Properties"]
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "malware-protection-plan.guardduty.amazonaws.com"}
    # GuardDuty hears of new objects through EventBridge: the stack turns it on, so that an update keeps it on.
    notification = prod.resource("Evidence")["Properties"]["NotificationConfiguration"]
    assert notification["EventBridgeConfiguration"] == {"EventBridgeEnabled": True}

    rule = prod.resource("EvidenceScanResults")["Properties"]
    assert rule["Name"] == "casebridge-prod-evidence-scans" and "EventBusName" not in rule  # the default bus
    assert rule["EventPattern"] == {
        "source": ["aws.guardduty"],
        "detail-type": ["GuardDuty Malware Protection Object Scan Result"],
        "detail": {"s3ObjectDetails": {"bucketName": [{"Ref": "Evidence"}], "objectKey": [{"prefix": "files/"}]}},
    }
    [target] = rule["Targets"]
    assert (target["Id"], target["Arn"]) == ("arrivals", {"Fn::GetAtt": ["EvidenceArrivals", "Arn"]})
    # A result EventBridge gives up on waits with the arrivals that failed their check.
    assert target["DeadLetterConfig"] == {"Arn": {"Fn::GetAtt": ["EvidenceArrivalsDlq", "Arn"]}}
    for policy in ("EvidenceArrivalsPolicy", "EvidenceArrivalsDlqPolicy"):
        forwarded = prod.resource(policy)["Properties"]["PolicyDocument"]["Statement"][-1]
        assert forwarded["Principal"] == {"Service": "events.amazonaws.com"}
        [source] = forwarded["Condition"]["ArnEquals"]["aws:SourceArn"]["Fn::Join"][1][-1:]
        assert source.endswith(":rule/casebridge-prod-evidence-scans")


def test_a_stage_that_does_not_scan_has_no_plan_and_no_eventbridge_on_the_bucket(dev):
    assert not dev.resources("AWS::GuardDuty::MalwareProtectionPlan")
    assert "EvidenceScanResults" not in dev.document["Resources"]
    assert "EvidenceArrivalsDlqPolicy" not in dev.document["Resources"]
    assert "EventBridgeConfiguration" not in dev.resource("Evidence")["Properties"]["NotificationConfiguration"]
    assert len(dev.resource("EvidenceArrivalsPolicy")["Properties"]["PolicyDocument"]["Statement"]) == 1
