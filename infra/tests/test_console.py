"""The console's static site: a private bucket that only the distribution reads (origin access
control), HTTPS only, the strict headers on every response, and the API under `/v1/*` of the
same origin."""

from __future__ import annotations

import json
from typing import Any

from chalicelib.console_site import HSTS_SECONDS, content_security_policy


def only(synth, kind: str) -> dict[str, Any]:
    (found,) = synth.resources(kind).values()
    return found["Properties"]  # type: ignore[no-any-return]


def distribution(synth) -> dict[str, Any]:
    return only(synth, "AWS::CloudFront::Distribution")["DistributionConfig"]  # type: ignore[no-any-return]


def test_the_site_bucket_is_private_encrypted_and_tls_only(prod):
    (name,) = [name for name in prod.resources("AWS::S3::Bucket") if name.startswith("ConsoleSite")]
    bucket = prod.resource(name)
    properties = bucket["Properties"]
    assert properties["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert "BucketEncryption" in properties and bucket["DeletionPolicy"] == "Retain"
    assert "WebsiteConfiguration" not in properties  # served by CloudFront, never as an S3 website
    (policy,) = [
        resource["Properties"]["PolicyDocument"]
        for resource in prod.resources("AWS::S3::BucketPolicy").values()
        if json.dumps(resource["Properties"]["Bucket"]).count(name)
    ]
    statements = policy["Statement"]
    denied = [s for s in statements if s["Effect"] == "Deny"]
    assert any(s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in denied)
    (reader,) = [s for s in statements if s["Effect"] == "Allow"]
    assert reader["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert reader["Action"] == "s3:GetObject"
    assert "AWS:SourceArn" in json.dumps(reader["Condition"])  # this distribution, no other


def test_the_distribution_reads_the_bucket_through_origin_access_control_over_https_only(prod):
    config = distribution(prod)
    assert config["DefaultRootObject"] == "index.html"
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "https-only"
    assert all(b["ViewerProtocolPolicy"] == "https-only" for b in config["CacheBehaviors"])
    (site,) = [origin for origin in config["Origins"] if "S3OriginConfig" in origin]
    assert site["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # no legacy identity: OAC
    assert "OriginAccessControlId" in site
    control = only(prod, "AWS::CloudFront::OriginAccessControl")["OriginAccessControlConfig"]
    assert (control["SigningBehavior"], control["SigningProtocol"]) == ("always", "sigv4")


def test_every_response_carries_the_strict_headers(prod):
    policy = only(prod, "AWS::CloudFront::ResponseHeadersPolicy")["ResponseHeadersPolicyConfig"]
    security = policy["SecurityHeadersConfig"]
    csp = security["ContentSecurityPolicy"]
    text = json.dumps(csp)
    assert "unsafe-inline" not in text and "script-src 'self'; style-src 'self';" in text
    # connect-src: its own origin, and the evidence bucket (named by CloudFormation) for productions
    assert "connect-src 'self' https://" in text and '"Ref": "Evidence' in text
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == HSTS_SECONDS
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"
    assert security["ContentTypeOptions"]["Override"] is True
    custom = {header["Header"]: header["Value"] for header in policy["CustomHeadersConfig"]["Items"]}
    assert custom["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in custom["Permissions-Policy"]
    config = distribution(prod)
    behaviors = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]
    assert all("ResponseHeadersPolicyId" in behavior for behavior in behaviors)


def test_the_api_is_the_consoles_own_origin_under_v1_uncached_with_the_token_forwarded(prod):
    config = distribution(prod)
    (api,) = config["CacheBehaviors"]
    assert api["PathPattern"] == "/v1/*"
    assert "POST" in api["AllowedMethods"]
    (origin,) = [origin for origin in config["Origins"] if origin["Id"] == api["TargetOriginId"]]
    assert origin["OriginPath"] == "/v1"
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert "RestAPI" in json.dumps(origin["DomainName"])
    cache = only(prod, "AWS::CloudFront::CachePolicy")["CachePolicyConfig"]
    assert cache["DefaultTTL"] == 0 and cache["MaxTTL"] <= 1
    assert cache["ParametersInCacheKeyAndForwardedToOrigin"]["HeadersConfig"]["Headers"] == ["Authorization"]


def test_an_identity_providers_token_endpoint_joins_connect_src(every_option):
    policy = only(every_option, "AWS::CloudFront::ResponseHeadersPolicy")["ResponseHeadersPolicyConfig"]
    csp = json.dumps(policy["SecurityHeadersConfig"]["ContentSecurityPolicy"])
    assert "connect-src 'self' https://" in csp and " https://idp.dea.example.gov; frame-ancestors" in csp
    assert "script-src 'self';" in csp
    assert content_security_policy().split("connect-src")[0] in csp  # the rest as on make run


def test_with_client_certificates_required_the_console_does_not_route_the_api(every_option):
    assert "CacheBehaviors" not in distribution(every_option)
