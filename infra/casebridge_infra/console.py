"""The console as a static site: a private bucket behind CloudFront (origin access control), HTTPS
only, every response under the strict headers `chalicelib.console_site` declares, and the API
served by the same distribution under `/v1/*`, so that the console calls its own origin (no CORS,
`connect-src 'self'`) exactly as it does on `make run`.

The files are published after a deploy by `scripts/publish_console.py` (`make deploy` runs it):
a `BucketDeployment` would add a function whose role lists wildcard S3 actions, which the
least-privilege checks (`infra/tests/test_permissions.py`) refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from constructs import Construct

from casebridge_infra.config import StageConfig
from chalicelib.console_site import HSTS_SECONDS, STRICT_HEADERS, content_security_policy

#: The API's path on the distribution, and Chalice's stage on API Gateway that serves it.
API_PATH = "/v1/*"
#: What the API needs of a request that CloudFront forwards: the body's type, the idempotency
#: and concurrency headers, content negotiation; `Authorization` rides on the cache key (below).
API_HEADERS = ("Accept", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match")


@dataclass(frozen=True)
class Console:
    bucket: s3.Bucket
    distribution: cloudfront.Distribution
    headers: cloudfront.ResponseHeadersPolicy


def headers_policy(scope: Construct, config: StageConfig, evidence_bucket: str) -> cloudfront.ResponseHeadersPolicy:
    """The site's headers, on every response the distribution sends (the API's too). The console
    connects to its own origin, the identity providers' token endpoints, and the evidence bucket
    (productions are PUT there with the API's presigned URLs: S3's global and regional names)."""
    connect = [str(provider.token_endpoint) for provider in config.console_identity_providers]
    stack = cdk.Stack.of(scope)
    storage = [
        f"https://{evidence_bucket}.s3.{stack.url_suffix}",
        f"https://{evidence_bucket}.s3.{stack.region}.{stack.url_suffix}",
    ]
    origins_ = sorted({_origin(url) for url in connect}) + storage
    custom = [
        cloudfront.ResponseCustomHeader(header=name, value=value, override=True)
        for name, value in STRICT_HEADERS.items()
        if name not in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")
    ]
    return cloudfront.ResponseHeadersPolicy(
        scope,
        "ConsoleHeaders",
        response_headers_policy_name=f"casebridge-{config.stage}-console",
        comment="casebridge console: strict CSP without unsafe-inline, HSTS, no framing, no referrer",
        security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
            content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                content_security_policy=content_security_policy(origins_), override=True
            ),
            content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            frame_options=cloudfront.ResponseHeadersFrameOptions(
                frame_option=cloudfront.HeadersFrameOption.DENY, override=True
            ),
            referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True
            ),
            strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                access_control_max_age=cdk.Duration.seconds(HSTS_SECONDS),
                include_subdomains=True,
                preload=True,
                override=True,
            ),
        ),
        custom_headers_behavior=cloudfront.ResponseCustomHeadersBehavior(custom_headers=custom),
        remove_headers=["Server"],
    )


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def build_console(
    scope: Construct, config: StageConfig, rest_api_id: str, api_stage: str, evidence_bucket: str
) -> Console:
    """The site, its distribution and headers. Productions uploaded from the console need the
    console's address (`ConsoleUrl`) in the stage's `evidence_browser_origins` (the evidence
    bucket's CORS): a second deploy, since the bucket cannot name a distribution that depends on
    the API that names the bucket."""
    stack = cdk.Stack.of(scope)
    bucket = s3.Bucket(
        scope,
        "ConsoleSite",
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        versioned=True,
        object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removal_policy=cdk.RemovalPolicy.RETAIN,
    )
    headers = headers_policy(scope, config, evidence_bucket)
    behaviors: dict[str, cloudfront.BehaviorOptions] = {}
    if config.custom_domain is None:
        behaviors[API_PATH] = api_behavior(scope, config, stack, rest_api_id, api_stage, headers)
    else:
        cdk.Annotations.of(scope).add_warning_v2(
            "casebridge:console-api",
            "the API answers only clients with certificates (custom_domain): the console's /v1/* is not routed to it",
        )
    distribution = cloudfront.Distribution(
        scope,
        "Console",
        comment=f"casebridge {config.stage} console",
        default_root_object="index.html",
        default_behavior=cloudfront.BehaviorOptions(
            origin=origins.S3BucketOrigin.with_origin_access_control(bucket),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            response_headers_policy=headers,
            compress=True,
        ),
        additional_behaviors=behaviors,
        price_class=cloudfront.PriceClass.PRICE_CLASS_100,
        http_version=cloudfront.HttpVersion.HTTP2_AND_3,
        minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    )
    cdk.CfnOutput(scope, "ConsoleUrl", value=f"https://{distribution.distribution_domain_name}/")
    cdk.CfnOutput(scope, "ConsoleBucket", value=bucket.bucket_name)
    cdk.CfnOutput(scope, "ConsoleDistribution", value=distribution.distribution_id)
    return Console(bucket, distribution, headers)


def api_behavior(
    scope: Construct,
    config: StageConfig,
    stack: cdk.Stack,
    rest_api_id: str,
    api_stage: str,
    headers: cloudfront.ResponseHeadersPolicy,
) -> cloudfront.BehaviorOptions:
    """`/v1/*` to API Gateway's stage, uncached: the token is part of the key (so CloudFront
    forwards it) and nothing is kept past a second."""
    domain = f"{rest_api_id}.execute-api.{stack.region}.{stack.url_suffix}"
    no_cache = cloudfront.CachePolicy(
        scope,
        "ConsoleApiCache",
        cache_policy_name=f"casebridge-{config.stage}-console-api",
        comment="the API through the console's distribution: the caller's token in the key, nothing kept",
        default_ttl=cdk.Duration.seconds(0),
        min_ttl=cdk.Duration.seconds(0),
        max_ttl=cdk.Duration.seconds(1),
        header_behavior=cloudfront.CacheHeaderBehavior.allow_list("Authorization"),
        query_string_behavior=cloudfront.CacheQueryStringBehavior.all(),
        cookie_behavior=cloudfront.CacheCookieBehavior.none(),
    )
    forwarded = cloudfront.OriginRequestPolicy(
        scope,
        "ConsoleApiRequests",
        origin_request_policy_name=f"casebridge-{config.stage}-console-api",
        header_behavior=cloudfront.OriginRequestHeaderBehavior.allow_list(*API_HEADERS),
        query_string_behavior=cloudfront.OriginRequestQueryStringBehavior.all(),
        cookie_behavior=cloudfront.OriginRequestCookieBehavior.none(),
    )
    return cloudfront.BehaviorOptions(
        origin=origins.HttpOrigin(
            domain, origin_path=f"/{api_stage}", protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY
        ),
        viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
        cache_policy=no_cache,
        origin_request_policy=forwarded,
        response_headers_policy=headers,
        compress=True,
    )
