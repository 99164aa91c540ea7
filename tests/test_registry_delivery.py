"""An organisation's delivery settings changed through the API: proposed by one person of the
operator, made by a second one, checked as at onboarding, audited, and an event to both."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.conftest import THEIR_ACCOUNT
from tests.test_organisations import NEVADA, OPERATOR, SECOND, onboarded

PATH = "/v1/organisations/NVDPS/delivery"
QUEUE = f"arn:aws:sqs:us-east-1:{THEIR_ACCOUNT}:nvdps-casebridge"
BUS = f"arn:aws:events:us-east-1:{THEIR_ACCOUNT}:event-bus/nvdps"
HOOK = "https://casebridge-hook.dps.nv.example.gov/events"


def change(api, delivery, person=None, reason=""):
    return api.call("POST", PATH, OPERATOR, {"delivery": delivery, "reason": reason}, **(person or {}))


def test_delivery_settings_change_with_two_persons_and_the_same_person_twice_is_refused(api, aws):
    onboarded(api, {**NEVADA, "delivery": {"webhook": HOOK}})
    asked = change(api, {"queue_arn": QUEUE, "event_bus_arn": BUS}, reason="their integration moved to AWS")
    assert asked.status_code == 200, asked.body
    assert (asked.data["webhook"], asked.data["queue_arn"]) == (HOOK, None)  # asked, not made
    assert asked.data["pending"]["action"] == "delivery"
    assert asked.data["pending"]["delivery"] == {"webhook": None, "event_bus_arn": BUS, "queue_arn": QUEUE}
    assert asked.data["pending"]["reason"] == "their integration moved to AWS"

    same_person = change(api, {"queue_arn": QUEUE, "event_bus_arn": BUS})
    assert same_person.status_code == 403 and "a second person of the operator" in same_person.data["detail"]
    made = change(api, {"event_bus_arn": BUS, "queue_arn": QUEUE}, SECOND)  # the same settings, in any order
    assert made.status_code == 200 and made.data["pending"] is None
    assert (made.data["webhook"], made.data["event_bus_arn"], made.data["queue_arn"]) == (None, BUS, QUEUE)
    assert made.data["version"] == asked.data["version"] + 1


def test_other_settings_replace_a_proposal_and_their_proposer_is_then_the_one_who_asked(api, aws):
    onboarded(api, NEVADA)
    assert change(api, {"queue_arn": QUEUE}).status_code == 200
    other = change(api, {"webhook": HOOK}, SECOND)
    assert other.status_code == 200 and other.data["pending"]["delivery"]["webhook"] == HOOK
    assert other.data["webhook"] is None
    assert change(api, {"webhook": HOOK}, SECOND).status_code == 403
    made = change(api, {"webhook": HOOK})
    assert made.status_code == 200 and (made.data["webhook"], made.data["queue_arn"]) == (HOOK, None)


def test_an_empty_proposal_leaves_the_organisation_its_feed_alone(api, aws):
    onboarded(api, {**NEVADA, "delivery": {"webhook": HOOK, "queue_arn": QUEUE}})
    assert change(api, {}).status_code == 200
    made = change(api, {}, SECOND)
    assert made.status_code == 200
    assert (made.data["webhook"], made.data["event_bus_arn"], made.data["queue_arn"]) == (None, None, None)


@pytest.mark.parametrize(
    ("delivery", "field", "complaint"),
    [
        ({"webhook": "https://10.0.0.7/hook"}, "delivery.webhook", "public internet"),
        ({"webhook": "http://hook.dps.nv.example.gov/events"}, "delivery.webhook", "https"),
        ({"queue_arn": "arn:aws:sqs:us-east-1:nvdps-queue"}, "delivery.queue_arn", None),
        ({"event_bus_arn": "arn:aws:events:us-east-1:123:event-bus/x"}, "delivery.event_bus_arn", None),
        ({"email": "ops@dps.nv.example.gov"}, "delivery.email", None),
    ],
)
def test_delivery_settings_are_checked_as_at_onboarding(api, aws, delivery, field, complaint):
    onboarded(api, NEVADA)
    refused = change(api, delivery)
    assert refused.status_code == 400, refused.body
    assert field in [error["field"] for error in refused.data["errors"]]
    if complaint is not None:
        assert complaint in refused.data["detail"]
    at_onboarding = api.call("POST", "/v1/organisations", OPERATOR, {**NEVADA, "code": "NVX", "delivery": delivery})
    assert at_onboarding.status_code == 400
    assert api.call("GET", "/v1/organisations/NVDPS", OPERATOR).data["pending"] is None  # nothing was proposed


def test_delivery_settings_of_an_organisation_the_registry_lacks_are_a_404(api, aws):
    assert change(api, {"queue_arn": QUEUE}).status_code == 404


def test_every_step_of_a_delivery_change_is_in_the_operators_audit_trail(api, aws):
    from chalicelib.storage.table import AuditItem

    onboarded(api, NEVADA)
    assert change(api, {"queue_arn": QUEUE}).status_code == 200
    assert change(api, {"queue_arn": QUEUE}).status_code == 403
    assert change(api, {"queue_arn": QUEUE}, SECOND).status_code == 200
    trail = sorted(
        (item.at, item.outcome, item.subject, item.resource_id)
        for item in AuditItem.scan()
        if item.event == "organisation.delivery"
    )
    first = "agent.casebridge@example.gov"
    assert [step[1:] for step in trail] == [
        ("success", first, "NVDPS"),
        ("failure", first, "NVDPS"),
        ("success", SECOND["sub"], "NVDPS"),
    ]


def test_a_confirmed_change_is_an_event_delivered_where_the_new_settings_say(api, aws, pump, later):
    """The event of the change itself goes out with the settings just made: the organisation's
    new queue, in its own account, through the real delivery function reading the registry."""
    import jsonschema

    from chalicelib.delivery import AwsTargets, NotificationDelivery, RegistryDeliverySettings, SqsQueues
    from chalicelib.devtools.accounts import client_in
    from chalicelib.devtools.queue_pump import QueuePump
    from chalicelib.topology import topology
    from chalicelib.webhooks import SecretsManagerSecrets
    from chalicelib.wiring import organisation_directory
    from tests.test_events import schema_for

    lookup = RegistryDeliverySettings(organisation_directory(), topology("test").webhook_secret_name)
    delivery = NotificationDelivery(lookup, SecretsManagerSecrets(), SqsQueues(), AwsTargets(client_for=client_in))
    deliveries = QueuePump(
        aws.delivery_queue_url, lambda records: delivery.handle(records, datetime.now(UTC)), records=True
    )
    theirs = client_in("sqs", "us-east-1", THEIR_ACCOUNT)
    url = theirs.create_queue(QueueName="nvdps-casebridge")["QueueUrl"]
    onboarded(api, NEVADA)
    pump.drain()
    deliveries.drain(rounds=100)  # its onboarding: to its feed alone, as its settings then said
    assert change(api, {"queue_arn": QUEUE}).status_code == 200
    assert change(api, {"queue_arn": QUEUE}, SECOND).status_code == 200
    pump.drain()
    deliveries.drain(rounds=100)
    messages = theirs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    received = [json.loads(message["Body"]) for message in messages]
    assert [event["detail-type"] for event in received] == ["Organisation Delivery Changed"]
    detail = received[0]["detail"]
    jsonschema.validate(detail, schema_for("Organisation Delivery Changed"))
    assert detail["recipients"] == [OPERATOR, "NVDPS"] and detail["kind"] == "state_agency"

    later()  # past the feed's settle window
    feed = api.call("GET", "/v1/events?limit=100", "NVDPS")
    changed = [event for event in feed.data["items"] if event["detail_type"] == "Organisation Delivery Changed"]
    assert len(changed) == 1  # the first person's proposal is no event


def test_a_pending_delivery_change_is_stored_and_read_back_as_it_was_proposed():
    from dataclasses import replace

    from chalicelib.domain.organisations import Delivery, change_delivery, from_document, seed, to_document

    dea = seed().get("DEA")
    assert dea is not None
    dea = replace(dea, delivery=Delivery(webhook=HOOK, more={"note": "kept as given"}))
    at = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
    asked = change_delivery(dea, Delivery(queue_arn=QUEUE), ("https://idp.casebridge.example", "first"), at, "moved")
    assert from_document(to_document(asked)) == asked
    assert asked.pending is not None and asked.pending.delivery is not None
    assert from_document(to_document(asked)).pending.delivery.more == {"note": "kept as given"}  # type: ignore[union-attr]
    made = change_delivery(asked, Delivery(queue_arn=QUEUE), ("https://idp.casebridge.example", "second"), at)
    assert (made.delivery, made.delivery.more) == (Delivery(queue_arn=QUEUE), {"note": "kept as given"})
