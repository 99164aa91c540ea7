"""The local stack's AWS state on disk: every moto backend in use, pickled to one file.

moto's backends are plain Python objects; pickling them is what moto itself suggests for
keeping state, and restoring them puts tables (stream position included), queues with
their waiting messages, the bus, its rules and archive, and the audit bucket back as they
were. moto's request recorder was the other candidate, but it replays every request ever
made (the pump's polling included), so a restart would grow with history, not state.

Two things of moto do not pickle as they stand: SQS queues hold a `threading.Condition`
and a few models hold locks. The pickler here writes any lock as a fresh one. Shard
iterators are not kept: they are handles, not state, and the pump asks for new ones.
"""

from __future__ import annotations

import io
import pickle
import threading
from pathlib import Path
from typing import Any

from chalicelib.devtools.local_files import write_secret

#: Backends that hold no state worth keeping across a restart.
NOT_KEPT = frozenset({"dynamodbstreams"})
_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, _LOCK_TYPES):
            return (type(obj), ())
        return NotImplemented


def save_state(path: Path) -> int:
    """Writes every backend in use to `path` atomically (a stop mid-write keeps the old file); returns its size."""
    from moto.core.base_backend import BackendDict

    state = {
        backends.service_name: {account: dict(regions) for account, regions in backends.items()}
        for backends in list(BackendDict._instances)  # type: ignore[misc]
        if backends.service_name not in NOT_KEPT
    }
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
    write_secret(path, buffer.getvalue(), durable=True)
    return buffer.tell()


def load_state(path: Path) -> bool:
    """Puts the backends saved in `path` in place of moto's; False if there is nothing saved."""
    from moto.backends import get_backend

    if not path.exists():
        return False
    with path.open("rb") as file:
        # Written by this stack alone: 0600 in a 0700 folder (`local_files`).
        state: dict[str, dict[str, dict[str, Any]]] = pickle.load(file)  # noqa: S301
    for service, accounts in state.items():
        backends = get_backend(service)  # type: ignore[call-overload]
        for account, regions in accounts.items():
            for region, backend in regions.items():
                backends[account][region] = backend
    return True


def footprint(path: Path) -> dict[str, int]:
    """Bytes each service's saved backends take in memory once loaded (`tracemalloc`), by service."""
    import tracemalloc

    with path.open("rb") as file:
        state: dict[str, Any] = pickle.load(file)  # noqa: S301 - as in `load_state`
    sizes: dict[str, int] = {}
    for service, accounts in state.items():
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(accounts)
        tracemalloc.start()
        loaded = pickle.loads(buffer.getvalue())  # noqa: S301
        sizes[service] = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del loaded
    return sizes
