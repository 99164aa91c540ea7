"""Synthesizes the stacks once per run, offline: the prod stage as configured, and one with every option on."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

INFRA = Path(__file__).resolve().parents[1]
ROOT = INFRA.parent
sys.path[:0] = [str(ROOT), str(INFRA)]

# Chalice imports `app` to package it, and PynamoDB reads its Meta then: the prod names first.
from chalicelib.devtools.environment import offline_environment  # noqa: E402

os.environ.update(offline_environment("prod"))
os.environ.pop("AWS_ENDPOINT_URL", None)
# jsii runs the CDK in Node.js: the one infra/requirements.txt installs beside this Python.
os.environ.setdefault("JSII_NODE", str(Path(sys.executable).parent / "node"))
os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")


@dataclass
class Synthesized:
    template: Any  # aws_cdk.assertions.Template
    document: dict[str, Any]
    template_path: Path
    outdir: Path

    def resources(self, kind: str) -> dict[str, dict[str, Any]]:
        return {name: r for name, r in self.document["Resources"].items() if r["Type"] == kind}

    def resource(self, name: str) -> dict[str, Any]:
        return self.document["Resources"][name]  # type: ignore[no-any-return]


def synthesize(config: Any, outdir: Path) -> Synthesized:
    import aws_cdk as cdk
    from aws_cdk.assertions import Template
    from casebridge_infra.stack import CasebridgeStack

    app = cdk.App(outdir=str(outdir))
    stack = CasebridgeStack(app, config)
    app.synth()
    path = outdir / f"{config.stage}.template.json"
    return Synthesized(Template.from_stack(stack), json.loads(path.read_text()), path, outdir)


@pytest.fixture(scope="session")
def prod(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """The prod stage exactly as `infra/stages/prod.json` configures it."""
    from casebridge_infra.config import load

    return synthesize(load("prod"), tmp_path_factory.mktemp("prod"))


@pytest.fixture(scope="session")
def dev(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    from casebridge_infra.config import load

    return synthesize(load("dev"), tmp_path_factory.mktemp("dev"))


@pytest.fixture(scope="session")
def every_option(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    return synthesize(every_option_config(), tmp_path_factory.mktemp("every-option"))


def every_option_config() -> Any:
    """prod with a custom mTLS domain, a webhook for HSI, DEA's own bus, USPIS's own queue, an
    alarm e-mail and an issuer."""
    from casebridge_infra.config import StageConfig, load

    return StageConfig.model_validate(
        load("prod").model_dump()
        | {
            "alarm_email": "soc@example.gov",
            "trusted_issuers": [ISSUER],
            "custom_domain": {
                "domain_name": "api.casebridge.example.gov",
                "certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/0b7b5c1d-1111-2222-3333-444455556666",
                "truststore_uri": "s3://casebridge-truststore/agencies.pem",
                "truststore_version": "3",
            },
            "event_buses": {"DEA": DEA_BUS},
            "queues": {"USPIS": USPIS_QUEUE},
            "evidence_browser_origins": ["https://cases.dea.example.gov"],
            "webhooks": {"HSI": {"endpoint": "https://notify.hsi.example.gov/casebridge"}},
            "console_identity_providers": [CONSOLE_PROVIDER],
        }
    )


#: DEA's identity provider, offered by the console's sign-in.
CONSOLE_PROVIDER = {
    "name": "dea",
    "label": "DEA single sign-on",
    "authorization_endpoint": "https://idp.dea.example.gov/oauth2/authorize",
    "token_endpoint": "https://idp.dea.example.gov/oauth2/token",
    "client_id": "casebridge-console",
    "organisations": ["DEA"],
}
#: Buses and queues in the organisations' own accounts.
DEA_BUS = "arn:aws:events:us-east-1:111122223333:event-bus/casebridge"
USPIS_QUEUE = "arn:aws:sqs:us-east-1:444455556666:casebridge-notifications"
ISSUER = {
    "issuer": "https://idp.dea.example.gov",
    "organisations": ["DEA"],
    "jwks": {
        "keys": [
            {
                "kty": "EC",
                "crv": "P-256",
                "kid": "dea-1",
                "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
            }
        ]
    },
}
