"""The Makefile as a newcomer meets it: `make` lists every target, `make reset` refuses while
the stack runs, the first install shows its progress."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from scripts.install_progress import progress

ROOT = Path(__file__).parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
#: Every rule a person may name: `name: prerequisites  ## its one line` (not `:=`, not a file's).
TARGETS = re.findall(r"^([a-z][a-z-]*):(?!=)", MAKEFILE, re.MULTILINE)


def _make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(["make", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_every_target_has_its_one_line_and_make_help_prints_each():
    assert len(TARGETS) > 15 and {"help", "run", "test", "demo", "reset", "lint", "typecheck", "clean"} <= set(TARGETS)
    rules = dict(re.findall(r"^([a-z][a-z-]*):(?!=)(.*)$", MAKEFILE, re.MULTILINE))
    assert [target for target in TARGETS if "## " not in rules[target]] == []
    listed = _make("help")
    assert listed.returncode == 0, listed.stderr
    for target in TARGETS:
        line = rules[target].split("## ", 1)[1].strip()
        assert re.search(rf"^  {re.escape(target)} +{re.escape(line)}$", listed.stdout, re.MULTILINE), target
    assert _make().stdout == listed.stdout  # plain `make` is `make help`


def test_every_target_is_phony():
    phony = set(re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.MULTILINE).group(1).split())
    assert set(TARGETS) - phony == set()


@pytest.fixture
def checkout(tmp_path):
    """A folder where `make reset` runs as in the repository: the Makefile and the scripts."""
    for name in ("Makefile", "scripts", "chalicelib"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / ".local").mkdir()
    (tmp_path / ".local" / "state.pickle").write_bytes(b"what the stack stored")
    return tmp_path


def test_make_reset_refuses_while_the_stack_runs(checkout):
    from chalicelib.devtools.stack_file import forget_pid, hold_pid

    assert hold_pid(checkout) is None  # this test's process holds .local/ as a running stack does
    try:
        refused = _make("reset", cwd=checkout)
    finally:
        forget_pid(checkout)
    assert refused.returncode != 0
    assert refused.stderr.splitlines()[0] == (
        f"make reset: the local stack is running here (process {os.getpid()}); "
        "stop it first (Ctrl-C where make run runs)"
    )
    assert (checkout / ".local" / "state.pickle").exists()


def test_make_reset_forgets_a_stack_that_was_killed_without_warning(checkout):
    """Its pid file stays, naming a process that is gone, or alive as another program: no lock."""
    (checkout / ".local" / "stack.pid").write_text(f"{os.getpid()}\n")
    reset = _make("reset", cwd=checkout)
    assert reset.returncode == 0, reset.stderr
    assert reset.stdout.splitlines() == [
        "make reset: forgot .local/ (data, keys, tokens); the next make run starts clean"
    ]
    assert not (checkout / ".local").exists()


PIP = """\
Looking in indexes: https://pypi.org/simple
Collecting chalice==1.34.0 (from -r requirements-dev.txt (line 2))
  Downloading chalice-1.34.0-py3-none-any.whl (2.1 MB)
Processing /opt/wheels/pyjwt-2.15.1-py3-none-any.whl (from -r requirements.txt (line 8))
Obtaining file:///work/clients/python (from -r requirements-dev.txt (line 20))
  Installing build dependencies: started
Requirement already satisfied: six in ./.venv/lib/python3.11/site-packages
Installing collected packages: six, pyjwt, chalice
Successfully installed chalice-1.34.0 pyjwt-2.15.1 six-1.17.0
"""


def test_the_first_install_says_what_it_installs_then_one_line_per_package_in_a_log():
    pinned = sum(1 for line in (ROOT / "requirements-dev.txt").read_text().splitlines() if "==" in line or "-e" in line)
    pinned += sum(1 for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    shown = "".join(progress(PIP.splitlines(keepends=True), ROOT / "requirements-dev.txt", terminal=False))
    assert shown.splitlines() == [
        f"installing {pinned} packages of {ROOT / 'requirements-dev.txt'} and what they need into .venv "
        "(about a minute, first time only)",
        "    1  chalice==1.34.0",
        "    2  pyjwt==2.15.1",
        "    3  file:///work/clients/python",
        "  installing 3 packages…",
        "  installed 3 packages",
    ]


def test_in_a_terminal_the_packages_share_one_line():
    shown = "".join(progress(PIP.splitlines(keepends=True), ROOT / "requirements.txt", terminal=True))
    assert shown.count("\n") == 4 and "  3  file:///work/clients/python\033[K\r\n  installing 3 packages…" in shown
