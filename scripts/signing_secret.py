"""`make signing-secret ORG=DEA STAGE=prod [OUT=file]`: an organisation's webhook signing secret, created at runtime.

With your AWS credentials, as `make deploy` uses them: creates
`casebridge-<stage>/webhook-signing/<ORG>` in Secrets Manager, `{"current": <48 letters and
digits>}`, encrypted with the stack's key (`alias/casebridge-<stage>`), unless it exists, and
writes `whsec_<current>` (what the organisation's receiver verifies with) to OUT, mode 0600,
to hand over on a channel you trust. It prints where, never the secret. The stack creates no
secret per organisation (docs/events/webhooks.md, *Signing secrets*).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from chalicelib.topology import topology
from chalicelib.webhooks import create_signing_secret


def main(argv: list[str] | None = None, client: Any = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", required=True)
    parser.add_argument("--stage", required=True)
    parser.add_argument("--out", default="", help="where to write whsec_… (default: <ORG>-webhook-secret.txt)")
    args = parser.parse_args(argv)
    if client is None:
        import boto3

        client = boto3.client("secretsmanager")
    plan = topology(args.stage)
    org = args.org.upper()
    name = plan.webhook_secret_name(org)
    created = create_signing_secret(client, name, kms_key_id=f"alias/{plan.table_name}")
    current = json.loads(client.get_secret_value(SecretId=name)["SecretString"])["current"]
    out = Path(args.out or f"{org}-webhook-secret.txt")
    descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(f"whsec_{current}\n")
    print(f"{name}: {'created' if created else 'already there'}; whsec_… written to {out} (0600)", file=sys.stderr)


if __name__ == "__main__":
    main()
