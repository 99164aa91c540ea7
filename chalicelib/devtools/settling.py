"""Waiting for the local stream pump: what a script or a walkthrough needs after a write.

A write is on the stream when its request answers; its reactions (case lists, tip routing,
deconfliction hits, events) come a pump round later. The local stack notes each round it
finishes in `.local/pump.json`; `wait_until_settled` returns once a round that began after
the call has found the stream empty, so every reaction of every write made before the call
(and the reactions of those reactions) has been delivered. It asks the stack for each round
(`GET /dev/pump`, beside the API), so a settle takes a few rounds' time, not the pump's ticks.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from chalicelib.devtools.local_files import write_secret

#: Where the local stack takes a request for a pump round now (served beside the API, as the dev
#: providers' keys are; no deployed stage has it).
PUMP_NOW = "/dev/pump"


def note_round(path: Path, rounds: int, quiet: bool) -> None:
    write_secret(path, json.dumps({"rounds": rounds, "quiet": quiet}))  # atomic: a reader never sees half


def _read(path: Path) -> tuple[int, bool]:
    try:
        status = json.loads(path.read_text())
    except (OSError, ValueError):
        return -1, False
    return int(status["rounds"]), bool(status["quiet"])


def wait_until_settled(path: Path, timeout: float = 30.0) -> bool:
    """True once the pump has settled everything written before the call; False on timeout."""
    # The round under way may have read the stream before the call's writes: wait for the
    # one after it, and for a quiet one. Each is asked for as the one before ends.
    started, _ = _read(path)
    asked, pump_now = started, _pump_now(path.parent / "stack.json")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rounds, quiet = _read(path)
        if rounds >= started + 2 and quiet:
            return True
        if rounds >= asked and pump_now is not None:
            _ask(pump_now)
            asked = rounds + 1
        time.sleep(0.01)
    return False


def _pump_now(stack_file: Path) -> str | None:
    """Where the stack that writes `stack_file` takes a request for a round; None for a stack
    that cannot be asked (none, or one not on this machine): its rounds come at its ticks."""
    try:
        url = str(json.loads(stack_file.read_text())["api_url"]) + PUMP_NOW
    except (OSError, ValueError, KeyError):
        return None
    return url if url.startswith("http://127.0.0.1:") else None


def _ask(url: str) -> None:
    """Wakes the pump; a stack stopping or too old to answer runs its round at its tick all the same."""
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - an http URL on this machine
            pass
    except OSError:
        return
