"""The environment of an offline stage: moto's fake credentials and the topology's names.

Set it before importing `app` or `chalicelib.storage`: PynamoDB reads the table name then.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from chalicelib.devtools.issuer import DEV_TOKEN_MAX_HOURS
from chalicelib.topology import topology

if TYPE_CHECKING:
    from chalice.app import Chalice
    from chalice.test import Client


def offline_environment(stage: str) -> dict[str, str]:
    plan = topology(stage)
    return {
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        # moto accepts any credentials; these keep a real account out of reach.
        "AWS_ACCESS_KEY_ID": "offline",
        "AWS_SECRET_ACCESS_KEY": "offline",
        # botocore's account-based endpoints are not matched by moto's DynamoDB streams.
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "CASEBRIDGE_STAGE": stage,
        "CASEBRIDGE_TABLE": plan.table_name,
        "CASEBRIDGE_EVENT_BUS": plan.bus_name,
        "CASEBRIDGE_AUDIT_ARCHIVE_BUCKET": plan.audit_archive_bucket,
        "CASEBRIDGE_EVIDENCE_BUCKET": plan.evidence_bucket,
        "CASEBRIDGE_MAX_TOKEN_HOURS": str(DEV_TOKEN_MAX_HOURS),
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }


def app_client(app: Chalice) -> Client:
    """Chalice's test client in this process's stage.

    `Client(app)` takes the stage `dev` of `.chalice/config.json`, and patches that stage's
    variables (`CASEBRIDGE_STAGE=dev`, the table `casebridge-dev`) into the environment for the
    length of each request: settings first read inside a request would be the `dev` stage's.
    A stage `.chalice/config.json` does not name patches only its top-level variables.
    """
    from chalice.test import Client

    return Client(app, stage_name=os.environ.get("CASEBRIDGE_STAGE", "dev"))
