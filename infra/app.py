"""The CDK app: `make synth STAGE=prod` writes `infra/cdk.out`, `make deploy STAGE=prod` deploys it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

INFRA = Path(__file__).resolve().parent
sys.path[:0] = [str(INFRA.parent), str(INFRA)]

import aws_cdk as cdk  # noqa: E402
from casebridge_infra.config import load  # noqa: E402
from casebridge_infra.stack import CasebridgeStack  # noqa: E402


def main() -> None:
    app = cdk.App(outdir=os.environ.get("CDK_OUTDIR", str(INFRA / "cdk.out")))
    stage = app.node.try_get_context("stage") or os.environ.get("STAGE", "dev")
    config = load(stage)
    # Chalice's packager asks botocore for a region; the template itself says ${AWS::Region}.
    os.environ.setdefault("AWS_DEFAULT_REGION", config.region or "us-east-1")
    CasebridgeStack(app, config)
    app.synth()


if __name__ == "__main__":
    main()
