"""casebridge has one version, `chalicelib.__version__`: the API says it at `/v1/health` and in
its OpenAPI document, the client generated from that document carries it in its package metadata,
and `casebridge --version` prints it. (The CDK stack's description and tag: infra/tests.)"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

from casebridge_client import cli
from typer.testing import CliRunner

from chalicelib import __version__

CLIENT = Path("clients/python")


def test_the_version_is_a_semantic_version():
    assert re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", __version__)


def test_the_api_says_the_one_version_at_health_and_in_its_document(api):
    assert api.call("GET", "/v1/health", None).data["version"] == __version__
    assert api.call("GET", "/v1/openapi.json", None).data["info"]["version"] == __version__


def test_the_client_carries_the_version_of_the_document_it_was_generated_from():
    import casebridge_client

    assert casebridge_client.__version__ == __version__
    project = tomllib.loads((CLIENT / "pyproject.toml").read_text())
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    declared = CLIENT / project["tool"]["hatch"]["version"]["path"]
    assert re.search(r'__version__ = "([^"]+)"', declared.read_text())[1] == __version__  # type: ignore[index]
    # What pip installed from it (make's .venv reinstalls the client when its version file changes).
    assert importlib.metadata.version("casebridge-client") == __version__


def test_the_repository_declares_no_second_version():
    project = tomllib.loads(Path("pyproject.toml").read_text())
    assert project["project"]["dynamic"] == ["version"]
    assert Path(project["tool"]["hatch"]["version"]["path"]) == Path("chalicelib/__init__.py")


def test_casebridge_version_prints_it():
    printed = CliRunner().invoke(cli.app, ["--version"])
    assert printed.exit_code == 0 and printed.output.strip() == f"casebridge {__version__}"
