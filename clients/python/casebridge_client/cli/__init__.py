"""`casebridge`: the API from a terminal, for the people between case systems. Tables for
people, `--json` for scripts; every failure is one line on stderr and a documented exit code
(`failures.ExitCode`; `--debug` or `CASEBRIDGE_DEBUG=1` shows the traceback as well).

The address and the token come from a profile of the config file `casebridge login` writes
(`~/.config/casebridge/config.json`, or `$CASEBRIDGE_CONFIG`, 0600): the one `--profile` or
`CASEBRIDGE_PROFILE` names, else `CASEBRIDGE_URL` and `CASEBRIDGE_TOKEN`, else the profile
`default`. No secret is ever an argument, where the process list would show it: a token or
webhook secret comes from its environment variable, or from standard input (`--token -`,
`--secret -`). Each area of the API is a command group (`casebridge legal --help`); any
operation is also `casebridge call <operationId> [name=value …] [--body JSON]`.
"""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer
from typer import _click  # typer's own click, whose Context its groups take
from typer.core import TyperGroup

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
    reports,
    tips,
    watch,  # noqa: F401 (adds the watch floor's commands to `conflicts`)
)
from casebridge_client.cli.config import DEFAULT, Profile, config_path, profiles, save_profile
from casebridge_client.cli.failures import ExitCode, Refused, outcome
from casebridge_client.cli.terminal import (
    Json,
    console,
    json_object,
    operation,
    run,
    secret_input,
    send,
    session,
    show,
)
from casebridge_client.generated.version import __version__


class _EveryFailureOneLine(TyperGroup):
    """Ends every command that fails with one line on stderr and its exit code (`failures`),
    never a traceback unless `--debug` asked for it. Typer's own usage errors stay typer's (2)."""

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.TyperException, typer.Exit, typer.Abort):  # typer's own: usage (2), --help, Ctrl-C
            raise
        except Exception as error:
            if session.debug or os.environ.get("CASEBRIDGE_DEBUG") == "1":
                raise
            code, lines = outcome(error)
            for line in lines:
                typer.echo(line, err=True)  # plain: a server's detail is never read as markup
            raise typer.Exit(int(code)) from None


app = typer.Typer(
    cls=_EveryFailureOneLine,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="casebridge from a terminal: every area of the API, tables or --json. The address and token come"
    " from a profile (`casebridge login`, `--profile`) or CASEBRIDGE_URL and CASEBRIDGE_TOKEN; secrets never"
    " as arguments. Exit codes: docs/reference/cli-errors-and-profiles.md.",
)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"casebridge {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    profile: Annotated[
        str | None,
        typer.Option(envvar="CASEBRIDGE_PROFILE", help="The profile of the config file to use (or log in to)"),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="CASEBRIDGE_DEBUG", help="On a failure, show the traceback too")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="casebridge's version")
    ] = False,
) -> None:
    session.profile, session.debug = profile, debug


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
    (reports.app, "reports"),
):
    app.add_typer(group, name=name)
app.command()(events.listen)


@app.command()
def login(
    local: Annotated[bool, typer.Option(help="A dev token from `make run`, in the repository where it runs")] = False,
    org: Annotated[str, typer.Option(help="The organisation (with --local)")] = "DEA",
    url: Annotated[str | None, typer.Option(help="The API's address")] = None,
    token: Annotated[
        str | None,
        typer.Option(metavar="-", help="`-`: read the token from standard input (else from CASEBRIDGE_TOKEN)"),
    ] = None,
) -> None:
    """Save the address and a token to a profile of the config file (`--profile`, else
    `default`), keeping every other profile: `casebridge --profile hsi login --local --org HSI`.

    The token comes from CASEBRIDGE_TOKEN or standard input (`--token -`), never the command
    line, where the process list shows it; the file is created readable by you only (0600),
    and a config path that is a symbolic link is refused."""
    name = session.profile or DEFAULT
    if local:
        url, token = _local_login(org)
        saved = Profile(name, url, token, org.upper())
    else:
        if not url:
            raise Refused(ExitCode.USAGE, "give --url (and the token in CASEBRIDGE_TOKEN or on stdin with --token -)")
        saved = Profile(name, url, secret_input(token, "--token", "CASEBRIDGE_TOKEN", "the token"))
    save_profile(config_path(), saved)
    console().print(f"logged in to {url} as profile {name}" + (f" ({saved.org})" if saved.org else ""))


def _local_login(org: str) -> tuple[str, str]:
    """The running local stack's address, and a token `make token` signs with its dev issuer
    (whose key lives in the stack's `.local/`): only in the repository, where `make run` runs."""
    stack = Path(".local/stack.json")
    if not stack.exists():
        here = Path.cwd()
        if (here / "Makefile").exists() and (here / "chalicelib").is_dir():
            raise Refused(ExitCode.LOCAL, "the local stack is not running here: start it with `make run`, then log in")
        raise Refused(
            ExitCode.LOCAL,
            f"`login --local` runs in the casebridge repository, where `make run` runs (not {here}):"
            " cd there, or log in with --url and a token",
        )
    address = json_object(stack.read_text(), str(stack)).get("api_url")
    if not isinstance(address, str):
        raise Refused(ExitCode.LOCAL, f"{stack} names no api_url: restart the stack (`make run`)")
    made = subprocess.run(  # noqa: S603
        ["make", "-s", "token", f"ORG={org}"],  # noqa: S607 (the repository's own Makefile)
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:  # scripts/token.py says why in its last line (an unknown organisation…)
        said = [line for line in made.stderr.splitlines() if line.strip() and not line.startswith("make")]
        raise Refused(ExitCode.LOCAL, said[-1] if said else f"`make token ORG={org}` failed")
    return address, made.stdout.strip()


@app.command("profiles")
def list_profiles(as_json: Json = False) -> None:
    """The profiles of the config file: which API, which organisation, until when the token runs."""
    now = datetime.now(UTC)
    rows = []
    for found in profiles(config_path()).values():
        expires = found.expires()
        rows.append(
            {
                "profile": found.name + (" *" if found.name == (session.profile or DEFAULT) else ""),
                "url": found.url,
                "org": found.org,
                "token_expires": None
                if expires is None
                else f"{expires:%Y-%m-%dT%H:%MZ}" + (" (expired)" if expires <= now else ""),
            }
        )
    show(rows, as_json, ("profile", "url", "org", "token_expires"))


@app.command()
def call(
    operation_id: str,
    arguments: Annotated[list[str] | None, typer.Argument(help="name=value parameters")] = None,
    body: Annotated[str | None, typer.Option(help="The request body, JSON")] = None,
) -> None:
    """Any operation of the API by its id (`casebridge call readLegalRequest request_id=legal_…`)."""
    module = _by_operation_id(operation_id)
    parameters = {}
    for argument in arguments or []:
        name, equals, value = argument.partition("=")
        if not equals or not name:
            raise Refused(ExitCode.USAGE, f"{argument!r} is not name=value")
        parameters[name] = value
    _check_parameters(operation_id, module, parameters, body is not None)
    if body is None:
        show(run(module, **parameters), True)
    else:
        show(send(module, json_object(body, "--body"), **parameters), True)


def _check_parameters(operation_id: str, module: ModuleType, given: dict[str, str], has_body: bool) -> None:
    """The operation's parameters against those given, before anything is sent."""
    takes = {
        name: parameter
        for name, parameter in inspect.signature(module.sync_detailed).parameters.items()
        if name not in ("client", "idempotency_key")
    }
    if unknown := sorted(set(given) - set(takes)):
        named = ", ".join(sorted(set(takes) - {"body"})) or "no parameters"
        raise Refused(ExitCode.USAGE, f"{operation_id} takes {named}; not {', '.join(unknown)}")
    required = {name for name, parameter in takes.items() if parameter.default is inspect.Parameter.empty}
    if missing := sorted(required - set(given) - {"body"}):
        raise Refused(ExitCode.USAGE, f"{operation_id} needs {', '.join(f'{name}=…' for name in missing)}")
    if "body" in required and not has_body:
        raise Refused(ExitCode.USAGE, f"{operation_id} needs a body: --body '{{…}}'")
    if has_body and "body" not in takes:
        raise Refused(ExitCode.USAGE, f"{operation_id} takes no body")


def _by_operation_id(operation_id: str) -> ModuleType:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in operation_id)
    root = Path(importlib.import_module("casebridge_client.generated.api").__file__ or "").parent
    for found in root.glob(f"*/{snake}.py"):
        return operation(found.parent.name, snake)
    raise Refused(ExitCode.USAGE, f"no operation {operation_id!r} (the ids: /v1/openapi.json, operationId)")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
