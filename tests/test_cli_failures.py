"""No traceback ever reaches a user of `casebridge` (issue 29, item 5): every command, found in the
typer app itself (a new command is covered the day it is added), is run against the API, a
stopped stack, wrong addresses, bad files and missing arguments; each ends with its documented
exit code (docs/reference/cli-errors-and-profiles.md) and one line on stderr."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer.main
from casebridge_client import cli
from casebridge_client.cli import terminal
from casebridge_client.cli.failures import ExitCode
from typer.testing import CliRunner

from tests.conftest import EVENTS, ISSUER
from tests.test_client import Through

SAMPLES = EVENTS / "api"
#: A well-formed id of anything: the API answers it with a problem (absent, not yours).
SOME_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
#: Values for the options a command requires, by name: plausible, so that most commands get as
#: far as the API. Anything else required gets "x".
VALUES = {
    "to": "HSI",
    "reason": "Border nexus",
    "reference": "META-LR-1",
    "until": "2027-12-01T00:00:00Z",
    "text": "seen",
    "title": "Counterfeit M30 vendor",
    "operation_id": "readCase",  # `call`'s argument
}
#: The commands that never ask the API anything: they run the same whatever the address.
OFFLINE = {"login", "listen", "profiles"}
#: The commands that, given only what they require, stop before asking the API, and why. The
#: test fails if another one does: either it is a bug, or it belongs here with its reason.
REFUSED_BEFORE_ASKING = {
    "call": "readCase needs case_id=…",
    "identifiers add": "name at least one identifier",
    "identifiers check": "name at least one identifier",
    "preservations request": "the body needs 'platform'",
    "legal answer": "outcome must be one of produced, partially_produced or rejected",
    "emergency answer": "outcome must be one of disclosed, partially_disclosed or declined",
    "conflicts resolve": "outcome must be one of proceed, joint, delayed or cancelled",
    "login": "give --url",
    "listen": "no webhook secret (CASEBRIDGE_WEBHOOK_SECRET)",
}


def commands() -> dict[str, Any]:
    """Every command of the CLI, by its words (`legal answer`), from the typer app itself."""
    found: dict[str, Any] = {}

    def walk(command: Any, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, [*path, name])
        else:
            found[" ".join(path)] = command

    walk(typer.main.get_command(cli.app), [])
    return found


def _sample_for(words: str, folder: Path) -> Path:
    """The sample body a command's `--file` takes, by its name (`operations register` →
    register-operation.json); a command with none gets an empty object."""
    verb = words.split()[-1]
    return next(iter(sorted(SAMPLES.glob(f"{verb}-*.json"))), folder / "empty-object.json")


def required_arguments(words: str, command: Any, folder: Path, instead: dict[str, str] | None = None) -> list[str]:
    """What the command requires, made up (ids, sample bodies, a file to upload, a place to
    write), with the parameters named in `instead` given those values, required or not."""
    instead = instead or {}
    given: list[str] = []
    for parameter in command.params:
        if parameter.name in instead:
            value = instead[parameter.name]
        elif not parameter.required:
            continue
        elif parameter.name == "file":
            value = str(_sample_for(words, folder))
        elif type(parameter.type).__name__ == "TyperPath":
            value = str(folder / ("downloaded.bin" if words == "files download" else "ledger.csv"))
        elif parameter.name.endswith("_id") and words != "call":
            value = f"{parameter.name.removesuffix('_id')}_{SOME_ID}"
        else:
            value = VALUES.get(parameter.name, "x")
        given += [value] if parameter.param_type_name == "argument" else [parameter.opts[0], value]
    # The feed's tail waits for more at the end: once is enough here.
    return given + (["--no-follow"] if words == "events tail" else [])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "ledger.csv").write_text("account,seen_at\n@plug.nyc,2026-12-04T13:02:11Z\n")
    (tmp_path / "empty-object.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("not JSON")
    return tmp_path


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Any:
    """`casebridge …` with an address and a DEA token; `through` the app, or over the network."""
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(folder / "config.json"))
    monkeypatch.setenv("CASEBRIDGE_TOKEN", ISSUER.token("DEA"))
    monkeypatch.setenv("COLUMNS", "80")
    for variable in ("CASEBRIDGE_PROFILE", "CASEBRIDGE_DEBUG", "CASEBRIDGE_WEBHOOK_SECRET"):
        monkeypatch.delenv(variable, raising=False)

    def invoke(url: str, args: list[str], through: Any = None) -> Any:
        monkeypatch.setattr(terminal, "TRANSPORT", through)
        monkeypatch.setenv("CASEBRIDGE_URL", url)
        return CliRunner().invoke(cli.app, args)

    return invoke


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def assert_one_line(result: Any, words: str) -> None:
    assert "Traceback" not in result.output, f"casebridge {words}:\n{result.output}"
    assert isinstance(result.exception, SystemExit), f"casebridge {words}: {result.exception!r}"
    complaint = result.stderr.strip().splitlines()
    assert len(complaint) == 1 and complaint[0].startswith("casebridge: "), f"casebridge {words}: {result.stderr}"


def test_every_command_is_found_in_the_app():
    found = commands()
    assert {"files upload", "files download", "legal answer", "call", "login", "profiles", "events tail"} <= set(found)
    assert set(REFUSED_BEFORE_ASKING) <= set(found)


def test_every_command_against_a_stopped_stack_says_it_cannot_reach_the_api(client, run, folder):
    """Against the API first: what a command refuses before asking the API it refuses whatever
    the address; everything that asks the API ends, when nothing listens, with exit 3."""
    stopped = f"http://127.0.0.1:{closed_port()}"
    refused_before_asking = set()
    for words, command in commands().items():
        args = [*words.split(), *required_arguments(words, command, folder)]
        live = run("http://casebridge.test", args, Through(client))
        assert "Traceback" not in live.output, f"casebridge {words}:\n{live.output}"
        result = run(stopped, args)
        if live.exit_code in (ExitCode.USAGE, ExitCode.LOCAL):
            refused_before_asking.add(words)
            assert result.exit_code == live.exit_code and result.stderr == live.stderr, words
        elif words in OFFLINE:
            assert result.exit_code == live.exit_code == ExitCode.OK, f"casebridge {words}: {result.output}"
            continue
        else:
            assert result.exit_code == ExitCode.UNREACHABLE, f"casebridge {words}: {result.output}"
            assert "cannot reach http://127.0.0.1" in result.stderr and "make run" in result.stderr
        assert_one_line(result, words)
    assert refused_before_asking == set(REFUSED_BEFORE_ASKING)


@pytest.mark.parametrize(
    ("url", "code", "says"),
    [
        ("http://casebridge.invalid", ExitCode.UNREACHABLE, "cannot reach http://casebridge.invalid"),
        ("htps://casebridge.example.gov", ExitCode.LOCAL, "the API's address is not one casebridge can call"),
        ("casebridge.example.gov", ExitCode.LOCAL, "missing an 'http://' or 'https://' protocol"),
    ],
)
def test_every_command_with_a_wrong_address_says_so(run, folder, url, code, says):
    for words, command in commands().items():
        if words in OFFLINE or words in REFUSED_BEFORE_ASKING:
            continue
        result = run(url, [*words.split(), *required_arguments(words, command, folder)])
        assert result.exit_code == code and says in result.stderr, f"casebridge {words}: {result.output}"
        assert_one_line(result, words)


def test_every_command_missing_its_arguments_is_a_usage_error(run):
    for words, command in commands().items():
        if not any(parameter.required for parameter in command.params):
            continue
        result = run("http://casebridge.test", words.split())
        assert result.exit_code == ExitCode.USAGE, f"casebridge {words}: {result.output}"
        assert "Missing" in result.output and "Traceback" not in result.output, result.output


def test_every_command_given_a_bad_file_says_which(run, folder):
    """A file to read that is not there, a folder to write in that is not there, and a body that
    is not JSON: each refused (exit 4) before the API is asked, here a stopped stack."""
    stopped = f"http://127.0.0.1:{closed_port()}"
    missing, not_json = str(folder / "nowhere" / "ledger.csv"), str(folder / "notes.txt")
    checked = set()
    for words, command in commands().items():
        for parameter in command.params:
            if type(parameter.type).__name__ != "TyperPath":
                continue
            for wrong in (missing, not_json) if parameter.name == "file" else (missing,):
                args = required_arguments(words, command, folder, instead={parameter.name: wrong})
                result = run(stopped, [*words.split(), *args])
                assert result.exit_code == ExitCode.LOCAL, f"casebridge {words} {args}: {result.output}"
                assert wrong in result.stderr, result.stderr
                assert_one_line(result, words)
                checked.add(words)
    assert {"files upload", "files download", "legal serve", "tips submit", "identifiers add"} <= checked


def test_debug_shows_the_traceback_as_well(run):
    stopped = f"http://127.0.0.1:{closed_port()}"
    quiet = run(stopped, ["cases", "list"])
    assert quiet.exit_code == ExitCode.UNREACHABLE and quiet.exception is not None
    loud = run(stopped, ["--debug", "cases", "list"])
    assert loud.exit_code != 0 and type(loud.exception).__name__ == "ConnectError"


def test_the_exit_codes_are_the_documented_ones():
    """Every exit code is a row of the reference page's table, and no other."""
    page = (Path(__file__).parents[1] / "docs" / "reference" / "cli-errors-and-profiles.md").read_text()
    rows = {int(code) for code in re.findall(r"^\| (\d+) \|", page, flags=re.MULTILINE)}
    assert rows == {int(code) for code in ExitCode}


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (httpx.ReadTimeout("timed out"), "no answer from https://api.casebridge.example.gov in time (ReadTimeout)"),
        (
            httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            "cannot reach https://api.casebridge.example.gov: [SSL: CERTIFICATE_VERIFY_FAILED]",
        ),
    ],
)
def test_a_timeout_or_a_tls_failure_is_the_api_out_of_reach(monkeypatch, tmp_path, error, says):
    """What a closed port and a wrong host cannot show: the other ways of not reaching the API."""

    class Failing(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            error.request = request
            raise error

    monkeypatch.setattr(terminal, "TRANSPORT", Failing())
    env = {"CASEBRIDGE_URL": "https://api.casebridge.example.gov", "CASEBRIDGE_TOKEN": ISSUER.token("DEA")}
    result = CliRunner().invoke(cli.app, ["cases", "list"], env={**env, "CASEBRIDGE_CONFIG": str(tmp_path / "c")})
    assert result.exit_code == ExitCode.UNREACHABLE and says in result.stderr, result.stderr
    assert_one_line(result, "cases list")
