"""Regenerates what derives from the routes and the sample bodies (`make client`): the copy of
`events/api/` that the OpenAPI document's examples come from in the Lambda bundle
(`chalicelib/data/api_examples.json`), then the Python client's operations and models from
the API's own document (`clients/python/casebridge_client/generated`, openapi-python-client).

Generated, not written: every operation the API documents is reachable through the client,
and `tests/test_client.py` generates again and fails on any difference, so the committed
code never drifts from the routes. What a generator cannot know (paging, retries,
idempotency keys, problem exceptions, the feed, webhooks, file hashes) is written by hand
beside it (`casebridge_client/client.py`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "clients" / "python" / "casebridge_client" / "generated"
SAMPLES = ROOT / "events" / "api"
EXAMPLES = ROOT / "chalicelib" / "data" / "api_examples.json"
#: Our templates in place of the generator's own of the same name: the models' package imports
#: each model when it is first named, so that `casebridge` starts without importing 197 models.
TEMPLATES = ROOT / "clients" / "python" / "templates"


#: openapi-python-client's own hooks, with `--isolated`: the same code wherever it is written.
POST_HOOKS = ["ruff check . --fix --isolated --extend-select=I", "ruff format . --isolated"]


def examples() -> str:
    """`events/api/*.json` as one document, by name: what `EXAMPLES` must hold."""
    samples = {path.stem: json.loads(path.read_text()) for path in sorted(SAMPLES.glob("*.json"))}
    return json.dumps(samples, indent=2, ensure_ascii=False) + "\n"


def version_module(version: str) -> str:
    """`generated/version.py`: the version of the document the client was generated from, which
    is casebridge's one version (`chalicelib.__version__`). The client package's metadata reads
    it (clients/python/pyproject.toml, hatchling's dynamic version), and `casebridge --version`."""
    return (
        '"""The version of the API document this client was generated from (`make client`)."""\n\n'
        f"__version__ = {json.dumps(version)}\n"
    )


def generate(target: Path) -> str:
    """Writes the generated package to `target`; what the generator printed."""
    from chalicelib.api.openapi import document

    spec_document = document()
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / "openapi.json"
        spec.write_text(json.dumps(spec_document))
        # The generator's formatting, isolated from any ruff configuration around the target.
        config = Path(folder) / "config.json"
        config.write_text(json.dumps({"post_hooks": POST_HOOKS}))
        bin_dir = Path(sys.executable).parent
        done = subprocess.run(  # noqa: S603 (the generator installed beside this Python)
            [
                str(bin_dir / "openapi-python-client"),
                "generate",
                "--path",
                str(spec),
                "--meta",
                "none",
                "--config",
                str(config),
                "--custom-template-path",
                str(TEMPLATES),
                "--overwrite",
                "--output-path",
                str(target),
            ],
            cwd=folder,
            env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
            capture_output=True,
            text=True,
            check=False,
        )
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise RuntimeError(output)
    (target / "version.py").write_text(version_module(spec_document["info"]["version"]))
    return output


def main() -> None:
    EXAMPLES.write_text(examples())
    print(generate(TARGET))


if __name__ == "__main__":
    main()
