"""Delivery without a resource per organisation (issue 31, part 4): one event fanned out into one
delivery per recipient and channel, read from the organisation's delivery settings, and each
delivered to its webhook, to an EventBridge bus or an SQS queue in its own AWS account."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chalicelib.delivery import (
    AwsTargets,
    NotificationDelivery,
    RegistryDeliverySettings,
    SqsQueues,
    queue_url_of,
    stage_delivery_settings,
)
from chalicelib.devtools.accounts import client_in
from chalicelib.devtools.queue_pump import QueuePump
from chalicelib.domain.delivery import Channel, Delivery, DeliverySettings, fan_out
from chalicelib.domain.organisations import Delivery as Entry
from chalicelib.domain.organisations import (
    InvalidOrganisation,
    Jurisdiction,
    Organisation,
    OrgKind,
    OrgStatus,
    Registry,
    from_document,
    seed,
    to_document,
)
from chalicelib.topology import topology
from chalicelib.webhooks import SecretsManagerSecrets
from tests.conftest import THEIR_ACCOUNT

EVENT = {
    "source": "casebridge",
    "detail-type": "Referral Created",
    "detail": {"id": "evt_01ARZ3NDEKTSV4RRFFQ69G5FAV", "recipients": ["DEA", "HSI", "META"]},
}


def test_an_event_fans_out_into_one_delivery_per_recipient_and_channel_it_has():
    settings = {
        "DEA": DeliverySettings(webhook="https://dea.example/hook", webhook_secret="s", queue_arn=queue_arn("dea")),
        "HSI": DeliverySettings(event_bus_arn=bus_arn("hsi")),
    }
    deliveries = fan_out(EVENT, settings.get)
    assert [(d.org, d.channel) for d in deliveries] == [
        ("DEA", Channel.WEBHOOK),
        ("DEA", Channel.QUEUE),
        ("HSI", Channel.EVENT_BUS),
    ]  # META has no settings: its feed only
    assert [Delivery.from_message(d.to_message()) for d in deliveries] == deliveries
    assert Delivery.from_message(json.dumps(EVENT)) is None  # an event still to fan out


@pytest.mark.parametrize(
    "settings",
    [{"event_bus_arn": "arn:aws:sqs:us-east-1:222222222222:q"}, {"queue_arn": "https://sqs.example/q"}],
    ids=["a queue for a bus", "a URL for a queue"],
)
def test_a_bus_or_queue_that_is_not_an_arn_of_its_kind_is_refused(settings):
    with pytest.raises(ValueError, match="not an"):
        DeliverySettings(**settings)


def queue_arn(name: str) -> str:
    return f"arn:aws:sqs:us-east-1:{THEIR_ACCOUNT}:{name}"


def bus_arn(name: str) -> str:
    return f"arn:aws:events:us-east-1:{THEIR_ACCOUNT}:event-bus/{name}"


class TheirAccount:
    """HSI's AWS account: its own bus, with a rule into a queue it reads, and its own queue."""

    def __init__(self) -> None:
        self.sqs = client_in("sqs", "us-east-1", THEIR_ACCOUNT)
        events = client_in("events", "us-east-1", THEIR_ACCOUNT)
        events.create_event_bus(Name="hsi-casebridge")
        self.from_bus = self.sqs.create_queue(QueueName="hsi-from-bus")["QueueUrl"]
        self.queue = self.sqs.create_queue(QueueName="hsi-casebridge")["QueueUrl"]
        events.put_rule(Name="casebridge", EventBusName="hsi-casebridge", EventPattern='{"source": ["casebridge"]}')
        events.put_targets(
            Rule="casebridge", EventBusName="hsi-casebridge", Targets=[{"Id": "q", "Arn": queue_arn("hsi-from-bus")}]
        )

    def received(self, url: str) -> list[dict]:
        return [json.loads(m["Body"]) for m in self.sqs.receive_message(QueueUrl=url).get("Messages", [])]


def test_an_organisation_receives_on_its_own_bus_and_queue_in_its_own_account(api, aws, pump):
    theirs = TheirAccount()
    settings = {"HSI": DeliverySettings(event_bus_arn=bus_arn("hsi-casebridge"), queue_arn=queue_arn("hsi-casebridge"))}
    delivery = NotificationDelivery(
        settings.get, SecretsManagerSecrets(), SqsQueues(), AwsTargets(client_for=client_in)
    )
    referral = api.refer(api.open_case("DEA")["case_id"], "HSI")
    pump.drain()
    queue = QueuePump(aws.delivery_queue_url, lambda r: delivery.handle(r, datetime.now(UTC)), records=True)
    assert queue.drain() == 4  # Case Opened (DEA has no settings), Referral Created, HSI's two deliveries
    [on_bus] = theirs.received(theirs.from_bus)
    [on_queue] = theirs.received(theirs.queue)
    for event in (on_bus, on_queue):
        assert (event["source"], event["detail-type"]) == ("casebridge", "Referral Created")
        assert event["detail"]["referral_id"] == referral["referral_id"]
    assert on_bus["detail"] == on_queue["detail"]


def test_a_bus_that_refuses_is_tried_again_and_the_queue_beside_it_is_served_once(api, aws, pump):
    """moto has no cross-account resource policies: a bus that does not exist stands in for one
    whose policy refuses casebridge's role (AWS answers AccessDenied; both are `Unreachable`)."""
    theirs = TheirAccount()
    settings = {"HSI": DeliverySettings(event_bus_arn=bus_arn("not-there"), queue_arn=queue_arn("hsi-casebridge"))}
    delivery = NotificationDelivery(
        settings.get, SecretsManagerSecrets(), SqsQueues(), AwsTargets(client_for=client_in)
    )
    api.refer(api.open_case("DEA")["case_id"], "HSI")
    pump.drain()
    handle = delivery.handle
    answers = []
    QueuePump(
        aws.delivery_queue_url, lambda r: answers.append(handle(r, datetime.now(UTC))) or answers[-1], records=True
    ).drain(rounds=2)
    assert len(theirs.received(theirs.queue)) == 1
    assert [len(answer["batchItemFailures"]) for answer in answers] == [0, 1]  # the bus's delivery waits


def test_the_settings_are_the_organisations_registry_entry_and_a_suspended_one_receives_nothing():
    hook = "https://nvdps.example/hook"
    nevada = sheriff(Entry(webhook=hook, event_bus_arn=bus_arn("nv"), queue_arn=queue_arn("nv")))
    registry = Registry([nevada, replace(nevada, code="NVWPD"), replace(nevada, code="NVRPD", delivery=Entry())])
    registry_settings = RegistryDeliverySettings(registry, topology("test").webhook_secret_name)
    assert registry_settings("NVDPS") == DeliverySettings(
        webhook=hook,
        webhook_secret="casebridge-test/webhook-signing/NVDPS",
        event_bus_arn=bus_arn("nv"),
        queue_arn=queue_arn("nv"),
    )
    assert registry_settings("NVRPD") is None  # the feed only
    assert registry_settings("UNKNOWN") is None
    suspended = Registry([replace(nevada, status=OrgStatus.SUSPENDED)])
    assert RegistryDeliverySettings(suspended, topology("test").webhook_secret_name)("NVDPS") is None


def test_the_stage_environment_overrides_the_registry_for_the_organisations_it_names(monkeypatch):
    from chalicelib.settings import settings

    monkeypatch.setenv("CASEBRIDGE_WEBHOOKS", json.dumps({"DEA": {"endpoint": "https://dea.example/hook"}}))
    monkeypatch.setenv("CASEBRIDGE_QUEUES", json.dumps({"DEA": queue_arn("dea"), "ATF": queue_arn("atf")}))
    monkeypatch.setenv("CASEBRIDGE_EVENT_BUSES", json.dumps({"HSI": bus_arn("hsi")}))
    settings.cache_clear()
    registry = Registry([sheriff(Entry(queue_arn=queue_arn("nv"))), *seed()])
    lookup = RegistryDeliverySettings(registry, topology("test").webhook_secret_name, override=stage_delivery_settings)
    try:
        assert lookup("DEA") == DeliverySettings(
            webhook="https://dea.example/hook",
            webhook_secret="casebridge-test/webhook-signing/DEA",
            queue_arn=queue_arn("dea"),
        )
        assert lookup("HSI") == DeliverySettings(event_bus_arn=bus_arn("hsi"))
        assert lookup("NVDPS") == DeliverySettings(queue_arn=queue_arn("nv"))  # not named: the registry's
        assert lookup("META") is None  # the feed only
        suspended = Registry([replace(org, status=OrgStatus.SUSPENDED) if org.code == "DEA" else org for org in seed()])
        overridden_but_suspended = RegistryDeliverySettings(
            suspended, topology("test").webhook_secret_name, override=stage_delivery_settings
        )
        assert overridden_but_suspended("DEA") is None  # a suspension stops what the stage names too
        assert overridden_but_suspended("HSI") == DeliverySettings(event_bus_arn=bus_arn("hsi"))
    finally:
        settings.cache_clear()


@pytest.mark.parametrize(
    ("delivery", "refusal"),
    [
        ({"event_bus_arn": "arn:aws:sqs:us-east-1:222222222222:q"}, "not an EventBridge bus ARN"),
        ({"queue_arn": "https://sqs.example/q"}, "not an SQS queue ARN"),
    ],
    ids=["a queue for a bus", "a URL for a queue"],
)
def test_a_registry_entry_holds_only_a_bus_and_a_queue_arn_of_their_kind(delivery, refusal):
    with pytest.raises(InvalidOrganisation, match=refusal):
        sheriff(Entry(**delivery))


def test_a_registry_entrys_bus_and_queue_are_kept_in_its_document_beside_the_open_part():
    org = sheriff(Entry(webhook="https://nvdps.example/hook", more={"x": 1}, queue_arn=queue_arn("nv")))
    document = to_document(org)
    assert document["delivery"] == {"x": 1, "webhook": "https://nvdps.example/hook", "queue_arn": queue_arn("nv")}
    again = from_document(document)
    assert again == org and again.delivery.more == {"x": 1}


def sheriff(delivery: Entry) -> Organisation:
    return Organisation(
        code="NVDPS",
        name="Nevada Department of Public Safety",
        kind=OrgKind.STATE_AGENCY,
        ori="NVNHP0000",
        jurisdiction=Jurisdiction("NV"),
        verification_line="+17756874300",
        delivery=delivery,
    )


EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"


@pytest.mark.parametrize(
    ("example", "action", "settings"),
    [
        ("bus_policy.json", "events:PutEvents", "event_bus_arn"),
        ("queue_policy.json", "sqs:SendMessage", "queue_arn"),
    ],
)
def test_the_documented_policies_let_the_delivery_role_do_what_it_does(example, action, settings):
    """What the receiving side adds (docs/events/webhooks.md): the one action the delivery
    function calls, on the resource its delivery settings name, for casebridge's delivery role."""
    from tests.aws_calls import requests_of

    [statement] = json.loads((EXAMPLES / example).read_text())["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Principal"]["AWS"].split(":role/")[1].startswith("casebridge-prod-DeliverWebhooksRole-")
    resource = statement["Resource"]
    DeliverySettings(**{settings: resource})  # what an organisation registers
    delivery = Delivery("HSI", Channel.EVENT_BUS if settings == "event_bus_arn" else Channel.QUEUE, EVENT)
    service, operation, params = (
        ("events", "PutEvents", {"Entries": [{"EventBusName": resource}]})
        if delivery.channel is Channel.EVENT_BUS
        else ("sqs", "SendMessage", {"QueueUrl": queue_url_of(resource)})
    )
    [(called, on, _)] = requests_of(service, "us-east-1", operation, params)
    assert (f"{service}:{called}", on) == (action, resource)


def test_make_signing_secret_creates_it_once_under_the_stacks_key_and_writes_it_only_to_a_file(aws, tmp_path, capsys):
    import os

    import boto3

    from scripts.signing_secret import main

    boto3.client("kms").create_alias(
        AliasName="alias/casebridge-prod", TargetKeyId=boto3.client("kms").create_key()["KeyMetadata"]["KeyId"]
    )
    out = tmp_path / "dea.txt"
    main(["--org", "dea", "--stage", "prod", "--out", str(out)])
    first = out.read_text().strip()
    main(["--org", "DEA", "--stage", "prod", "--out", str(out)])
    assert out.read_text().strip() == first and first.startswith("whsec_") and len(first) == len("whsec_") + 48
    assert os.stat(out).st_mode & 0o777 == 0o600
    printed = capsys.readouterr()
    assert "casebridge-prod/webhook-signing/DEA: created" in printed.err and "already there" in printed.err
    assert first not in printed.out + printed.err
    described = boto3.client("secretsmanager").describe_secret(SecretId="casebridge-prod/webhook-signing/DEA")
    assert described["KmsKeyId"] == "alias/casebridge-prod"


def test_a_proposal_carries_its_bus_and_queue_and_the_entry_shows_them(api):
    from tests.test_organisations import NEVADA, OPERATOR

    delivery = {"event_bus_arn": bus_arn("nvdps"), "queue_arn": queue_arn("nvdps")}
    proposed = api.call("POST", "/v1/organisations", OPERATOR, {**NEVADA, "delivery": delivery})
    assert proposed.status_code == 201, proposed.body
    assert (proposed.data["event_bus_arn"], proposed.data["queue_arn"]) == (bus_arn("nvdps"), queue_arn("nvdps"))
    swapped = {"event_bus_arn": queue_arn("nvdps")}
    refused = api.call("POST", "/v1/organisations", OPERATOR, {**NEVADA, "code": "NVWPD", "delivery": swapped})
    assert refused.status_code == 400, refused.body
