"""`make demo` and the walkthrough it runs: a run of its own each time, a guard when pasted
elsewhere, and a report that says which step differed. No stack is started here: the
walkthrough against `make run` is `tests/test_local_stack.py`'s."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.demo import WALKTHROUGH, only, run, sample, steps

ROOT = Path(__file__).parent.parent


def _newcomers_shell(path: str | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("MAKE", "MFLAGS"))}
    return {**env, "PATH": path or env["PATH"]}


def _paste(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The walkthrough typed into an interactive bash in `folder`, then one more command."""
    typed = (ROOT / WALKTHROUGH).read_text() + 'echo "the shell is still here"\n'
    return subprocess.run(
        ["bash", "--norc", "--noprofile", "-i"],
        input=typed,
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _recorders(folder: Path, names=("make", "curl", "python3")) -> tuple[str, Path]:
    """A PATH whose `names` (commands) only note that they were called."""
    calls = folder / "calls"
    bin_ = folder / "bin"
    bin_.mkdir()
    for name in names:
        (bin_ / name).write_text(f'#!/bin/sh\necho "{name} $*" >> {calls}\n')
        (bin_ / name).chmod(0o755)
    return f"{bin_}:{os.environ['PATH']}", calls


def test_the_walkthrough_pasted_outside_the_repository_says_where_and_runs_nothing(tmp_path):
    path, calls = _recorders(tmp_path)
    pasted = _paste(tmp_path, _newcomers_shell(path))
    assert pasted.stdout.splitlines() == [
        "walkthrough: paste it at the root of the casebridge repository (where its Makefile is), beside make run",
        "the shell is still here",
    ]
    assert not calls.exists(), calls.read_text()


def test_the_walkthrough_pasted_without_a_running_stack_stops_at_make_tokens_line(tmp_path):
    """At the root, with no stack: `make token`'s one line, nothing else runs, the shell stays."""
    for name in ("Makefile", "scripts", "chalicelib", "requirements.txt", "requirements-dev.txt", ".venv"):
        (tmp_path / name).symlink_to(ROOT / name)
    path, calls = _recorders(tmp_path, ("curl", "python3"))
    pasted = _paste(tmp_path, _newcomers_shell(path))
    assert pasted.stdout.splitlines() == ["the shell is still here"]
    assert "the local stack is not running here: start it with `make run`" in pasted.stderr
    assert "Traceback" not in pasted.stderr
    assert not calls.exists(), calls.read_text()


@pytest.fixture
def answering(tmp_path):
    """A folder whose `.local/stack.json` names an API that answers (a listening socket is enough)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        (tmp_path / ".local").mkdir()
        api = f"http://127.0.0.1:{listener.getsockname()[1]}"
        (tmp_path / ".local" / "stack.json").write_text(json.dumps({"api_url": api}))
        yield tmp_path


def test_make_demo_says_which_step_differs_what_it_printed_and_what_the_walkthrough_says(answering, capsys):
    (answering / "walk.sh").write_text(
        "# a walkthrough\n"
        "echo one\n#=> one\n"
        'echo "port $PORT"; echo two\n#=> port *\n#=> deux\n'
        "echo three\n#=> ...\n#=> three\n"
    )
    assert run(answering, Path("walk.sh")) == 1
    printed = capsys.readouterr().out
    port = json.loads((answering / ".local" / "stack.json").read_text())["api_url"].rsplit(":", 1)[1]
    assert printed.splitlines()[1:] == [
        "  ok        1/3  echo one",
        '  differs   2/3  echo "port $PORT"; echo two',
        "    the command:",
        '      echo "port $PORT"; echo two',
        "    it printed:",
        f"      port {port}",
        "      two",
        "    the walkthrough says:",
        "      port *",
        "      deux",
        "  ok        3/3  echo three",
        "make demo: 1 of 3 steps differ from walk.sh",
    ]


def test_make_demo_stops_at_a_command_that_fails_and_shows_its_error_output(answering, capsys):
    (answering / "walk.sh").write_text(
        "# a walkthrough\necho one\n#=> one\necho half; python3 -c 'import sys; sys.exit(\"no such case\")'\n#=> x\n"
        "echo never\n#=> never\n"
    )
    assert run(answering, Path("walk.sh")) == 1
    printed = capsys.readouterr().out
    assert "  failed  step 2, a command exited with 1:  echo half; python3 -c" in printed
    assert "    it printed:\n      half\n    its error output:\n      no such case\n" in printed
    assert "make demo: stopped at step 2 of 3; the steps after it did not run" in printed
    assert "never" not in printed.replace("#=> never", "")


def test_make_demo_fails_a_walkthrough_that_ends_before_its_last_step(answering, capsys):
    """As the walkthrough's guard ends it, say, when `make token` refuses: not a pass."""
    (answering / "walk.sh").write_text("# a walkthrough\nif false; then\necho one\n#=> one\necho two\n#=> two\nfi\n")
    assert run(answering, Path("walk.sh")) == 1
    printed = capsys.readouterr().out
    assert "  failed  step 1, the walkthrough ended there:  echo one" in printed
    assert "all 2 steps" not in printed


def test_make_demo_says_in_one_line_that_the_stack_is_not_running(tmp_path):
    demo = subprocess.run(
        [sys.executable, "-m", "scripts.demo"],
        cwd=tmp_path,
        env={**_newcomers_shell(), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 1
    assert demo.stdout.splitlines() == [
        "make demo: the local stack is not running here; start it with `make run` in another terminal"
    ]
    assert demo.stderr == ""


def test_the_walkthrough_has_a_step_for_every_output_and_closes_its_guard():
    walk = steps((ROOT / WALKTHROUGH).read_text())
    assert len(walk) > 20 and all(step.said for step in walk[:-1])
    assert [line for line in walk[-1].commands if line.strip()] == ["fi"]
    assert "demo-1" not in (ROOT / WALKTHROUGH).read_text()


@pytest.mark.parametrize(
    "name", ["add-identifiers", "submit-tip", "request-preservation", "serve-subpoena", "ask-emergency-request"]
)
def test_two_runs_samples_share_no_identifier_and_each_is_a_valid_request(name):
    """Run 00000's and run 99999's bodies name no identifier, reference or time in common, and
    each still validates as its operation's request."""
    first, second = json.loads(sample("00000", name, [])), json.loads(sample("99999", name, []))

    def values(body):
        found = set()
        for value in (body.values() if isinstance(body, dict) else body) if isinstance(body, dict | list) else []:
            found |= values(value) if isinstance(value, dict | list) else {value}
        return found

    shared = values(first) & values(second)
    for identifier in ("plug.nyc", "+1 202 555 0143", "17841400000000001", "IG-2026-118204", "0305e82c3301"):
        assert not any(isinstance(value, str) and identifier in value for value in shared), (identifier, shared)
    model = _request_model(name)
    for body in (first, second):
        model.model_validate_json(json.dumps(body))  # raises on a phone, handle or wallet the API would refuse


def _request_model(example: str):
    """The pydantic model of the request the sample is an example of (as the document says)."""
    import app  # noqa: F401 - registers the routes the document describes
    from chalicelib.api import models
    from chalicelib.api.openapi import document

    for operations in document()["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            if example in content.get("examples", {}):
                return getattr(models, content["schema"]["$ref"].rsplit("/", 1)[1])
    raise LookupError(example)


def test_two_runs_controlled_buys_never_overlap():
    first = json.loads(sample("00000", "register-operation", ["case_id=case_a"]))
    second = json.loads(sample("00001", "register-operation", ["case_id=case_b"]))
    assert (first["case_id"], second["case_id"]) == ("case_a", "case_b")
    assert first["ends_at"] < second["starts_at"]


def test_only_keeps_this_runs_item_and_passes_a_problem_through():
    page = json.dumps({"items": [{"tip_id": "tip_1"}, {"tip_id": "tip_2"}], "next_cursor": None})
    assert only(page, "tip_id", "tip_2") == '{"items":[{"tip_id":"tip_2"}],"next_cursor":null}'
    problem = '{"type": "https://casebridge.dev/problems/not-found", "status": 404}\n'
    assert only(problem, "tip_id", "tip_2") == problem.strip()


def test_notifications_since_a_time_keep_the_events_delivered_from_then_on(tmp_path):
    (tmp_path / ".local" / "events").mkdir(parents=True)
    (tmp_path / ".local" / "stack.json").write_text(
        json.dumps({"api_url": "http://127.0.0.1:9", "organisations": ["DEA"]})
    )
    times = ["2026-12-06T18:00:00.900000Z", "2026-12-06T18:00:01Z", "2026-12-06T18:00:01.000001Z"]
    events = [{"detail-type": f"Event {n}", "time": at, "detail": {}} for n, at in enumerate(times)]
    (tmp_path / ".local" / "events" / "DEA.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))

    def shown(*since):
        printed = subprocess.run(
            [sys.executable, "-m", "scripts.notifications", "--org", "DEA", *since],
            cwd=tmp_path,
            env={**_newcomers_shell(), "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
        )
        assert "Traceback" not in printed.stderr, printed.stderr
        return [json.loads(line)["detail-type"] for line in printed.stdout.splitlines()] or printed.stderr

    assert shown() == ["Event 0", "Event 1", "Event 2"]
    assert shown("--since", "2026-12-06T18:00:01Z") == ["Event 1", "Event 2"]
    assert shown("--since", "1796580001.000001") == ["Event 2"]
    assert "neither a Unix time nor an ISO 8601 time" in shown("--since", "yesterday")


def test_settle_asks_the_stack_for_each_round_it_waits_for(tmp_path):
    """`make settle` waits for a round begun after it and a quiet one, asking the stack for each
    (`GET /dev/pump`): a stand-in stack that runs a round only when asked settles at once."""
    import http.server
    import threading

    from chalicelib.devtools.settling import PUMP_NOW, note_round, wait_until_settled

    pump_file, asked = tmp_path / "pump.json", []
    note_round(pump_file, 7, quiet=False)

    class Stack(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            note_round(pump_file, 7 + len(asked), quiet=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None: ...

    server = http.server.HTTPServer(("127.0.0.1", 0), Stack)
    (tmp_path / "stack.json").write_text(json.dumps({"api_url": f"http://127.0.0.1:{server.server_port}"}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert wait_until_settled(pump_file, timeout=20)
    finally:
        server.shutdown()
    assert asked == [PUMP_NOW, PUMP_NOW]  # the round under way's successor, then a quiet one


def test_settle_without_a_stack_to_ask_waits_for_the_pumps_own_rounds(tmp_path):
    from chalicelib.devtools.settling import note_round, wait_until_settled

    note_round(tmp_path / "pump.json", 3, quiet=True)
    assert not wait_until_settled(tmp_path / "pump.json", timeout=0.2)  # no round came: not settled
