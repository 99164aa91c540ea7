"""The `casebridge` command line (issue 19, part 5), run with typer's runner against the app
itself: tables for people, JSON for scripts, a message and an exit code for every problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from casebridge_client import cli
from casebridge_client.cli import terminal
from casebridge_client.cli.failures import ExitCode
from typer.testing import CliRunner

from chalicelib.devtools.settling import wait_until_settled
from chalicelib.domain.feed import SETTLE
from tests.conftest import EVENTS, ISSUER
from tests.test_client import Through


@pytest.fixture
def as_org(client, monkeypatch, tmp_path) -> Any:
    """Runs `casebridge …` as an organisation, against the app."""
    monkeypatch.setattr(terminal, "TRANSPORT", Through(client))
    monkeypatch.setenv("CASEBRIDGE_URL", "http://casebridge.test")
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: tables keep each row on one line
    runner = CliRunner()

    def run(org: str, *args: str) -> Any:
        """As `org` (a code), or with a token (anything longer)."""
        monkeypatch.setenv("CASEBRIDGE_TOKEN", ISSUER.token(org) if len(org) < 10 else org)
        return runner.invoke(cli.app, list(args))

    return run


def test_cases_open_and_list_as_a_table_and_as_json(as_org):
    opened = as_org("DEA", "cases", "open", "Counterfeit M30 vendor", "--json")
    assert opened.exit_code == 0, opened.output
    case_id = json.loads(opened.output)["case_id"]
    table = as_org("DEA", "cases", "list")
    assert table.exit_code == 0 and "Counterfeit M30 vendor" in table.output and case_id in table.output
    listed = json.loads(as_org("DEA", "cases", "list", "--json").output)
    assert [case["case_id"] for case in listed] == [case_id]


def test_a_referral_is_made_and_accepted_from_the_terminal(as_org):
    case_id = json.loads(as_org("DEA", "cases", "open", "Border pills", "--json").output)["case_id"]
    referred = as_org("DEA", "referrals", "refer", case_id, "--to", "HSI", "--reason", "Border nexus", "--json")
    referral_id = json.loads(referred.output)["referral_id"]
    inbox = json.loads(as_org("HSI", "referrals", "inbox", "--json").output)
    assert [r["referral_id"] for r in inbox] == [referral_id]
    accepted = as_org("HSI", "referrals", "accept", referral_id, "--json")
    assert json.loads(accepted.output)["status"] == "accepted"


def test_every_problem_is_a_message_and_an_exit_code(as_org, tmp_path):
    absent = as_org("DEA", "cases", "show", "case_01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert absent.exit_code == ExitCode.NOT_FOUND and "404" in absent.output and "visible to you" in absent.output
    incomplete = as_org("DEA", "cases", "open", "")
    assert incomplete.exit_code == ExitCode.USAGE and "title" in incomplete.output
    invalid = as_org("DEA", "cases", "open", "x" * 1000)
    assert invalid.exit_code == ExitCode.API and "400" in invalid.output and "title" in invalid.output
    wrong_kind = as_org("META", "cases", "open", "x")
    assert wrong_kind.exit_code == ExitCode.API and "403" in wrong_kind.output
    bad_filter = as_org("DEA", "cases", "list", "--status", "sideways")
    assert bad_filter.exit_code == ExitCode.USAGE and "open" in bad_filter.output
    target = tmp_path / "never.pdf"
    assert as_org("DEA", "files", "download", "file_01ARZ3NDEKTSV4RRFFQ69G5FAV", str(target)).exit_code == 6
    assert not target.exists()  # nothing half-written is left
    (tmp_path / "notes.txt").write_text("not JSON")
    not_json = as_org(
        "DEA", "operations", "register", "case_01ARZ3NDEKTSV4RRFFQ69G5FAV", "-f", str(tmp_path / "notes.txt")
    )
    assert not_json.exit_code == ExitCode.LOCAL and "not JSON" in not_json.output
    expired = as_org(ISSUER.token("DEA", lifetime=-60), "cases", "list")
    assert (
        expired.exit_code == ExitCode.AUTHENTICATION
        and "401" in expired.output
        and "CASEBRIDGE_TOKEN" in expired.output
    )


def test_any_operation_is_reachable_by_its_id(as_org):
    case_id = json.loads(as_org("DEA", "cases", "open", "Generic", "--json").output)["case_id"]
    read = as_org("DEA", "call", "readCase", f"case_id={case_id}")
    assert read.exit_code == 0 and json.loads(read.output)["title"] == "Generic"
    noted = as_org("DEA", "call", "addNote", f"case_id={case_id}", "--body", json.dumps({"text": "seen"}))
    assert noted.exit_code == 0, noted.output
    assert as_org("DEA", "call", "noSuchThing").exit_code == ExitCode.USAGE
    missing = as_org("DEA", "call", "readCase")
    assert missing.exit_code == ExitCode.USAGE and "readCase needs case_id=" in missing.output
    unknown = as_org("DEA", "call", "readCase", f"case_id={case_id}", "colour=red")
    assert unknown.exit_code == ExitCode.USAGE and "not colour" in unknown.output
    assert as_org("DEA", "call", "readCase", case_id).exit_code == ExitCode.USAGE  # not name=value
    bad_body = as_org("DEA", "call", "addNote", f"case_id={case_id}", "--body", "{text: seen}")
    assert bad_body.exit_code == ExitCode.LOCAL and "--body is not JSON" in bad_body.output
    no_body = as_org("DEA", "call", "addNote", f"case_id={case_id}")
    assert no_body.exit_code == ExitCode.USAGE and "needs a body" in no_body.output
    for failed in (missing, unknown, bad_body, no_body):
        assert "Traceback" not in failed.output and len(failed.output.splitlines()) == 1


def test_the_cli_puts_each_qualifier_where_the_api_reads_it():
    from casebridge_client.cli.deconfliction import QUALIFIER_FIELD, identifier

    from chalicelib.domain.identifiers import QUALIFIER_FIELD as API_QUALIFIER_FIELD

    qualified = {kind.value: field for kind, field in API_QUALIFIER_FIELD.items() if field}
    assert {**qualified, "phone": "region"} == QUALIFIER_FIELD
    assert identifier("crypto_wallet:ETHEREUM=0xab=cd") == {
        "type": "crypto_wallet",
        "value": "0xab=cd",
        "chain": "ETHEREUM",
    }


def test_listen_prints_each_verified_delivery_once_and_refuses_an_altered_one():
    import socket
    import urllib.error
    import urllib.request
    from datetime import UTC, datetime

    from chalicelib.domain.webhooks import payload, signed_headers

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = "whsec_" + "QWxhZGRpbjpvcGVuIHNlc2FtZQ" + "0" * 22
    command = [sys.executable, "-c", "from casebridge_client.cli import main; main()", "listen", "--port", str(port)]
    env = {**os.environ, "CASEBRIDGE_WEBHOOK_SECRET": secret}
    listening = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def deliver(body: str, headers: dict[str, str]) -> int:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", body.encode(), headers, method="POST")
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return response.status
            except urllib.error.HTTPError as refused:
                return refused.code
            except OSError:  # not listening yet
                assert time.monotonic() < deadline and listening.poll() is None
                time.sleep(0.1)

    try:
        body = payload("Case Opened", {"id": "evt_01ARZ3NDEKTSV4RRFFQ69G5FAV", "occurred_at": "2026-12-04T00:00:00Z"})
        headers = signed_headers("evt_01ARZ3NDEKTSV4RRFFQ69G5FAV", body, [secret], datetime.now(UTC))
        assert deliver(body, headers) == 204
        assert deliver(body, headers) == 204  # a replay: acknowledged, not printed again
        assert deliver(body.replace("Opened", "Closed"), headers) == 400
    finally:
        listening.terminate()
        printed, complaints = listening.communicate(timeout=10)
    assert [json.loads(line)["type"] for line in printed.splitlines()] == ["Case Opened"]
    assert "replayed" in complaints and "refused" in complaints


def test_without_an_address_or_token_it_says_how_to_log_in(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEBRIDGE_URL", raising=False)
    monkeypatch.delenv("CASEBRIDGE_TOKEN", raising=False)
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "none.json"))
    result = CliRunner().invoke(cli.app, ["cases", "list"])
    assert result.exit_code == ExitCode.LOCAL and "casebridge login" in result.output


# Secrets on this machine: never an argument, a config file readable by its owner only -----------

TOKEN = "eyJ.a-token-nobody-else-may-read"


def test_login_writes_the_config_0600_from_its_first_byte(monkeypatch, tmp_path):
    from tests.conftest import exposures

    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("CASEBRIDGE_TOKEN", TOKEN)
    (tmp_path / "config.json").write_text('{"url": "http://old"}')  # an older login's, 0644
    with exposures(tmp_path, TOKEN, umask=0o022) as exposed:
        result = CliRunner().invoke(cli.app, ["login", "--url", "https://api.casebridge.example.gov"])
    assert result.exit_code == 0, result.output
    assert exposed == []  # at no moment was a file holding the token readable by others
    assert (tmp_path / "config.json").stat().st_mode & 0o777 == 0o600
    assert json.loads((tmp_path / "config.json").read_text()) == {
        "profiles": {"default": {"url": "https://api.casebridge.example.gov", "token": TOKEN}}
    }
    assert [path.name for path in tmp_path.iterdir()] == ["config.json"]  # no partial file left


def test_login_refuses_a_config_path_that_is_a_symbolic_link(monkeypatch, tmp_path):
    elsewhere = tmp_path / "shared" / "readable-by-all.json"
    elsewhere.parent.mkdir()
    elsewhere.write_text("{}")
    (tmp_path / "config.json").symlink_to(elsewhere)
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("CASEBRIDGE_TOKEN", TOKEN)
    result = CliRunner().invoke(cli.app, ["login", "--url", "https://api.casebridge.example.gov"])
    assert result.exit_code == ExitCode.LOCAL and isinstance(result.exception, SystemExit)
    [line] = result.output.splitlines()
    assert "symbolic link" in line and "Traceback" not in result.output
    assert elsewhere.read_text() == "{}" and (tmp_path / "config.json").is_symlink()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["config.json", "shared"]


def test_login_takes_the_token_from_standard_input_or_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.delenv("CASEBRIDGE_TOKEN", raising=False)
    url = "https://api.casebridge.example.gov"
    piped = CliRunner().invoke(cli.app, ["login", "--url", url, "--token", "-"], input=TOKEN + "\n")
    assert piped.exit_code == 0, piped.output
    assert json.loads((tmp_path / "config.json").read_text())["profiles"]["default"]["token"] == TOKEN
    monkeypatch.setenv("CASEBRIDGE_TOKEN", "eyJ.from-the-environment")
    assert CliRunner().invoke(cli.app, ["login", "--url", url]).exit_code == 0
    saved = json.loads((tmp_path / "config.json").read_text())["profiles"]["default"]["token"]
    assert saved == "eyJ.from-the-environment"
    monkeypatch.delenv("CASEBRIDGE_TOKEN")
    nothing = CliRunner().invoke(cli.app, ["login", "--url", url], input="")
    assert nothing.exit_code == ExitCode.LOCAL and "CASEBRIDGE_TOKEN" in nothing.output


def _secret_options() -> list[tuple[list[str], str]]:
    """Every option of every command whose name says it carries a secret: (command path, option)."""
    import typer.main

    found = []

    def walk(command: Any, path: list[str]) -> None:  # typer's own copy of click's commands
        for parameter in command.params:
            names = " ".join(parameter.opts).lower()
            is_option = parameter.param_type_name == "option"
            if is_option and any(word in names for word in ("token", "secret", "password", "key")):
                found.append((path, parameter.opts[0]))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(cli.app), [])
    return found


def test_no_option_takes_a_secret_on_the_command_line(monkeypatch, tmp_path):
    """The process list shows every argument to everyone on the machine: an option that names a
    secret takes only `-` (standard input); a secret given as its value is refused, unused."""
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))

    def serve(*args: Any) -> None:
        raise AssertionError("listening with a secret taken from the command line")

    monkeypatch.setattr("casebridge_client.cli.events.ThreadingHTTPServer", serve)
    options = _secret_options()
    assert sorted(option for _, option in options) == ["--secret", "--token"]
    needs = {"login": ["--url", "https://api.casebridge.example.gov"], "listen": ["--port", "0"]}
    for path, option in options:
        result = CliRunner().invoke(cli.app, [*path, *needs[path[-1]], option, "whsec_or_eyJ.a-real-secret"])
        assert result.exit_code == 2, (path, result.output)
        assert "never goes on the command line" in result.output and "Traceback" not in result.output
        help_text = CliRunner().invoke(cli.app, [*path, "--help"]).output
        assert "standard input" in help_text
    assert not (tmp_path / "config.json").exists()


# The README's story, told with the CLI: every command group, every kind of caller ---------------

API_SAMPLES = EVENTS / "api"
SUPERVISOR = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}


class Story:
    """What a run of the story needs from where it runs: a CLI call as a token, tokens, and the
    stream pump's round (`settle`) and the feed's settle window (`later`) behind it."""

    def __init__(
        self,
        invoke: Callable[..., Any],
        token: Callable[..., str],
        settle: Callable[[], None],
        later: Callable[[], None],
        transfers: bool,
    ) -> None:
        self.invoke, self.token, self.settle, self.later, self.transfers = invoke, token, settle, later, transfers

    def ok(self, token: str, *args: str, stdin: str | None = None) -> str:
        result = self.invoke(token, *args, stdin=stdin)
        assert result.exit_code == 0, f"casebridge {' '.join(args)}: {result.output}"
        return result.stdout  # what a script reads: progress and messages go to stderr

    def json(self, token: str, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self.ok(token, *args, "--json", stdin=stdin))

    def code(self, token: str, *args: str) -> int:
        return self.invoke(token, *args, stdin=None).exit_code

    def handed_over(self, platform: str, area: str, request_id: str, records: Path) -> list[str]:
        """Where files move: a platform's records uploaded to a request and checked; the
        answer's `--file-id` naming them."""
        if not self.transfers:
            return []
        records.write_text("account,seen_at,ip\n@plug.nyc,2026-12-04T13:02:11Z,198.51.100.7\n")
        file_id = self.json(platform, area, "upload", request_id, str(records))["file_id"]
        self.available(platform, file_id)
        return ["--file-id", file_id]

    def available(self, token: str, file_id: str, timeout: float = 15) -> None:
        """Waits for an uploaded file's check (the arrivals function, a queue round later)."""
        deadline = time.monotonic() + timeout
        while json.loads(self.ok(token, "files", "show", file_id))["status"] != "available":
            assert time.monotonic() < deadline, f"{file_id} was not checked in {timeout} s"
            time.sleep(0.2)


def tell(story: Story, tmp_path: Path) -> None:
    dea, hsi, atf, meta, tiktok = (story.token(org) for org in ("DEA", "HSI", "ATF", "META", "TIKTOK"))
    supervisor = story.token("DEA", **SUPERVISOR)

    # DEA opens a case and refers it to HSI; HSI sees it once it accepts
    case = story.json(dea, "cases", "open", "Counterfeit M30 vendor", "--summary", "Ships by mail")["case_id"]
    referral = story.json(dea, "referrals", "refer", case, "--to", "HSI", "--reason", "Border nexus")["referral_id"]
    assert story.code(hsi, "cases", "show", case) == ExitCode.NOT_FOUND
    story.settle()
    assert [r["referral_id"] for r in story.json(hsi, "referrals", "inbox", "--status", "pending")] == [referral]
    assert [r["to_org"] for r in story.json(dea, "referrals", "inbox", "--box", "outbound")] == ["HSI"]
    assert referral in story.ok(hsi, "referrals", "accept", referral) and "accepted" in story.ok(
        hsi, "referrals", "show", referral
    )
    assert json.loads(story.ok(hsi, "cases", "show", case))["title"] == "Counterfeit M30 vendor"
    story.ok(hsi, "cases", "note", case, "Seen crossing at San Ysidro")
    assert [n["author_org"] for n in story.json(dea, "cases", "notes", case)] == ["HSI"]
    assert story.json(dea, "cases", "update", case, "--title", "M30 vendor, by mail")["version"] == 3
    assert story.code(dea, "cases", "update", case, "--title", "Stale", "--if-match", '"v1"') == ExitCode.CONFLICT
    refused = [r for r in story.json(dea, "cases", "audit", case) if r["outcome"] == "failure"]
    assert {(r["event"], r["org"]) for r in refused} == {("case.read", "HSI"), ("case.update", "DEA")}

    # deconfliction: DEA's identifiers, from the sample file; ATF's, named on the command line
    assert (
        story.json(dea, "identifiers", "add", case, "--file", str(API_SAMPLES / "add-identifiers.json"))["hits"] == []
    )
    atf_case = story.json(atf, "cases", "open", "Pill press buyer")["case_id"]
    added = story.ok(atf, "identifiers", "add", atf_case, "phone=+1 202 555 0143", "social_handle:INSTAGRAM=@plug.nyc")
    assert "DEA" in added and "Duty agent DEA" in added
    usps = story.token("USPIS")  # HSI sees DEA's case: for it, a related case rather than a hit
    checked = story.json(usps, "identifiers", "check", "phone=(202) 555-0143")
    assert sorted(hit["org"] for hit in checked["hits"]) == ["ATF", "DEA"]
    assert story.json(hsi, "identifiers", "check", "phone=(202) 555-0143")["related_cases"][0]["case_id"] == case
    assert story.code(usps, "identifiers", "check", "phone") == ExitCode.USAGE
    story.settle()
    hits = story.json(dea, "hits", "list")
    assert {hit["other_org"] for hit in hits} >= {"ATF"}
    assert json.loads(story.ok(dea, "hits", "show", hits[0]["hit_id"]))["hit_id"] == hits[0]["hit_id"]
    identifiers = story.json(atf, "identifiers", "list", atf_case)
    story.ok(atf, "identifiers", "remove", atf_case, identifiers[0]["identifier_id"])
    assert len(story.json(atf, "identifiers", "list", atf_case)) == 1

    # operations: the same controlled buy twice; ATF's answer names DEA's contact; moved, it is clear
    buy = str(API_SAMPLES / "register-operation.json")
    assert story.json(dea, "operations", "register", case, "--file", buy)["conflicts"] == []
    clash = story.ok(atf, "operations", "register", atf_case, "--file", buy)
    assert "SA Rivera" in clash
    atf_operation = story.json(atf, "operations", "list", atf_case)[0]["operation_id"]
    story.settle()
    conflict = story.json(atf, "conflicts", "list")[0]
    assert (conflict["other_org"], conflict["operation_id"]) == ("DEA", atf_operation)
    assert json.loads(story.ok(atf, "conflicts", "show", conflict["conflict_id"]))["other_org"] == "DEA"
    away = json.dumps({"location": {"lat": 34.05, "lon": -118.24, "radius_m": 250}})
    moved = story.json(atf, "operations", "update", atf_operation, "--file", "-", stdin=away)
    assert moved["conflicts"] == []
    assert story.json(atf, "operations", "cancel", atf_operation)["operation"]["status"] == "cancelled"
    assert story.code(atf, "operations", "register", atf_case, "--file", "-") == ExitCode.LOCAL  # no body on stdin

    # tips: Meta's report goes to DEA, which links it; TikTok's batch is triaged three ways
    tip = story.json(meta, "tips", "submit", "--file", str(API_SAMPLES / "submit-tip.json"))["tip_id"]
    minimal = json.loads((API_SAMPLES / "submit-tip-minimal.json").read_text())
    batch = {"tips": [{**minimal, "platform_reference": f"T-{n}"} for n in range(3)]}
    submitted = [
        r["tip_id"] for r in story.json(tiktok, "tips", "submit", "--file", "-", stdin=json.dumps(batch))["results"]
    ]
    story.settle()
    inbox = {t["tip_id"] for t in story.json(dea, "tips", "inbox", "--status", "new")}
    assert {tip, *submitted} <= inbox
    assert story.json(dea, "tips", "link", tip, "--case", case)["status"] == "linked"
    assert story.json(dea, "tips", "dismiss", submitted[0], "--reason", "Satire account")["status"] == "dismissed"
    story.ok(dea, "tips", "reroute", submitted[1], "--to", "HSI", "--reason", "Border nexus")
    assert story.json(hsi, "tips", "promote", submitted[1], "--title", "Courier recruiting")["status"] == "promoted"
    assert json.loads(story.ok(tiktok, "tips", "show", submitted[1]))["routed_to"] is None
    assert json.loads(story.ok(tiktok, "tips", "show", submitted[0]))["status"] == "actioned"

    # preservation: DEA asks Meta, which acknowledges; DEA extends it once
    preservation = story.json(
        dea, "preservations", "request", case, "--platform", "META", "--account", "INSTAGRAM:@plug.nyc"
    )["preservation_id"]
    assert (
        story.code(dea, "preservations", "request", case, "--platform", "META", "--account", "plug") == ExitCode.USAGE
    )
    assert [p["preservation_id"] for p in story.json(meta, "preservations", "list", "--status", "requested")] == [
        preservation
    ]
    story.ok(meta, "preservations", "acknowledge", preservation, "--reference", "LE-2026-0042")
    assert story.json(dea, "preservations", "extend", preservation)["extended"] is True
    assert json.loads(story.ok(meta, "preservations", "show", preservation))["case_id"] is None

    # legal process: served, acknowledged, answered (with a production where files move); another withdrawn
    subpoena = story.json(dea, "legal", "serve", case, "--file", str(API_SAMPLES / "serve-subpoena.json"))["request_id"]
    assert [r["request_id"] for r in story.json(meta, "legal", "list")] == [subpoena]
    story.ok(meta, "legal", "acknowledge", subpoena, "--reference", "LERS-2026-7781")
    production = story.handed_over(meta, "legal", subpoena, tmp_path / "subscriber-records.csv")
    answered = story.json(meta, "legal", "answer", subpoena, "--outcome", "produced", *production)
    assert (answered["status"], answered["answer"]["outcome"]) == ("answered", "produced")
    assert story.code(meta, "legal", "answer", subpoena, "--outcome", "sideways") == ExitCode.USAGE
    second = story.json(dea, "legal", "serve", case, "--file", str(API_SAMPLES / "serve-subpoena.json"))["request_id"]
    assert story.json(dea, "legal", "withdraw", second, "--reason", "Served in error")["status"] == "withdrawn"
    assert json.loads(story.ok(meta, "legal", "show", subpoena))["case_id"] is None

    # an emergency: asked by the officer, approved by a second person, answered by Meta; another rejected
    ask = str(API_SAMPLES / "ask-emergency-request.json")
    emergency = story.json(dea, "emergency", "ask", case, "--file", ask)["request_id"]
    assert story.code(meta, "emergency", "show", emergency) == ExitCode.NOT_FOUND
    assert story.code(dea, "emergency", "approve", emergency) == ExitCode.API  # 403: the officer who asked
    assert story.json(supervisor, "emergency", "approve", emergency)["status"] == "approved"
    queue = story.json(meta, "emergency", "list", "--status", "approved")
    assert [(r["request_id"], r["verification_line"]) for r in queue] == [(emergency, "+12025550101")]
    story.ok(meta, "emergency", "acknowledge", emergency)
    disclosure = story.handed_over(meta, "emergency", emergency, tmp_path / "logins.csv")
    answered = story.json(meta, "emergency", "answer", emergency, "--outcome", "disclosed", *disclosure)
    assert answered["answer"]["outcome"] == "disclosed" and answered["legal_process_due_at"]
    rejected = story.json(dea, "emergency", "ask", case, "--file", ask)["request_id"]
    assert story.json(supervisor, "emergency", "reject", rejected, "--reason", "Not imminent")["status"] == "rejected"

    if story.transfers:  # evidence: up and down with the hash checked, its custody, the case's files
        ledger = tmp_path / "ledger.txt"
        ledger.write_bytes(b"pill shipments, by week\n" * 1000)
        file_id = story.json(dea, "files", "upload", case, str(ledger))["file_id"]
        story.available(dea, file_id)
        assert file_id in {found["file_id"] for found in story.json(dea, "files", "list", case)}
        copy = tmp_path / "copy.txt"
        assert "SHA-256 verified" in story.ok(hsi, "files", "download", file_id, str(copy))
        assert copy.read_bytes() == ledger.read_bytes()
        assert {"file.declare", "file.verify", "file.download"} <= {
            entry["event"] for entry in story.json(dea, "files", "custody", file_id)
        }

    # and every organisation's events, from its feed
    story.settle()
    story.later()
    tail = story.ok(meta, "events", "tail", "--no-follow", "--types", "Emergency Request,Legal Request Sent")
    assert [json.loads(line)["detail_type"] for line in tail.splitlines()] == [
        "Legal Request Sent",
        "Legal Request Sent",
        "Emergency Request",
    ]
    assert json.loads(story.ok(dea, "call", "readCase", f"case_id={case}"))["case_id"] == case


def test_the_readme_story_runs_through_the_cli(client, pump, later, monkeypatch, tmp_path):
    """Against the app: every command group, as every kind of caller (files move only over HTTP)."""
    monkeypatch.setattr(terminal, "TRANSPORT", Through(client))
    runner = CliRunner()

    def invoke(token: str, *args: str, stdin: str | None) -> Any:
        env = {"CASEBRIDGE_URL": "http://casebridge.test", "CASEBRIDGE_TOKEN": token, "COLUMNS": "200"}
        return runner.invoke(cli.app, list(args), env=env, input=stdin)

    def token(org: str, **claims: str) -> str:
        return ISSUER.token(org, **claims)

    tell(Story(invoke, token, pump.drain, later, transfers=False), tmp_path)


# Against `make run` ---------------------------------------------------------------------------


def test_the_readme_story_runs_through_the_cli_against_make_run(running_stack, tmp_path):
    """The same story over HTTP, files uploaded to and downloaded from presigned S3 URLs."""
    runner = CliRunner()

    def invoke(token: str, *args: str, stdin: str | None) -> Any:
        env = {"CASEBRIDGE_URL": running_stack["url"], "CASEBRIDGE_TOKEN": token, "COLUMNS": "200"}
        return runner.invoke(cli.app, list(args), env=env, input=stdin)

    def settle() -> None:
        assert wait_until_settled(running_stack["dir"] / ".local" / "pump.json")

    def later() -> None:
        time.sleep(SETTLE.total_seconds() + 0.5)

    tell(Story(invoke, running_stack["token"], settle, later, transfers=True), tmp_path)


def test_login_local_gets_a_dev_token_from_make_run(running_stack, monkeypatch, tmp_path, request):
    """`casebridge login --local --org HSI` in the folder `make run` runs in; then no variables needed."""
    from chalicelib.settings import settings

    # Settings read while the variables are gone must not outlive the test (stage `dev`, no table).
    request.addfinalizer(settings.cache_clear)
    for name in list(os.environ):
        if name.startswith(("AWS_", "CASEBRIDGE_", "MAKE", "MFLAGS")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.chdir(running_stack["dir"])
    runner = CliRunner()
    logged_in = runner.invoke(cli.app, ["login", "--local", "--org", "HSI"])
    assert logged_in.exit_code == 0 and running_stack["url"] in logged_in.output, logged_in.output
    assert oct((tmp_path / "config.json").stat().st_mode & 0o777) == "0o600"
    listed = runner.invoke(cli.app, ["cases", "list", "--json"])
    assert listed.exit_code == 0 and isinstance(json.loads(listed.output), list), listed.output
    opened = json.loads(runner.invoke(cli.app, ["cases", "open", "HSI's own", "--json"]).stdout)
    assert opened["owner"] == "HSI"
    assert json.loads(runner.invoke(cli.app, ["cases", "show", opened["case_id"]]).stdout)["title"] == "HSI's own"
    # DEA beside it, in a profile of its own: HSI's login (the profile `default`) is kept.
    assert runner.invoke(cli.app, ["--profile", "dea", "login", "--local", "--org", "DEA"]).exit_code == 0
    assert runner.invoke(cli.app, ["--profile", "dea", "cases", "show", opened["case_id"]]).exit_code == 6
    assert json.loads(runner.invoke(cli.app, ["cases", "show", opened["case_id"]]).stdout)["owner"] == "HSI"
    profiles = json.loads(runner.invoke(cli.app, ["profiles", "--json"]).stdout)
    assert [(p["profile"], p["org"]) for p in profiles] == [("default *", "HSI"), ("dea", "DEA")]
    unknown = runner.invoke(cli.app, ["--profile", "fbi", "login", "--local", "--org", "FBI"])
    assert unknown.exit_code == ExitCode.LOCAL and "unknown organisation 'FBI'" in unknown.stderr


# Ids whole in every table; profiles side by side; uploads that wait; local logins -----------------


@pytest.mark.parametrize("columns", [80, 160])
def test_ids_are_never_cut_in_a_table(as_org, monkeypatch, columns):
    """An id is for copying: at 80 or 160 columns it is printed whole on one line, while the other
    columns wrap at spaces; nothing is cut to `…` nor broken inside a word."""
    case = json.loads(as_org("DEA", "cases", "open", "Counterfeit M30 vendor " * 3, "--json").output)["case_id"]
    served = as_org("DEA", "legal", "serve", case, "--file", str(API_SAMPLES / "serve-subpoena.json"), "--json")
    request = json.loads(served.output)["request_id"]
    monkeypatch.setenv("COLUMNS", str(columns))
    for org, args, expected in (("DEA", ["cases", "list"], case), ("DEA", ["legal", "list"], request)):
        table = as_org(org, *args)
        assert table.exit_code == 0, table.output
        assert any(expected in line for line in table.output.splitlines()), table.output
        assert "…" not in table.stdout
        assert max(len(line) for line in table.stdout.splitlines()) <= columns
    # Eight columns do not fit in 80 with every word whole: the last ones are left out, and said so.
    assert ("left out to fit 80 columns: --json shows them" in table.stderr) == (columns == 80)


@pytest.fixture
def profiled(client, monkeypatch, tmp_path) -> Any:
    """`casebridge …` against the app, with no address or token in the environment: a profile's."""
    monkeypatch.setattr(terminal, "TRANSPORT", Through(client))
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("COLUMNS", "200")
    for variable in ("CASEBRIDGE_URL", "CASEBRIDGE_TOKEN", "CASEBRIDGE_PROFILE"):
        monkeypatch.delenv(variable, raising=False)

    def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Any:
        result = CliRunner().invoke(cli.app, list(args), env=env, input=stdin)
        assert "Traceback" not in result.output
        return result

    return run


def test_dea_and_hsi_work_side_by_side_through_profiles(profiled, tmp_path):
    url = "http://casebridge.test"
    for profile, org in (("dea", "DEA"), ("hsi", "HSI")):
        logged_in = profiled("--profile", profile, "login", "--url", url, "--token", "-", stdin=ISSUER.token(org))
        assert logged_in.exit_code == 0 and f"as profile {profile}" in logged_in.output, logged_in.output
    saved = json.loads((tmp_path / "config.json").read_text())["profiles"]
    assert sorted(saved) == ["dea", "hsi"]  # the second login kept the first

    case = json.loads(profiled("--profile", "dea", "cases", "open", "Border pills", "--json").output)["case_id"]
    referred = profiled("--profile", "dea", "referrals", "refer", case, "--to", "HSI", "--reason", "Nexus", "--json")
    referral = json.loads(referred.output)["referral_id"]
    assert profiled("--profile", "hsi", "cases", "show", case).exit_code == ExitCode.NOT_FOUND
    inbox = json.loads(profiled("referrals", "inbox", "--json", env={"CASEBRIDGE_PROFILE": "hsi"}).output)
    assert [r["referral_id"] for r in inbox] == [referral]
    assert profiled("--profile", "hsi", "referrals", "accept", referral).exit_code == 0
    assert json.loads(profiled("--profile", "hsi", "cases", "show", case).output)["case_id"] == case

    listed = json.loads(profiled("--profile", "hsi", "profiles", "--json").output)
    assert [(p["profile"], p["url"]) for p in listed] == [("dea", url), ("hsi *", url)]
    assert all(p["token_expires"] and "expired" not in p["token_expires"] for p in listed)
    assert ISSUER.token("DEA")[:20] not in profiled("profiles").output  # tokens are never shown

    unknown = profiled("--profile", "atf", "cases", "list")
    assert unknown.exit_code == ExitCode.LOCAL and "no profile 'atf'" in unknown.output and "dea, hsi" in unknown.output
    # A named profile wins over the environment: `--profile hsi` never sends DEA's token.
    as_hsi = profiled("--profile", "hsi", "cases", "list", "--json", env={"CASEBRIDGE_TOKEN": ISSUER.token("DEA")})
    as_dea = profiled("--profile", "dea", "cases", "list", "--json")
    assert case in as_dea.output and as_hsi.output == profiled("--profile", "hsi", "cases", "list", "--json").output
    assert as_hsi.output != as_dea.output
    assert profiled("cases", "list").exit_code == ExitCode.LOCAL  # neither named nor `default`


def test_a_refused_token_says_how_to_replace_it_where_it_came_from(profiled):
    """A 401 names the profile whose token was refused, or the variable, or `default`."""
    expired = ISSUER.token("HSI", lifetime=-60)
    url = "http://casebridge.test"
    for name in ("hsi", "default"):
        assert profiled("--profile", name, "login", "--url", url, "--token", "-", stdin=expired).exit_code == 0
    said = {
        "profile": profiled("--profile", "hsi", "cases", "list").stderr,
        "environment": profiled("cases", "list", env={"CASEBRIDGE_URL": url, "CASEBRIDGE_TOKEN": expired}).stderr,
        "default": profiled("cases", "list").stderr,
    }
    assert all("401" in line and "expired" in line for line in said.values()), said
    assert "`casebridge --profile hsi login`" in said["profile"]
    assert "CASEBRIDGE_TOKEN" in said["environment"] and "--profile" not in said["environment"]
    assert "profile 'default': `casebridge login`" in said["default"]


def test_the_config_file_before_profiles_is_the_default_profile(profiled, tmp_path):
    dea = ISSUER.token("DEA")  # once: a second token a second later would differ in `iat`
    (tmp_path / "config.json").write_text(json.dumps({"url": "http://casebridge.test", "token": dea}))
    opened = profiled("cases", "open", "Kept from 0.2", "--json")
    assert opened.exit_code == 0, opened.output
    assert (
        profiled(
            "--profile",
            "hsi",
            "login",
            "--url",
            "http://casebridge.test",
            stdin=None,
            env={"CASEBRIDGE_TOKEN": ISSUER.token("HSI")},
        ).exit_code
        == 0
    )
    saved = json.loads((tmp_path / "config.json").read_text())["profiles"]
    assert sorted(saved) == ["default", "hsi"] and saved["default"]["token"] == dea


@pytest.fixture
def checked_in_the_pauses(as_org, aws, monkeypatch) -> Any:
    """Uploads through the bucket's API (moto serves no presigned URL in process), and the
    arrivals queue handled in each pause of a wait, as the arrivals function would in AWS."""
    from casebridge_client.client import Casebridge

    from tests.test_files import deliver_arrivals, put

    arrived: list[bytes] = []

    def upload(self: Any, declared: Any, source: Any, progress: Any = None) -> None:
        put(aws, declared.to_dict(), arrived.pop(0) if arrived else source)

    monkeypatch.setattr(Casebridge, "upload", upload)
    monkeypatch.setattr(terminal, "PAUSE", lambda seconds: deliver_arrivals(aws))
    return arrived


def test_files_upload_wait_returns_once_the_file_is_available(as_org, checked_in_the_pauses, tmp_path):
    case = json.loads(as_org("DEA", "cases", "open", "Ledger", "--json").output)["case_id"]
    (tmp_path / "ledger.csv").write_text("buyer,pills\n@plug.nyc,200\n")
    uploaded = as_org("DEA", "files", "upload", case, str(tmp_path / "ledger.csv"), "--wait", "--json")
    assert uploaded.exit_code == 0, uploaded.output
    assert json.loads(uploaded.stdout)["status"] == "available"
    without = as_org("DEA", "files", "upload", case, str(tmp_path / "ledger.csv"), "--json")
    assert json.loads(without.stdout)["status"] == "pending_upload"  # what a download right after met


def test_files_upload_wait_says_when_the_file_was_rejected_or_is_not_checked_in_time(
    as_org, checked_in_the_pauses, monkeypatch, tmp_path
):
    case = json.loads(as_org("DEA", "cases", "open", "Ledger", "--json").output)["case_id"]
    (tmp_path / "ledger.csv").write_text("buyer,pills\n@plug.nyc,200\n")
    checked_in_the_pauses.append(b"buyer,pills\n@plug.nyc,2000\n")  # other bytes than declared
    rejected = as_org("DEA", "files", "upload", case, str(tmp_path / "ledger.csv"), "--wait")
    assert rejected.exit_code == ExitCode.FILE_REJECTED and "rejected" in rejected.stderr, rejected.output
    assert "SHA-256" in rejected.stderr
    monkeypatch.setattr(terminal, "PAUSE", lambda seconds: None)  # the check never comes
    late = as_org("DEA", "files", "upload", case, str(tmp_path / "ledger.csv"), "--wait", "--wait-timeout", "3")
    assert late.exit_code == ExitCode.FILE_NOT_READY and "still pending_upload after 3 s" in late.stderr


def test_the_client_waits_for_a_file_and_says_why_it_never_will_be_available(client, aws):
    from casebridge_client import Casebridge, FileNotReady, FileRejected
    from casebridge_client.generated.api.files import declare_case_file
    from casebridge_client.generated.models import FileDeclare

    from tests.test_files import SCREENSHOT, declaration, deliver_arrivals, put

    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        deliver_arrivals(aws)

    cb = Casebridge("http://casebridge.test", token=ISSUER.token("DEA"), transport=Through(client), sleep=pause)
    case = cb.http.post("/v1/cases", json={"title": "Ledger"}).json()["case_id"]
    declared = cb.call(declare_case_file, case_id=case, body=FileDeclare.from_dict(declaration()))
    put(aws, declared.to_dict(), SCREENSHOT)
    assert cb.wait_for_file(declared.file.file_id, timeout=10, interval=0.5).status == "available"
    assert pauses == [0.5]  # one pause: the check ran in it

    other = cb.call(declare_case_file, case_id=case, body=FileDeclare.from_dict(declaration()))
    put(aws, other.to_dict(), SCREENSHOT[:-1] + b"!")
    with pytest.raises(FileRejected) as rejected:
        cb.wait_for_file(other.file.file_id, timeout=10)
    assert rejected.value.status == "rejected" and "SHA-256" in str(rejected.value)

    never = cb.call(declare_case_file, case_id=case, body=FileDeclare.from_dict(declaration()))
    idle = Casebridge(
        "http://casebridge.test", token=ISSUER.token("DEA"), transport=Through(client), sleep=pauses.append
    )
    with pytest.raises(FileNotReady) as late:
        idle.wait_for_file(never.file.file_id, timeout=2, interval=0.5)
    assert late.value.status == "pending_upload" and pauses[-4:] == [0.5, 0.5, 0.5, 0.5]


def test_make_token_and_login_local_refuse_an_organisation_the_registry_does_not_know(monkeypatch, tmp_path):
    root = Path(__file__).resolve().parents[1]
    made = subprocess.run(["make", "-s", "token", "ORG=FBI"], cwd=root, capture_output=True, text=True, check=False)
    assert made.returncode != 0 and made.stdout == ""
    [said] = [line for line in made.stderr.splitlines() if not line.startswith("make")]
    assert "unknown organisation 'FBI'" in said and "DEA, HSI" in said and "Traceback" not in made.stderr
    # `login --local` in a checkout where the stack runs: it relays that line, and saves nothing.
    (tmp_path / ".local").mkdir()
    (tmp_path / ".local" / "stack.json").write_text(json.dumps({"api_url": "http://127.0.0.1:8000"}))
    (tmp_path / "Makefile").write_text(f"token:\n\t@cd {root} && $(MAKE) -s token ORG=$(ORG)\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    refused = CliRunner().invoke(cli.app, ["login", "--local", "--org", "FBI"])
    assert refused.exit_code == ExitCode.LOCAL and refused.stderr.strip() == f"casebridge: {said}"
    assert not (tmp_path / "config.json").exists()


def test_login_local_outside_the_repository_says_where_to_run_it(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    outside = CliRunner().invoke(cli.app, ["login", "--local", "--org", "HSI"])
    assert outside.exit_code == ExitCode.LOCAL and "runs in the casebridge repository" in outside.stderr
    (tmp_path / "Makefile").write_text("")
    (tmp_path / "chalicelib").mkdir()
    stopped = CliRunner().invoke(cli.app, ["login", "--local", "--org", "HSI"])
    assert stopped.exit_code == ExitCode.LOCAL and "start it with `make run`" in stopped.stderr


def test_a_report_is_shown_as_a_table_of_its_sections(as_org, pump):
    from datetime import UTC, datetime

    case_id = json.loads(as_org("DEA", "cases", "open", "Counterfeit M30 vendor", "--json").output)["case_id"]
    served = as_org("DEA", "legal", "serve", case_id, "--file", str(EVENTS / "api" / "serve-subpoena.json"))
    assert served.exit_code == 0, served.output
    pump.drain()
    year = f"{datetime.now(UTC):%Y}"  # the year the stream counted the request in
    table = as_org("META", "reports", "show", "transparency", year)
    assert table.exit_code == 0, table.output
    assert "Requests received, by kind" in table.output and "kind=subpoena" in table.output
    refused = as_org("META", "reports", "show", "national", year)
    assert refused.exit_code != 0 and "no report 'national' is visible to you" in refused.output
