"""Signed webhooks (issue 19, part 2; issue 31, part 4): each organisation's events, fanned out
from the one delivery queue, posted to its endpoint and signed per Standard Webhooks, verified
here with the `standardwebhooks` library as a receiver would; retried with backoff for a day,
re-signed each time, then dead-lettered; a retry reaches only the recipient it failed for, and
an endpoint that is down delays no other organisation. A delivery follows no redirect and goes
only to the public internet, to the address it checked (issue 28)."""

from __future__ import annotations

import json
import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from chalicelib.delivery import AwsTargets, NotificationDelivery, RegistryDeliverySettings, SqsQueues
from chalicelib.devtools.queue_pump import QueuePump
from chalicelib.domain.delivery import Channel, Delivery, DeliverySettings
from chalicelib.domain.webhooks import GIVE_UP_AFTER, MAX_ATTEMPTS, backoff
from chalicelib.topology import topology
from chalicelib.webhooks import Poster, RefusedEndpoint, SecretsManagerSecrets, create_signing_secret
from tests.conftest import serving

#: The organisations with a webhook here, and the secret each signs with: the one named by
#: convention (`Topology.webhook_secret_name`), the one the delivery function's role may read.
SECRETS = {org: topology("test").webhook_secret_name(org) for org in ("DEA", "HSI")}


class Receiver:
    """An organisation's endpoint: what it got, answering `statuses` in turn (then 200), or down."""

    def __init__(self, statuses: tuple[int, ...] = (), down: bool = False) -> None:
        self.statuses = list(statuses)
        self.down = down
        self.calls: list[tuple[str, str, dict[str, str]]] = []
        #: What each call was answered (None: it was not, the endpoint being down).
        self.answered: list[int | None] = []

    def __call__(self, url: str, body: str, headers: Any) -> int:
        self.calls.append((url, body, dict(headers)))
        if self.down:
            self.answered.append(None)
            raise OSError("connection refused")
        status = self.statuses.pop(0) if self.statuses else 200
        self.answered.append(status)
        return status

    def delivered_ids(self) -> list[str]:
        return [h["webhook-id"] for (_, _, h), status in zip(self.calls, self.answered, strict=True) if status == 200]


@pytest.fixture
def webhooks(aws, monkeypatch) -> Any:
    """DEA's and HSI's webhooks in their delivery settings, their signing secrets created as the
    operator does, and a pump of the delivery queue into the delivery function, on a clock that
    moves a minute per batch."""
    vault = boto3.client("secretsmanager")
    for secret in SECRETS.values():
        create_signing_secret(vault, secret)
    monkeypatch.setattr("chalicelib.delivery.backoff", lambda attempt: timedelta(0))  # retry at once, here
    settings = {
        org: DeliverySettings(webhook=f"https://{org.lower()}.example/hook", webhook_secret=secret)
        for org, secret in SECRETS.items()
    }

    class Setup:
        receivers = {org: Receiver() for org in SECRETS}
        clock = [datetime.now(UTC)]

        def delivery(self) -> NotificationDelivery:
            def send(url: str, body: str, headers: Any) -> int:
                org = url.split("//")[1].split(".")[0].upper()
                return self.receivers[org](url, body, headers)

            return NotificationDelivery(settings.get, SecretsManagerSecrets(), SqsQueues(), AwsTargets(), send)

        def pump(self) -> QueuePump:
            """The delivery queue: the events the bus's rule put there, then their deliveries."""
            delivery = self.delivery()

            def handle(records: list[dict[str, Any]]) -> dict[str, Any]:
                self.clock[0] += timedelta(minutes=1)
                return delivery.handle(records, self.clock[0])

            return QueuePump(aws.delivery_queue_url, handle, records=True, visibility_timeout=0)

        def secret(self, org: str) -> str:
            value = boto3.client("secretsmanager").get_secret_value(SecretId=SECRETS[org])["SecretString"]
            return "whsec_" + json.loads(value)["current"]

    return Setup()


def test_a_delivery_verifies_with_the_standard_webhooks_library_and_an_altered_one_does_not(api, pump, webhooks):
    case_id = api.open_case("DEA")["case_id"]
    pump.drain()
    webhooks.pump().drain()
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
    webhooks.pump().drain()
    [(_, body, headers)] = webhooks.receivers["DEA"].calls
    assert headers["webhook-timestamp"] == str(int(webhooks.clock[0].timestamp()))
    secret = webhooks.secret("DEA")
    assert headers == signed_headers(headers["webhook-id"], body, [secret], webhooks.clock[0])


def test_a_receiver_that_answers_500_for_a_while_gets_every_event_afterwards_once_per_id(api, pump, webhooks):
    webhooks.receivers["DEA"].statuses = [500, 503, 500, 502, 500]
    case_id = api.open_case("DEA")["case_id"]
    api.call("POST", f"/v1/cases/{case_id}/notes", "DEA", {"text": "n"})
    api.refer(case_id, "HSI")
    pump.drain()
    for _ in range(10):
        webhooks.pump().drain()
    dea = webhooks.receivers["DEA"]
    delivered = dea.delivered_ids()
    assert len(delivered) == len(set(delivered)) == 3
    assert {
        json.loads(body)["type"] for (_, body, _), status in zip(dea.calls, dea.answered, strict=True) if status == 200
    } == {
        "Case Opened",
        "Note Added",
        "Referral Created",
    }
    # Each attempt was signed anew: one event's attempts carry different timestamps.
    attempts: dict[str, set[str]] = {}
    for _, _, headers in dea.calls:
        attempts.setdefault(headers["webhook-id"], set()).add(headers["webhook-timestamp"])
    assert max(len(stamps) for stamps in attempts.values()) > 1


def test_a_retry_reaches_only_the_recipient_it_failed_for(api, pump, webhooks):
    webhooks.receivers["DEA"].statuses = [500, 500, 500]
    api.refer(api.open_case("DEA")["case_id"], "HSI")  # Referral Created: to DEA and to HSI
    pump.drain()
    for _ in range(5):
        webhooks.pump().drain()
    [(_, body, _)] = webhooks.receivers["HSI"].calls  # served once, while DEA's attempts failed
    assert json.loads(body)["type"] == "Referral Created"
    assert webhooks.receivers["DEA"].answered == [500, 500, 500, 200, 200]  # Case Opened, Referral Created


def test_a_missing_signing_secret_fails_that_delivery_alone_until_the_operator_makes_it(api, pump, webhooks):
    """A webhook configured before its secret exists (`make signing-secret` not run yet):
    DEA's attempts fail and are tried again; HSI is served once; nothing else of the batch fails."""
    vault = boto3.client("secretsmanager")
    vault.delete_secret(SecretId=SECRETS["DEA"], ForceDeleteWithoutRecovery=True)
    api.refer(api.open_case("DEA")["case_id"], "HSI")  # Referral Created: to DEA and to HSI
    pump.drain()
    for _ in range(3):
        webhooks.pump().drain()
    [(_, body, _)] = webhooks.receivers["HSI"].calls
    assert json.loads(body)["type"] == "Referral Created"
    assert webhooks.receivers["DEA"].calls == []
    create_signing_secret(vault, SECRETS["DEA"])
    webhooks.pump().drain()
    assert sorted(json.loads(body)["type"] for _, body, _ in webhooks.receivers["DEA"].calls) == [
        "Case Opened",
        "Referral Created",
    ]
    assert len(webhooks.receivers["HSI"].calls) == 1


def test_an_organisation_whose_endpoint_is_down_delays_no_other_organisations_deliveries(api, pump, webhooks):
    webhooks.receivers["DEA"].down = True
    case_id = api.open_case("DEA")["case_id"]
    for _ in range(3):
        api.refer(api.open_case("DEA")["case_id"], "HSI")
    api.refer(case_id, "HSI")
    pump.drain()
    webhooks.pump().drain(rounds=3)
    assert len(set(webhooks.receivers["HSI"].delivered_ids())) == 4  # every Referral Created
    # Down: a batch of DEA's deliveries stops at its first attempt; the others wait for the same backoff.
    tried = len(webhooks.receivers["DEA"].calls)
    webhooks.pump().drain(rounds=1)
    assert len(webhooks.receivers["DEA"].calls) == tried + 1
    webhooks.receivers["DEA"].down = False
    webhooks.pump().drain()
    assert len(set(webhooks.receivers["DEA"].delivered_ids())) == 8  # 4 cases opened, 4 referrals created


def test_an_event_undelivered_for_a_day_is_dead_lettered(api, pump, webhooks):
    webhooks.receivers["DEA"].down = True
    api.open_case("DEA")
    pump.drain()
    webhooks.clock[0] = datetime.now(UTC) + GIVE_UP_AFTER
    assert webhooks.pump().drain() == 2  # the event fanned out; its delivery moved to the dead-letter queue
    assert webhooks.receivers["DEA"].calls == []
    sqs = boto3.client("sqs")
    dead = sqs.get_queue_url(QueueName="casebridge-test-deliveries-dlq")["QueueUrl"]
    [message] = sqs.receive_message(QueueUrl=dead).get("Messages", [])
    dead_letter = json.loads(message["Body"])
    assert dead_letter["deliver"] == {"org": "DEA", "channel": "webhook"}
    assert dead_letter["event"]["detail-type"] == "Case Opened"


@pytest.fixture
def wired_without_overrides(monkeypatch) -> Iterator[None]:
    """The delivery function as wiring builds it, with no stage override of delivery settings
    (an earlier test of the worker may have left one in the environment or the caches)."""
    from chalicelib import wiring
    from chalicelib.settings import settings

    for name in ("CASEBRIDGE_WEBHOOKS", "CASEBRIDGE_EVENT_BUSES", "CASEBRIDGE_QUEUES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CASEBRIDGE_STAGE", "test")  # the suite's stage (conftest), whatever ran before
    settings.cache_clear()
    wiring.notification_delivery.cache_clear()
    yield
    settings.cache_clear()
    wiring.notification_delivery.cache_clear()


@pytest.mark.usefixtures("wired_without_overrides")
def test_an_agency_onboarded_through_the_api_with_a_webhook_receives_its_events_signed(api, pump, aws):
    """No deploy and no stage setting: its registry entry holds the endpoint, the operator
    creates its signing secret (`make signing-secret`), and the delivery function reads the
    entry through the directory."""
    from chalicelib import wiring
    from tests.test_organisations import NEVADA, onboarded

    onboarded(api, {**NEVADA, "delivery": {"webhook": "https://hooks.nvdps.example/casebridge"}})
    from chalicelib.settings import settings

    secret = topology(settings().stage).webhook_secret_name("NVDPS")  # the name the wiring signs with
    create_signing_secret(boto3.client("secretsmanager"), secret)
    receiver = Receiver()
    wired = wiring.notification_delivery()  # the delivery function's own, but for the network
    assert isinstance(wired.settings, RegistryDeliverySettings)
    delivery = NotificationDelivery(wired.settings, SecretsManagerSecrets(), SqsQueues(), AwsTargets(), receiver)
    referral = api.refer(api.open_case("DEA")["case_id"], "NVDPS")
    pump.drain()
    QueuePump(
        aws.delivery_queue_url, lambda r: delivery.handle(r, datetime.now(UTC)), records=True, visibility_timeout=0
    ).drain()
    value = json.loads(boto3.client("secretsmanager").get_secret_value(SecretId=secret)["SecretString"])["current"]
    delivered = {}
    for url, body, headers in receiver.calls:
        assert url == "https://hooks.nvdps.example/casebridge"
        event = Webhook("whsec_" + value).verify(body, headers)
        delivered[event["type"]] = event["data"]
    # Its own onboarding (delivered once it is active: the settings are read at delivery), and
    # the referral; DEA's Case Opened goes to DEA's feed only.
    assert sorted(delivered) == ["Organisation Onboarded", "Organisation Proposed", "Referral Created"]
    assert delivered["Referral Created"]["referral_id"] == referral["referral_id"]


def test_a_webhook_proposed_for_an_organisation_is_refused_where_no_delivery_may_go(api):
    from tests.test_organisations import NEVADA

    for endpoint in ("http://hooks.nvdps.example/", "https://10.0.0.7/hook", "https://user:pw@nvdps.example/"):
        refused = api.call("POST", "/v1/organisations", "CASEBRIDGE", {**NEVADA, "delivery": {"webhook": endpoint}})
        assert refused.status_code == 400, endpoint
    assert api.call("GET", "/v1/organisations/NVDPS", "CASEBRIDGE").status_code == 404


def test_during_a_rotation_both_secrets_sign_and_either_verifies(api, pump, webhooks):
    old = webhooks.secret("DEA").removeprefix("whsec_")
    new = "N" * 48
    boto3.client("secretsmanager").put_secret_value(
        SecretId=SECRETS["DEA"], SecretString=json.dumps({"current": new, "previous": old})
    )
    api.open_case("DEA")
    pump.drain()
    webhooks.pump().drain()
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


# Where a delivery may go (issue 28, finding 3) -------------------------------------------------

PUBLIC = "93.184.215.14"  # an address of the public internet (never connected to: see `Network`)


class Twins:
    """In-memory twins of the delivery's ports: one signing secret, queues that note what happened."""

    def __init__(self) -> None:
        self.postponed: list[str] = []
        self.dead: list[str] = []

    def current(self, secret: str) -> list[str]:
        return ["QWxhZGRpbjpvcGVuIHNlc2FtZQ" + "0" * 22]

    def postpone(self, queue_arn: str, receipt: str, delay: timedelta) -> None:
        self.postponed.append(receipt)

    def dead_letter(self, queue_arn: str, body: str) -> None:
        self.dead.append(body)

    def send(self, queue_arn: str, bodies: list[str]) -> None:
        raise AssertionError("a delivery is not fanned out again")


QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:casebridge-test-deliveries"


def deliver_once(url: str, send: Any) -> tuple[dict[str, Any], Twins]:
    """One Case Opened event for DEA's endpoint at `url`, through the real delivery function."""
    twins = Twins()
    settings = {"DEA": DeliverySettings(webhook=url, webhook_secret="dea-signing")}
    event = {"detail-type": "Case Opened", "detail": {"id": "evt_01ARZ3NDEKTSV4RRFFQ69G5FAV", "occurred_at": "x"}}
    now = datetime.now(UTC)
    record = {
        "messageId": "m1",
        "receiptHandle": "r1",
        "eventSourceARN": QUEUE_ARN,
        "body": Delivery("DEA", Channel.WEBHOOK, event).to_message(),
        "attributes": {"SentTimestamp": str(int(now.timestamp() * 1000)), "ApproximateReceiveCount": "1"},
    }
    answer = NotificationDelivery(settings.get, twins, twins, AwsTargets(), send).handle([record], now)
    return answer, twins


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_a_failed_attempt_and_nothing_reaches_where_it_points(status):
    """The endpoint and the address it names are real servers on this machine (the local stage's
    rules: the laptop, over http); the redirect target must see nothing, headers least of all."""
    with serving() as target, serving(status, location=f"http://127.0.0.1:{target.server_port}/stolen") as endpoint:
        answer, twins = deliver_once(f"http://127.0.0.1:{endpoint.server_port}/hook", Poster(local=True))
        assert [(method, path) for method, path, _, _ in endpoint.requests] == [("POST", "/hook")]
        assert target.requests == []
    assert answer == {"batchItemFailures": [{"itemIdentifier": "m1"}]}  # tried again later, like a 500
    assert twins.postponed == ["r1"] and twins.dead == []


def test_a_delivery_answered_2xx_by_a_server_is_done():
    with serving(204) as endpoint:
        answer, twins = deliver_once(f"http://127.0.0.1:{endpoint.server_port}/hook?org=dea", Poster(local=True))
        [(method, path, headers, body)] = endpoint.requests
    assert answer == {"batchItemFailures": []} and twins.postponed == []
    assert (method, path) == ("POST", "/hook?org=dea") and json.loads(body)["type"] == "Case Opened"
    assert headers["webhook-id"] == "evt_01ARZ3NDEKTSV4RRFFQ69G5FAV"


ADDRESSES = [
    # (address, may a deployed stage deliver to it, may the local stage)
    ("93.184.215.14", True, True),
    ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True, True),
    ("::ffff:93.184.215.14", True, True),  # IPv4-mapped: judged as the IPv4 address it is
    ("64:ff9b::5db8:d70e", True, True),  # NAT64 of 93.184.215.14
    ("127.0.0.1", False, True),
    ("127.8.8.8", False, True),
    ("::1", False, True),
    ("::ffff:127.0.0.1", False, True),
    ("0.0.0.0", False, False),
    ("::", False, False),
    ("169.254.169.254", False, False),  # the instance metadata service
    ("fd00:ec2::254", False, False),  # its IPv6 address
    ("fe80::1", False, False),
    ("10.0.0.1", False, False),
    ("172.16.5.4", False, False),
    ("192.168.1.1", False, False),
    ("100.64.0.1", False, False),  # shared (carrier-grade NAT)
    ("fd00::1", False, False),  # unique-local
    ("fec0::1", False, False),  # site-local (deprecated, not global)
    ("::ffff:10.0.0.1", False, False),
    ("::ffff:169.254.169.254", False, False),
    ("64:ff9b::a9fe:a9fe", False, False),  # NAT64 of 169.254.169.254
    ("2002:a9fe:a9fe::1", False, False),  # 6to4 of 169.254.169.254
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False, False),  # Teredo
    ("224.0.0.1", False, False),
    ("239.255.255.250", False, False),
    ("ff02::1", False, False),
    ("ff0e::1", False, False),  # global-scope multicast: `is_global` alone says yes
    ("255.255.255.255", False, False),
    ("240.0.0.1", False, False),
    ("192.0.2.1", False, False),  # documentation
    ("2001:db8::1", False, False),
    ("198.18.0.1", False, False),  # benchmarking
]


@pytest.mark.parametrize(("address", "deployed", "local"), ADDRESSES)
def test_a_delivery_goes_only_to_addresses_of_the_public_internet(address, deployed, local):
    from chalicelib.domain.webhooks import may_deliver_to

    assert may_deliver_to(address) is deployed
    assert may_deliver_to(address, local=True) is local


@pytest.mark.parametrize(
    ("url", "local", "refusal"),
    [
        ("https://notify.hsi.example.gov/casebridge", False, None),
        ("http://notify.hsi.example.gov/casebridge", False, "must be https"),
        ("http://notify.hsi.example.gov/casebridge", True, "must be https"),  # the laptop only
        ("http://127.0.0.1:9100/hook", True, None),
        ("http://localhost:9100/hook", True, None),
        ("http://127.0.0.1:9100/hook", False, "only in the local stage"),
        ("https://localhost/hook", False, "only in the local stage"),
        ("https://169.254.169.254/latest/meta-data/", True, "not an address of the public internet"),
        ("https://[::ffff:a9fe:a9fe]/", False, "not an address of the public internet"),
        ("https://hsi:pw@notify.hsi.example.gov/", False, "no credentials"),
        ("ftp://notify.hsi.example.gov/", False, "must be https"),
        ("https:///hook", False, "name its host"),
    ],
)
def test_a_webhook_endpoint_is_https_to_the_public_internet_but_on_make_run(url, local, refusal):
    from chalicelib.domain.webhooks import endpoint_refusal

    found = endpoint_refusal(url, local=local)
    assert found is None if refusal is None else refusal in (found or "")


class Network:
    """DNS and routing for the tests: `answers` are what each lookup of a name returns in turn
    (an attacker's DNS changes its answer: rebinding); `PUBLIC` is routed to `server_port` on this
    machine, any other address is refused. Both note what they were asked."""

    def __init__(self, server_port: int, *answers: list[str]) -> None:
        self.server_port = server_port
        self.answers = list(answers)
        self.lookups: list[str] = []
        self.connections: list[tuple[str, int]] = []

    def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def connect(self, address: tuple[str, int], timeout: float) -> socket.socket:
        self.connections.append(address)
        if address[0] != PUBLIC:
            raise ConnectionRefusedError(f"no route to {address[0]} in this test")
        return socket.create_connection(("127.0.0.1", self.server_port), timeout)


class Certificates:
    """A certificate authority of the test's own, and a server certificate it signed for `name`."""

    def __init__(self, tmp_path: Path, name: str) -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        def certificate(subject: str, key: Any, issuer: str, signer: Any, ca: bool) -> Any:
            now = datetime.now(UTC)
            builder = (
                x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - timedelta(minutes=5))
                .not_valid_after(now + timedelta(hours=1))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            )
            if not ca:
                builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False)
            return builder.sign(signer, hashes.SHA256())

        ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
        ca = certificate("casebridge test CA", ca_key, "casebridge test CA", ca_key, ca=True)
        server = certificate(name, server_key, "casebridge test CA", ca_key, ca=False)
        pem = serialization.Encoding.PEM
        (tmp_path / "ca.pem").write_bytes(ca.public_bytes(pem))
        (tmp_path / "server.pem").write_bytes(server.public_bytes(pem) + ca.public_bytes(pem))
        (tmp_path / "server.key").write_bytes(
            server_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )
        self.folder = tmp_path
        self.names_asked: list[str | None] = []

    def server(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.folder / "server.pem", self.folder / "server.key")
        context.sni_callback = lambda _socket, name, _context: self.names_asked.append(name)  # type: ignore[assignment,misc,return-value]
        return context

    def client(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.folder / "ca.pem"))


def test_a_rebinding_dns_answer_cannot_move_the_delivery_to_another_address(tmp_path):
    """The name answers a public address when checked and a private one after: the delivery
    looks it up once and connects to the address it checked, over TLS verified for the name."""
    certificates = Certificates(tmp_path, "hooks.dea.example")
    with serving(204, tls=certificates.server()) as endpoint:
        network = Network(endpoint.server_port, [PUBLIC], ["169.254.169.254"], ["127.0.0.1"])
        send = Poster(resolve=network.resolve, connect=network.connect, tls=certificates.client())
        answer, _ = deliver_once("https://hooks.dea.example/hook", send)
        assert answer == {"batchItemFailures": []}
        assert len(endpoint.requests) == 1
        [(_, _, headers, _)] = endpoint.requests
    assert network.lookups == ["hooks.dea.example"]  # once: no second answer is ever asked for
    assert network.connections == [(PUBLIC, 443)]
    assert certificates.names_asked == ["hooks.dea.example"]  # SNI: the name, not the address
    assert headers["host"] == "hooks.dea.example"


def test_a_certificate_for_another_name_fails_the_attempt(tmp_path):
    certificates = Certificates(tmp_path, "elsewhere.example")
    with serving(204, tls=certificates.server()) as endpoint:
        network = Network(endpoint.server_port, [PUBLIC])
        send = Poster(resolve=network.resolve, connect=network.connect, tls=certificates.client())
        with pytest.raises(ssl.SSLCertVerificationError, match=r"hooks\.dea\.example"):
            send("https://hooks.dea.example/hook", "{}", {})
        answer, twins = deliver_once("https://hooks.dea.example/hook", send)
        assert endpoint.requests == []
    assert answer == {"batchItemFailures": [{"itemIdentifier": "m1"}]} and twins.postponed == ["r1"]


@pytest.mark.parametrize("answer", [["10.0.0.7"], [PUBLIC, "169.254.169.254"], ["fd00::7", PUBLIC], ["127.0.0.1"]])
def test_a_name_with_any_address_off_the_public_internet_is_refused_before_any_connection(answer):
    network = Network(0, answer)
    send = Poster(resolve=network.resolve, connect=network.connect)
    with pytest.raises(RefusedEndpoint, match="not the public internet"):
        send("https://hooks.dea.example/hook", "{}", {})
    delivered, twins = deliver_once("https://hooks.dea.example/hook", send)
    assert network.connections == []
    assert delivered == {"batchItemFailures": [{"itemIdentifier": "m1"}]} and twins.postponed == ["r1"]


def test_a_deployed_stage_refuses_the_laptop_and_plain_http_before_any_lookup():
    network = Network(0, ["127.0.0.1"])
    send = Poster(resolve=network.resolve, connect=network.connect)
    for url in ("http://127.0.0.1:9100/hook", "http://hooks.dea.example/hook", "https://localhost/hook"):
        with pytest.raises(RefusedEndpoint):
            send(url, "{}", {})
    assert network.lookups == [] and network.connections == []


def test_the_local_stage_sends_plain_http_only_to_the_laptop():
    network = Network(0, [PUBLIC])
    with pytest.raises(RefusedEndpoint, match="must be https"):
        Poster(local=True, resolve=network.resolve, connect=network.connect)("http://hooks.dea.example/", "{}", {})
    assert network.connections == []
