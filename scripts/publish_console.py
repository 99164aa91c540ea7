"""`make deploy` publishes the console after the stack: `python -m scripts.publish_console --stage prod`.

Uploads the console's files (`console/`) and its `config.json` (the stage's identity providers,
`console_identity_providers` in `infra/stages/<stage>.json`) to the site's bucket, then asks the
distribution to forget what it cached. The bucket and distribution are the stack's outputs
(`ConsoleBucket`, `ConsoleDistribution`). Needs your AWS credentials, as `make deploy` does.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from chalicelib.console_site import CONFIG_FILE, FOLDER, MEDIA_TYPES, shipped_files

STAGES = Path(__file__).resolve().parents[1] / "infra" / "stages"
#: The site's files are asked again at each load (304 while unchanged): a deploy shows at once.
CACHE_CONTROL = "no-cache"
#: How often the console polls the event feed in a deployed stage.
FEED_SECONDS = 5


def site_config(providers: list[dict[str, Any]]) -> dict[str, Any]:
    """What `console/js/config.js` reads: the API is the console's own origin (`/v1/*` of the
    distribution), and the providers to sign in with."""
    return {"api_url": "", "providers": providers, "feed_seconds": FEED_SECONDS}


def publish(s3: Any, cloudfront: Any, bucket: str, distribution: str, config: dict[str, Any]) -> list[str]:
    """Every file, then `config.json`, then one invalidation of the whole site; the keys written."""
    written = []
    for path in shipped_files():
        key = path.relative_to(FOLDER).as_posix()
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=path.read_bytes(),
            ContentType=MEDIA_TYPES[path.suffix],
            CacheControl=CACHE_CONTROL,
        )
        written.append(key)
    body = json.dumps(config).encode()
    s3.put_object(
        Bucket=bucket, Key=CONFIG_FILE, Body=body, ContentType=MEDIA_TYPES[".json"], CacheControl=CACHE_CONTROL
    )
    written.append(CONFIG_FILE)
    cloudfront.create_invalidation(
        DistributionId=distribution,
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": f"console-{time.time_ns()}"},
    )
    return written


def main() -> None:
    import boto3

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage", required=True)
    args = parser.parse_args()
    # The stage file as `make synth` validated it a moment before (infra/casebridge_infra/config.py).
    stage = json.loads((STAGES / f"{args.stage}.json").read_text())
    stack = boto3.client("cloudformation").describe_stacks(StackName=f"casebridge-{args.stage}")["Stacks"][0]
    outputs = {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}
    providers = list(stage.get("console_identity_providers", []))
    written = publish(
        boto3.client("s3"),
        boto3.client("cloudfront"),
        outputs["ConsoleBucket"],
        outputs["ConsoleDistribution"],
        site_config(providers),
    )
    print(f"published {len(written)} files of the console: {outputs.get('ConsoleUrl', '')}")


if __name__ == "__main__":
    main()
