"""The three functions: the stream handler's failure handling, the schedule, environment, logs and the API stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FUNCTIONS = ("APIHandler", "PublishChanges", "FireTimers", "CheckArrivals", "DeliverWebhooks", "SeedRegistry")


def stream_source(synth):
    return synth.resource("PublishChanges")["Properties"]["Events"]["PublishChangesDynamodbEventSource"]


def test_the_stream_handler_reads_the_tables_stream_and_reports_partial_failures(prod):
    source = stream_source(prod)
    assert source["Type"] == "DynamoDB"
    properties = source["Properties"]
    assert properties["Stream"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    assert properties["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert properties["BisectBatchOnFunctionError"] is True
    assert properties["StartingPosition"] == "TRIM_HORIZON"
    # Two batches of a shard at once, as the throughput model needs for a 1,000 tips/s sweep;
    # Lambda keeps each item's records in order, and the reactions need no more.
    assert properties["ParallelizationFactor"] == 2


def test_a_record_that_keeps_failing_goes_to_the_stream_failures_queue_after_bounded_retries(prod):
    properties = stream_source(prod)["Properties"]
    assert properties["MaximumRetryAttempts"] == 10
    assert properties["MaximumRecordAgeInSeconds"] == 6 * 3600
    queues = {q["Properties"]["QueueName"]: name for name, q in prod.resources("AWS::SQS::Queue").items()}
    failures = queues["casebridge-prod-stream-failures"]
    assert properties["DestinationConfig"] == {"OnFailure": {"Destination": {"Fn::GetAtt": [failures, "Arn"]}}}


def test_the_arrivals_check_reads_the_evidence_arrivals_queue_and_reports_partial_failures(prod):
    source = prod.resource("CheckArrivals")["Properties"]["Events"]["CheckArrivalsSqsEventSource"]
    assert source["Type"] == "SQS"
    assert source["Properties"]["Queue"] == {"Fn::GetAtt": ["EvidenceArrivals", "Arn"]}
    assert source["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert source["Properties"]["BatchSize"] == 10
    # The queue hides a message longer than the function may run.
    timeout = prod.resource("CheckArrivals")["Properties"]["Timeout"]
    assert prod.resource("EvidenceArrivals")["Properties"]["VisibilityTimeout"] > timeout


def test_the_timers_fire_every_minute(prod):
    events = prod.resource("FireTimers")["Properties"]["Events"]
    assert [event["Properties"]["Schedule"] for event in events.values()] == ["rate(1 minute)"]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_each_function_has_its_stage_environment_and_powertools_settings(prod, function):
    variables = prod.resource(function)["Properties"]["Environment"]["Variables"]
    assert variables["CASEBRIDGE_STAGE"] == "prod"
    assert variables["CASEBRIDGE_TABLE"] == prod.resource("Table")["Properties"]["TableName"] == "casebridge-prod"
    assert variables["CASEBRIDGE_EVENT_BUS"] == "casebridge-prod"
    assert variables["POWERTOOLS_SERVICE_NAME"] == "casebridge"
    assert variables["POWERTOOLS_LOG_LEVEL"] == "INFO"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "casebridge-prod"
    assert variables["CASEBRIDGE_AUDIENCE"] == "casebridge"
    assert variables["CASEBRIDGE_CURSOR_SECRET_NAME"] == {"Ref": secret_id(prod, "cursor-secret")}
    assert variables["CASEBRIDGE_DECONFLICTION_KEYS_SECRET"] == {"Ref": secret_id(prod, "deconfliction-keys")}
    assert "CASEBRIDGE_CURSOR_SECRET" not in variables  # never a secret in the environment
    assert variables["CASEBRIDGE_EVIDENCE_BUCKET"] == {"Ref": "Evidence"}
    assert variables["CASEBRIDGE_MALWARE_SCAN"] == "wait"  # prod serves a file once its scan cleared it


def secret_id(synth, suffix):
    (name,) = [
        name
        for name, secret in synth.resources("AWS::SecretsManager::Secret").items()
        if secret["Properties"]["Name"].endswith(suffix)
    ]
    return name


@pytest.mark.parametrize(
    "function", ["api_handler", "publish_changes", "fire_timers", "check_arrivals", "deliver_webhooks", "seed_registry"]
)
def test_the_dev_stage_logs_at_debug_under_its_own_names(function):
    from chalice.config import Config

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    dev = Config(chalice_stage="dev", config_from_disk=config, function_name=function)
    assert dev.environment_variables == {
        "POWERTOOLS_SERVICE_NAME": "casebridge",
        "POWERTOOLS_LOG_LEVEL": "DEBUG",
        "POWERTOOLS_METRICS_NAMESPACE": "casebridge-dev",
        "CASEBRIDGE_STAGE": "dev",
        "CASEBRIDGE_TABLE": "casebridge-dev",
        "CASEBRIDGE_EVENT_BUS": "casebridge-dev",
    }


def test_trusted_issuers_reach_the_functions_and_fit_lambdas_environment_limit(every_option):
    from conftest import ISSUER

    for function in FUNCTIONS:
        variables = every_option.resource(function)["Properties"]["Environment"]["Variables"]
        assert json.loads(variables["CASEBRIDGE_TRUSTED_ISSUERS"]) == [ISSUER]
        # Lambda allows 4 KB of environment in all; a Ref resolves to an ARN of under 120 bytes.
        size = sum(len(k) + (len(v) if isinstance(v, str) else 120) for k, v in variables.items())
        assert size < 4096


@pytest.mark.parametrize(
    ("function", "group"),
    [
        ("APIHandler", "api"),
        ("PublishChanges", "stream"),
        ("FireTimers", "timers"),
        ("CheckArrivals", "arrivals"),
        ("DeliverWebhooks", "webhooks"),
        ("SeedRegistry", "seed"),
    ],
)
def test_each_function_logs_to_its_own_encrypted_group_kept_at_least_a_year(prod, function, group):
    logging = prod.resource(function)["Properties"]["LoggingConfig"]
    group_id = logging["LogGroup"]["Ref"]
    log_group = prod.resource(group_id)
    assert log_group["Properties"]["LogGroupName"] == f"/casebridge/prod/{group}"
    assert log_group["Properties"]["RetentionInDays"] >= 365
    assert "KmsKeyId" in log_group["Properties"]
    assert log_group["DeletionPolicy"] == "Retain"


def test_every_log_group_is_kept_at_least_a_year(prod):
    groups = prod.resources("AWS::Logs::LogGroup")
    assert len(groups) == 7  # six functions and the API's access log
    assert all(group["Properties"]["RetentionInDays"] == 731 for group in groups.values())


def api(synth):
    return synth.resource("RestAPI")["Properties"]


def test_the_api_is_regional_throttled_and_access_logged(prod):
    properties = api(prod)
    assert properties["EndpointConfiguration"] == "REGIONAL"
    assert properties["StageName"] == "v1"
    (settings,) = properties["MethodSettings"]
    assert settings == {
        "ResourcePath": "/*",
        "HttpMethod": "*",
        "ThrottlingRateLimit": 100,
        "ThrottlingBurstLimit": 200,
        "MetricsEnabled": True,
        "DataTraceEnabled": False,
    }
    access = properties["AccessLogSetting"]
    assert access["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]}
    fields = json.loads(access["Format"])
    assert fields["requestId"] == "$context.requestId" and fields["status"] == "$context.status"
    assert prod.resource("ApiAccessLogs")["Properties"]["LogGroupName"] == "/casebridge/prod/api-access"


def test_without_a_custom_domain_the_default_endpoint_stays(prod):
    assert "Domain" not in api(prod)
    assert "DisableExecuteApiEndpoint" not in api(prod)


def test_a_custom_domain_requires_client_certificates_and_disables_the_default_endpoint(every_option):
    properties = api(every_option)
    assert properties["Domain"] == {
        "DomainName": "api.casebridge.example.gov",
        "CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/0b7b5c1d-1111-2222-3333-444455556666",
        "EndpointConfiguration": "REGIONAL",
        "SecurityPolicy": "TLS_1_2",
        "MutualTlsAuthentication": {
            "TruststoreUri": "s3://casebridge-truststore/agencies.pem",
            "TruststoreVersion": "3",
        },
    }
    assert properties["DisableExecuteApiEndpoint"] is True


def firewall(synth):
    (acl,) = synth.resources("AWS::WAFv2::WebACL").values()
    return acl["Properties"]


def test_the_firewall_blocks_bodies_over_the_apps_limit_except_on_the_batch_route(prod):
    from casebridge_infra.firewall import max_body_bytes

    rules = {rule["Name"]: rule for rule in firewall(prod)["Rules"]}
    body = rules["BodyTooLarge"]
    assert "Block" in body["Action"]
    size, not_batch = body["Statement"]["AndStatement"]["Statements"]
    constraint = size["SizeConstraintStatement"]
    assert constraint["Size"] == max_body_bytes() == 64 * 1024
    assert constraint["ComparisonOperator"] == "GT"
    assert constraint["FieldToMatch"] == {"Body": {"OversizeHandling": "MATCH"}}
    assert not_batch["NotStatement"]["Statement"]["ByteMatchStatement"]["SearchString"] == "/v1/tips/batch"
    # WAF inspects exactly as much as the limit: anything larger counts as a match.
    assert firewall(prod)["AssociationConfig"] == {
        "RequestBody": {"API_GATEWAY": {"DefaultSizeInspectionLimit": "KB_64"}}
    }


def test_the_firewall_limits_each_client_and_is_attached_to_the_api_stage(prod):
    rules = {rule["Name"]: rule for rule in firewall(prod)["Rules"]}
    assert rules["RateLimitPerClient"]["Statement"]["RateBasedStatement"] == {"Limit": 3000, "AggregateKeyType": "IP"}
    assert firewall(prod)["Scope"] == "REGIONAL"
    assert firewall(prod)["DefaultAction"] == {"Allow": {}}
    (association,) = prod.resources("AWS::WAFv2::WebACLAssociation").values()
    arn = json.dumps(association["Properties"]["ResourceArn"])
    assert '{"Ref": "RestAPI"}' in arn and '{"Ref": "RestAPI.Stage"}' in arn


def test_the_routes_are_the_apps(prod):
    """The API's definition is Chalice's: every route of `app.py`, under /v1 but the API reference's."""
    from app import app
    from chalicelib.api.routes import reference

    paths = api(prod)["DefinitionBody"]["paths"]
    assert set(paths) == {route for route in app.routes}
    assert {path for path in paths if not path.startswith("/v1/")} == set(reference.PATHS)


def test_the_api_reference_is_deployed_and_asks_no_token(prod):
    """`/docs` is served by the API function like any route, with no authorizer in front."""
    from chalicelib.api.routes import reference

    definition = api(prod)["DefinitionBody"]
    paths = definition["paths"]
    for path in reference.PATHS:
        assert set(paths[path]) == {"get"}, path
        assert "security" not in paths[path]["get"], path
        assert "APIHandler" in json.dumps(paths[path]["get"]["x-amazon-apigateway-integration"]), path
    assert "securityDefinitions" not in definition


def test_the_gateways_own_refusals_are_problem_responses(prod):
    responses = api(prod)["GatewayResponses"]
    # Unknown routes: API Gateway's "Missing Authentication Token" 403 becomes the app's 404.
    unknown = responses["MISSING_AUTHENTICATION_TOKEN"]
    assert unknown["StatusCode"] == "404"
    assert unknown["ResponseParameters"]["Headers"]["Content-Type"] == "'application/problem+json'"
    body = json.loads(unknown["ResponseTemplates"]["application/json"])
    assert body == {
        "type": "https://casebridge.dev/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "no such route",
    }
    throttled = responses["THROTTLED"]
    assert throttled["StatusCode"] == "429"
    assert throttled["ResponseParameters"]["Headers"]["Retry-After"] == "'1'"
    for response_type in ("REQUEST_TOO_LARGE", "WAF_FILTERED", "DEFAULT_4XX", "DEFAULT_5XX", "INTEGRATION_TIMEOUT"):
        response = responses[response_type]
        document = json.loads(response["ResponseTemplates"]["application/json"])
        assert document["status"] == int(response["StatusCode"])
        assert set(document) == {"type", "title", "status", "detail"}


def test_the_firewall_answers_its_blocks_with_the_apps_statuses(prod):
    rules = {rule["Name"]: rule for rule in firewall(prod)["Rules"]}
    bodies = firewall(prod)["CustomResponseBodies"]
    for rule, status in (("BodyTooLarge", 413), ("RateLimitPerClient", 429)):
        response = rules[rule]["Action"]["Block"]["CustomResponse"]
        assert response["ResponseCode"] == status
        body = bodies[response["CustomResponseBodyKey"]]
        assert body["ContentType"] == "APPLICATION_JSON"
        assert json.loads(body["Content"])["status"] == status
