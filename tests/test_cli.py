"""The `casebridge` command line (issue 19, part 5), run with typer's runner against the app
itself: tables for people, JSON for scripts, a message and an exit code for every problem."""

from __future__ import annotations

import json
from typing import Any

import pytest
from casebridge_client import cli
from typer.testing import CliRunner

from tests.conftest import ISSUER
from tests.test_client import Through


@pytest.fixture
def as_org(client, monkeypatch, tmp_path) -> Any:
    """Runs `casebridge …` as an organisation, against the app."""
    monkeypatch.setattr(cli, "TRANSPORT", Through(client))
    monkeypatch.setenv("CASEBRIDGE_URL", "http://casebridge.test")
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: tables keep each row on one line
    runner = CliRunner()

    def run(org: str, *args: str) -> Any:
        monkeypatch.setenv("CASEBRIDGE_TOKEN", ISSUER.token(org))
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


def test_every_problem_is_a_message_and_an_exit_code(as_org):
    absent = as_org("DEA", "cases", "show", "case_01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert absent.exit_code == 4 and "404" in absent.output and "visible to you" in absent.output
    invalid = as_org("DEA", "cases", "open", "")
    assert invalid.exit_code == 2 and "title" in invalid.output
    wrong_kind = as_org("META", "cases", "open", "x")
    assert wrong_kind.exit_code == 3
    bad_filter = as_org("DEA", "cases", "list", "--status", "sideways")
    assert bad_filter.exit_code == 2 and "open" in bad_filter.output


def test_any_operation_is_reachable_by_its_id(as_org):
    case_id = json.loads(as_org("DEA", "cases", "open", "Generic", "--json").output)["case_id"]
    read = as_org("DEA", "call", "readCase", f"case_id={case_id}")
    assert read.exit_code == 0 and json.loads(read.output)["title"] == "Generic"
    noted = as_org("DEA", "call", "addNote", f"case_id={case_id}", "--body", json.dumps({"text": "seen"}))
    assert noted.exit_code == 0, noted.output
    assert as_org("DEA", "call", "noSuchThing").exit_code == 2


def test_without_an_address_or_token_it_says_how_to_log_in(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEBRIDGE_URL", raising=False)
    monkeypatch.delenv("CASEBRIDGE_TOKEN", raising=False)
    monkeypatch.setenv("CASEBRIDGE_CONFIG", str(tmp_path / "none.json"))
    result = CliRunner().invoke(cli.app, ["cases", "list"])
    assert result.exit_code == 3 and "casebridge login" in result.output
