"""`make reset`: forgets the local stack's data, keys and tokens (`.local/`); the next `make run` starts clean.

Refuses while the stack runs: deleting `.local/` under a running stack would leave it serving
with its files gone. The stack notes its process id in `.local/stack.pid` and locks it while
it runs; the pid file of a stack killed without warning is not locked and does not stop a
reset. Standard library only, so that it runs before `.venv` exists.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from chalicelib.devtools.stack_file import running_pid


def main(folder: Path = Path(".")) -> int:
    pid = running_pid(folder)
    if pid is not None:
        print(
            f"make reset: the local stack is running here (process {pid}); stop it first (Ctrl-C where make run runs)",
            file=sys.stderr,
        )
        return 1
    if (folder / ".local").exists():
        shutil.rmtree(folder / ".local")
        print("make reset: forgot .local/ (data, keys, tokens); the next make run starts clean")
    else:
        print("make reset: nothing to forget (no .local/ here)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
