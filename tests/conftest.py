"""Fixtures: moto-backed AWS, a real dev token issuer, the Chalice test client, the stream pump."""

from __future__ import annotations

import base64
import copy
import http.server
import json
import os
import signal
import ssl
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import botocore.loaders
import botocore.session
import pytest
from hypothesis import HealthCheck, settings

from chalicelib.devtools.environment import offline_environment
from chalicelib.devtools.issuer import DevIssuer
from chalicelib.domain.feed import SETTLE
from chalicelib.domain.organisations import seed

ISSUER = DevIssuer.generate()
ES_ISSUER = DevIssuer.generate(issuer="https://es.casebridge.local", algorithm="ES256")
#: A broker (a state's identity provider federating its agencies): trusted for USPIS and ATF only.
BROKER = DevIssuer.generate(issuer="https://broker.casebridge.local")
BROKERED = ("USPIS", "ATF")
#: The suite's own issuers speak for every organisation of the registry, named one by one.
EVERY_ORGANISATION = [org.code for org in seed()]
EVENTS = Path(__file__).parent.parent / "events"

# PynamoDB reads its Meta when `app` is imported: the environment comes first.
os.environ.update(offline_environment("test"))
os.environ.update(
    CASEBRIDGE_CURSOR_SECRET="test-cursor-secret-0123456789",
    CASEBRIDGE_DECONFLICTION_KEYS=json.dumps(
        {
            "current": "k2",
            "k1": base64.b64encode(b"1" * 32).decode(),
            "k2": base64.b64encode(b"2" * 32).decode(),
        }
    ),
    CASEBRIDGE_TRUSTED_ISSUERS=json.dumps(
        [
            ISSUER.trusted_issuer(EVERY_ORGANISATION),
            ES_ISSUER.trusted_issuer(EVERY_ORGANISATION),
            BROKER.trusted_issuer(BROKERED),
        ]
    ),
)
os.environ.pop("AWS_ENDPOINT_URL", None)


#: The console's browser tests (`make test-console`) drive a local stack in another process and
#: record nothing: they must not replace the unit suite's record, which `make test-infra` reads.
RECORDING = not os.environ.get("CASEBRIDGE_CONSOLE_TESTS")


def pytest_configure(config: pytest.Config) -> None:
    """Every AWS call a function makes is recorded for the IAM check (`tests/aws_calls.py`)."""
    from tests import aws_calls

    if RECORDING:
        aws_calls.start(is_worker=hasattr(config, "workerinput"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    from tests import aws_calls

    if not hasattr(session.config, "workerinput") and session.config.pluginmanager.hasplugin("dsession"):
        return  # the xdist controller runs no test: each worker writes its own record
    if RECORDING:
        aws_calls.write(list(session.config.invocation_params.args))


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """The record so far, after each test file: a run stopped midway still leaves what it saw."""
    from tests import aws_calls

    if RECORDING and (nextitem is None or nextitem.path != item.path):
        aws_calls.write(list(item.config.invocation_params.args))


#: Tests that share what a worker starts once, and so run on one worker, in this order: the
#: CLI's story, the client's walkthrough, the documentation's shell examples and the newcomer's
#: first hour share `make run`s (`Stacks`); the client's and the OpenAPI tests share the
#: generated client (`generated_client`). A key is a file, or a file's test (`file::test`).
#: Every other file is a group of its own, as with `--dist loadfile`.
GROUPS = {
    "test_cli.py": "make-run",
    "test_client.py": "make-run",
    "test_docs_examples.py": "make-run",
    "test_local_stack.py::test_a_newcomers_first_hour_against_one_stack": "make-run",
    "test_openapi.py": "make-run",
}
#: The groups that take longest (`--durations`), run first, so that neither worker is left with
#: a long one at the end while the other idles; the other groups follow in the order of their files.
LONGEST_FIRST = (
    "make-run",
    "test_local_stack.py",
    "test_cli_failures.py",
    "test_bench.py",
    "test_rules.py",
    "test_deconfliction.py",
    "test_state_machine.py",
    "test_fuzz.py",
    "test_record_round_trips.py",
    "test_authorization.py",
    "test_legal.py",
)


#: Tests whose cases are each a group of their own, spread over the workers: a hundred short
#: cases that share nothing but a fixture, after the long groups (they fill the gaps at the end).
SPREAD = frozenset({"test_fuzz.py::test_no_operation_answers_5xx_or_breaks_its_own_schema"})


def group_of(nodeid: str) -> str:
    """The group of a test, by its node id (`tests/test_x.py::test_y[case]`)."""
    path, _, name = nodeid.partition("::")
    file = path.rsplit("/", 1)[-1]
    test = f"{file}::{name.split('[')[0]}"
    if test in SPREAD:
        return nodeid
    return GROUPS.get(test) or GROUPS.get(file, file)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest groups first (`LONGEST_FIRST`); within a file, the tests keep their order.

    An item named with its parameters whose node id lost them gets them back: schemathesis
    names each operation's item `test[POST /v1/cases]`, and pytest 9 builds the node id from a
    call spec it does not have, so all 101 had one id, and xdist, which hands out tests by
    node id, ran one of them (`tests/test_fuzz.py`, `test_every_test_has_an_id_of_its_own`)."""
    for item in items:
        _, bracket, params = item.name.partition("[")
        named: Any = item  # `_id`, pytest 9's structured node id, is not in its stubs
        if bracket and named._id.params is None:
            named._id = named._id.with_params(params.removesuffix("]"))
    rank = {group: place for place, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(group_of(item.nodeid), len(rank)))


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadgroup` by `GROUPS`: each group whole on one worker, in the collection's order.

    xdist's own loadgroup reads `xdist_group` marks into the node id, which pytest 9 no longer
    lets it rewrite: its groups came apart, test by test (pytest-xdist 3.8)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return ByGroup(config, log)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    from tests import aws_calls

    if report.when == "call":
        aws_calls.tests_run += 1


def load_event(name: str) -> dict[str, Any]:
    """A sample payload from `events/`."""
    return json.loads((EVENTS / name).read_text())  # type: ignore[no-any-return]


def every_operation() -> list[Any]:
    """`routing.OPERATIONS`, every route declared: the routes register on the app's first read
    of them (`chalicelib/lazy_routes.py`), so `import app` alone leaves the list empty."""
    from chalicelib.api.openapi import document

    document()
    from chalicelib.api.routing import OPERATIONS

    return list(OPERATIONS)


#: botocore's service models, parsed once for the whole run. moto starts every test with no
#: default boto3 session, and a new session parses them again for each client it makes: half
#: of what provisioning an account cost.
_SERVICE_MODELS = botocore.loaders.create_loader()


#: moto's backends as `provision("test")` left them, what it returned, and the seed's
#: organisations as that table held them, by the environment it read (the topology and settings
#: come from it): each worker provisions an account once per environment, and every later
#: account is a copy of it put back (`snapshots.put_back`), its registry cache filled with the
#: same organisations, read once (frozen records: nothing a test does changes them).
_PROVISIONED: dict[frozenset[tuple[str, str]], tuple[bytes, Any, tuple[Any, ...]]] = {}
#: The environment of the account a test is in (`moto_account`), while it is in it.
_IN_USE: list[frozenset[tuple[str, str]]] = []


#: The worker's boto3 clients, by what they were made with: a client holds no state of the
#: account it calls (moto's stub answers whatever account is active), so one made in an earlier
#: test's account serves the next; making one costs milliseconds, and tests made ten a test.
_CLIENTS: dict[tuple[Any, ...], Any] = {}


def _kept_clients(make: Any) -> Any:
    """`Session.client`, keeping each client for the worker's later tests; one given credentials
    of its own (another account's) is made afresh each time."""

    def client(*args: Any, **kwargs: Any) -> Any:
        if any(name.startswith("aws_") for name in kwargs):
            return make(*args, **kwargs)
        config = kwargs.get("config")
        options = sorted(vars(config).get("_user_provided_options", {}).items()) if config else None
        others = sorted((name, repr(value)) for name, value in kwargs.items() if name != "config")
        environment = sorted((name, value) for name, value in os.environ.items() if name.startswith("AWS_"))
        key = (args, tuple(others), repr(options), tuple(environment))
        if key not in _CLIENTS:
            _CLIENTS[key] = make(*args, **kwargs)
        return _CLIENTS[key]

    return client


def _provisioning_environment() -> frozenset[tuple[str, str]]:
    """What `provision` reads: the environment, but for pytest's note of the running test."""
    return frozenset((name, value) for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST")


@contextmanager
def moto_account() -> Iterator[Any]:
    """A fresh moto account with the table, bus, rules and queues of the topology, for the
    length of the block; the topology's names and addresses.

    Provisioning through moto's API costs about 0.3 s of CPU an account; the first account of a
    worker is provisioned so, captured, and every later one (in the same environment) is that
    capture put back, exactly: new objects, unpickled, in 5 to 10 ms. The same account, item
    for item; no state is shared, as each put back unpickles its own copy."""
    import boto3
    from moto import mock_aws

    from chalicelib.devtools import moto_scale
    from chalicelib.devtools.moto_dynamodb import install, release_stream
    from chalicelib.devtools.provision import provision
    from chalicelib.devtools.snapshots import capture, put_back

    install()  # DynamoDB's atomicity and speed, as `make run` has them
    moto_scale.install()  # and what moto keeps and redoes per request
    with mock_aws():
        fresh = botocore.session.get_session()  # a new session, as moto wants it ...
        fresh.register_component("data_loader", _SERVICE_MODELS)  # ... with the models parsed
        boto3.DEFAULT_SESSION = boto3.Session(botocore_session=fresh)  # moto restores it when it stops
        boto3.DEFAULT_SESSION.client = _kept_clients(boto3.DEFAULT_SESSION.client)  # type: ignore[method-assign]
        environment = _provisioning_environment()
        if environment in _PROVISIONED:
            state, provisioned, organisations = _PROVISIONED[environment]
            put_back(state, exactly=True)
            warm_registry(organisations)
        else:
            provisioned = provision("test")
            # The seed's writes are on the stream, and set nothing off (the seed is nobody's
            # news): a test's stream starts empty, as a deployed table's after its seeding.
            release_stream(provisioned.table_stream_arn, str(10**40))
            _PROVISIONED[environment] = (capture(), copy.deepcopy(provisioned), warm_registry())
        _IN_USE[:] = [environment]  # what `fresh_table` puts back
        try:
            yield copy.deepcopy(_PROVISIONED[environment][1])
        finally:
            _IN_USE.clear()


def warm_registry(known: tuple[Any, ...] | None = None) -> tuple[Any, ...]:
    """The registry's cache as a warm function has it: the seed's organisations as the table
    holds them now (or `known`, as an account put back holds them), with the cache's clock
    stopped; the organisations it holds.

    Every request then costs the same round trips whichever organisations the test's earlier
    requests named (a cold function pays one GetItem per organisation it meets, once a
    minute), and no entry expires in the middle of a slow test. An organisation changed
    through the API is forgotten at once by the process that changed it.
    """
    from chalicelib.wiring import organisation_directory

    directory = organisation_directory()
    directory.clock = lambda: 0.0
    directory.clear()
    if known is not None:
        directory.prime(known)
        return known
    # As the table holds them now: a world may have suspended one.
    return tuple(found for org in seed() if (found := directory.get(org.code)) is not None)


@pytest.fixture
def aws() -> Iterator[Any]:
    """A fresh moto account for each test (`tests/test_authorization.py` makes one per module)."""
    with moto_account() as topology:
        yield topology


@pytest.fixture
def client(aws: Any) -> Iterator[Any]:
    from app import app
    from chalicelib.devtools.environment import app_client

    with app_client(app) as test_client:
        yield test_client


class Api:
    """The Chalice test client with tokens and JSON filled in."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def call(
        self,
        method: str,
        path: str,
        org: str | None = "DEA",
        body: Any = None,
        headers: dict[str, str] | None = None,
        **token_claims: Any,
    ) -> Any:
        all_headers = {"Content-Type": "application/json"}
        if org is not None:
            all_headers["Authorization"] = f"Bearer {ISSUER.token(org, **token_claims)}"
        all_headers.update(headers or {})
        raw = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        response = self.client.http.request(method, path, headers=all_headers, body=raw or b"")
        response.data = json.loads(response.body) if response.body else None
        response.headers = {name.lower(): value for name, value in response.headers.items()}
        return response

    def open_case(self, org: str = "DEA", **fields: Any) -> dict[str, Any]:
        response = self.call("POST", "/v1/cases", org, {"title": "Counterfeit M30 vendor", **fields})
        assert response.status_code == 201, response.body
        return response.data  # type: ignore[no-any-return]

    def refer(self, case_id: str, to_org: str = "HSI", org: str = "DEA", **fields: Any) -> dict[str, Any]:
        body = {"to_org": to_org, "reason": "Border nexus", **fields}
        response = self.call("POST", f"/v1/cases/{case_id}/referrals", org, body)
        assert response.status_code == 201, response.body
        return response.data  # type: ignore[no-any-return]


@pytest.fixture
def api(client: Any) -> Api:
    return Api(client)


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The request clock, moved past the event feed's settle window: what was written is served."""

    def move(by: timedelta = SETTLE + timedelta(seconds=1)) -> None:
        moved = datetime.now(UTC) + by
        monkeypatch.setattr("chalicelib.api.routing.utcnow", lambda: moved)

    move()
    return move


@pytest.fixture
def pump(aws: Any) -> Any:
    """Feeds the table's moto stream records to the real stream handler, as Lambda would."""
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.wiring import stream_handler

    return StreamPump(aws.table_stream_arn, stream_handler())


#: The organisations' own AWS account in the tests: not the stack's (moto's 123456789012).
THEIR_ACCOUNT = "222222222222"


class OwnQueues:
    """Each organisation's own SQS queue, in `THEIR_ACCOUNT`, as its delivery settings; the real
    delivery function between the bus and them. What an organisation's integration receives."""

    def __init__(self, aws: Any, orgs: list[str]) -> None:
        from chalicelib.delivery import AwsTargets, NotificationDelivery, SqsQueues
        from chalicelib.devtools.accounts import client_in
        from chalicelib.devtools.queue_pump import QueuePump
        from chalicelib.domain.delivery import DeliverySettings
        from chalicelib.webhooks import SecretsManagerSecrets

        self.sqs = client_in("sqs", "us-east-1", THEIR_ACCOUNT)
        self.urls = {org: self.sqs.create_queue(QueueName=f"{org.lower()}-casebridge")["QueueUrl"] for org in orgs}
        self.settings = {
            org: DeliverySettings(queue_arn=f"arn:aws:sqs:us-east-1:{THEIR_ACCOUNT}:{org.lower()}-casebridge")
            for org in orgs
        }
        delivery = NotificationDelivery(
            self.settings.get, SecretsManagerSecrets(), SqsQueues(), AwsTargets(client_for=client_in)
        )
        self.pump = QueuePump(
            aws.delivery_queue_url, lambda records: delivery.handle(records, datetime.now(UTC)), records=True
        )

    def received(self, org: str) -> list[dict[str, Any]]:
        """What reached `org`'s queue since the last call, each event as the bus delivered it."""
        self.pump.drain(rounds=100)
        events = []
        while messages := self.sqs.receive_message(QueueUrl=self.urls[org], MaxNumberOfMessages=10).get("Messages"):
            for message in messages:
                events.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=self.urls[org], ReceiptHandle=message["ReceiptHandle"])
        return events


@pytest.fixture
def own_queues(aws: Any) -> OwnQueues:
    """Every organisation of the seed with its own queue in its own account (`OwnQueues`)."""
    return OwnQueues(aws, [org.code for org in seed()])


#: Hypothesis settings of the generated runs (fuzz, state machine): they repeat (derandomized,
#: no example database) and take as long as moto needs.
GENERATED = settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)


def fresh_table() -> Any:
    """The account as it was provisioned (the table holding the seed, its stream empty, the
    queues and buckets empty), put back from its capture; a pump for the table's stream.

    For long generated runs: moto keeps every stream record and copies the whole table,
    records included, before each transaction, so a table that only grows makes each call
    slower and a worker's memory grow without bound. Putting the capture back takes 5 to 10 ms;
    creating and seeding the table again took 0.48 s (90 calls), most of the linked fuzz run.
    """
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.devtools.snapshots import put_back
    from chalicelib.wiring import stream_handler

    [environment] = _IN_USE  # the account of the test that calls it
    state, provisioned, organisations = _PROVISIONED[environment]
    put_back(state, exactly=True)
    warm_registry(organisations)
    return StreamPump(provisioned.table_stream_arn, stream_handler())


@pytest.fixture
def platform_world(api: Api, pump: Any) -> dict[str, str]:
    return build_platform_world(api, pump)


def build_platform_world(api: Api, pump: Any) -> dict[str, str]:
    """META's tip, routed to DEA by the rules; a DEA case; DEA's preservation request to META."""
    tip = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json")).data["tip_id"]
    pump.drain()
    case = api.open_case("DEA")["case_id"]
    body = load_event("api/request-preservation.json")
    pres = api.call("POST", f"/v1/cases/{case}/preservations", "DEA", body).data["preservation_id"]
    return {"tip": tip, "case": case, "pres": pres}


class DynamoCalls:
    """Counts DynamoDB operations on the client PynamoDB and the store share."""

    def __init__(self) -> None:
        self.operations: list[str] = []

    def __call__(self, model: Any, **_: Any) -> None:
        self.operations.append(model.name)

    def reset(self) -> None:
        self.operations.clear()


@pytest.fixture
def s3_calls(monkeypatch) -> list[str]:
    """The S3 operations made from now on (presigning is local and makes none)."""
    import botocore.client

    calls: list[str] = []
    original = botocore.client.BaseClient._make_api_call

    def counted(client, operation, params):
        if client.meta.service_model.service_name == "s3":
            calls.append(operation)
        return original(client, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counted)
    return calls


@pytest.fixture
def dynamo_calls(client: Any) -> Iterator[DynamoCalls]:
    from chalicelib.storage.table import Item

    calls = DynamoCalls()
    events = Item._get_connection().connection.client.meta.events
    events.register("before-call.dynamodb", calls)
    yield calls
    events.unregister("before-call.dynamodb", calls)


@pytest.fixture(scope="session")
def generated_client(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The Python client generated from today's document, as `make client` generates it, once
    per session (a worker): its folder and what the generator printed. `test_client.py` compares
    it with the committed copy, `test_openapi.py` reads it for what a generator makes of the
    document."""
    from scripts.generate_client import generate

    target = tmp_path_factory.mktemp("client") / "generated"
    return target, generate(target)


class Stacks:
    """The `make run`s of a session (a worker), one running at a time, each in a folder of its
    own. A story that needs an empty stack (`empty`: the CLI's, the client's walkthrough, the
    documentation's shell examples, each a module) gets one no test has used yet; a test that
    does not mind what others wrote (`running`: the newcomer's first hour, whose every run is its
    own) gets the one running, which `GROUPS` makes the examples' stack."""

    def __init__(self, folders: pytest.TempPathFactory) -> None:
        self.folders = folders
        self.current: dict[str, Any] | None = None
        self.used = False
        self.started = 0

    def empty(self) -> dict[str, Any]:
        """A stack no test has used: the running one if it is still untouched, else a new one."""
        if self.current is None or self.used or self.current["process"].poll() is not None:
            self._start()
        self.used = True
        return self.current  # type: ignore[return-value]

    def running(self) -> dict[str, Any]:
        """The running stack, whatever other tests wrote to it (a new one if none runs)."""
        if self.current is None or self.current["process"].poll() is not None:
            self._start()
        self.used = True
        return self.current  # type: ignore[return-value]

    def _start(self) -> None:
        import subprocess

        from tests.test_local_stack import _free_port, _make_run, _shell_environment

        self.stop()
        workdir = self.folders.mktemp("make-run")
        process = _make_run(workdir, port := _free_port())
        self.started += 1

        def token(org: str, sub: str = "", scope: str = "") -> str:
            command = ["make", "-s", "token", f"ORG={org}", f"SUB={sub}", f"SCOPE={scope}"]
            made = subprocess.run(command, cwd=workdir, env=_shell_environment(), capture_output=True, text=True)
            assert made.returncode == 0, made.stderr
            return made.stdout.strip()

        # What it prints is read as it comes: a stack that serves several files' tests logs more
        # requests than a pipe holds, and would stop at a full pipe.
        printed: list[str] = []
        reader = threading.Thread(target=lambda: printed.extend(process.stdout or ()), daemon=True)
        reader.start()

        def stopped(timeout: float = 30) -> str:
            """Everything it printed, once it has stopped (by itself, or by a test)."""
            process.wait(timeout=timeout)
            reader.join(timeout=timeout)
            return "".join(printed)

        self.current = {
            "url": f"http://127.0.0.1:{port}",
            "port": port,
            "dir": workdir,
            "token": token,
            "process": process,
            "stopped": stopped,
        }
        self.used = False

    def stop(self) -> None:
        """Ctrl-C to the running stack (make and the stack it runs), as in a terminal."""
        if self.current is not None and self.current["process"].poll() is None:
            os.killpg(self.current["process"].pid, signal.SIGINT)
            self.current["stopped"]()
        self.current = None


@pytest.fixture(scope="session")
def stacks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stacks]:
    pool = Stacks(tmp_path_factory)
    yield pool
    pool.stop()


@pytest.fixture(scope="module")
def running_stack(stacks: Stacks) -> dict[str, Any]:
    """An empty `make run` for a module's story over HTTP (the client's walkthrough, the CLI's
    story, the documentation's shell examples): its address, its folder, its process and
    `token(org, sub, scope)` (`make token` there). The module's tests share it."""
    return stacks.empty()


class _Exposures:
    """While watching, every open, chmod and rename in a folder looks at the files there: a file
    holding the secret that others could read is an exposure, however brief. An audit hook
    (`sys.addaudithook`) sees each of those calls before it runs, deterministically; it cannot be
    removed, so it is installed at the first use and stays idle between uses."""

    installed = False
    watching: tuple[Path, bytes] | None = None
    found: list[str] = []

    @classmethod
    def hook(cls, event: str, args: tuple[Any, ...]) -> None:
        if cls.watching is None or event not in ("open", "os.chmod", "os.rename"):
            return
        folder, secret = cls.watching
        cls.watching = None  # the hook's own reads below must not call it again
        try:
            for path in folder.iterdir():
                readable = path.is_file() and not path.is_symlink() and path.stat().st_mode & 0o077
                if readable and secret in path.read_bytes():
                    cls.found.append(f"{path.name} {oct(path.stat().st_mode & 0o777)} at {event}")
        finally:
            cls.watching = (folder, secret)


@contextmanager
def exposures(folder: Path, secret: str, umask: int = 0o022) -> Iterator[list[str]]:
    """The moments a file in `folder` holding `secret` was readable by others, under a usual
    umask (022: new files are 0644 unless created with a mode)."""
    if not _Exposures.installed:
        sys.addaudithook(_Exposures.hook)
        _Exposures.installed = True
    previous = os.umask(umask)
    _Exposures.found = []
    _Exposures.watching = (folder, secret.encode())
    try:
        yield _Exposures.found
    finally:
        _Exposures.watching = None
        os.umask(previous)


class Recording(http.server.BaseHTTPRequestHandler):
    """A web server on this machine that notes every request (headers lower-cased) and answers
    `status` (and `location`), with no body."""

    status = 204
    location: str | None = None

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.requests.append((self.command, self.path, headers, body))  # type: ignore[attr-defined]
        self.send_response(self.status)
        if self.location:
            self.send_header("Location", self.location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def serving(status: int = 204, location: str | None = None, tls: ssl.SSLContext | None = None) -> Iterator[Any]:
    """`Recording` on a free port of 127.0.0.1 (over TLS with `tls`), for the length of the block."""
    handler = type("Handler", (Recording,), {"status": status, "location": location})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requests = []  # type: ignore[attr-defined]
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
