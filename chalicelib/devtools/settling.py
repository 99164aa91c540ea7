"""Waiting for the local stream pump: what a script or a walkthrough needs after a write.

A write is on the stream when its request answers; its reactions (case lists, tip routing,
deconfliction hits, events) come a pump round later. The local stack notes each round it
finishes in `.local/pump.json`; `wait_until_settled` returns once a round that began after
the call has found the stream empty, so every reaction of every write made before the call
(and the reactions of those reactions) has been delivered.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from chalicelib.devtools.local_files import write_secret


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
    # one after it, and for a quiet one.
    started, _ = _read(path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rounds, quiet = _read(path)
        if rounds >= started + 2 and quiet:
            return True
        time.sleep(0.05)
    return False
