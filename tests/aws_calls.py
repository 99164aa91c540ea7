"""Records every AWS call a Lambda function makes in the suite, as the IAM request AWS would authorise.

`make test-infra` evaluates each against that function's role in the synthesized template
(`infra/tests/test_recorded_calls.py`): moto enforces no IAM, so only this sees a call the
role would refuse. A call is the function's when one of its entry points (`entry_points`) is
on the stack, or was when the thread running it was handed its work; calls made by test setup
and provisioning belong to no function and are only counted.

Each pytest process (each xdist worker) writes its own `build/aws-calls/<worker>.json`,
deduplicated: one row per (function, action, resource, leading-key pattern), with a few
example key sets and a count.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from types import CodeType, FrameType
from typing import Any
from urllib.parse import urlparse

RECORD = Path(__file__).resolve().parents[1] / "build" / "aws-calls"
#: moto's account for credentials it does not know (the suite's are `offline`).
ACCOUNT = "123456789012"
#: Concrete key sets kept per row: the conditions are evaluated on these.
EXAMPLES = 3

#: An API operation whose IAM action has another name; every other is `service:Operation`.
ACTION_OF = {
    ("sqs", "SendMessageBatch"): "SendMessage",
    ("sqs", "DeleteMessageBatch"): "DeleteMessage",
    ("sqs", "ChangeMessageVisibilityBatch"): "ChangeMessageVisibility",
    ("s3", "HeadObject"): "GetObject",
    ("s3", "HeadBucket"): "ListBucket",
    ("s3", "ListObjectsV2"): "ListBucket",
    ("s3", "ListObjectVersions"): "ListBucketVersions",
}
#: What a TransactWriteItems or TransactGetItems asks of each item: DynamoDB authorises items one by one.
TRANSACT_ITEM_ACTION = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
    "Get": "GetItem",
}

#: Tests this process ran (conftest's `pytest_runtest_logreport` counts them).
tests_run = 0
_rows: dict[tuple[str, str, str, tuple[str, ...]], dict[str, Any]] = {}
_unattributed: Counter[str] = Counter()
_inherited = threading.local()
_stage: list[str] = []
_entry_points: dict[CodeType, str] = {}


def entry_points() -> dict[CodeType, str]:
    """The code of each function's entry, by its handler in `app.py` (`app` is the API's)."""
    if not _entry_points:
        from chalice.app import Chalice

        from chalicelib import arrivals, seeding
        from chalicelib.delivery import NotificationDelivery
        from chalicelib.services.timers import TimerScheduler
        from chalicelib.stream.handler import StreamHandler

        _entry_points.update(
            {
                Chalice.__call__.__code__: "app",  # every API route, through the app's REST handler
                StreamHandler.handle.__code__: "publish_changes",
                TimerScheduler.run.__code__: "fire_timers",
                NotificationDelivery.handle.__code__: "deliver_webhooks",
                arrivals.check_arrivals.__code__: "check_arrivals",
                seeding.handle.__code__: "seed_registry",
            }
        )
    return _entry_points


@cache
def not_a_function() -> frozenset[CodeType]:
    """Code on the stack of a function's call that makes calls of its own which are no function's:
    moto's stand-in for another account (its `AssumeRole`, and what it acts as there)."""
    from chalicelib.devtools.accounts import client_in

    return frozenset({client_in.__code__})


def function_on_stack(frame: FrameType | None) -> str | None:
    known, excluded = entry_points(), not_a_function()
    while frame is not None:
        if frame.f_code in excluded:
            return None
        if (name := known.get(frame.f_code)) is not None:
            return name
        frame = frame.f_back
    return getattr(_inherited, "function", None)


def leading_key_pattern(keys: list[str]) -> tuple[str, ...]:
    """`CASE#01J…` → `CASE#*`: what a LeadingKeys condition can tell apart, one per distinct kind."""
    return tuple(sorted({re.sub(r"#.*", "#*", key) if "#" in key else "*" for key in keys}))


def resource_pattern(resource: str) -> str:
    """An S3 object's ARN as its bucket and first folder (`…:::bucket/audit/*`): the rest names one object."""
    if resource.startswith("arn:aws:s3:::") and "/" in resource:
        bucket, _, key = resource.partition("/")
        return f"{bucket}/{key.split('/')[0]}/*" if "/" in key else f"{bucket}/*"
    return resource


@cache
def _hash_keys() -> dict[str | None, str]:
    """The partition key attribute of the table (None) and of each index, from the model."""
    from chalicelib.storage.table import Item

    schema = Item._get_schema()
    keys: dict[str | None, str] = {None: Item._hash_keyname}
    for index in schema["global_secondary_indexes"]:
        keys[index["index_name"]] = next(k["AttributeName"] for k in index["key_schema"] if k["KeyType"] == "HASH")
    return keys


def _value(attribute: Any) -> str:
    (value,) = attribute.values()
    return str(value)


def _table_arn(region: str, name: str, index: str | None = None) -> str:
    return f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/{name}" + (f"/index/{index}" if index else "")


def _query_key(params: dict[str, Any]) -> list[str]:
    """The partition key value a Query's key condition binds."""
    attribute = _hash_keys()[params.get("IndexName")]
    names = params.get("ExpressionAttributeNames", {})
    for name, placeholder in re.findall(r"([#\w]+)\s*=\s*(:\w+)", params["KeyConditionExpression"]):
        if names.get(name, name) == attribute:
            return [_value(params["ExpressionAttributeValues"][placeholder])]
    raise ValueError(f"no partition key in {params['KeyConditionExpression']!r}")


def dynamodb_requests(region: str, operation: str, params: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(action, resource, leading keys) for each authorisation a DynamoDB call needs."""
    pk = _hash_keys()[None]
    if operation in ("TransactWriteItems", "TransactGetItems"):
        found = []
        for entry in params["TransactItems"]:
            ((kind, item),) = entry.items()
            key = item.get("Key") or item["Item"]
            found.append((TRANSACT_ITEM_ACTION[kind], _table_arn(region, item["TableName"]), [_value(key[pk])]))
        return found
    if operation in ("BatchWriteItem", "BatchGetItem"):
        found = []
        for table, requests in params["RequestItems"].items():
            if operation == "BatchGetItem":
                keys = [_value(key[pk]) for key in requests["Keys"]]
            else:
                keys = [
                    _value((r.get("PutRequest", {}).get("Item") or r["DeleteRequest"]["Key"])[pk]) for r in requests
                ]
            found.append((operation, _table_arn(region, table), keys))
        return found
    resource = _table_arn(region, params["TableName"], params.get("IndexName"))
    if operation == "Query":
        return [(operation, resource, _query_key(params))]
    key = params.get("Key") or params.get("Item")
    return [(operation, resource, [_value(key[pk])] if key else [])]


def requests_of(service: str, region: str, operation: str, params: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """The IAM requests (action without its service, resource ARN, leading keys) one API call makes.

    A service this does not know is recorded with no resource: the check refuses it by name.
    """
    action = ACTION_OF.get((service, operation), operation)
    if service == "dynamodb":
        return dynamodb_requests(region, operation, params)
    if service == "sqs":
        if "QueueName" in params:
            return [(action, f"arn:aws:sqs:{region}:{ACCOUNT}:{params['QueueName']}", [])]
        account, name = urlparse(params["QueueUrl"]).path.strip("/").split("/")  # another account's, too
        return [(action, f"arn:aws:sqs:{region}:{account}:{name}", [])]
    if service == "s3":
        if params.get("VersionId") and action in ("GetObject", "GetObjectTagging"):
            action = action.replace("Object", "ObjectVersion", 1)  # a version is its own action
        path = f"{params['Bucket']}/{params['Key']}" if "Key" in params else params["Bucket"]
        return [(action, f"arn:aws:s3:::{path}", [])]
    if service == "events":
        buses = {entry.get("EventBusName", "default") for entry in params.get("Entries", [])}
        return [
            (action, bus if bus.startswith("arn:") else f"arn:aws:events:{region}:{ACCOUNT}:event-bus/{bus}", [])
            for bus in sorted(buses)
        ]
    if service == "secretsmanager":
        secret = params["SecretId"]
        # Asked by name, IAM sees the secret's ARN: its name and six random characters.
        arn = (
            secret if secret.startswith("arn:") else f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:{secret}-AbCdEf"
        )
        return [(action, arn, [])]
    return [(action, "", [])]


def record(client: Any, operation_model: Any, params: dict[str, Any], context: dict[str, Any]) -> None:
    model = client.meta.service_model
    iam_service = model.signing_name or model.service_name  # dynamodbstreams signs as dynamodb
    function = function_on_stack(sys._getframe(2))
    if function is None:
        _unattributed[f"{iam_service}:{operation_model.name}"] += 1
        return
    presigned = bool(context.get("is_presign_request"))
    try:
        requests = requests_of(model.service_name, client.meta.region_name, operation_model.name, params)
    except (KeyError, ValueError):  # a call shaped as this does not know: the check names it
        requests = [(operation_model.name, "", [])]
    for action, resource, keys in requests:
        pattern = leading_key_pattern(keys) if keys else ()
        row = _rows.setdefault(
            (function, f"{iam_service}:{action}", resource_pattern(resource), pattern),
            {
                "function": function,
                "action": f"{iam_service}:{action}",
                "resource": resource_pattern(resource),
                "leading_keys": pattern,
                "presigned": presigned,
                "count": 0,
                "examples": [],
            },
        )
        row["count"] += 1
        example = {"resource": resource, "leading_keys": sorted(set(keys))}
        if example not in row["examples"] and len(row["examples"]) < EXAMPLES:
            row["examples"].append(example)


def install() -> None:
    """Hooks botocore where every call and every presigned URL passes (`_emit_api_params`)
    and hands each thread pool task the function of the thread that submitted it."""
    import botocore.client

    emit = botocore.client.BaseClient._emit_api_params

    def recorded(self: Any, api_params: dict[str, Any], operation_model: Any, context: dict[str, Any]) -> Any:
        record(self, operation_model, api_params, context)
        return emit(self, api_params, operation_model, context)

    botocore.client.BaseClient._emit_api_params = recorded  # type: ignore[method-assign]
    submit = ThreadPoolExecutor.submit

    def attributed(self: ThreadPoolExecutor, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        function = function_on_stack(sys._getframe(1))

        def run(*a: Any, **k: Any) -> Any:
            _inherited.function = function
            try:
                return fn(*a, **k)
            finally:
                _inherited.function = None

        return submit(self, run, *args, **kwargs)

    ThreadPoolExecutor.submit = attributed  # type: ignore[method-assign]


def start(is_worker: bool) -> None:
    """The run's first process empties the record; xdist workers then add theirs."""
    if not is_worker:
        shutil.rmtree(RECORD, ignore_errors=True)
    _stage.append(os.environ["CASEBRIDGE_STAGE"])  # read now: a test may change the environment
    install()


def write(args: list[str]) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    RECORD.mkdir(parents=True, exist_ok=True)
    document = {
        "account": ACCOUNT,
        "stage": _stage[0],
        "tests": tests_run,
        "args": args,
        "calls": sorted(_rows.values(), key=lambda r: (r["function"], r["action"], r["resource"], r["leading_keys"])),
        "unattributed": dict(sorted(_unattributed.items())),
    }
    (RECORD / f"{worker}.json").write_text(json.dumps(document, indent=1, default=list) + "\n")
