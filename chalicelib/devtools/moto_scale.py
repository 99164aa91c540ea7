"""moto at the local stack's scale: what it keeps of every request, and what it redoes for each.

moto 5.2 is built for tests, which reset it every few seconds; `make run` serves for weeks,
and `make bench-registry` onboards 20,000 organisations into it. `install()` mends the two
things that grew with every request:

1. **Every model object moto ever made is kept.** `BaseModel.__new__` appends each instance
   to its class's `instances_tracked` (for the `/moto-api/data.json` dashboard, and for a
   reset to let go of them): every DynamoDB `Item` (a new one per write, and the copies a
   transaction keeps to put back), every stream record (each with its item's images), every
   SQS message, S3 object, grant and ACL, long after the table, the stream, the queue or the
   bucket let go of them. That was most of the local stack's growth per organisation
   onboarded. Here instances are not tracked: what moto holds is what its backends hold
   (and the dashboard, which nothing here reads, lists nothing).
2. **EventBridge parses each target's input paths for every event.** moto builds what it
   delivers to a target from an input template and its paths (`EventTemplateParser.parse`:
   the default eight when the target names none) and parses each with
   `jsonpath_ng.ext.parse`, which builds a new PLY lexer and parser on every call: about
   4 ms an event and target, with two targets (the archive and the delivery queue) most of a
   `PutEvents`. The paths are the same eight strings for every event: here each is parsed
   once and kept (a parsed path holds nothing of the event it is matched against).
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

#: Parsed paths kept; the local stack's rules use the eight default ones.
PATHS_KEPT = 256

_ORIGINALS: dict[tuple[Any, str], Any] = {}


def install() -> None:
    """Installs both mends (idempotent)."""
    from moto.core.common_models import BaseModel

    paths = importlib.import_module("jsonpath_ng.ext")  # where moto's events import `parse` from

    if _ORIGINALS:
        return
    _ORIGINALS[(BaseModel, "__new__")] = BaseModel.__dict__["__new__"]
    BaseModel.__new__ = staticmethod(_untracked)  # type: ignore[method-assign,assignment]
    _ORIGINALS[(paths, "parse")] = paths.parse
    vars(paths)["parse"] = functools.lru_cache(maxsize=PATHS_KEPT)(paths.parse)


def uninstall() -> None:
    for (owner, name), original in _ORIGINALS.items():
        setattr(owner, name, original)
    _ORIGINALS.clear()


def _untracked(cls: type, *args: Any, **kwargs: Any) -> Any:
    """`BaseModel.__new__` without its `cls.instances_tracked.append(instance)`."""
    return object.__new__(cls)
