"""The audit trail: partitions of its own, copied to a write-once archive, and watched."""

from __future__ import annotations

import base64
import hashlib
import json
import logging

import boto3

from chalicelib.domain.audit import AUDIT_TAMPERED
from chalicelib.storage.keys import AUDIT_PARTITION_PREFIX
from chalicelib.storage.table import AuditItem, Item


def archived(aws):
    s3 = boto3.client("s3")
    bucket = aws.topology.audit_archive_bucket
    keys = [entry["Key"] for entry in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {key: s3.get_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED") for key in keys}


def test_audit_records_sit_in_partitions_that_hold_nothing_else(api):
    case = api.open_case("DEA")
    api.call("GET", f"/v1/cases/{case['case_id']}", "DEA")
    api.call("GET", f"/v1/cases/{case['case_id']}", "ATF")  # a refused read lands in the case's trail
    for item in Item.scan():
        assert isinstance(item, AuditItem) == item.pk.startswith(AUDIT_PARTITION_PREFIX), (item.pk, item.sk)
    trail = api.call("GET", f"/v1/cases/{case['case_id']}/audit", "DEA").data["items"]
    assert [(entry["event"], entry["outcome"]) for entry in trail] == [
        ("case.read", "failure"),
        ("case.read", "success"),
        ("case.open", "success"),
    ]


def test_every_audit_record_reaches_the_write_once_archive_with_its_checksum(api, aws, pump):
    s3 = boto3.client("s3")
    lock = s3.get_object_lock_configuration(Bucket=aws.topology.audit_archive_bucket)["ObjectLockConfiguration"]
    assert (lock["Rule"]["DefaultRetention"]["Mode"], lock["Rule"]["DefaultRetention"]["Days"]) == ("COMPLIANCE", 365)

    case = api.open_case("DEA")
    api.call("GET", f"/v1/cases/{case['case_id']}", "HSI")
    pump.drain()
    stored = {item.audit_id: item for item in AuditItem.scan()}
    objects = archived(aws)
    assert sorted(key.rsplit("/", 1)[1].removesuffix(".json") for key in objects) == sorted(stored)
    for key, found in objects.items():
        body = found["Body"].read()
        record = json.loads(body)
        assert key == f"audit/{record['at'][:10].replace('-', '/')}/{record['audit_id']}.json"
        assert record["event"] == stored[record["audit_id"]].event
        assert found["ChecksumSHA256"] == base64.b64encode(hashlib.sha256(body).digest()).decode()
        assert found["ObjectLockMode"] == "COMPLIANCE"


def test_a_changed_or_removed_audit_item_raises_the_alarm_and_the_archive_keeps_the_original(api, aws, pump, caplog):
    case = api.open_case("DEA", title="Border pill route")
    pump.drain()
    [record] = [item for item in AuditItem.scan() if item.event == "case.open"]
    # Someone with table access outside casebridge's functions (which IAM denies) rewrites it...
    record.update(actions=[AuditItem.subject.set("someone-else")])
    # ...and then removes it.
    record.delete()
    caplog.set_level(logging.ERROR)
    pump.drain()
    alarms = [line for line in caplog.records if line.getMessage() == AUDIT_TAMPERED]
    assert len(alarms) == 2
    [original] = [obj for key, obj in archived(aws).items() if record.audit_id in key]
    kept = json.loads(original["Body"].read())
    assert (kept["case_id"], kept["subject"]) == (case["case_id"], "agent.dea@example.gov")
