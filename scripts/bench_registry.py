"""`make bench` (registry part): N organisations onboarded into the local stack through the API,
then what the N-th costs against DEA and against the first (issue 31, item 5).

Starts `scripts.localstack` in a fresh folder and onboards `--organisations` state agencies
(20,000 by default; `--quick` 500) as the operator does: `POST /v1/organisations` by one
person of the operator, `POST /v1/organisations/{code}/approve` by a second. Each one's
officers' tokens come from the local stack's agencies' provider, which its entry names. They
go in lots of 1,000, each followed by a wait for the stream pump to deliver what it set off
(the stack's memory is printed then: its own, not a backlog's). Then:

- the DynamoDB round trips of `GET /v1/cases` by the N-th organisation and by DEA, warm (each
  counted from moto's request recorder, the fewest of five tries: the stream pump's own calls
  may fall into a try, never out of one);
- the p50 latency of that request by the first organisation onboarded and by the N-th,
  interleaved;
- the local stack's resident memory (VmRSS).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from chalicelib.services.organisations import MAX_TTL
from scripts.bench_local_stack import Stack

#: The request measured: one every agency makes, which reads the registry for its caller.
REQUEST = ("GET", "/v1/cases?limit=25")
#: The operator's two persons: one proposes, the other approves.
PROPOSER, APPROVER = "alice.operator@casebridge.example", "bob.operator@casebridge.example"
STATES = ("NV", "CA", "AZ", "TX", "NM", "OR", "WA", "UT", "CO", "ID")
LIMITS = {"latency": 1.2, "rss_mib": 1024}


def code(n: int) -> str:
    return f"BENCH{n:06d}"


def agency(n: int, issuer: Mapping[str, object]) -> dict[str, object]:
    """The n-th state agency onboarded (from 1): its ORI, its line, its state."""
    state = STATES[n % len(STATES)]
    return {
        "code": code(n),
        "name": f"Bench state agency {n}",
        "kind": "state_agency",
        "ori": f"{state}B{n:06d}",
        "jurisdiction": {"state": state},
        "verification_line": f"+1202{n:07d}",
        "identity_providers": [issuer],
    }


class Registry:
    """The stack, its agencies' provider, and the operator's two persons' tokens."""

    def __init__(self, stack: Stack) -> None:
        from chalicelib.devtools.issuer import DevProvider

        self.stack = stack
        self.provider = DevProvider.AGENCIES.load(stack.folder / ".local")
        published = DevProvider.AGENCIES.published(stack.folder / ".local")
        self.issuer = {"issuer": self.provider.issuer, "jwks": published}
        for person in (PROPOSER, APPROVER):
            stack.tokens[person] = self.provider.token("CASEBRIDGE", sub=person, lifetime=8 * 3600)
        stack.tokens["DEA"] = self.provider.token("DEA", lifetime=8 * 3600)

    def onboard(self, n: int) -> None:
        body = agency(n, self.issuer)
        status, answer, _ = self.stack.call(PROPOSER, "POST", "/v1/organisations", body)
        assert status == 201, (n, status, answer)
        status, answer, _ = self.stack.call(APPROVER, "POST", f"/v1/organisations/{code(n)}/approve")
        assert status == 200, (n, status, answer)

    def officer(self, n: int) -> str:
        """A key for `Stack.call`: a token of the n-th organisation's officer."""
        self.stack.tokens[code(n)] = self.provider.token(code(n), lifetime=8 * 3600)
        return code(n)


def onboard_all(registry: Registry, count: int, clients: int, every: int = 1_000) -> float:
    """Onboards organisations 1 to `count`, `every` at a time, each lot followed by a wait for
    the stream pump to deliver what it set off (so that its backlog does not count as the
    stack's memory); the seconds it took."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for first in range(1, count + 1, every):
            last = min(first + every - 1, count)
            list(pool.map(registry.onboard, range(first, last + 1)))
            onboarded = time.monotonic()
            settled(registry.stack, timeout=600)
            rate = last / (time.monotonic() - started)
            print(
                f"  {last:,} onboarded ({rate:,.1f}/s, the pump settled in {time.monotonic() - onboarded:,.0f} s):"
                f" RSS {registry.stack.rss_mib():,.0f} MiB",
                flush=True,
            )
    return time.monotonic() - started


class Recorder:
    """moto's request recorder, on the stack's embedded server: the DynamoDB calls of a request."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint.rstrip("/")

    def _post(self, action: str) -> bytes:
        url = f"{self.endpoint}/moto-api/recorder/{action}"
        method = "GET" if action == "download-recording" else "POST"
        request = urllib.request.Request(url, data=b"" if method == "POST" else None, method=method)  # noqa: S310
        with urllib.request.urlopen(request) as answer:  # noqa: S310 - the local moto server
            body: bytes = answer.read()
        return body

    def dynamodb_calls(self, request: Callable[[], int]) -> tuple[int, list[str]]:
        """What `request` answered (its status), and the DynamoDB calls made while it ran."""
        self._post("reset-recording")
        self._post("start-recording")
        try:
            status = request()
        finally:
            self._post("stop-recording")
        return status, list(_dynamodb_operations(self._post("download-recording").decode()))


def _dynamodb_operations(recording: str) -> Iterator[str]:
    for line in recording.splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        target = {name.lower(): value for name, value in entry["headers"].items()}.get("x-amz-target", "")
        if target.startswith("DynamoDB_20120810."):
            yield target.split(".", 1)[1]


def round_trips(stack: Stack, recorder: Recorder, org: str, tries: int = 5) -> list[str]:
    """The DynamoDB calls of `REQUEST` by `org`, warm: the fewest of `tries`, each right after
    a request that warms the directory (waiting for the pump to settle may outlast its minute)."""
    method, path = REQUEST
    seen = []
    for _ in range(tries):
        settled(stack)
        stack.call(org, method, path)  # warm
        status, calls = recorder.dynamodb_calls(lambda: stack.call(org, method, path)[0])
        assert status == 200, (org, status)
        seen.append(calls)
    return min(seen, key=len)


def expired(stack: Stack, recorder: Recorder, org: str) -> list[str]:
    """The DynamoDB calls of `REQUEST` by `org` once the directory's minute is over: what
    keeping the registry costs, once a minute per organisation and function."""
    time.sleep(MAX_TTL.total_seconds() + 1)
    settled(stack)
    status, calls = recorder.dynamodb_calls(lambda: stack.call(org, *REQUEST)[0])
    assert status == 200, (org, status)
    return calls


def settled(stack: Stack, timeout: float = 60) -> None:
    from chalicelib.devtools.settling import wait_until_settled

    wait_until_settled(stack.folder / ".local" / "pump.json", timeout=timeout)


def p50s(stack: Stack, first: str, last: str, samples: int) -> tuple[float, float]:
    method, path = REQUEST
    times: dict[str, list[float]] = {first: [], last: []}
    for _ in range(samples):
        for org in (first, last):
            status, _, seconds = stack.call(org, method, path)
            assert status == 200, (org, status)
            times[org].append(seconds)
    return statistics.median(times[first]), statistics.median(times[last])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="500 organisations")
    parser.add_argument("--samples", type=int, default=200, help="requests per organisation for the p50s")
    parser.add_argument("--clients", type=int, default=2, help="onboarding requests under way at once")
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--no-expiry", action="store_true", help="skip the minute's wait for an entry to expire")
    parser.add_argument("--keep", action="store_true", help="keep the stack's folder (its .local/) for a look")
    args = parser.parse_args()
    count = 500 if args.quick else args.organisations
    folder = Path(tempfile.mkdtemp(prefix="casebridge-registry-"))
    try:
        stack = Stack(folder, args.port, tokens=())
        registry = Registry(stack)
        print(f"Registry at scale: {count:,} organisations onboarded through the API (propose + approve)")
        print(f"  the stack at start: RSS {stack.rss_mib():,.0f} MiB", flush=True)
        seconds = onboard_all(registry, count, args.clients)
        print(f"  onboarded in {seconds:,.0f} s ({2 * count / seconds:,.0f} requests/s)")
        from chalicelib.devtools.stack_file import described

        recorder = Recorder(described(folder)["aws_endpoint_url"])
        first, last = registry.officer(1), registry.officer(count)
        dea, nth = round_trips(stack, recorder, "DEA"), round_trips(stack, recorder, last)
        print(f"  DynamoDB round trips of {' '.join(REQUEST)}, warm (the fewest of 5):")
        print(f"    by DEA:          {len(dea)}  {' + '.join(dea)}")
        print(f"    by {last}:  {len(nth)}  {' + '.join(nth)}  ({'equal' if len(nth) == len(dea) else 'NOT EQUAL'})")
        at_first, at_last = p50s(stack, first, last, args.samples)
        ratio = at_last / at_first
        print(f"  p50 of {' '.join(REQUEST)} over {args.samples} each, interleaved:")
        print(f"    by {first} (the first): {at_first * 1000:.1f} ms")
        print(f"    by {last} (the {count:,}th): {at_last * 1000:.1f} ms  ({ratio:.2f}x, limit {LIMITS['latency']}x)")
        if not args.no_expiry:
            stale = expired(stack, recorder, last)
            print(f"  DynamoDB round trips by {last} once its entry is a minute old: {len(stale)}  {' + '.join(stale)}")
        rss = stack.rss_mib()
        print(f"  the stack's resident memory: {rss:,.0f} MiB (limit {LIMITS['rss_mib']:,} MiB)")
        stack.stop()
        failed = [
            what
            for what, bad in (
                ("round trips", len(nth) != len(dea)),
                ("latency", ratio > LIMITS["latency"]),
                ("memory", rss > LIMITS["rss_mib"]),
            )
            if bad
        ]
        print(f"  {'within every limit' if not failed else 'OVER THE LIMIT: ' + ', '.join(failed)}")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
