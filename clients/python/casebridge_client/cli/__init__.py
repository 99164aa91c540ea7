"""`casebridge`: the API from a terminal, for the people between case systems. Tables for
people, `--json` for scripts; every problem response is a one-line message and an exit code.

The address and the token come from `CASEBRIDGE_URL` and `CASEBRIDGE_TOKEN`, or from the
config file `casebridge login` writes (`~/.config/casebridge/config.json`, or
`$CASEBRIDGE_CONFIG`). Each area of the API is a command group (`casebridge legal --help`);
any operation is also `casebridge call <operationId> [name=value …] [--body JSON]`.
"""

from __future__ import annotations

import importlib
import json
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from casebridge_client.cli import (
    cases,
    deconfliction,
    emergency,
    events,
    files,
    legal,
    operations,
    preservations,
    referrals,
    tips,
)
from casebridge_client.cli.terminal import config_path, console, errors, operation, run, send, show

app = typer.Typer(no_args_is_help=True, help="casebridge from a terminal: every area of the API, tables or --json.")
for group, name in (
    (cases.app, "cases"),
    (referrals.app, "referrals"),
    (deconfliction.identifiers, "identifiers"),
    (deconfliction.hits, "hits"),
    (deconfliction.conflicts, "conflicts"),
    (operations.app, "operations"),
    (tips.app, "tips"),
    (preservations.app, "preservations"),
    (legal.app, "legal"),
    (emergency.app, "emergency"),
    (files.app, "files"),
    (events.app, "events"),
):
    app.add_typer(group, name=name)
app.command()(events.listen)


@app.command()
def login(
    local: Annotated[bool, typer.Option(help="A dev token from `make run` in this directory")] = False,
    org: Annotated[str, typer.Option(help="The organisation (with --local)")] = "DEA",
    url: Annotated[str | None, typer.Option(help="The API's address")] = None,
    token: Annotated[str | None, typer.Option(help="A token from your identity provider")] = None,
) -> None:
    """Save the address and a token to the config file."""
    if local:
        stack = json.loads(Path(".local/stack.json").read_text())
        url = stack["api_url"]
        # The dev issuer's key lives in the stack's `.local/`: `make token` signs with it.
        token = subprocess.run(  # noqa: S603
            ["make", "-s", "token", f"ORG={org}"],  # noqa: S607 (the repository's own Makefile)
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    if not url or not token:
        errors().print("casebridge: give --url and --token, or --local")
        raise typer.Exit(2)
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(json.dumps({"url": url, "token": token}))
    config_path().chmod(0o600)
    console().print(f"logged in to {url}")


@app.command()
def call(
    operation_id: str,
    arguments: Annotated[list[str] | None, typer.Argument(help="name=value parameters")] = None,
    body: Annotated[str | None, typer.Option(help="The request body, JSON")] = None,
) -> None:
    """Any operation of the API by its id (`casebridge call readLegalRequest request_id=legal_…`)."""
    module = _by_operation_id(operation_id)
    parameters = dict(argument.split("=", 1) for argument in arguments or [])
    show(send(module, json.loads(body), **parameters) if body is not None else run(module, **parameters), True)


def _by_operation_id(operation_id: str) -> ModuleType:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in operation_id)
    root = Path(importlib.import_module("casebridge_client.generated.api").__file__ or "").parent
    for found in root.glob(f"*/{snake}.py"):
        return operation(found.parent.name, snake)
    errors().print(f"casebridge: no operation {operation_id!r}")
    raise typer.Exit(2)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
