"""What the local stack delivered to each organisation, kept so that it can be read back.

An SQS queue cannot be peeked: every receive counts towards the redrive to the dead-letter
queue, visibility timeout 0 included. So `make notifications` reads this log instead, which
the local stack appends to as it publishes: one JSON line per event and recipient, in
order, in `.local/events/<ORG>.jsonl`. It holds the same `detail`, with the same `id`, as
the queue's message; like the bus, it is at least once (a retried stream record appears
again with the same id).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chalicelib.devtools.local_files import private_folder
from chalicelib.domain.notifications import SOURCE
from chalicelib.stream.publisher import Event, EventPublisher


def log_path(folder: Path, org: str) -> Path:
    return folder / f"{org.upper()}.jsonl"


class RecordingPublisher(EventPublisher):
    """Publishes to the bus, then notes the event in each recipient's log."""

    def __init__(self, bus_name: str, folder: Path) -> None:
        super().__init__(bus_name)
        self._folder = private_folder(folder)
        self._lock = threading.Lock()

    def published(self, events: Sequence[Event]) -> None:
        super().published(events)
        lines = [
            json.dumps(
                {
                    "detail-type": event.detail_type,
                    "source": SOURCE,
                    "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                    "detail": event.detail,
                },
                separators=(",", ":"),
            )
            for event in events
        ]
        with self._lock:
            for event, line in zip(events, lines, strict=True):
                for org in event.detail.get("recipients", []):
                    with log_path(self._folder, org).open("a") as log:
                        log.write(line + "\n")


def delivered(folder: Path, org: str) -> list[dict[str, Any]]:
    """Every event logged for `org`, oldest first."""
    path = log_path(folder, org)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
