"""`make bench-local`: the local stack under a long mixed load: memory, latency, restart.

Starts `scripts.localstack` in a fresh folder, drives `--requests` mixed requests over HTTP
(cases, referrals and their answers, identifiers, tips, operations, reads and lists, from
four agencies and two platforms), and reports the stack's resident memory and the median
latency of the first and the last 1,000 requests. Then it stops the stack with Ctrl-C,
starts it again on the same `.local/`, and reports how long the restart took for how many
items. One client thread: the local server serves one request at a time anyway.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
AGENCIES = ("DEA", "HSI", "USPIS", "ATF")
PLATFORMS = ("META", "TIKTOK")
WINDOW = 1_000


class Stack:
    def __init__(self, folder: Path, port: int, tokens: tuple[str, ...] = AGENCIES + PLATFORMS) -> None:
        self.folder, self.port = folder, port
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CASEBRIDGE_"))}
        self.env = {**env, "PYTHONPATH": str(ROOT)}
        started = time.monotonic()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "scripts.localstack", "--port", str(port)],
            cwd=folder,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while not self._answers():
            assert self.process.poll() is None, "the local stack did not start"
            time.sleep(0.1)
        self.start_seconds = time.monotonic() - started
        self.tokens = {org: self._token(org) for org in tokens}

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/v1/health", timeout=1):
                return True
        except OSError:
            return False

    def _token(self, org: str) -> str:
        return subprocess.run(  # noqa: S603
            [sys.executable, "-m", "scripts.token", "--org", org, "--hours", "8"],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def call(self, org: str, method: str, path: str, body: Any = None) -> tuple[int, Any, float]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {self.tokens[org]}", "Content-Type": "application/json"}
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data, headers=headers, method=method
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                status, answer = response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            status, answer = error.code, json.loads(error.read() or b"null")
        return status, answer, time.perf_counter() - started

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def items(self) -> int:
        from chalicelib.devtools.stack_file import aws_client, described

        table = described(self.folder)["table"]
        return int(aws_client(self.folder, "dynamodb").describe_table(TableName=table)["Table"]["ItemCount"])

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=120)


class Load:
    """A mixed workload with state of its own: who owns which case, which referrals wait."""

    def __init__(self, stack: Stack, seed: int = 7) -> None:
        self.stack, self.random = stack, random.Random(seed)  # noqa: S311 - a repeatable load, not a secret
        self.cases: dict[str, list[str]] = {org: [] for org in AGENCIES}
        self.pending: list[tuple[str, str]] = []  # (receiver, referral id)
        self.failures: dict[int, int] = {}
        self.n = 0

    def step(self) -> float:
        self.n += 1
        org = AGENCIES[self.n % len(AGENCIES)]
        kind = self.n % 12 if self.cases[org] else 0
        status, answer, seconds = self._request(kind, org)
        if status >= 500 or status in (401, 403):
            self.failures[status] = self.failures.get(status, 0) + 1
        if kind == 0 and status == 201:
            self.cases[org].append(answer["case_id"])
        if kind == 2 and status == 201:
            self.pending.append((answer["to_org"], answer["referral_id"]))
        return seconds

    def _request(self, kind: int, org: str) -> tuple[int, Any, float]:
        call, case = self.stack.call, self._case(org)
        shared = f"+1202555{self.random.randrange(10_000):04d}"  # now and then held by another agency
        if kind == 0:
            return call(org, "POST", "/v1/cases", {"title": f"Load case {self.n}", "tlp": "AMBER"})
        if kind == 1:
            identifiers = [{"type": "phone", "value": shared}, {"type": "email", "value": f"v{self.n}@example.net"}]
            return call(org, "POST", f"/v1/cases/{case}/identifiers", {"identifiers": identifiers})
        if kind == 2:
            to = self.random.choice([other for other in AGENCIES if other != org])
            return call(org, "POST", f"/v1/cases/{case}/referrals", {"to_org": to, "reason": "load"})
        if kind == 3 and self.pending:
            receiver, referral = self.pending.pop(0)
            return call(receiver, "POST", f"/v1/referrals/{referral}/accept")
        if kind == 4:
            platform = PLATFORMS[self.n % len(PLATFORMS)]
            tip = {
                "platform_reference": f"L-{self.n}",
                "category": "counterfeit_pills",
                "reported_accounts": [{"handle": f"@v{self.n}"}],
            }
            return call(platform, "POST", "/v1/tips", tip)
        if kind == 5:
            start = 1_800_000_000 + self.random.randrange(300) * 3600
            operation = {
                "case_id": case,
                "kind": "controlled_buy",
                "location": {
                    "lat": 30 + self.random.random() * 15,
                    "lon": -120 + self.random.random() * 40,
                    "radius_m": 200,
                },
                "starts_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start)),
                "ends_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + 7200)),
            }
            return call(org, "POST", "/v1/operations", operation)
        if kind == 6:
            return call(org, "PATCH", f"/v1/cases/{case}", {"summary": f"update {self.n}"})
        if kind == 7:
            return call(org, "GET", "/v1/cases?limit=25")
        if kind == 8:
            return call(org, "GET", "/v1/referrals?box=inbound")
        if kind == 9:
            return call(org, "GET", "/v1/tips?status=new")
        if kind == 10:
            return call(org, "GET", f"/v1/cases/{case}/identifiers")
        return call(org, "GET", f"/v1/cases/{case}")

    def _case(self, org: str) -> str:
        owned = self.cases[org]
        return owned[-1 - self.random.randrange(min(len(owned), 50))] if owned else ""


def concurrent_creates(stack: Stack, requests: int = 800, clients: int = 20) -> None:
    """`requests` creates from `clients` threads: no 5xx, no reset, and every 201 readable,
    with exactly one audit record and one event."""
    from concurrent.futures import ThreadPoolExecutor

    from chalicelib.devtools.delivery_log import delivered
    from chalicelib.devtools.settling import wait_until_settled

    def create(n: int) -> tuple[str, int, Any]:
        org = AGENCIES[n % len(AGENCIES)]
        try:
            status, answer, _ = stack.call(org, "POST", "/v1/cases", {"title": f"Concurrent {n}"})
        except OSError:  # a reset or a refused connection
            return org, 0, None
        return org, status, answer

    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(create, range(requests)))
    statuses = collections.Counter(status for _, status, _ in results)
    assert wait_until_settled(stack.folder / ".local" / "pump.json", timeout=120)
    opened = collections.Counter(
        event["detail"]["case_id"]
        for org in AGENCIES
        for event in delivered(stack.folder / ".local" / "events", org)
        if event["detail-type"] == "Case Opened"
    )
    readable = audited = announced = 0
    for org, status, answer in results:
        if status != 201:
            continue
        case = answer["case_id"]
        readable += stack.call(org, "GET", f"/v1/cases/{case}")[0] == 200
        trail = stack.call(org, "GET", f"/v1/cases/{case}/audit?limit=100")[1]["items"]
        audited += [record["event"] for record in trail].count("case.open") == 1
        announced += opened[case] == 1
    created = statuses[201]
    print(f"{requests} creates from {clients} clients at once: {dict(statuses)} (0 = reset or refused)")
    print(f"  of {created} created: {readable} readable, {audited} with one audit record, {announced} with one event")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--keep", action="store_true", help="keep the stack's folder (its .local/) for a look")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="casebridge-load-"))
    try:
        stack = Stack(folder, args.port)
        concurrent_creates(stack)
        load = Load(stack)
        first = [load.step() for _ in range(WINDOW)]
        rss_start = stack.rss_mib()
        print(
            f"after {WINDOW:,} requests: RSS {rss_start:,.0f} MiB, p50 {statistics.median(first) * 1000:.1f} ms",
            flush=True,
        )
        for done in range(WINDOW, args.requests - WINDOW):
            load.step()
            if (done + 1) % 5_000 == 0:
                print(f"  {done + 1:,} requests: RSS {stack.rss_mib():,.0f} MiB", flush=True)
        last = [load.step() for _ in range(WINDOW)]
        time.sleep(3)  # let the pump settle what the last requests wrote
        rss_end, items = stack.rss_mib(), stack.items()
        print(f"after {args.requests:,} requests: RSS {rss_end:,.0f} MiB, p50 {statistics.median(last) * 1000:.1f} ms")
        print(f"  p50 end / start: {statistics.median(last) / statistics.median(first):.2f} (limit 2)")
        print(f"  5xx, 401 and 403 answers: {load.failures or 'none'}")
        stack.stop()
        from chalicelib.devtools.snapshots import footprint

        sizes = footprint(folder / ".local" / "state.pickle")
        kept = ", ".join(f"{service} {size / 2**20:.0f} MiB" for service, size in sorted(sizes.items()) if size > 2**19)
        print(f"  what is kept, in memory once loaded again (tracemalloc): {kept}")
        restarted = Stack(folder, args.port)
        print(
            f"restart with {items:,} items: up in {restarted.start_seconds:.1f} s (limit 15 s);"
            f" state file {(folder / '.local' / 'state.pickle').stat().st_size / 2**20:,.0f} MiB"
        )
        assert restarted.items() == items, "the restart lost items"
        restarted.stop()
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
