"""`make run`: moto's server, Chalice's local server and the stream pump, in one process.

Provisions the table, bus, delivery rule and queue from `chalicelib.topology` (the definition the
deployment uses), creates two dev identity providers under `.local/` (the agencies', the
platforms', each trusted for its own organisations only, each publishing its keys on the local
server at `/dev/issuers/<name>/jwks.json`, where the API fetches them), writes `.local/stack.json`
and serves until Ctrl-C. What it stores is saved to `.local/state.pickle` every
`SAVE_EVERY` seconds while it changes (less often once a save takes long: `SAVE_SHARE`), and
at a stop, and is there again at the next start.
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import secrets
import signal
import socket
import sys
import threading
from pathlib import Path
from typing import Any

from chalicelib.devtools.issuer import DevProvider, prepare_providers, published_key_set
from chalicelib.devtools.settling import PUMP_NOW
from chalicelib.settings import LOCAL_STAGE as STAGE

LOCAL = Path(".local")
#: Each configured webhook's signing secret (`whsec_…`, as a receiver uses it), by organisation:
#: the start names this file, never a secret (a log or a shared terminal would keep it).
WEBHOOK_SECRETS = LOCAL / "webhook-secrets.json"
#: The files under `.local/` that hold key material: the dev providers' private keys, the cursor
#: secret, the blind-index keys and the webhooks' signing secrets.
SECRET_FILES = (
    *(provider.key_file for provider in DevProvider),
    "cursor-secret",
    "deconfliction-keys.json",
    WEBHOOK_SECRETS.name,
)
#: moto's backends, as they were at the last save (`chalicelib/devtools/snapshots.py`).
STATE_FILE = LOCAL / "state.pickle"
#: The stream pump's last round, for `make settle` (`chalicelib/devtools/settling.py`).
PUMP_FILE = LOCAL / "pump.json"
#: The most a stack killed without warning (SIGKILL, a power cut) loses: its last few seconds...
SAVE_EVERY = 5.0
#: ...or, once its state takes long to save (the time grows with the table), the share of the
#: time saving may hold every request up: a save that took 2 s waits 20 s for the next.
SAVE_SHARE = 0.1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare_environment(aws_port: int, api_port: int) -> None:
    """Everything `app` reads at import time, pointed at the embedded moto server; the dev
    providers trusted by their JWKS URIs on the local server (`api_port`)."""
    from chalicelib.devtools.environment import offline_environment
    from chalicelib.devtools.local_files import private_folder, tighten, write_secret

    private_folder(LOCAL)
    tighten(LOCAL, list(SECRET_FILES))
    trusted_issuers = prepare_providers(LOCAL, f"http://127.0.0.1:{api_port}")
    secret_file = LOCAL / "cursor-secret"
    if not secret_file.exists():
        write_secret(secret_file, secrets.token_urlsafe(32))
    keys_file = LOCAL / "deconfliction-keys.json"
    if not keys_file.exists():
        # The blind index's HMAC key; in AWS it lives in Secrets Manager (see docs/guides/deconfliction.md).
        key = base64.b64encode(secrets.token_bytes(32)).decode()
        write_secret(keys_file, json.dumps({"current": "local1", "local1": key}))
    log_level = os.environ.get("POWERTOOLS_LOG_LEVEL", "WARNING")
    # The local stack scans for malware (the EICAR test file is a threat) unless told otherwise.
    malware_scan = os.environ.get("CASEBRIDGE_MALWARE_SCAN", "scan")
    os.environ.update(offline_environment(STAGE))
    os.environ.update(
        AWS_ENDPOINT_URL=f"http://127.0.0.1:{aws_port}",
        CASEBRIDGE_TRUSTED_ISSUERS_FILE=str(trusted_issuers),
        # The providers' endpoint is this very server: a rotated key is fetched for its first
        # token, where a deployed stage waits up to a minute between fetches of one provider.
        CASEBRIDGE_JWKS_REFETCH_SECONDS=os.environ.get("CASEBRIDGE_JWKS_REFETCH_SECONDS", "0"),
        CASEBRIDGE_CURSOR_SECRET=secret_file.read_text().strip(),
        CASEBRIDGE_DECONFLICTION_KEYS_FILE=str(keys_file),
        POWERTOOLS_LOG_LEVEL=log_level,
        CASEBRIDGE_MALWARE_SCAN=malware_scan,
    )


def local_server(host: str, port: int) -> Any:
    """Chalice's local server, answering unknown routes as API Gateway will: problem+json 404."""
    from chalice.config import Config
    from chalice.local import (
        ChaliceRequestHandler,
        CustomLocalChalice,
        LocalChalice,
        LocalDevServer,
        ThreadedHTTPServer,
    )

    from app import app
    from chalicelib.devtools.console_server import ConsoleServer, registry_people

    class ProblemRequestHandler(ChaliceRequestHandler):
        def _send_error_response(self, error: Any) -> None:
            status = 404 if error.CODE == 403 else error.CODE
            detail = "no such route" if status == 404 else "the gateway refused the request"
            body = json.dumps(
                {
                    "type": "https://casebridge.dev/problems/not-found",
                    "title": "Not found",
                    "status": status,
                    "detail": detail,
                }
            ).encode()
            self._send_http_response(status, {"Content-Type": "application/problem+json"}, body)

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """Python's HTTP server answers a method it has no handler for (TRACE, CONNECT, PROPFIND)
            with an HTML 501; the API answers it as a problem: 405 with `Allow` where the path is
            served, 404 where it is not."""
            from urllib.parse import urlparse

            from chalicelib.api.problems import generic

            allow = allowed_methods(app.routes, urlparse(self.path).path)
            if code == 501:
                refusal = generic(405, f"{self.command} is not served here", {"Allow": ", ".join(allow)})
                if not allow:
                    refusal = generic(404, "no such route")
            else:
                refusal = generic(code, message or "the request could not be served")
            headers = {name: str(value) for name, value in refusal.headers.items()}
            self._send_http_response(refusal.status_code, headers, str(refusal.body).encode())

        def _generic_handle(self) -> None:
            # Chalice keeps the request in one attribute of the app (`current_request`), and
            # its local server is threaded: one request at a time through the app, as in one
            # Lambda container, or a request could read another's token and body.
            with _ONE_REQUEST_AT_A_TIME:
                _CHANGES.requests += 1
                super()._generic_handle()
            _WAKE.set()

        do_PUT = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

        def do_GET(self) -> None:
            """A dev provider's keys are served beside the API, not by it (no deployed stage
            has them), and outside the one-request lock: the API fetches them from this server
            while it verifies a token. So are the console and the providers' sign-in pages."""
            from urllib.parse import urlparse

            path = urlparse(self.path).path
            if path == PUMP_NOW:  # `make settle` asks for a round now (`chalicelib/devtools/settling.py`)
                _WAKE.set()
                self._send_http_response(204, {}, b"")
                return
            published = published_key_set(LOCAL, path)
            if published is not None:
                body = json.dumps(published).encode()
                self._send_http_response(200, {"Content-Type": "application/jwk-set+json"}, body)
            elif not self._console():
                self._generic_handle()

        def do_POST(self) -> None:
            if not self._console():
                self._generic_handle()

        def _console(self) -> bool:
            """Answers the console's and the sign-in's paths (`chalicelib.devtools.console_server`)."""
            length = int(self.headers.get("Content-Length") or 0) if self.command == "POST" else 0
            if self.command == "POST" and not self.path.startswith("/dev/issuers/"):
                return False
            body = self.rfile.read(length) if length else b""
            answer = console.answer(self.command, self.path, body, self.headers.get("If-None-Match"))
            if answer is None and body:  # its body is read: no route of the API may read it again
                from chalicelib.api.problems import generic

                refusal = generic(404, "no such route")
                headers = {name: str(value) for name, value in refusal.headers.items()}
                self._send_http_response(404, headers, str(refusal.body).encode())
                return True
            if answer is None:
                return False
            self._send_http_response(answer.status, answer.headers, answer.body)
            return True

    class Server(ThreadedHTTPServer):
        # Connections wait in the backlog while a request runs; the default of 5 reset
        # some of 20 concurrent clients.
        request_queue_size = 128
        daemon_threads = True

    console = ConsoleServer(LOCAL, f"http://{host}:{port}", registry_people, os.environ.get("AWS_ENDPOINT_URL"))
    CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
    app.__class__ = CustomLocalChalice  # type: ignore[assignment] # over the app's own class, as `chalice local` does
    config = Config.create(chalice_stage="dev", app_name="casebridge", project_dir=os.getcwd())
    return LocalDevServer(app, config, host, port, handler_cls=ProblemRequestHandler, server_cls=Server)


_ONE_REQUEST_AT_A_TIME = threading.Lock()


class _Changes:
    """What happened since the state was last saved: requests served, records delivered."""

    requests = 0
    records = 0

    def any(self) -> bool:
        return bool(self.requests or self.records)


_CHANGES = _Changes()
#: Set by each request the API answers: the pump runs its round then, not at its next tick, so
#: a write's reactions (and `make settle`, which asks for a round this way) wait milliseconds.
_WAKE = threading.Event()


def save_state() -> float:
    """Saves moto's backends with no request half-served and the pump between rounds; the
    seconds it took."""
    import time

    from chalicelib.devtools import moto_dynamodb
    from chalicelib.devtools.snapshots import save_state as save
    from chalicelib.observability import logger

    started = time.monotonic()
    with _ONE_REQUEST_AT_A_TIME, moto_dynamodb.LOCK:
        _CHANGES.requests = _CHANGES.records = 0
        size = save(STATE_FILE)
    took = time.monotonic() - started
    logger.debug("state saved", extra={"bytes": size, "seconds": round(took, 3)})
    return took


def allowed_methods(routes: dict[str, dict[str, Any]], path: str) -> list[str]:
    """The methods the app serves on `path`, matching Chalice's `{name}` templates segment by segment."""
    wanted = path.rstrip("/").split("/")
    for template, methods in routes.items():
        parts = template.split("/")
        if len(parts) == len(wanted) and all(
            part == segment or (part.startswith("{") and part.endswith("}") and segment)
            for part, segment in zip(parts, wanted, strict=True)
        ):
            return sorted(methods)
    return []


#: How often the local stack runs the timer scheduler (every minute in AWS).
SCHEDULE_EVERY = 5.0
#: The closest two pump rounds begin (seconds); a request or `make settle` wakes the pump.
ROUND_GAP = 0.1
#: The delivery queue's batches of ten a pump round takes at most (the rest wait a round).
DELIVERY_BATCHES = 100


def _now(handle: Any) -> Any:
    """A delivery handler on the real clock."""
    from datetime import UTC, datetime

    return lambda records: handle(records, datetime.now(UTC))


def pump_forever(stream_arn: str, stop: threading.Event, interval: float, removed: Any = None) -> None:
    """Feeds stream records to the real stream handler, as the Lambda event source mapping does,
    and runs the timer scheduler every few seconds, as its EventBridge schedule does. If `.local/`
    disappears under it (deleted by hand: `make reset` refuses while the stack runs), it says so
    once and calls `removed`, which stops the stack: its keys, log and saved state are gone."""
    import time
    from dataclasses import replace
    from datetime import UTC, datetime

    from chalicelib.delivery import AwsTargets
    from chalicelib.devtools.accounts import client_in
    from chalicelib.devtools.delivery_log import RecordingPublisher
    from chalicelib.devtools.malware_scan import scanned_where_the_stage_scans
    from chalicelib.devtools.moto_dynamodb import release_stream
    from chalicelib.devtools.pump import StreamPump
    from chalicelib.devtools.queue_pump import QueuePump
    from chalicelib.devtools.settling import note_round
    from chalicelib.observability import logger
    from chalicelib.settings import settings
    from chalicelib.topology import topology
    from chalicelib.wiring import arrivals_handler, build_stream_handler, notification_delivery, timer_scheduler

    # The real stream handler; its publisher also notes each event for `make notifications`.
    publisher = RecordingPublisher(settings().event_bus_name, LOCAL / "events")
    pump = StreamPump(stream_arn, build_stream_handler(publisher))
    # The evidence bucket's arrivals and scans, as the arrivals function's SQS event source
    # hands them over; GuardDuty's scans stood in for where the stage scans.
    config = settings()
    plan = topology(config.stage)
    handle = scanned_where_the_stage_scans(config.malware_scan, plan.evidence_bucket, arrivals_handler())
    arrivals = QueuePump.named(plan.evidence_arrivals_queue_name, handle)
    # The delivery queue, into the real delivery function: webhooks (`CASEBRIDGE_WEBHOOKS`), and
    # buses and queues in other moto accounts (`CASEBRIDGE_EVENT_BUSES`, `CASEBRIDGE_QUEUES`).
    delivery = replace(notification_delivery(), targets=AwsTargets(client_for=client_in))
    deliveries = QueuePump.named(plan.delivery_queue_name, _now(delivery.handle), records=True)
    scheduled = saved = time.monotonic()
    saving = 0.0  # how long the last save took
    rounds = 0
    released: str | None = None
    PUMP_FILE.unlink(missing_ok=True)  # a previous run's count
    busy, began = False, 0.0
    while not stop.is_set():
        # A round that delivered something is followed by the next (what it delivered may have
        # reactions); a quiet one waits for a request or the interval, whichever comes first.
        # Rounds begin ROUND_GAP apart at the closest: a burst of requests is taken a round
        # at a time, with what came meanwhile, not a round per request.
        if not busy:
            _WAKE.wait(interval)
        if stop.wait(max(0.0, began + ROUND_GAP - time.monotonic())):
            break
        _WAKE.clear()
        began, busy = time.monotonic(), False
        if not LOCAL.is_dir():
            print(f"{LOCAL}/ was deleted while the stack ran: stopping; make run starts clean", flush=True)
            if removed is not None:
                removed()
            return
        try:
            if time.monotonic() - scheduled >= SCHEDULE_EVERY:
                scheduled = time.monotonic()
                run = timer_scheduler().run(datetime.now(UTC))
                _CHANGES.records += run.fired + run.dropped + run.rechecked
            delivered = pump.drain() + arrivals.drain()
            # Every waiting event, as Lambda's SQS event source mapping scales out to the queue:
            # moto's ReceiveMessage looks at every message in the queue, so one left behind
            # costs every later receive (and its memory) until it is taken.
            delivered += deliveries.drain(rounds=DELIVERY_BATCHES)
            _CHANGES.records += delivered
            busy = delivered > 0
            rounds += 1
            note_round(PUMP_FILE, rounds, pump.quiet)
            settled = pump.settled()
            if settled is not None and settled != released:
                release_stream(stream_arn, settled)  # what a restart must deliver stays
                released = settled
            if _CHANGES.any() and time.monotonic() - saved >= max(SAVE_EVERY, saving / SAVE_SHARE):
                saved = time.monotonic()
                saving = save_state()
        except Exception:  # keep pumping; the record is retried on the next round
            if LOCAL.is_dir():  # otherwise the next round says once that it was deleted
                logger.exception("stream pump round failed")


def announce_webhooks(plan: Any) -> None:
    """Writes each webhook's signing secret to `WEBHOOK_SECRETS` (0600) and prints where each
    endpoint is, where its secret is, and why an endpoint the delivery will refuse is refused."""
    import boto3

    from chalicelib.devtools.local_files import write_secret
    from chalicelib.domain.webhooks import endpoint_refusal
    from chalicelib.settings import settings

    hooks = settings().webhooks
    if not hooks:
        WEBHOOK_SECRETS.unlink(missing_ok=True)  # an earlier run's
        return
    vault, signing = boto3.client("secretsmanager"), {}
    for org, webhook in hooks.items():
        name = webhook.secret_name(plan, org)
        signing[org] = "whsec_" + json.loads(vault.get_secret_value(SecretId=name)["SecretString"])["current"]
    write_secret(WEBHOOK_SECRETS, json.dumps(signing, indent=2))
    for org, webhook in hooks.items():
        refusal = endpoint_refusal(webhook.endpoint, local=True)
        where = f"refused: {refusal}" if refusal else f"signing secret in {WEBHOOK_SECRETS} ({org})"
        print(f"  webhook {org}:{' ' * max(1, 6 - len(org))}{webhook.endpoint}, {where}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--aws-port", type=int, default=0)
    parser.add_argument("--pump-interval", type=float, default=0.5)
    args = parser.parse_args()
    # Ctrl-C stops the stack however it was started: a background job of a shell (a CI script
    # run with `&`) inherits SIGINT ignored, and Python keeps it so, which lost a Ctrl-C sent
    # while the stack started.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from chalicelib.devtools.local_files import private_folder
    from chalicelib.devtools.stack_file import forget_pid, hold_pid

    private_folder(LOCAL)
    if (other := hold_pid(LOCAL.parent)) is not None:  # from here on, make reset refuses
        sys.exit(f"the local stack already runs here (process {other}): one make run per folder")
    try:
        serve(args)
    except KeyboardInterrupt:  # Ctrl-C before the stack was up: nothing was served, nothing to save
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C, impatient, changes nothing
        print("\ncasebridge stopped before it was up", flush=True)
        forget_pid(LOCAL.parent)
        os._exit(130)  # moto's and the pump's threads stop with the process
    if LOCAL.is_dir():
        forget_pid(LOCAL.parent)
    print("casebridge stopped", flush=True)
    sys.exit(0)


def few_malloc_arenas() -> None:
    """Both servers start a thread per request, and glibc gives threads malloc arenas of
    their own (up to eight per core), where what a request leaves behind (an item kept, a
    stream record) pins pages the others freed: `make bench-registry` grew by about a quarter
    less per organisation with two arenas. Two, as `MALLOC_ARENA_MAX=2` would set before the
    start; nothing where the C library is not glibc (macOS)."""
    import ctypes
    import ctypes.util

    m_arena_max = -8  # glibc's malloc.h
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.mallopt(m_arena_max, 2)
    except (OSError, AttributeError):
        return


def serve(args: argparse.Namespace) -> None:
    """Starts moto, provisions, serves until Ctrl-C (or until `.local/` is deleted), then saves."""
    import time

    started = time.monotonic()
    few_malloc_arenas()

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-request log lines
    aws_port = args.aws_port or free_port()
    from chalicelib.devtools.moto_dynamodb import install

    install()  # DynamoDB as it behaves: atomic, flat at any size (chalicelib/devtools/moto_dynamodb.py)
    from chalicelib.devtools import moto_scale

    moto_scale.install()  # moto keeps no object its backends let go of, nor reparses per event
    from chalicelib.devtools.snapshots import load_state

    restored = load_state(STATE_FILE)
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=aws_port, verbose=False)
    moto.start()
    prepare_environment(aws_port, args.port)

    from chalicelib.devtools.provision import provision
    from chalicelib.domain.organisations import seed

    provisioned = provision(STAGE)
    server = local_server("127.0.0.1", args.port)
    stop = threading.Event()

    def stop_all(*_: Any) -> None:
        stop.set()
        _WAKE.set()

    pump = threading.Thread(
        target=pump_forever, args=(provisioned.table_stream_arn, stop, args.pump_interval, stop_all)
    )
    pump.start()

    stack = {
        "api_url": f"http://127.0.0.1:{args.port}",
        "reference_url": f"http://127.0.0.1:{args.port}/docs",
        "console_url": f"http://127.0.0.1:{args.port}/console/",
        "aws_endpoint_url": os.environ["AWS_ENDPOINT_URL"],
        "region": os.environ["AWS_DEFAULT_REGION"],
        "table": provisioned.topology.table_name,
        "event_bus": provisioned.topology.bus_name,
        "organisations": sorted(org.code for org in seed()),
        "delivery_queue": provisioned.delivery_queue_url,
        "delivery_dead_letter_queue": provisioned.delivery_dead_letter_queue_url,
    }
    (LOCAL / "stack.json").write_text(json.dumps(stack, indent=2))
    print(f"casebridge is up on {stack['api_url']}  (AWS on {stack['aws_endpoint_url']})", flush=True)
    state = f"restored from {STATE_FILE}" if restored else f"new; saved to {STATE_FILE}"
    print(f"  state:          {state} in {time.monotonic() - started:.1f} s;  make reset starts clean", flush=True)
    print(f"  console:        {stack['console_url']}  (sign in with a dev identity provider)", flush=True)
    print(f"  API reference:  {stack['reference_url']}  (Swagger UI; no token needed to read it)", flush=True)
    print("  token:          make token ORG=DEA;  make rotate-key ISSUER=agencies rotates its key", flush=True)
    print("  notifications:  make notifications ORG=HSI", flush=True)
    print("  stack:          .local/stack.json;  Ctrl-C stops everything", flush=True)
    announce_webhooks(provisioned.topology)

    signal.signal(signal.SIGINT, stop_all)
    signal.signal(signal.SIGTERM, stop_all)
    # Served a request (or half a second) at a time until `stop`: a Ctrl-C that came just before
    # serving began once left `serve_forever` running with its `shutdown` already spent.
    server.server.timeout = 0.5
    while not stop.is_set():
        server.server.handle_request()
    server.server.server_close()
    pump.join()
    if LOCAL.is_dir():  # deleted under the stack: what it held is meant to be forgotten
        save_state()
    moto.stop()


if __name__ == "__main__":
    main()
