"""`make demo`: the five-minute walkthrough (`docs/examples/walkthrough.sh`), run against the running stack.

Each step is the commands up to a run of `#=>` lines, which say what they print (`*` any
text within a line, a `...` line any lines). `make demo` prints each step as ok or differs
and, for a step that differs, its command, what it printed and what the walkthrough says;
it exits 1 if any step differs. `tests/test_local_stack.py` reads the walkthrough with the
same parser and matcher.

The walkthrough also calls two helpers of this module with its own `python3`, so the module
needs the standard library only (the walkthrough may run under any Python 3):

    python3 -m scripts.demo sample RUN NAME [FIELD=VALUE ...]   # events/api/NAME.json, made run RUN's
    python3 -m scripts.demo only FIELD VALUE < page.json        # a list page with that item only
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

WALKTHROUGH = Path("docs/examples/walkthrough.sh")
SAMPLES = Path("events/api")
#: What `make demo` prints between steps; no command of the walkthrough prints it.
MARK = "@@casebridge-walkthrough-step@@"


@dataclass(eq=False)  # two steps alike are still two steps
class Step:
    """Commands, and the `#=>` lines that say what they print (none for the closing lines)."""

    commands: list[str]
    said: list[str]

    @property
    def title(self) -> str:
        """The command whose output is shown: the last one that is not a comment, its
        continuation lines joined (a loop is named by its `for` line)."""
        commands: list[str] = []
        joined = ""
        for line in self.commands:
            joined += (
                " " + line.strip().removesuffix("\\").strip() if joined else line.strip().removesuffix("\\").strip()
            )
            if not line.rstrip().endswith("\\"):
                if joined and not joined.startswith("#"):
                    commands.append(joined)
                joined = ""
        if commands and commands[-1] in ("done", "fi"):
            loops = [command for command in commands if command.startswith(("for ", "while ", "if "))]
            return loops[-1] if loops else commands[-1]
        return commands[-1] if commands else ""


def steps(walkthrough: str) -> list[Step]:
    """The walkthrough as steps; its leading comment (what it is, how to read it) is left out."""
    lines = walkthrough.splitlines()
    while lines and (not lines[0].strip() or lines[0].startswith("#")):
        lines.pop(0)
    found = [Step([], [])]
    for line in lines:
        if line.startswith("#=>"):
            found[-1].said.append(line[4:])
        else:
            if found[-1].said:
                found.append(Step([], []))
            found[-1].commands.append(line)
    return found


def printed_as_said(output: str, said: list[str]) -> bool:
    """`*` stands for any text within a line, a `...` line for any number of lines."""
    pattern = "".join(
        "(?:[^\n]*\n)*?" if line == "..." else re.escape(line).replace("\\*", "[^\n]*") + "\n" for line in said
    )
    return re.fullmatch(pattern, output.strip("\n") + "\n") is not None


# The walkthrough's helpers ---------------------------------------------------------------------

#: What makes a sample's identifiers this run's own, so that a second run matches none of the
#: first run's (linking a tip adds its accounts' identifiers to the case): `{run}` is five digits.
RUN_VALUES = {
    "plug.nyc": "plug.nyc.{run}",  # the Instagram handle, also inside its profile URL
    "+1 202 555 0143": "+1 202 55{run}",  # 202-55x-xxxx numbers are all valid (libphonenumber)
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1{run}",
    "17841400000000001": "178414000000{run}",  # the account's Instagram user id
    "3f2504e0-4f89-11d3-9a0c-0305e82c3301": "3f2504e0-4f89-11d3-9a0c-0305e82{run}",  # its device
    "IG-2026-118204": "IG-2026-{run}",  # a platform files a tip once per reference
}
#: A run's controlled buy is planned this much later than the previous run number's, so that
#: no two runs' operations overlap (two hours each, with the 30-minute buffer on both sides).
RUN_SHIFT = timedelta(hours=4)
_TIME = "%Y-%m-%dT%H:%M:%SZ"


def sample(run: str, name: str, fields: list[str]) -> str:
    """`events/api/<name>.json` as run `run` sends it, with `FIELD=VALUE` set at the top level."""
    if not re.fullmatch(r"[0-9]{5}", run):
        raise SystemExit(f"a run is five digits, not {run!r}")
    text = (SAMPLES / f"{name}.json").read_text()
    for value, ours in RUN_VALUES.items():
        text = text.replace(value, ours.format(run=run))
    body = json.loads(text)
    for name_ in ("starts_at", "ends_at"):
        if name_ in body:
            moved = datetime.strptime(body[name_], _TIME) + int(run) * RUN_SHIFT
            body[name_] = moved.strftime(_TIME)
    for field in fields:
        key, _, value = field.partition("=")
        body[key] = value
    return json.dumps(body)


def only(page: str, field: str, value: str) -> str:
    """A list page (`{"items": [...], ...}`) with the items whose `field` is `value`, printed as
    the API prints; anything else (a problem, say) as it came."""
    try:
        listed = json.loads(page)
        listed["items"] = [item for item in listed["items"] if item.get(field) == value]
    except (ValueError, TypeError, KeyError, AttributeError):
        return page.rstrip("\n")
    return json.dumps(listed, separators=(",", ":"))


# make demo ----------------------------------------------------------------------------------------


def _script(walk: list[Step], errors: Path) -> str:
    """The walkthrough for bash: stop at the first command that fails, a mark before each step,
    and each step's error output in a file of its own."""
    lines = ["set -eo pipefail"]
    for number, step in enumerate(walk):
        lines += [f"echo {MARK}", f'exec 2>"{errors}/{number}"', *step.commands]
    return "\n".join(lines) + "\n"


def _shell_environment(port: int, environment: dict[str, str] | None) -> dict[str, str]:
    """The caller's environment (or `environment`), without make's (a `make -s token` inside
    would print the directory it enters), and PORT set to the running stack's."""
    unset = ("MAKE", "MFLAGS")
    given = os.environ if environment is None else environment
    return {**{name: value for name, value in given.items() if not name.startswith(unset)}, "PORT": str(port)}


def _indented(lines: list[str]) -> str:
    return "\n".join(f"      {line}" for line in lines) or "      (nothing)"


def run(folder: Path = Path("."), walkthrough: Path = WALKTHROUGH, environment: dict[str, str] | None = None) -> int:
    """Runs the walkthrough (or another example with `#=>` lines) in bash, in `folder`, against
    the stack its `.local/stack.json` describes; 0 if every step printed what it says."""
    from urllib.parse import urlparse

    from chalicelib.devtools.stack_file import described, running

    if not (folder / ".local" / "stack.json").exists() or not running(stack := described(folder)):
        print("make demo: the local stack is not running here; start it with `make run` in another terminal")
        return 1
    walk = steps((folder / walkthrough).read_text())
    shown = [step for step in walk if step.said]
    port = urlparse(stack["api_url"]).port or 80
    print(f"make demo: {walkthrough} against {stack['api_url']}, {len(shown)} steps", flush=True)
    with tempfile.TemporaryDirectory(prefix="casebridge-demo-") as errors:
        bash = subprocess.Popen(  # noqa: S603 - the repository's own walkthrough, in bash as a user pastes it
            ["bash", "-c", _script(walk, Path(errors))],  # noqa: S607
            cwd=folder,
            env=_shell_environment(port, environment),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert bash.stdout is not None
        outputs: list[str] = []
        differing = 0

        def finished(number: int) -> None:
            nonlocal differing
            step, printed = walk[number], outputs[number]
            if not step.said:
                return
            ok = printed_as_said(printed, step.said)
            differing += not ok
            title = step.title if len(step.title) <= 100 else step.title[:99] + "…"
            print(f"  {'ok' if ok else 'differs':8}{shown.index(step) + 1:>3}/{len(shown)}  {title}", flush=True)
            if not ok:
                print(f"    the command:\n{_indented([step.title])}")
                print(f"    it printed:\n{_indented(printed.strip(chr(10)).splitlines())}")
                print(f"    the walkthrough says:\n{_indented(step.said)}", flush=True)
                if error := (Path(errors) / str(number)).read_text().strip():
                    print(f"    its error output:\n{_indented(error.splitlines())}", flush=True)

        for line in bash.stdout:
            # A mark starts the next step; a step whose output ends without a newline shares its line.
            first, *marked = line.split(MARK)
            if outputs:
                outputs[-1] += first
            for after in marked:
                if outputs:
                    finished(len(outputs) - 1)
                outputs.append(after.removeprefix("\n"))
        code = bash.wait()
        if code == 0 and len(outputs) == len(walk):
            finished(len(outputs) - 1)
        elif outputs:  # a command failed, or the walkthrough's guard ended it
            step = walk[len(outputs) - 1]
            error = (Path(errors) / str(len(outputs) - 1)).read_text().strip().splitlines()
            where = f"step {shown.index(step) + 1}" if step in shown else "the closing lines"
            why = f"a command exited with {code}" if code else "the walkthrough ended there"
            print(f"  failed  {where}, {why}:  {step.title}")
            print(f"    it printed:\n{_indented(outputs[-1].strip(chr(10)).splitlines())}")
            print(f"    its error output:\n{_indented(error)}", flush=True)
            print(f"make demo: stopped at {where} of {len(shown)}; the steps after it did not run")
            return 1
    if differing:
        print(f"make demo: {differing} of {len(shown)} steps differ from {walkthrough}")
        return 1
    print(f"make demo: all {len(shown)} steps printed what {walkthrough} says")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["sample"] and len(argv) >= 3:
        print(sample(argv[1], argv[2], argv[3:]))
        return 0
    if argv[:1] == ["only"] and len(argv) == 3:
        print(only(sys.stdin.read(), argv[1], argv[2]))
        return 0
    if argv:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    try:
        return run()
    except KeyboardInterrupt:
        print("\nmake demo: stopped")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
