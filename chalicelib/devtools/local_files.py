"""Key material on a developer's disk: readable by its owner only (0600 files in a 0700 folder)."""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

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
    (The CLI's config file follows the same rule: `casebridge_client.cli.terminal.save_config`.)"""
    with secret_file(path, durable=durable) as file:
        file.write(data.encode() if isinstance(data, str) else data)


@contextmanager
def secret_file(path: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A file to write what replaces `path` (0600, atomically) once the block ends without error.
    The bytes go to a new file of a name nobody could have prepared (`O_EXCL`, `O_NOFOLLOW`),
    which then replaces `path`; a `path` that is a symbolic link is refused, not written
    through. `durable` also waits until the bytes are on disk (the local stack's saved state)."""
    if path.is_symlink():
        raise OSError(errno.ELOOP, "a symbolic link: not writing a secret through it", str(path))
    partial = path.with_name(f".{path.name}.{secrets.token_hex(8)}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, SECRET_MODE)
    try:
        with os.fdopen(descriptor, "wb") as file:
            yield file
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def tighten(folder: Path, names: list[str]) -> None:
    """Bring secrets written by an older version (0644) to 0600."""
    for name in names:
        path = folder / name
        if path.exists():
            path.chmod(SECRET_MODE)
