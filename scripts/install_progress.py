"""What `pip install -r FILE` prints, cut to a progress a newcomer can follow and a CI log can keep.

`make` pipes pip's output through this on the first `make run` or `make test` (and whenever
a requirements file changes): one line saying what is installed and how long it takes, then
each package as pip collects it (one line each in a log, one line updated in place in a
terminal), then how many were installed. pip's errors go to stderr and are not touched.
Standard library only: it runs with the `.venv` pip is filling.

    pip install -r requirements-dev.txt | python scripts/install_progress.py requirements-dev.txt
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path


def pinned(requirements: Path) -> int:
    """How many packages the file names (`name==version` or `-e path`), its `-r` files included."""
    count = 0
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            count += pinned(requirements.parent / line.split(maxsplit=1)[1])
        elif line and (not line.startswith("-") or line.startswith(("-e ", "--editable "))):
            count += 1
    return count


def progress(pip_output: Iterable[str], requirements: Path, terminal: bool) -> Iterator[str]:
    """The lines to show for pip's `pip_output`; in a `terminal`, a line ending in `\\r` is
    overwritten by the next."""
    yield f"installing {pinned(requirements)} packages of {requirements} and what they need into .venv (about a minute, first time only)\n"
    collected = 0
    for line in pip_output:
        if line.startswith(("Collecting ", "Obtaining ", "Processing ")):
            collected += 1
            name = re.split(r"\s|\(", line.split(maxsplit=1)[1], maxsplit=1)[0]
            if name.endswith(".whl"):  # a wheel of a local folder (pip's find-links): its name and version
                name = "==".join(Path(name).name.split("-")[:2])
            yield f"  {collected:>3}  {name}" + ("\033[K\r" if terminal else "\n")
        elif line.startswith("Installing collected packages: "):
            count = len(line.split(":", 1)[1].split(","))
            yield ("\n" if terminal and collected else "") + f"  installing {_packages(count)}…\n"
        elif line.startswith("Successfully installed "):
            yield f"  installed {_packages(len(line.split()) - 2)}\n"
        elif line.startswith(("ERROR", "WARNING")):
            yield line if line.endswith("\n") else line + "\n"
    if not collected:
        yield "  every one is installed already\n"


def _packages(count: int) -> str:
    return f"{count} package" if count == 1 else f"{count} packages"


def main() -> None:
    requirements = Path(sys.argv[1])
    terminal = sys.stdout.isatty()
    for shown in progress(sys.stdin, requirements, terminal):
        sys.stdout.write(shown)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
