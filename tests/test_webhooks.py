"""Signed webhooks (issue 19, part 2): each organisation's events, posted to its endpoint and
signed per Standard Webhooks, verified here with the `standardwebhooks` library as a
receiver would; retried with backoff for a day, re-signed each time, then dead-lettered; an
endpoint that is down delays no other organisation."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from chalicelib.devtools.queue_pump import QueuePump
from chalicelib.domain.organisations import registry
from chalicelib.domain.webhooks import GIVE_UP_AFTER, MAX_ATTEMPTS, backoff
from chalicelib.topology import topology
from chalicelib.webhooks import Endpoint, SecretsManagerSecrets, SqsQueues, WebhookDelivery

#: The organisations with a webhook here, and the secret each signs with: the one the stack
#: generates for it (`OrgSubscription.webhook_secret_name`), the one its role may read.
SECRETS = {org: topology("test", registry()).subscription(org).webhook_secret_name for org in ("DEA", "HSI")}


class Receiver:
    """An organisation's endpoint: what it got, answering `statuses` in turn (then 200), or down."""

    def __init__(self, statuses: tuple[int, ...] = (), down: bool = False) -> None:
        self.statuses = list(statuses)
        self.down = down
        self.calls: list[tuple[str, str, dict[str, str]]] = []
        self.answered: list[int] = []

    def __call__(self, url: str, body: str, headers: Any) -> int:
        self.calls.append((url, body, dict(headers)))
        if self.down:
            raise OSError("connection refused")
        status = self.statuses.pop(0) if self.statuses else 200
        self.answered.append(status)
        return status

    def delivered_ids(self) -> list[str]:
        return [h["webhook-id"] for (_, _, h), status in zip(self.calls, self.answered, strict=False) if status == 200]


@pytest.fixture
def webhooks(aws, monkeypatch) -> Any:
    """DEA's and HSI's webhooks as the stack builds them (queue, rule target, secret), and a
    pump per queue into the delivery function, on a clock that moves a minute per batch."""
    from chalicelib.devtools.provision import provision_webhook

    plan = aws.topology
    urls = {org: provision_webhook(plan.bus_name, plan.subscription(org), secret) for org, secret in SECRETS.items()}
    monkeypatch.setattr("chalicelib.webhooks.backoff", lambda attempt: timedelta(0))  # retry at once, here

    class Setup:
        receivers = {org: Receiver() for org in SECRETS}
        clock = [datetime.now(UTC)]

        def delivery(self) -> WebhookDelivery:
            endpoints = {
                plan.subscription(org).webhook_queue_name: Endpoint(org, f"https://{org.lower()}.example/hook", secret)
                for org, secret in SECRETS.items()
            }

            def send(url: str, body: str, headers: Any) -> int:
                org = url.split("//")[1].split(".")[0].upper()
                return self.receivers[org](url, body, headers)

            return WebhookDelivery(endpoints, SecretsManagerSecrets(), SqsQueues(), send)

        def pump(self, org: str) -> QueuePump:
            delivery = self.delivery()

            def handle(records: list[dict[str, Any]]) -> dict[str, Any]:
                self.clock[0] += timedelta(minutes=1)
                return delivery.handle(records, self.clock[0])

            return QueuePump(urls[org], handle, records=True, visibility_timeout=0)

        def secret(self, org: str) -> str:
            value = boto3.client("secretsmanager").get_secret_value(SecretId=SECRETS[org])["SecretString"]
            return "whsec_" + json.loads(value)["current"]

    return Setup()


def test_a_delivery_verifies_with_the_standard_webhooks_library_and_an_altered_one_does_not(api, pump, webhooks):
    case_id = api.open_case("DEA")["case_id"]
    pump.drain()
    webhooks.pump("DEA").drain()
    [(_, body, headers)] = webhooks.receivers["DEA"].calls
    receiver = Webhook(webhooks.secret("DEA"))
    # Signed at the pump's clock, a minute on: inside the receiver's five-minute tolerance.
    delivered = receiver.verify(body, headers)
    assert delivered["type"] == "Case Opened" and delivered["data"]["case_id"] == case_id
    assert headers["webhook-id"] == delivered["data"]["id"]
    at = datetime.now(UTC)
    fresh = {**headers, "webhook-timestamp": str(int(at.timestamp()))}
    fresh["webhook-signature"] = receiver.sign(headers["webhook-id"], at, body)
    with pytest.raises(WebhookVerificationError):
        receiver.verify(body.replace(case_id, "case_01ARZ3NDEKTSV4RRFFQ69G5FAV"), fresh)
    with pytest.raises(WebhookVerificationError):
        Webhook(webhooks.secret("HSI")).verify(body, fresh)  # another organisation's secret
    old = at - timedelta(minutes=6)
    stale = {**headers, "webhook-timestamp": str(int(old.timestamp()))}
    stale["webhook-signature"] = receiver.sign(headers["webhook-id"], old, body)
    with pytest.raises(WebhookVerificationError, match="too old"):
        receiver.verify(body, stale)


def test_the_delivery_is_signed_as_standard_webhooks_say_at_the_time_of_the_attempt(api, pump, webhooks):
    from chalicelib.domain.webhooks import signed_headers

    api.open_case("DEA")
    pump.drain()
    webhooks.pump("DEA").drain()
    [(_, body, headers)] = webhooks.receivers["DEA"].calls
    assert headers["webhook-timestamp"] == str(int(webhooks.clock[0].timestamp()))
    secret = webhooks.secret("DEA")
    assert headers == signed_headers(headers["webhook-id"], body, [secret], webhooks.clock[0])


def test_a_receiver_that_answers_500_for_a_while_gets_every_event_afterwards_once_per_id(api, aws, pump, webhooks):
    from tests.test_events import drain_queues

    webhooks.receivers["DEA"].statuses = [500, 503, 500, 502, 500]
    case_id = api.open_case("DEA")["case_id"]
    api.call("POST", f"/v1/cases/{case_id}/notes", "DEA", {"text": "n"})
    api.refer(case_id, "HSI")
    pump.drain()
    for _ in range(10):
        webhooks.pump("DEA").drain()
    expected = {e["detail"]["id"] for e in drain_queues(aws) if "DEA" in e["detail"]["recipients"]}
    delivered = webhooks.receivers["DEA"].delivered_ids()
    assert sorted(delivered) == sorted(expected) and len(delivered) == len(set(delivered)) == 3
    # Each attempt was signed anew: one event's attempts carry different timestamps.
    attempts: dict[str, set[str]] = {}
    for _, _, headers in webhooks.receivers["DEA"].calls:
        attempts.setdefault(headers["webhook-id"], set()).add(headers["webhook-timestamp"])
    assert max(len(stamps) for stamps in attempts.values()) > 1


def test_an_organisation_whose_endpoint_is_down_delays_no_other_organisations_deliveries(api, pump, webhooks):
    webhooks.receivers["DEA"].down = True
    case_id = api.open_case("DEA")["case_id"]
    for _ in range(3):
        api.refer(api.open_case("DEA")["case_id"], "HSI")
    api.refer(case_id, "HSI")
    pump.drain()
    assert webhooks.pump("HSI").drain() == 4  # every Referral Created, at once
    assert len(webhooks.receivers["HSI"].delivered_ids()) == 4
    dea = webhooks.pump("DEA")
    assert dea.drain(rounds=1) == 0
    # Down: the batch stopped at its first attempt; its other events wait for the same backoff.
    assert len(webhooks.receivers["DEA"].calls) == 1
    webhooks.receivers["DEA"].down = False
    assert dea.drain() == 8  # 4 cases opened, 4 referrals created: nothing lost


def test_an_event_undelivered_for_a_day_is_dead_lettered(api, pump, webhooks):
    webhooks.receivers["DEA"].down = True
    api.open_case("DEA")
    pump.drain()
    webhooks.clock[0] = datetime.now(UTC) + GIVE_UP_AFTER
    assert webhooks.pump("DEA").drain() == 1  # handled: moved to the dead-letter queue
    assert webhooks.receivers["DEA"].calls == []
    sqs = boto3.client("sqs")
    dead = sqs.get_queue_url(QueueName="casebridge-test-dea-webhook-dlq")["QueueUrl"]
    [message] = sqs.receive_message(QueueUrl=dead).get("Messages", [])
    assert json.loads(message["Body"])["detail-type"] == "Case Opened"


def test_during_a_rotation_both_secrets_sign_and_either_verifies(api, pump, webhooks):
    old = webhooks.secret("DEA").removeprefix("whsec_")
    new = "N" * 48
    boto3.client("secretsmanager").put_secret_value(
        SecretId=SECRETS["DEA"], SecretString=json.dumps({"current": new, "previous": old})
    )
    api.open_case("DEA")
    pump.drain()
    webhooks.pump("DEA").drain()
    [(_, body, headers)] = webhooks.receivers["DEA"].calls
    assert len(headers["webhook-signature"].split(" ")) == 2
    at = datetime.fromtimestamp(int(headers["webhook-timestamp"]), UTC)
    for secret in (old, new):
        assert Webhook(secret).sign(headers["webhook-id"], at, body) in headers["webhook-signature"].split(" ")


def test_backoff_doubles_to_an_hour_and_a_day_is_max_attempts():
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert backoff(30) == timedelta(hours=1)
    total = sum((backoff(n) for n in range(1, MAX_ATTEMPTS)), timedelta(0))
    assert total <= GIVE_UP_AFTER < total + backoff(MAX_ATTEMPTS)
