"""Stage files are validated before anything is synthesized."""

from __future__ import annotations

import json
import re

import pytest
from casebridge_infra.config import load
from pydantic import ValidationError


def write(tmp_path, **fields):
    (tmp_path / f"{fields['stage']}.json").write_text(json.dumps(fields))
    return tmp_path


def test_both_stages_in_the_repository_load():
    assert load("dev").stage == "dev"
    assert load("prod").archive_retention_days == 365


def test_audit_logs_cannot_be_kept_less_than_a_year(tmp_path):
    with pytest.raises(ValidationError, match="at least a year"):
        load("prod", write(tmp_path, stage="prod", log_retention_days=180))


def test_a_webhook_must_be_https(tmp_path):
    hook = {"endpoint": "http://notify.example.gov/hook"}
    with pytest.raises(ValidationError, match="https"):
        load("prod", write(tmp_path, stage="prod", webhooks={"HSI": hook}))


@pytest.mark.parametrize(
    ("endpoint", "refusal"),
    [
        ("https://127.0.0.1/hook", "only in the local stage"),
        ("https://localhost:9100/hook", "only in the local stage"),
        ("https://[::1]/hook", "only in the local stage"),
        ("https://169.254.169.254/latest/meta-data", "not an address of the public internet"),
        ("https://10.0.0.8/hook", "not an address of the public internet"),
        ("https://[fd00::8]/hook", "not an address of the public internet"),
        ("https://[::ffff:192.168.1.1]/hook", "not an address of the public internet"),
        ("https://0.0.0.0/hook", "not an address of the public internet"),
        ("https://hsi:hunter2@notify.example.gov/hook", "no credentials"),
    ],
)
def test_a_webhook_endpoint_must_be_on_the_public_internet(tmp_path, endpoint, refusal):
    with pytest.raises(ValidationError, match=refusal):
        load("prod", write(tmp_path, stage="prod", webhooks={"HSI": {"endpoint": endpoint}}))


def test_no_stage_file_may_be_the_local_stage_whose_webhooks_reach_the_laptop(tmp_path):
    with pytest.raises(ValidationError, match="make run"):
        load("local", write(tmp_path, stage="local"))


def test_an_unknown_setting_is_refused_not_ignored(tmp_path):
    with pytest.raises(ValidationError, match="throttle_rat"):
        load("prod", write(tmp_path, stage="prod", throttle_rat=5))


def test_a_file_must_name_its_own_stage(tmp_path):
    (tmp_path / "prod.json").write_text(json.dumps({"stage": "dev"}))
    with pytest.raises(ValueError, match="says stage 'dev'"):
        load("prod", tmp_path)


def test_a_truststore_must_be_an_s3_uri(tmp_path):
    domain = {"domain_name": "api.example.gov", "certificate_arn": "arn:aws:acm:x", "truststore_uri": "https://x"}
    with pytest.raises(ValidationError, match="truststore_uri"):
        load("prod", write(tmp_path, stage="prod", custom_domain=domain))


@pytest.mark.parametrize(
    "settings",
    [
        {"queues": {"CBP": "arn:aws:sqs:us-east-1:111122223333:q"}},
        {"event_buses": {"CBP": "arn:aws:events:us-east-1:111122223333:event-bus/b"}},
        {"webhooks": {"CBP": {"endpoint": "https://cbp.example.gov/hook"}}},
    ],
    ids=["queue", "bus", "webhook"],
)
def test_delivery_settings_name_registered_organisations(tmp_path, settings):
    with pytest.raises(ValidationError, match="CBP"):
        load("prod", write(tmp_path, stage="prod", **settings))


@pytest.mark.parametrize(
    ("organisations", "refusal"),
    [
        (["DEA", "cbp"], "not registry codes (1 to 16 capital letters or digits): ['cbp']"),
        ([], "at least 1 item"),
        (None, "Field required"),
    ],
)
def test_a_trusted_issuer_is_bound_to_registered_organisations(tmp_path, organisations, refusal):
    """A provider speaks for the organisations it names, and there must be one: a stage file
    written before bindings existed (no `organisations`) is refused, not trusted for all. A
    code the registry does not hold yet is taken (its organisation may be onboarded after the
    deploy, and its tokens are refused until then); a code that cannot be one is not."""
    from conftest import ISSUER

    issuer = {**ISSUER, "organisations": organisations}
    issuer = {name: value for name, value in issuer.items() if value is not None}
    with pytest.raises(ValidationError, match=re.escape(refusal)):
        load("prod", write(tmp_path, stage="prod", trusted_issuers=[issuer]))


def test_a_broker_may_be_bound_to_many_organisations(tmp_path):
    from conftest import ISSUER

    broker = {**ISSUER, "organisations": ["USPIS", "ATF"]}
    loaded = load("prod", write(tmp_path, stage="prod", trusted_issuers=[broker]))
    assert loaded.trusted_issuers[0].organisations == ["USPIS", "ATF"]


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"queues": {"DEA": "arn:aws:sns:us-east-1:111122223333:topic"}}, "queues"),
        ({"event_buses": {"DEA": "arn:aws:sqs:us-east-1:111122223333:q"}}, "event_buses"),
    ],
)
def test_an_organisations_queue_or_bus_is_an_arn_of_its_kind(tmp_path, settings, field):
    with pytest.raises(ValidationError, match=field):
        load("prod", write(tmp_path, stage="prod", **settings))


def test_a_stage_file_with_queue_readers_is_pointed_to_the_migration(tmp_path):
    """There is no queue per organisation to read any more (issue 31)."""
    with pytest.raises(ValidationError, match=r"migrating-notifications\.md"):
        load("prod", write(tmp_path, stage="prod", queue_readers={"DEA": ["arn:aws:iam::111122223333:role/r"]}))
