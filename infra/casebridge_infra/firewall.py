"""AWS WAF in front of the API: request-size limits at the edge and a per-client rate limit.

API Gateway itself accepts bodies up to 10 MB. WAF inspects up to 64 KiB of a body here,
which is exactly the limit of every route but `POST /v1/tips/batch`; that route's 2 MiB
limit is the app's (413 problem), as is every limit's exact answer.
"""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from casebridge_infra.config import StageConfig
from chalicelib.api.problems import problem_document
from chalicelib.settings import Settings
from chalicelib.topology import Topology

#: The larger limit's route (see `chalicelib/api/routes/tips.py`).
BATCH_PATH = "/v1/tips/batch"
INSPECTION_LIMIT = "KB_64"
INSPECTED_BYTES = 64 * 1024


#: What WAF answers when it blocks, as the app would (WAF cannot send `application/problem+json`
#: or Retry-After: it prefixes custom headers and knows three content types).
REFUSALS = {
    "payload-too-large": (413, "the request body is larger than this route accepts"),
    "too-many-requests": (429, "too many requests from this address; slow down"),
}


def _refuse(status: int, body: str) -> wafv2.CfnWebACL.RuleActionProperty:
    return wafv2.CfnWebACL.RuleActionProperty(
        block=wafv2.CfnWebACL.BlockActionProperty(
            custom_response=wafv2.CfnWebACL.CustomResponseProperty(response_code=status, custom_response_body_key=body)
        )
    )


def max_body_bytes() -> int:
    """The app's limit for every route but the tip batch, from its settings' default."""
    default = Settings.model_fields["max_body_bytes"].default
    assert isinstance(default, int)
    return default


def build_firewall(
    scope: Construct, plan: Topology, config: StageConfig, rest_api_id: str, stage: str
) -> wafv2.CfnWebACL:
    if max_body_bytes() > INSPECTED_BYTES:
        raise ValueError("WAF cannot inspect a body past 64 KiB: raise the app's limit only with this rule changed")

    def visible(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
        return wafv2.CfnWebACL.VisibilityConfigProperty(
            cloud_watch_metrics_enabled=True, metric_name=f"{plan.table_name}-{name}", sampled_requests_enabled=True
        )

    body_too_large = wafv2.CfnWebACL.StatementProperty(
        size_constraint_statement=wafv2.CfnWebACL.SizeConstraintStatementProperty(
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(
                body=wafv2.CfnWebACL.BodyProperty(oversize_handling="MATCH")
            ),
            comparison_operator="GT",
            size=max_body_bytes(),
            text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")],
        )
    )
    batch_route = wafv2.CfnWebACL.StatementProperty(
        byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(uri_path={}),
            positional_constraint="EXACTLY",
            search_string=BATCH_PATH,
            text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")],
        )
    )

    def rule(name: str, statement: wafv2.CfnWebACL.StatementProperty, **action: Any) -> wafv2.CfnWebACL.RuleProperty:
        return wafv2.CfnWebACL.RuleProperty(
            name=name, priority=len(rules), statement=statement, visibility_config=visible(name), **action
        )

    rules: list[wafv2.CfnWebACL.RuleProperty] = []
    not_batch = wafv2.CfnWebACL.StatementProperty(
        not_statement=wafv2.CfnWebACL.NotStatementProperty(statement=batch_route)
    )
    rules.append(
        rule(
            "BodyTooLarge",
            wafv2.CfnWebACL.StatementProperty(
                and_statement=wafv2.CfnWebACL.AndStatementProperty(statements=[body_too_large, not_batch])
            ),
            action=_refuse(413, "payload-too-large"),
        )
    )
    rules.append(
        rule(
            "RateLimitPerClient",
            wafv2.CfnWebACL.StatementProperty(
                rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                    limit=config.waf_rate_limit, aggregate_key_type="IP"
                )
            ),
            action=_refuse(429, "too-many-requests"),
        )
    )
    rules.append(
        rule(
            "KnownBadInputs",
            wafv2.CfnWebACL.StatementProperty(
                managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                    vendor_name="AWS", name="AWSManagedRulesKnownBadInputsRuleSet"
                )
            ),
            override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
        )
    )
    acl = wafv2.CfnWebACL(
        scope,
        "Firewall",
        name=plan.table_name,
        scope="REGIONAL",
        default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
        rules=rules,
        visibility_config=visible("Acl"),
        custom_response_bodies={
            key: wafv2.CfnWebACL.CustomResponseBodyProperty(
                content_type="APPLICATION_JSON", content=json.dumps(problem_document(status, detail))
            )
            for key, (status, detail) in REFUSALS.items()
        },
        association_config=wafv2.CfnWebACL.AssociationConfigProperty(
            request_body={
                "API_GATEWAY": wafv2.CfnWebACL.RequestBodyAssociatedResourceTypeConfigProperty(
                    default_size_inspection_limit=INSPECTION_LIMIT
                )
            }
        ),
    )
    stack = cdk.Stack.of(scope)
    # `RestAPI.Stage` is SAM's name for the stage it generates, resolved by the SAM transform:
    # cfn-lint checks the transformed template; the CDK's own validation (before SAM) warns.
    wafv2.CfnWebACLAssociation(
        scope,
        "FirewallAssociation",
        web_acl_arn=acl.attr_arn,
        resource_arn=cdk.Fn.join(
            "", ["arn:", stack.partition, ":apigateway:", stack.region, "::/restapis/", rest_api_id, "/stages/", stage]
        ),
    )
    return acl
