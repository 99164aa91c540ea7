"""`make bench`: DynamoDB round trips per request, cold-start import cost and read latency.

Measured in process on moto, so absolute times say little about AWS; the ratios and the
call counts are what to compare between commits.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.devtools.environment import offline_environment
from chalicelib.devtools.issuer import DevIssuer
from chalicelib.domain.organisations import seed

ISSUER = DevIssuer.generate()
ENV = {
    **offline_environment("bench"),
    "CASEBRIDGE_CURSOR_SECRET": "bench-cursor-secret-0123456789",
    "CASEBRIDGE_TRUSTED_ISSUERS": json.dumps([ISSUER.trusted_issuer(org.code for org in seed())]),
    "CASEBRIDGE_DECONFLICTION_KEYS": json.dumps(
        {"current": "bench", "bench": "YmVuY2gta2V5LW9mLWF0LWxlYXN0LTMyLWJ5dGVzLi4u"}
    ),
}


def import_seconds(statement: str) -> float:
    """Wall time of a fresh interpreter running `statement`."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], env={**os.environ, **ENV}, check=True)  # noqa: S603 - our own interpreter
    return time.perf_counter() - started


def paired(measure: Any, against: Any, pairs: int) -> tuple[float, float, list[float]]:
    """Median of `measure`, median of `against`, and the ratio of each pair, run one after
    the other so that both see the same load on the machine."""
    measured, baseline = [], []
    for _ in range(pairs):
        measured.append(measure())
        baseline.append(against())
    ratios = sorted(m / b for m, b in zip(measured, baseline, strict=True))
    return statistics.median(measured), statistics.median(baseline), ratios


def spread(ratios: list[float]) -> str:
    return f"median {statistics.median(ratios):.2f}, {ratios[0]:.2f} to {ratios[-1]:.2f} over {len(ratios)} pairs"


@dataclass(frozen=True)
class Sizes:
    """How big each part runs: `make bench`'s sizes unless `--quick` or `CASEBRIDGE_BENCH_*`
    say smaller (the bench's own test runs every part at small sizes)."""

    tips: int = 10_000  # the tip burst, and the stream part's tips
    cases: int = 200  # the stream part's cases
    stored: tuple[int, ...] = (1_000, 100_000)  # deconfliction: identifiers and operations stored; () skips it
    latency_pairs: int = 15  # paired runs of the read latency figure
    import_pairs: int = 9  # paired runs of the import figures

    @classmethod
    def chosen(cls, argv: list[str], env: Mapping[str, str]) -> Sizes:
        sizes = cls(tips=1_000, cases=20, stored=()) if "--quick" in argv else cls()
        stored = env.get("CASEBRIDGE_BENCH_STORED")
        return replace(
            sizes,
            tips=int(env.get("CASEBRIDGE_BENCH_TIPS", sizes.tips)),
            cases=int(env.get("CASEBRIDGE_BENCH_CASES", sizes.cases)),
            stored=sizes.stored if stored is None else tuple(int(n) for n in stored.split(",") if n),
            latency_pairs=int(env.get("CASEBRIDGE_BENCH_PAIRS", sizes.latency_pairs)),
            import_pairs=int(env.get("CASEBRIDGE_BENCH_PAIRS", sizes.import_pairs)),
        )


def main() -> None:
    sizes = Sizes.chosen(sys.argv, os.environ)
    os.environ.update(ENV)
    from moto import mock_aws

    from chalicelib.devtools.environment import app_client
    from chalicelib.devtools.moto_dynamodb import install
    from chalicelib.devtools.provision import provision

    install()  # moto as the tests and the local stack run it
    from chalicelib.storage.table import Item

    with mock_aws():
        provisioned = provision("bench")
        from app import app

        with app_client(app) as client:
            report_round_trips(client, Item)
            report_read_latency(client, Item, pairs=sizes.latency_pairs)
            report_hidden_vs_absent(client, Item, pairs=sizes.latency_pairs)
            from scripts.bench_tips import report_tip_burst

            report_tip_burst(client, call, sizes.tips, provisioned.table_stream_arn)
            if sizes.stored:
                from scripts.bench_deconfliction import report_deconfliction_scaling

                report_deconfliction_scaling(client, call, sizes.stored)
                from scripts.bench_reports import report_reports_scaling

                report_reports_scaling(client, call, sizes.stored)
    from scripts.bench_stream import run

    # `call` is handed on, never imported back: run as `python -m scripts.bench`, this file
    # is `__main__`, and `import scripts.bench` would run it again with an issuer of its own.
    run(call, sizes.tips, sizes.cases)
    report_import_time(sizes.import_pairs)


def call(client: Any, method: str, path: str, org: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
    all_headers = {
        "Authorization": f"Bearer {ISSUER.token(org)}",
        "Content-Type": "application/json",
        **(headers or {}),
    }
    return client.http.request(method, path, headers=all_headers, body=json.dumps(body) if body else b"")


def report_round_trips(client: Any, item: Any) -> None:
    operations: list[str] = []
    events = item._get_connection().connection.client.meta.events
    events.register("before-call.dynamodb", lambda model, **_: operations.append(model.name))

    case_id = json.loads(call(client, "POST", "/v1/cases", "DEA", {"title": "bench"}).body)["case_id"]
    referral_id = json.loads(
        call(client, "POST", f"/v1/cases/{case_id}/referrals", "DEA", {"to_org": "HSI", "reason": "r"}).body
    )["referral_id"]
    steps = [
        ("POST /v1/cases", "POST", "/v1/cases", "DEA", {"title": "t"}),
        ("GET /v1/cases/{id}", "GET", f"/v1/cases/{case_id}", "DEA", None),
        ("PATCH /v1/cases/{id}", "PATCH", f"/v1/cases/{case_id}", "DEA", {"summary": "s"}),
        ("GET /v1/cases", "GET", "/v1/cases", "DEA", None),
        ("POST /v1/cases/{id}/notes", "POST", f"/v1/cases/{case_id}/notes", "DEA", {"text": "n"}),
        ("GET /v1/cases/{id}/notes", "GET", f"/v1/cases/{case_id}/notes", "DEA", None),
        ("GET /v1/cases/{id}/audit", "GET", f"/v1/cases/{case_id}/audit", "DEA", None),
        (
            "POST /v1/cases/{id}/referrals",
            "POST",
            f"/v1/cases/{case_id}/referrals",
            "DEA",
            {"to_org": "ATF", "reason": "r"},
        ),
        ("GET /v1/referrals?box=inbound", "GET", "/v1/referrals?box=inbound", "HSI", None),
        ("GET /v1/referrals/{id}", "GET", f"/v1/referrals/{referral_id}", "HSI", None),
        ("POST /v1/referrals/{id}/accept", "POST", f"/v1/referrals/{referral_id}/accept", "HSI", None),
        ("POST /v1/cases/{id}/close", "POST", f"/v1/cases/{case_id}/close", "DEA", None),
    ]
    print("DynamoDB round trips per request")
    print(f"  {'request':34} {'calls':>5}  operations")
    for name, method, path, org, body in steps:
        operations.clear()
        response = call(client, method, path, org, body, {"If-Match": '"v1"'})
        assert response.status_code < 300, (name, response.body)
        print(f"  {name:34} {len(operations):>5}  {' + '.join(operations)}")
    print()


def report_read_latency(client: Any, item: Any, pairs: int = 15, rounds: int = 40) -> None:
    case_id = json.loads(call(client, "POST", "/v1/cases", "DEA", {"title": "latency"}).body)["case_id"]
    token = ISSUER.token("DEA")
    headers = {"Authorization": f"Bearer {token}"}
    connection = item._get_connection().connection.client

    def api_read() -> None:
        client.http.request("GET", f"/v1/cases/{case_id}", headers=headers)

    def bare_read() -> None:
        connection.get_item(
            TableName=item.Meta.table_name,
            Key={"pk": {"S": f"CASE#{case_id}"}, "sk": {"S": "CASE"}},
            ConsistentRead=True,
        )

    def median_ms(action: Any) -> float:
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1000

    for _ in range(20):
        api_read()
        bare_read()
    api_ms, bare_ms, ratios = paired(lambda: median_ms(api_read), lambda: median_ms(bare_read), pairs)
    print(f"GET /v1/cases/{{id}} in process on moto: {pairs} pairs of {rounds} reads each way")
    print(f"  API (verify JWT, GetItem, audit PutItem, render): {api_ms:7.2f} ms")
    print(f"  bare get_item on the same backend:                {bare_ms:7.2f} ms")
    print(f"  ratio: {spread(ratios)}  (the audit write alone is a second round trip)")
    print()


def report_hidden_vs_absent(client: Any, item: Any, pairs: int = 15, rounds: int = 20) -> None:
    """Median response time of a hidden resource over an absent one, per kind, read by ATF
    (an agency with no part in DEA's case): the ratio of each pair of medians, whose spread
    says how far from 1.00 noise alone goes. Hidden must cost what absent costs."""
    from pathlib import Path

    samples = Path(__file__).resolve().parent.parent / "events" / "api"

    def sample(name: str) -> Any:
        return json.loads((samples / f"{name}.json").read_text())

    def made(method: str, path: str, body: Any, key: str, org: str = "DEA", **claims: Any) -> str:
        headers = {"Authorization": f"Bearer {ISSUER.token(org, **claims)}", "Content-Type": "application/json"}
        response = client.http.request(method, path, headers=headers, body=json.dumps(body))
        assert response.status_code < 300, (path, response.body)
        found: Any = json.loads(response.body)
        for part in key.split("."):
            found = found[part]
        return str(found)

    case_id = made("POST", "/v1/cases", {"title": "hidden"}, "case_id")
    on_case = f"/v1/cases/{case_id}"
    emergency_id = made("POST", f"{on_case}/emergency-requests", sample("ask-emergency-request"), "request_id")
    supervisor = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}
    made("POST", f"/v1/emergency-requests/{emergency_id}/approve", {}, "request_id", **supervisor)
    operation = {**sample("register-operation"), "case_id": case_id}
    hidden = {
        "case": f"/v1/cases/{case_id}",
        "case notes": f"/v1/cases/{case_id}/notes",
        "referral": f"/v1/referrals/{made('POST', f'{on_case}/referrals', {'to_org': 'HSI', 'reason': 'r'}, 'referral_id')}",
        "operation": f"/v1/operations/{made('POST', '/v1/operations', operation, 'operation.operation_id')}",
        "file": f"/v1/files/{made('POST', f'{on_case}/files', sample('declare-file'), 'file.file_id')}",
        "preservation": f"/v1/preservations/{made('POST', f'{on_case}/preservations', sample('request-preservation'), 'preservation_id')}",
        "legal request": f"/v1/legal-requests/{made('POST', f'{on_case}/legal-requests', sample('serve-subpoena'), 'request_id')}",
        "emergency request": f"/v1/emergency-requests/{emergency_id}",
        "tip": f"/v1/tips/{made('POST', '/v1/tips', sample('submit-tip'), 'tip_id', 'META')}",
    }
    headers = {"Authorization": f"Bearer {ISSUER.token('ATF')}"}
    connection = item._get_connection().connection.client
    operations: list[str] = []
    connection.meta.events.register("before-call.dynamodb", lambda model, **_: operations.append(model.name))

    def absent(path: str) -> str:
        """The same path with each id's ULIDs ending in another character: the same shape, naming nothing."""
        return re.sub(
            r"[0-9A-HJKMNP-TV-Z]{26}", lambda m: m.group(0)[:-1] + ("1" if m.group(0)[-1] != "1" else "2"), path
        )

    def timed(action: Any) -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    def request(path: str) -> Any:
        def action() -> None:
            response = client.http.request("GET", path, headers=headers)
            assert response.status_code == 404, (path, response.body)

        return action

    def get_item(case: str) -> Any:
        key = {"pk": {"S": f"CASE#{case}"}, "sk": {"S": "CASE"}}
        return lambda: connection.get_item(TableName=item.Meta.table_name, Key=key, ConsistentRead=True)

    def compare(first: Any, second: Any) -> tuple[float, float, list[float]]:
        """Medians of `first` and `second` over every pair, and the ratio of the medians of each
        pair; within a pair the two alternate request by request, so both see the same load."""
        ratios, all_first, all_second = [], [], []
        for _ in range(pairs):
            one: list[float] = []
            other: list[float] = []
            for n in range(rounds):
                for times, action in ((one, first), (other, second))[:: 1 if n % 2 else -1]:
                    times.append(timed(action))
            ratios.append(statistics.median(one) / statistics.median(other))
            all_first += one
            all_second += other
        return statistics.median(all_first) * 1000, statistics.median(all_second) * 1000, sorted(ratios)

    def calls(action: Any) -> str:
        operations.clear()
        action()
        return " + ".join(sorted(operations))

    print(f"Hidden / absent: ATF reads DEA's resources, in process on moto, {pairs} pairs of {rounds} reads each way")
    print(f"  {'resource':18} {'hidden':>8} {'absent':>8}  {'ratio hidden/absent (min to max)':34} calls, each")
    rows = [(kind, request(path), request(absent(path))) for kind, path in hidden.items()]
    # What moto alone adds for an item that exists: its shape serializer writes the item out
    # (and botocore and PynamoDB read it), work an absent id does not cause.
    rows.append(("(bare GetItem)", get_item(case_id), get_item(absent(case_id))))
    for kind, found, missing in rows:
        for _ in range(3):
            found(), missing()  # warm both paths
        same = calls(found) if calls(found) == calls(missing) else f"DIFFER: {calls(found)} / {calls(missing)}"
        found_ms, missing_ms, ratios = compare(found, missing)
        spread_ = f"{statistics.median(ratios):.2f} ({ratios[0]:.2f} to {ratios[-1]:.2f})"
        print(f"  {kind:18} {found_ms:6.2f}ms {missing_ms:6.2f}ms  {spread_:34} {same}")
    print()


def run_hidden_vs_absent(pairs: int = 15, rounds: int = 20) -> None:
    """`report_hidden_vs_absent` alone, on a fresh moto set up as `main` sets it up:
    `python -c "from scripts.bench import run_hidden_vs_absent; run_hidden_vs_absent()"`."""
    os.environ.update(ENV)
    from moto import mock_aws

    from chalicelib.devtools.environment import app_client
    from chalicelib.devtools.moto_dynamodb import install
    from chalicelib.devtools.provision import provision

    install()
    from chalicelib.storage.table import Item

    with mock_aws():
        provision("bench")
        from app import app

        with app_client(app) as client:
            report_hidden_vs_absent(client, Item, pairs, rounds)


#: What each function loads before it handles its first event, beyond `import app`: the API
#: its routes (and models), the token verifier and a repository; the others what their
#: entry point builds (`chalicelib/wiring.py`). Each function is a Lambda of its own.
FIRST_CALLS = {
    "API": "app.app.routes\nfrom chalicelib.api.auth import verifier\n"
    "verifier(); wiring.case_service(); wiring.table().connection",
    "stream handler": "wiring.stream_handler()",
    "timers": "wiring.timer_scheduler()",
    "arrivals": "wiring.arrivals_handler()",
    "webhooks": "wiring.notification_delivery()",
}


def report_import_time(pairs: int = 9) -> None:
    empty = statistics.median(import_seconds("pass") for _ in range(min(pairs, 5)))
    application, baseline, ratios = paired(
        lambda: import_seconds("import app") - empty, lambda: import_seconds("import boto3, chalice") - empty, pairs
    )
    print(f"Cold-start import, fresh interpreters, {pairs} pairs (an empty interpreter subtracted)")
    print(f"  import boto3, chalice:                      {baseline * 1000:7.1f} ms")
    print(f"  import app:                                 {application * 1000:7.1f} ms")
    print(f"  ratio: {spread(ratios)}  (target at most 1.3: what every function pays first)")
    print(f"Each function's cold start: import app and what it builds for its first event, median of {pairs}")
    for function, first_call in FIRST_CALLS.items():
        cold = statistics.median(
            import_seconds(f"import app\nfrom chalicelib import wiring\n{first_call}") - empty for _ in range(pairs)
        )
        print(f"  {function + ':':42} {cold * 1000:7.1f} ms  ({cold / baseline:.2f}x import boto3, chalice)")
    print("  (the API's routes and models load with its first request, not with `app`: no other")
    print("   function imports chalicelib.api; PyJWT and cryptography load only in the API)")


if __name__ == "__main__":
    main()
