"""`make deploy` publishes the console: every file with its media type, its config (the stage's
identity providers, the API at the console's own origin), then one invalidation."""

from __future__ import annotations

import json
from typing import Any

import boto3
from moto import mock_aws

from chalicelib.console_site import shipped_files
from scripts.publish_console import publish, site_config


class Invalidations:
    """CloudFront, as far as publishing uses it."""

    def __init__(self) -> None:
        self.asked: list[dict[str, Any]] = []

    def create_invalidation(self, **asked: Any) -> None:
        self.asked.append(asked)


def test_every_file_and_the_config_are_published_then_the_site_invalidated_once():
    provider = {"name": "dea", "label": "DEA", "client_id": "console", "token_endpoint": "https://idp/token"}
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="site")
        cloudfront = Invalidations()
        written = publish(s3, cloudfront, "site", "E123", site_config([provider]))
        assert len(written) == len(shipped_files()) + 1
        page = s3.get_object(Bucket="site", Key="index.html")
        assert page["ContentType"] == "text/html; charset=utf-8" and page["CacheControl"] == "no-cache"
        assert s3.get_object(Bucket="site", Key="js/main.js")["ContentType"].startswith("text/javascript")
        config = json.loads(s3.get_object(Bucket="site", Key="config.json")["Body"].read())
    assert config["api_url"] == "" and config["providers"] == [provider]
    (invalidation,) = cloudfront.asked
    assert invalidation["DistributionId"] == "E123"
    assert invalidation["InvalidationBatch"]["Paths"] == {"Quantity": 1, "Items": ["/*"]}
