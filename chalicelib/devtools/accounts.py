"""Clients acting as another AWS account on moto, for the organisations' own buses and queues.

moto keeps accounts apart by the caller's credentials and takes no account from a resource's
ARN or URL: a `SendMessage` to another account's queue URL, or a `PutEvents` to another account's
bus ARN, looks in the caller's own account and finds nothing (docs/development/facts.md). So
offline, `delivery.AwsTargets` reaches an organisation's account as that account (an assumed
role); what AWS checks there, the receiving side's resource policy, moto does not.
"""

from __future__ import annotations

from typing import Any

import boto3

#: The role assumed in an organisation's account: any name does on moto.
RECEIVER_ROLE = "casebridge-receiver"


def client_in(service: str, region: str, account: str) -> Any:
    """A client of `service` in `region` whose calls act in `account`."""
    role = f"arn:aws:iam::{account}:role/{RECEIVER_ROLE}"
    credentials = boto3.client("sts").assume_role(RoleArn=role, RoleSessionName="casebridge-delivery")["Credentials"]
    return boto3.client(
        service,
        region_name=region,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
