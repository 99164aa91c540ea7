"""`casebridge`: the API from a terminal, for the people between case systems. Tables for
people, `--json` for scripts; every problem response is a one-line message and an exit code.

The address and the token come from `CASEBRIDGE_URL` and `CASEBRIDGE_TOKEN`, or from the
config file `casebridge login` writes (`~/.config/casebridge/config.json`, or
`$CASEBRIDGE_CONFIG`, 0600). No secret is ever an argument, where the process list would show
it: a token or webhook secret comes from its environment variable, or from standard input
(`--token -`, `--secret -`). Each area of the API is a command group (`casebridge legal --help`);
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
from casebridge_client.cli.terminal import (
    config_path,
    console,
    errors,
    operation,
    run,
    save_config,
    secret_input,
    send,
    show,
)

app = typer.Typer(
    no_args_is_help=True,
    help="casebridge from a terminal: every area of the API, tables or --json. The address and token come"
    " from CASEBRIDGE_URL and CASEBRIDGE_TOKEN or `casebridge login`; secrets never as arguments.",
)
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
    token: Annotated[
        str | None,
        typer.Option(metavar="-", help="`-`: read the token from standard input (else from CASEBRIDGE_TOKEN)"),
    ] = None,
) -> None:
    """Save the address and a token to the config file.

    The token comes from CASEBRIDGE_TOKEN or standard input (`--token -`), never the command
    line, where the process list shows it; the file is created readable by you only (0600),
    and a config path that is a symbolic link is refused."""
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
    else:
        if not url:
            errors().print("casebridge: give --url (and the token in CASEBRIDGE_TOKEN or on stdin with --token -)")
            raise typer.Exit(2)
        token = secret_input(token, "--token", "CASEBRIDGE_TOKEN", "the token")
    save_config(config_path(), {"url": url, "token": token})
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
