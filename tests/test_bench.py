"""`make bench` itself: its parts run to the end in one process, as the Makefile runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Every part's heading, in the order `scripts/bench.py` runs them.
PARTS = (
    "DynamoDB round trips per request",
    "GET /v1/cases/{id} in process on moto",
    "Tip burst: 100 tips",
    "Deconfliction checks as the index grows",
    "Reports as records grow",
    "Stream at sweep scale: 100 tips",
    "Cold-start import",
)


def test_make_bench_runs_every_part_to_the_end_in_one_process() -> None:
    # As `make bench` runs it: `scripts/bench.py` is `__main__` (a part that imports
    # `scripts.bench` gets a second copy of the module, with a token issuer of its own).
    small = {
        "CASEBRIDGE_BENCH_TIPS": "100",
        "CASEBRIDGE_BENCH_CASES": "2",
        "CASEBRIDGE_BENCH_STORED": "10,20",
        "CASEBRIDGE_BENCH_PAIRS": "1",
    }
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **small}
    ran = subprocess.run(
        [sys.executable, "-m", "scripts.bench"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    positions = [ran.stdout.find(heading) for heading in PARTS]
    assert -1 not in positions, ran.stdout
    assert positions == sorted(positions), ran.stdout


def test_the_registry_bench_onboards_through_the_api_and_counts_the_round_trips() -> None:
    # `make bench`'s registry part at a small size, on a port of its own; its latency and
    # memory figures are printed, not judged here (no timed tests).
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    command = ["-m", "scripts.bench_registry", "--organisations", "3", "--samples", "3", "--no-expiry"]
    ran = subprocess.run(
        [sys.executable, *command, "--port", "8793"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "3 onboarded" in ran.stdout, ran.stdout
    [by_the_last] = [line for line in ran.stdout.splitlines() if line.strip().startswith("by BENCH000003:")]
    assert by_the_last.endswith("(equal)"), ran.stdout  # as many as DEA's
