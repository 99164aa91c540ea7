"""Cold starts: every Lambda function loads `app.py`, and only the API pays for the API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"

#: Each function other than the API, as Lambda invokes it: its handler in `app.py` and a
#: first event (the sample stream batches, a scan result on the arrivals queue).
_INVOCATIONS = {
    "publish_changes": "\n".join(
        f"app.publish_changes(json.loads({(EVENTS / 'stream' / name).read_text()!r}), None)"
        for name in sorted(os.listdir(EVENTS / "stream"))
    ),
    "fire_timers": "app.fire_timers({'version': '0', 'id': 'timer', 'detail-type': 'Scheduled Event', "
    "'source': 'aws.events', 'account': '123456789012', 'time': '2026-12-03T19:29:52Z', "
    "'region': 'us-east-1', 'resources': [], 'detail': {}}, None)",
    "check_arrivals": "app.check_arrivals({'Records': [{'messageId': 'm1', 'receiptHandle': 'r', "
    "'eventSourceARN': 'arn:aws:sqs:us-east-1:123456789012:arrivals', 'attributes': {}, "
    f"'body': {(EVENTS / 'evidence' / 'guardduty-scan-result.json').read_text()!r}}}]}}, None)",
    "deliver_webhooks": "app.deliver_webhooks({'Records': []}, None)",
    # CloudFormation's answer is kept here: no network in a test.
    "seed_registry": "import chalicelib.seeding as seeding\n"
    "seeding.put_response = lambda url, answer: None\n"
    "assert app.seed_registry({'RequestType': 'Create', 'ResponseURL': 'https://s3.example/r', "
    "'StackId': 's', 'RequestId': 'r', 'LogicalResourceId': 'RegistrySeed'}, None)['Status'] == 'SUCCESS'",
}


@pytest.mark.parametrize("function", sorted(_INVOCATIONS))
def test_a_function_other_than_the_api_imports_no_module_of_chalicelib_api(function: str) -> None:
    # A fresh interpreter is a cold start: what the function imports shows in sys.modules.
    invocation = "\n".join(f"    {line}" for line in _INVOCATIONS[function].splitlines())
    script = f"""
import json, sys
from moto import mock_aws
from chalicelib.devtools.provision import provision
with mock_aws():
    provision("test")
    import app
{invocation}
print(json.dumps(sorted(m for m in sys.modules if m == "chalicelib.api" or m.startswith("chalicelib.api."))))
"""
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=300
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert json.loads(ran.stdout.splitlines()[-1]) == []
