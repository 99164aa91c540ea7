"""Key material on a developer's disk: readable by its owner only (0600 files in a 0700 folder)."""

from __future__ import annotations

import os
from pathlib import Path

SECRET_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path) -> Path:
    """Create `folder` (and tighten one made before this rule) so that only its owner may enter."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    folder.chmod(FOLDER_MODE)
    return folder


def write_secret(path: Path, data: bytes | str, *, durable: bool = False) -> None:
    """Write `data` to `path` created 0600, so that it is never readable by others, not even
    briefly, and atomically: a reader (or a stop half-way) sees the old file or the new one.
    `durable` also waits until the bytes are on disk (the local stack's saved state)."""
    raw = data.encode() if isinstance(data, str) else data
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, SECRET_MODE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(raw)
        if durable:
            file.flush()
            os.fsync(file.fileno())
    partial.chmod(SECRET_MODE)  # a file that already existed keeps its mode through O_CREAT
    os.replace(partial, path)


def tighten(folder: Path, names: list[str]) -> None:
    """Bring secrets written by an older version (0644) to 0600."""
    for name in names:
        path = folder / name
        if path.exists():
            path.chmod(SECRET_MODE)
