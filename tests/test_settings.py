"""Settings in AWS: secrets come from Secrets Manager by name, in the layouts the CDK stack seeds."""

from __future__ import annotations

import base64
import json

import boto3
import pytest

from chalicelib import wiring
from chalicelib.api.cursors import cursors
from chalicelib.settings import Settings, parse_deconfliction_keys


def test_deconfliction_keys_are_a_flat_document_with_the_current_key_named():
    one, two = base64.b64encode(b"1" * 32).decode(), base64.b64encode(b"2" * 32).decode()
    parsed = parse_deconfliction_keys(json.dumps({"current": "k2", "k1": one, "k2": two}))
    assert parsed == {"deconfliction_keys": {"k1": one, "k2": two}, "deconfliction_key_id": "k2"}


def test_the_cursor_secret_is_read_from_secrets_manager_when_named(aws, monkeypatch):
    arn = boto3.client("secretsmanager").create_secret(Name="casebridge-test/cursor-secret", SecretString="s" * 64)[
        "ARN"
    ]
    named = Settings.from_env({"CASEBRIDGE_CURSOR_SECRET_NAME": arn})
    monkeypatch.setattr("chalicelib.settings.settings", lambda: named)
    signed = cursors.__wrapped__()
    cursor = signed.encode({"pk": "CASE#1"}, "cases:DEA")
    assert signed.decode(cursor, "cases:DEA") == {"pk": "CASE#1"}
    # Signed with the secret's value: a cursor signed with another secret is refused.
    local = Settings.from_env({"CASEBRIDGE_CURSOR_SECRET": "another-secret-0123456789"})
    monkeypatch.setattr("chalicelib.settings.settings", lambda: local)
    with pytest.raises(Exception, match="cursor is not valid"):
        cursors.__wrapped__().decode(cursor, "cases:DEA")


def test_without_a_cursor_secret_the_api_refuses_to_start(monkeypatch):
    monkeypatch.setattr("chalicelib.settings.settings", lambda: Settings.from_env({}))
    with pytest.raises(RuntimeError, match="CASEBRIDGE_CURSOR_SECRET"):
        cursors.__wrapped__()


def test_the_blind_index_reads_the_seeded_secret_by_name(aws, monkeypatch):
    seeded = json.dumps({"current": "k1", "k1": "aZ09" * 16})  # as Secrets Manager generates it for the stack
    arn = boto3.client("secretsmanager").create_secret(Name="casebridge-test/deconfliction-keys", SecretString=seeded)[
        "ARN"
    ]
    named = Settings.from_env({"CASEBRIDGE_CURSOR_SECRET": "x" * 16, "CASEBRIDGE_DECONFLICTION_KEYS_SECRET": arn})
    monkeypatch.setattr("chalicelib.settings.settings", lambda: named)
    index = wiring.blind_index.__wrapped__()
    from chalicelib.domain.identifiers import IdentifierType, normalise

    token = index.token(normalise(IdentifierType.PHONE, "+1 212 555 0100"))
    assert token.startswith("k1.")


def test_a_deployed_stage_accepts_tokens_of_12_hours_unless_it_says_otherwise():
    from datetime import timedelta

    from chalicelib.devtools.environment import DEV_TOKEN_MAX_HOURS, offline_environment

    assert Settings.from_env({}).max_token_lifetime == timedelta(hours=12)
    assert Settings.from_env({"CASEBRIDGE_MAX_TOKEN_HOURS": "1.5"}).max_token_lifetime == timedelta(minutes=90)
    # `make token HOURS=168` mints what the offline stages accept.
    offline = Settings.from_env(offline_environment("dev"))
    assert offline.max_token_lifetime == timedelta(hours=DEV_TOKEN_MAX_HOURS)
