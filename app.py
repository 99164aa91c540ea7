"""casebridge: builds the Chalice app and names every entry point of the service."""

from __future__ import annotations

import os
from typing import Any

from chalice.app import Blueprint, CloudWatchEvent, DynamoDBEvent, Rate, Response, SQSEvent

from chalicelib import wiring
from chalicelib.lazy_routes import LazyRoutesChalice


def api_routes() -> list[Blueprint]:
    """The API function's routes, imported on its first request: the other functions load
    this module too, and never pay for the API's models (`chalicelib.lazy_routes`)."""
    from chalicelib.api.routes.cases import cases
    from chalicelib.api.routes.conflicts import conflicts
    from chalicelib.api.routes.deconfliction import deconfliction
    from chalicelib.api.routes.emergency import emergencies
    from chalicelib.api.routes.events import events
    from chalicelib.api.routes.files import files
    from chalicelib.api.routes.legal import legal
    from chalicelib.api.routes.meta import meta
    from chalicelib.api.routes.operations import operations
    from chalicelib.api.routes.organisations import organisations
    from chalicelib.api.routes.people import people
    from chalicelib.api.routes.preservations import preservations
    from chalicelib.api.routes.reference import reference
    from chalicelib.api.routes.referrals import referrals
    from chalicelib.api.routes.reports import reports
    from chalicelib.api.routes.tips import tips

    return [
        cases,
        referrals,
        deconfliction,
        operations,
        conflicts,
        tips,
        preservations,
        files,
        legal,
        emergencies,
        events,
        organisations,
        people,
        reports,
        meta,
        reference,
    ]


#: Chalice needs a stream ARN when the app is built; the CDK stack binds the real one.
_STREAM_ARN = os.environ.get(
    "CASEBRIDGE_TABLE_STREAM_ARN",
    "arn:aws:dynamodb:us-east-1:000000000000:table/casebridge-dev/stream/1970-01-01T00:00:00.000",
)

#: The same for the evidence bucket's arrivals queue (`Topology.evidence_arrivals_queue_name`).
_ARRIVALS_QUEUE = os.environ.get("CASEBRIDGE_EVIDENCE_ARRIVALS_QUEUE", "casebridge-dev-evidence-arrivals")

app = LazyRoutesChalice(app_name="casebridge", blueprints=api_routes)
app.debug = False
#: A report printed as PDF leaves as bytes: API Gateway passes it through as binary.
app.api.binary_types.append("application/pdf")


@app.middleware("http")
def problem_responses(event: Any, get_response: Any) -> Response:
    """Whatever Chalice answers on its own (405, 415, 500) leaves as a problem response."""
    from chalicelib.api.problems import as_problem

    return as_problem(get_response(event))


@app.on_dynamodb_record(stream_arn=_STREAM_ARN, batch_size=100, starting_position="TRIM_HORIZON")
def publish_changes(event: DynamoDBEvent) -> dict[str, Any]:
    """The table's stream → case-list projections and events on the bus."""
    return wiring.stream_handler().handle(event.to_dict(), event.context)


@app.schedule(Rate(1, unit=Rate.MINUTES))
def fire_timers(event: CloudWatchEvent) -> dict[str, int]:
    """Overdue referrals and expiring preservations: fires what is due, once."""
    from datetime import UTC, datetime

    run = wiring.timer_scheduler().run(datetime.now(UTC))
    return {"buckets": run.buckets, "fired": run.fired, "dropped": run.dropped}


@app.lambda_function(name="deliver_webhooks")
def deliver_webhooks(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Each event to each recipient's signed webhook, EventBridge bus and SQS queue (its
    delivery settings): SQS batches of the one delivery queue, fanned out, then delivered."""
    from datetime import UTC, datetime

    return wiring.notification_delivery().handle(event.get("Records", []), datetime.now(UTC))


@app.lambda_function(name="seed_registry")
def seed_registry(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The stack's custom resource: the seed file's organisations the table does not hold yet,
    when the stack is created and when the seed file changes (`chalicelib.seeding`)."""
    from chalicelib import seeding

    return seeding.handle(event, wiring.seed_registry)


@app.on_sqs_message(queue=_ARRIVALS_QUEUE, batch_size=10)
def check_arrivals(event: SQSEvent) -> dict[str, Any]:
    """What arrived in the evidence bucket, checked against each file's declaration."""
    messages = [(record.to_dict()["messageId"], record.body) for record in event]
    return wiring.arrivals_handler()(messages)
