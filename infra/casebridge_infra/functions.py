"""The Chalice app as CloudFormation (`chalice.cdk`), with what Chalice cannot say set by overrides.

Chalice packages `app.py`, `chalicelib/` and `requirements.txt` into a SAM template; here
each function gets its log group, its environment and its role's policy, the stream
handler its failure handling, and the API its throttling, access logs and domain.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from chalice.cdk import Chalice
from constructs import Construct

from casebridge_infra.config import StageConfig
from casebridge_infra.data import Data, index_names, tls_only
from casebridge_infra.malware import SCAN_TAG, THREATS_FOUND
from casebridge_infra.notifications import Notifications
from casebridge_infra.permissions import Grants, policy, set_role_policy
from chalicelib.api.problems import PROBLEM_JSON, problem_document
from chalicelib.domain.files import OBJECT_PREFIX
from chalicelib.storage.keys import FEED_PARTITION_PREFIX, TIMERS_PARTITION_PREFIX
from chalicelib.topology import Topology

ROOT = Path(__file__).resolve().parents[2]

#: Chalice's logical ids: the function, its role, and the short name its log group takes.
API, STREAM, TIMERS, ARRIVALS, WEBHOOKS, SEED = (
    "APIHandler",
    "PublishChanges",
    "FireTimers",
    "CheckArrivals",
    "DeliverWebhooks",
    "SeedRegistry",
)
ROLES = {
    API: "ApiHandlerRole",
    STREAM: "PublishChangesRole",
    TIMERS: "FireTimersRole",
    ARRIVALS: "CheckArrivalsRole",
    WEBHOOKS: "DeliverWebhooksRole",
    SEED: "SeedRegistryRole",
}
LOG_NAMES = {
    API: "api",
    STREAM: "stream",
    TIMERS: "timers",
    ARRIVALS: "arrivals",
    WEBHOOKS: "webhooks",
    SEED: "seed",
}
#: Batches of the delivery queue at once, for every organisation together: an endpoint that
#: is down costs one attempt a batch (`chalicelib.delivery`), a slow one at most `TIMEOUT`.
DELIVERY_CONCURRENCY = 20
STREAM_EVENT = "PublishChangesDynamodbEventSource"
ARRIVALS_EVENT = "CheckArrivalsSqsEventSource"
REST_API = "RestAPI"

#: One JSON line per request in the access log; no bodies, no tokens.
ACCESS_LOG_FORMAT = json.dumps(
    {
        "requestId": "$context.requestId",
        "extendedRequestId": "$context.extendedRequestId",
        "ip": "$context.identity.sourceIp",
        "userAgent": "$context.identity.userAgent",
        "requestTime": "$context.requestTime",
        "method": "$context.httpMethod",
        "resourcePath": "$context.resourcePath",
        "path": "$context.path",
        "status": "$context.status",
        "responseLength": "$context.responseLength",
        "latency": "$context.responseLatency",
        "integrationLatency": "$context.integrationLatency",
        "wafStatus": "$context.waf.status",
        "clientCertSerial": "$context.identity.clientCert.serialNumber",
    }
)


#: API Gateway's own refusals, made before the app runs: response type → (status, detail).
#: Each leaves as a problem+json body like the app's own errors.
GATEWAY_REFUSALS = {
    # API Gateway answers an unknown route or method with 403 "Missing Authentication Token".
    "MISSING_AUTHENTICATION_TOKEN": (404, "no such route"),
    "RESOURCE_NOT_FOUND": (404, "no such route"),
    "UNAUTHORIZED": (401, "a valid bearer token is required"),
    "ACCESS_DENIED": (403, "the gateway refused the request"),
    "WAF_FILTERED": (403, "the firewall refused the request"),
    "BAD_REQUEST_BODY": (400, "the request body could not be read"),
    "BAD_REQUEST_PARAMETERS": (400, "the request parameters could not be read"),
    "REQUEST_TOO_LARGE": (413, "the request is larger than the gateway accepts"),
    "UNSUPPORTED_MEDIA_TYPE": (415, "the request body must be JSON"),
    "THROTTLED": (429, "too many requests; retry after the time in Retry-After"),
    "QUOTA_EXCEEDED": (429, "too many requests; retry after the time in Retry-After"),
    "INTEGRATION_FAILURE": (502, "the service failed to answer; retry"),
    "INTEGRATION_TIMEOUT": (504, "the service took too long to answer; retry"),
    "DEFAULT_4XX": (400, "the gateway refused the request"),
    "DEFAULT_5XX": (502, "the gateway failed to serve the request; retry"),
}


def gateway_responses() -> dict[str, Any]:
    """SAM's `GatewayResponses`: every refusal above as `application/problem+json`."""
    responses = {}
    for response_type, (status, detail) in GATEWAY_REFUSALS.items():
        headers = {"Content-Type": f"'{PROBLEM_JSON}'"}
        if status in (429, 502, 504):
            headers["Retry-After"] = "'1'"
        responses[response_type] = {
            "StatusCode": str(status),
            "ResponseParameters": {"Headers": headers},
            "ResponseTemplates": {"application/json": json.dumps(problem_document(status, detail))},
        }
    return responses


@dataclass
class Functions:
    chalice: Chalice
    log_groups: dict[str, logs.CfnLogGroup]

    def function_name(self, logical_id: str) -> str:
        return str(self.chalice.get_resource(logical_id).ref)


def log_group_prefix(plan: Topology) -> str:
    return f"/casebridge/{plan.stage}/"


def _without_bytecode(folder: Path) -> None:
    """`chalice package` zips every file under `chalicelib/`: the bytecode a test run wrote, or
    the packager's own import of the app (a process of its own, which inherits this one's
    environment), would ride in the bundle and change its hash run after run. None is written
    from here on, and what is there goes."""
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    sys.dont_write_bytecode = True
    for cache in sorted(folder.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)


def build_functions(
    scope: Construct, plan: Topology, config: StageConfig, data: Data, notifications: Notifications
) -> Functions:
    _without_bytecode(ROOT / "chalicelib")
    chalice = Chalice(scope, "Chalice", source_dir=str(ROOT))
    names = {name: f"{log_group_prefix(plan)}{LOG_NAMES[name]}" for name in LOG_NAMES}
    log_groups = {
        name: _log_group(scope, f"{LOG_NAMES[name].title()}Logs", names[name], config, data.key) for name in names
    }
    grants = {
        API: Grants(
            names[API], query_indexes=index_names(), cursor_secret=True, deconfliction_keys=True, presign_evidence=True
        ),
        STREAM: Grants(
            names[STREAM],
            query_indexes=index_names(),
            read_stream=True,
            publish_events=True,
            deconfliction_keys=True,
            stream_failures=True,
            archive_audit=True,
            # Feed entries, and the second pass's recheck timers for a batch's new identifiers.
            batch_writes=(FEED_PARTITION_PREFIX, TIMERS_PARTITION_PREFIX),
        ),
        # The scheduler matches new identifiers a second time: the blind index and its keys.
        TIMERS: Grants(names[TIMERS], query_indexes=("blind",), deconfliction_keys=True),
        # Reads what arrived in the evidence bucket, and records what it was.
        ARRIVALS: Grants(names[ARRIVALS], read_evidence=True, evidence_arrivals=True),
        # Reads the delivery queue, fans out onto it; signs and posts, puts on buses and queues.
        WEBHOOKS: Grants(names[WEBHOOKS], deliver_webhooks=True),
        # The registry's seed, behind the stack's custom resource: conditional writes of the table.
        SEED: Grants(names[SEED]),
    }
    environment = {
        "CASEBRIDGE_AUDIENCE": config.audience,
        "CASEBRIDGE_TRUSTED_ISSUERS": json.dumps([issuer.model_dump() for issuer in config.trusted_issuers]),
        "CASEBRIDGE_CURSOR_SECRET_NAME": data.cursor_secret.ref,
        "CASEBRIDGE_DECONFLICTION_KEYS_SECRET": data.deconfliction_keys.ref,
        "CASEBRIDGE_OPERATION_BUFFER_MINUTES": str(config.operation_buffer_minutes),
        "CASEBRIDGE_DISCLOSE_TIP_ROUTING": str(config.disclose_tip_routing).lower(),
        "CASEBRIDGE_AUDIT_ARCHIVE_BUCKET": data.audit_archive.ref,
        "CASEBRIDGE_EVIDENCE_BUCKET": data.evidence.bucket.ref,
        "CASEBRIDGE_MALWARE_SCAN": config.malware_scan.value,
    }
    for name, log_group in log_groups.items():
        function = chalice.get_resource(name)
        function.add_property_override("LoggingConfig", {"LogGroup": log_group.ref, "LogFormat": "Text"})
        for variable, value in environment.items():
            chalice.add_environment_variable(variable, value, name)
        set_role_policy(chalice.get_resource(ROLES[name]), policy(data, notifications, grants[name]))
    _stream_failure_handling(chalice, config, data, notifications)
    _arrivals(chalice, data)
    _webhooks(scope, chalice, config, notifications)
    evidence_policy(scope, data, chalice.get_resource(ROLES[API]), chalice.get_resource(ROLES[ARRIVALS]))
    _api_stage(scope, chalice, plan, config, data)
    return Functions(chalice, log_groups)


def _arrivals(chalice: Chalice, data: Data) -> None:
    """The evidence bucket's arrivals queue, ten messages a batch, with partial batch responses."""
    function = chalice.get_resource(ARRIVALS)
    source = f"Events.{ARRIVALS_EVENT}.Properties"
    function.add_property_override(f"{source}.Queue", data.evidence.arrivals.attr_arn)
    function.add_property_override(f"{source}.FunctionResponseTypes", ["ReportBatchItemFailures"])


def _webhooks(scope: Construct, chalice: Chalice, config: StageConfig, notifications: Notifications) -> None:
    """The delivery function reads the one delivery queue through one mapping, at most
    `DELIVERY_CONCURRENCY` batches at once. It learns the organisations' delivery settings from
    its environment (`chalicelib.delivery.stage_delivery_settings`) until the registry holds them."""
    settings = {
        "CASEBRIDGE_WEBHOOKS": {org: {"endpoint": str(hook.endpoint)} for org, hook in sorted(config.webhooks.items())},
        "CASEBRIDGE_EVENT_BUSES": dict(sorted(config.event_buses.items())),
        "CASEBRIDGE_QUEUES": dict(sorted(config.queues.items())),
    }
    for variable, value in settings.items():
        chalice.add_environment_variable(variable, json.dumps(value), WEBHOOKS)
    lambda_.CfnEventSourceMapping(
        scope,
        "DeliveriesMapping",
        function_name=chalice.get_resource(WEBHOOKS).ref,
        event_source_arn=notifications.deliveries.queue_arn,
        batch_size=10,
        function_response_types=["ReportBatchItemFailures"],
        scaling_config=lambda_.CfnEventSourceMapping.ScalingConfigProperty(maximum_concurrency=DELIVERY_CONCURRENCY),
    )


def evidence_policy(scope: Construct, data: Data, api: cdk.CfnResource, arrivals: cdk.CfnResource) -> None:
    """The evidence bucket's policy: TLS only; its files for the roles that presign and check
    them (and GuardDuty's, where the stage scans), whatever another principal's IAM policy
    allows; and where GuardDuty tagged a threat, no download URL works, even one issued before."""
    bucket, malware = data.evidence.bucket, data.evidence.malware
    files = f"{bucket.attr_arn}/{OBJECT_PREFIX}*"
    roles = [api.get_att("Arn"), arrivals.get_att("Arn")]
    statements = [
        iam.PolicyStatement(
            sid="FilesForTheFunctionsOnly",
            effect=iam.Effect.DENY,
            principals=[iam.AnyPrincipal()],
            actions=["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
            resources=[files],
            conditions={"ArnNotEquals": {"aws:PrincipalArn": [*roles, *([malware.role.attr_arn] if malware else [])]}},
        )
    ]
    if malware is not None:
        statements.append(
            iam.PolicyStatement(
                sid="NoThreatServed",
                effect=iam.Effect.DENY,
                principals=[iam.AnyPrincipal()],
                # A download URL names the checked version: reading it is `GetObjectVersion`.
                actions=["s3:GetObject", "s3:GetObjectVersion"],
                resources=[files],
                conditions={
                    "ArnEquals": {"aws:PrincipalArn": api.get_att("Arn")},
                    "StringEquals": {f"s3:ExistingObjectTag/{SCAN_TAG}": THREATS_FOUND},
                },
            )
        )
    tls_only(scope, "EvidencePolicy", bucket, *statements)


def _log_group(scope: Construct, construct_id: str, name: str, config: StageConfig, key: kms.IKey) -> logs.CfnLogGroup:
    """Kept at least a year: the functions' logs carry the CJIS audit trail of failed attempts."""
    group = logs.CfnLogGroup(
        scope, construct_id, log_group_name=name, retention_in_days=config.log_retention_days, kms_key_id=key.key_arn
    )
    group.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    return group


def _stream_failure_handling(chalice: Chalice, config: StageConfig, data: Data, notifications: Notifications) -> None:
    """Partial batch responses, halving on error, bounded retries, then the stream-failures queue."""
    source = f"Events.{STREAM_EVENT}.Properties"
    function = chalice.get_resource(STREAM)
    for path, value in {
        "Stream": data.table.attr_stream_arn,
        "StartingPosition": "TRIM_HORIZON",
        "BatchSize": 100,
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "BisectBatchOnFunctionError": True,
        "MaximumRetryAttempts": config.stream_retry_attempts,
        "MaximumRecordAgeInSeconds": config.stream_max_record_age_seconds,
        "ParallelizationFactor": config.stream_parallelization,
        "DestinationConfig": {"OnFailure": {"Destination": notifications.stream_failures.queue_arn}},
    }.items():
        function.add_property_override(f"{source}.{path}", value)


def _api_stage(scope: Construct, chalice: Chalice, plan: Topology, config: StageConfig, data: Data) -> None:
    """Throttling, metrics and access logs on every method; mutual TLS on a custom domain if configured."""
    access_logs = _log_group(scope, "ApiAccessLogs", f"{log_group_prefix(plan)}api-access", config, data.key)
    api = chalice.get_resource(REST_API)
    api.add_property_override(
        "MethodSettings",
        [
            {
                "ResourcePath": "/*",
                "HttpMethod": "*",
                "ThrottlingRateLimit": config.throttle_rate,
                "ThrottlingBurstLimit": config.throttle_burst,
                "MetricsEnabled": True,
                "DataTraceEnabled": False,
            }
        ],
    )
    api.add_property_override("GatewayResponses", gateway_responses())
    api.add_property_override("AccessLogSetting", {"DestinationArn": access_logs.attr_arn, "Format": ACCESS_LOG_FORMAT})
    domain = config.custom_domain
    if domain is None:
        return
    api.add_property_override(
        "Domain",
        {
            "DomainName": domain.domain_name,
            "CertificateArn": domain.certificate_arn,
            "EndpointConfiguration": "REGIONAL",
            "SecurityPolicy": "TLS_1_2",
            "MutualTlsAuthentication": {
                "TruststoreUri": domain.truststore_uri,
                **({"TruststoreVersion": domain.truststore_version} if domain.truststore_version else {}),
            },
        },
    )
    # With mutual TLS on the domain, the execute-api address would be a way around it.
    api.add_property_override("DisableExecuteApiEndpoint", True)
