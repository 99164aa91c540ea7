"""Every example the documentation site shows a reader is a file under `docs/examples/`, included
into its page with `--8<--`, and run here as a reader would run it: the Python examples against
the app in process, the shell examples in bash against `make run`. The walkthrough is run by
`tests/test_local_stack.py`. A code block a page writes out itself is output (`text`), a diagram,
or `make` commands, each a target of the Makefile."""

from __future__ import annotations

import base64
import json
import re
import runpy
import secrets
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from chalicelib.domain.webhooks import payload, signed_headers
from tests.conftest import ISSUER
from tests.test_client import Through
from tests.test_local_stack import _shell_environment

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
#: Each example, and the test that runs it.
RUN_BY = {
    "walkthrough.sh": "tests/test_local_stack.py::test_a_newcomers_first_hour_against_one_stack",
    "client_quickstart.py": "test_the_client_quickstart_opens_a_case_and_lists_the_agencys_cases",
    "transparency_report.py": "test_the_transparency_report_example_prints_its_figures_and_writes_csv_and_svg",
    "webhook_receiver.py": "test_the_webhook_receiver_takes_a_signed_delivery_once_and_refuses_the_rest",
    "evidence_files.sh": "test_the_evidence_example_prints_what_it_says",
    "cli_tour.sh": "test_every_command_of_the_cli_tour_succeeds",
    "watch_floor.sh": "test_the_watch_floors_day_prints_what_it_says",
    "cli_profiles.sh": "test_the_cli_profiles_example_prints_what_it_says",
    "stage_trusted_issuers.json": "test_the_stage_files_trusted_issuers_are_what_the_settings_take",
    "key_rotation.sh": "test_the_key_rotation_example_prints_what_it_says",
    "registry_identity_providers.json": "test_the_registry_providers_example_is_a_change_the_api_takes",
    "organisation_delivery.json": "test_the_delivery_example_is_what_a_proposal_takes",
    "bus_policy.json": "tests/test_delivery.py::test_the_documented_policies_let_the_delivery_role_do_what_it_does",
    "queue_policy.json": "tests/test_delivery.py::test_the_documented_policies_let_the_delivery_role_do_what_it_does",
}
SNIPPET = re.compile(r'^\s*--8<-- "([^"]+)"\s*$', re.MULTILINE)
FENCE = re.compile(r"^( *)(`{3,})([\w-]*)[^\n]*\n(.*?)^\1\2 *$", re.MULTILINE | re.DOTALL)
#: Languages a reader pastes from: such a block must include a file, not spell its code out.
PASTED = {"bash", "sh", "shell", "console", "python", "py", "json"}


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def included() -> dict[str, list[str]]:
    """Each file a page includes, with the pages that include it."""
    found: dict[str, list[str]] = {}
    for page in pages():
        for path in SNIPPET.findall(page.read_text()):
            found.setdefault(path, []).append(str(page.relative_to(ROOT)))
    return found


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))


def test_every_example_is_included_in_a_page_and_run_by_a_test():
    examples = {path.name for path in EXAMPLES.iterdir() if path.is_file()}
    assert examples == set(RUN_BY)
    shown = {Path(path).name for path in included() if path.startswith("docs/examples/")}
    assert shown == examples


def test_every_included_file_exists_and_is_an_example_or_a_sample_the_openapi_tests_check():
    for path, where in included().items():
        assert (ROOT / path).is_file(), (path, where)
        assert path.startswith(("docs/examples/", "events/api/")), (path, where)


def test_no_page_spells_out_code_a_reader_would_paste():
    for page in [*pages(), ROOT / "README.md"]:
        for _, _, language, body in FENCE.findall(page.read_text()):
            if language not in PASTED:
                continue
            lines = [line.split("#")[0].strip() for line in body.splitlines() if line.strip()]
            if all(SNIPPET.match(line) for line in body.splitlines() if line.strip()):
                continue
            assert all(line.startswith("make ") for line in lines), (page, body)
            for line in lines:
                assert line.split()[1] in makefile_targets(), (page, line)


def test_the_fence_reader_sees_what_a_page_spells_out():
    page = "```bash\ncurl -s localhost:8000\n```\n\n```text\nprinted\n```\n"
    assert [(language, body) for _, _, language, body in FENCE.findall(page)] == [
        ("bash", "curl -s localhost:8000\n"),
        ("text", "printed\n"),
    ]


# The Python examples, in process --------------------------------------------------------------


def test_the_client_quickstart_opens_a_case_and_lists_the_agencys_cases(api, pump, monkeypatch, capsys):
    earlier = api.open_case(title="Pill press buyer")["case_id"]
    pump.drain()
    monkeypatch.setattr("casebridge_client.client.httpx.HTTPTransport", lambda: Through(api.client))
    monkeypatch.setenv("CASEBRIDGE_URL", "http://casebridge.test")
    monkeypatch.setenv("CASEBRIDGE_TOKEN", ISSUER.token("DEA"))

    runpy.run_path(str(EXAMPLES / "client_quickstart.py"), run_name="__main__")

    opened, *listed = capsys.readouterr().out.splitlines()
    case_id = opened.removeprefix("opened ")
    assert api.call("GET", f"/v1/cases/{case_id}").data["title"] == "Counterfeit M30 vendor"
    assert f"{earlier} Pill press buyer" in listed


def test_the_transparency_report_example_prints_its_figures_and_writes_csv_and_svg(
    api, pump, monkeypatch, capsys, tmp_path
):
    from tests.test_reports import YEAR, answer, subpoena

    answer(api, subpoena(api, api.open_case("DEA")["case_id"]))
    pump.drain()
    monkeypatch.setattr("casebridge_client.client.httpx.HTTPTransport", lambda: Through(api.client))
    monkeypatch.setenv("CASEBRIDGE_URL", "http://casebridge.test")
    monkeypatch.setenv("CASEBRIDGE_TOKEN", ISSUER.token("META"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["transparency_report.py", YEAR])

    runpy.run_path(str(EXAMPLES / "transparency_report.py"), run_name="__main__")

    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"Transparency report: the requests this platform received {YEAR}"
    assert "  Requests received, by kind: kind=subpoena: 1" in printed
    assert printed[-2:] == ["wrote transparency.csv text/csv; charset=utf-8", "wrote transparency.svg image/svg+xml"]
    assert (tmp_path / "transparency.csv").read_text().startswith("section,figure,labels,count,shown")
    assert "<title>Transparency report" in (tmp_path / "transparency.svg").read_text()


def test_the_client_quickstart_needs_a_token(monkeypatch):
    monkeypatch.delenv("CASEBRIDGE_TOKEN", raising=False)
    monkeypatch.setattr("casebridge_client.client.httpx.HTTPTransport", lambda: httpx.MockTransport(lambda _: None))
    with pytest.raises(KeyError, match="CASEBRIDGE_TOKEN"):
        runpy.run_path(str(EXAMPLES / "client_quickstart.py"), run_name="__main__")


def test_the_webhook_receiver_takes_a_signed_delivery_once_and_refuses_the_rest(monkeypatch, capsys):
    secret = base64.b64encode(secrets.token_bytes(24)).decode()
    monkeypatch.setenv("CASEBRIDGE_WEBHOOK_SECRET", f"whsec_{secret}")
    receiver: dict[str, Any] = runpy.run_path(str(EXAMPLES / "webhook_receiver.py"))
    detail = {"id": "evt_01", "occurred_at": "2026-12-06T12:00:00Z", "links": {"case": "/v1/cases/case_1"}}
    body = payload("Case Opened", detail)
    headers = signed_headers("evt_01", body, [secret], datetime.now(UTC))  # as the delivery function signs

    assert receiver["receive"](body.encode(), headers) == 204
    assert receiver["receive"](body.encode(), headers) == 200  # the same id again: a replay, not handled
    assert capsys.readouterr().out.splitlines() == ["Case Opened evt_01 {'case': '/v1/cases/case_1'}"]
    altered = body.replace("Case Opened", "Case Closed").encode()
    assert receiver["receive"](altered, {**headers, "webhook-id": "evt_02"}) == 400
    foreign = signed_headers("evt_03", body, [base64.b64encode(b"x" * 24).decode()], datetime.now(UTC))
    assert receiver["receive"](body.encode(), foreign) == 400
    assert capsys.readouterr().out == ""


# The shell examples, in bash against `make run` ------------------------------------------------


def run_in_bash(stack: dict[str, Any], example: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The example pasted into a shell at the root of `make run`'s folder, stopping at the first failure."""
    env = {**_shell_environment(), "PORT": stack["url"].rsplit(":", 1)[1]}
    script = "set -euo pipefail\n" + (EXAMPLES / example).read_text()
    return subprocess.run(
        ["bash", "-c", script], cwd=stack["dir"], env=env, capture_output=True, text=True, timeout=timeout
    )


def prints_what_it_says(stack: dict[str, Any], example: str, **env: str) -> None:
    """Runs an example with `#=>` lines step by step in bash, as `make demo` runs the walkthrough
    (`scripts/demo.py`: its report, printed, shows what differed)."""
    from scripts.demo import run

    assert run(stack["dir"], EXAMPLES.relative_to(ROOT) / example, {**_shell_environment(), **env}) == 0


def test_the_evidence_example_prints_what_it_says(running_stack):
    prints_what_it_says(running_stack, "evidence_files.sh")


def test_the_cli_profiles_example_prints_what_it_says(running_stack, tmp_path):
    """Its profiles go to a config file of the test's own, not the reader's."""
    prints_what_it_says(running_stack, "cli_profiles.sh", CASEBRIDGE_CONFIG=str(tmp_path / "config.json"))


def test_the_key_rotation_example_prints_what_it_says(running_stack):
    prints_what_it_says(running_stack, "key_rotation.sh", PORT=running_stack["url"].rsplit(":", 1)[1])


def test_the_watch_floors_day_prints_what_it_says(running_stack):
    prints_what_it_says(running_stack, "watch_floor.sh")


def test_every_command_of_the_cli_tour_succeeds(running_stack):
    ran = run_in_bash(running_stack, "cli_tour.sh")
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Traceback" not in ran.stderr
    read = json.loads(ran.stdout[ran.stdout.rindex("\n{") :])
    assert (read["title"], read["participants"]) == ("Counterfeit M30 vendor", ["DEA", "HSI"])


def test_the_registry_providers_example_is_a_change_the_api_takes():
    """The registry page's `identity_providers`: the body of a change of providers the API
    validates, and providers the registry's rules accept for an agency with an ORI."""
    from dataclasses import replace

    from chalicelib.api.models import IdentityProvidersChange
    from chalicelib.domain.organisations import IdentityProvider, seed

    body = IdentityProvidersChange.model_validate_json((EXAMPLES / "registry_identity_providers.json").read_text())
    providers = tuple(IdentityProvider(p.issuer, p.jwks_uri, p.jwks, p.claim) for p in body.identity_providers)
    dea = seed().get("DEA")
    assert dea is not None and dea.ori
    assert [p.claim for p in replace(dea, identity_providers=providers).identity_providers] == ["org", "ori"]


def test_the_delivery_example_is_what_a_proposal_takes():
    """The migration note's `delivery`: a proposal's delivery settings, a webhook and a queue
    in the organisation's own account, as the API and the registry's rules accept them."""
    from chalicelib.api.models import DeliveryIn
    from chalicelib.domain.organisations import Delivery

    given = DeliveryIn.model_validate(json.loads((EXAMPLES / "organisation_delivery.json").read_text())["delivery"])
    delivery = Delivery(webhook=given.webhook, event_bus_arn=given.event_bus_arn, queue_arn=given.queue_arn)
    assert delivery.queue_arn == "arn:aws:sqs:us-west-2:222222222222:casebridge-events"


def test_the_stage_files_trusted_issuers_are_what_the_settings_take():
    """The deploy page's `trusted_issuers`: each entry is a `TrustedIssuer` the settings accept,
    bound to registry codes (a provider for DEA, a broker for USPIS and ATF)."""
    from chalicelib.settings import TrustedIssuer

    entries = json.loads((EXAMPLES / "stage_trusted_issuers.json").read_text())["trusted_issuers"]
    bound = [TrustedIssuer.model_validate(entry).organisations for entry in entries]
    assert bound == [["DEA"], ["USPIS", "ATF"]]
