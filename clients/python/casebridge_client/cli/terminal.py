"""What every command shares: the connection, tables or JSON, problems as one line and an exit code."""

from __future__ import annotations

import getpass
import hashlib
import importlib
import inspect
import json
import mimetypes
import os
import sys
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from casebridge_client.cli.config import DEFAULT, config_path, profile
from casebridge_client.cli.failures import ExitCode, Refused
from casebridge_client.client import Casebridge

#: Tests hand requests to the app itself through this,
TRANSPORT: httpx.BaseTransport | None = None
#: and run the file checks in the pauses of a `--wait` (and of retries) through this.
PAUSE: typing.Callable[[float], None] = time.sleep


@dataclass
class Session:
    """What the options before the command chose (`casebridge --profile hsi --debug …`)."""

    #: The profile named by `--profile` or `CASEBRIDGE_PROFILE`; None: CASEBRIDGE_URL and
    #: CASEBRIDGE_TOKEN if set, else the profile `default`.
    profile: str | None = None
    debug: bool = False


session = Session()

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]
#: A value the command needs, named (`--to HSI`), not by position.
Required = Annotated[str, typer.Option()]
#: A request body too rich for options, as in `events/api/` (`-` reads it from stdin).
BodyFile = Annotated[
    Path, typer.Option("--file", "-f", help="The request body: a JSON file (- for stdin), as in events/api/")
]
#: `--wait` on an upload: until the API has checked the file (a download before is a 409).
Wait = Annotated[bool, typer.Option("--wait", help="Wait until the file is available (exit 10 rejected, 11 not yet)")]
WaitTimeout = Annotated[float, typer.Option(help="Seconds --wait waits at most")]
#: The files of a production or disclosure, uploaded to the request first.
FileIds = Annotated[list[str] | None, typer.Option("--file-id", help="A file you uploaded to it (repeatable)")]
Status = Annotated[str | None, typer.Option(help="Only those in this status")]
IfMatch = Annotated[
    str | None, typer.Option(help="The ETag you read (412 if it changed since); without it, the current one")
]


def console() -> Console:
    """The terminal, as it is now (its width read when a command prints, not at import)."""
    return Console(soft_wrap=True)


def errors() -> Console:
    return Console(stderr=True, soft_wrap=True)


#: The only value a secret's option takes: read the secret from standard input.
STDIN = "-"


def secret_input(given: str | None, option: str, variable: str, what: str) -> str:
    """A secret from standard input (`option -`) or from the environment variable `variable`,
    never from the command line, where the process list shows it to everyone on the machine."""
    if given is not None and given != STDIN:
        raise Refused(
            ExitCode.USAGE,
            f"{what} never goes on the command line (the process list shows it):"
            f" set {variable}, or give {option} - and pass it on standard input",
        )
    if given == STDIN:
        value = getpass.getpass(f"{what}: ") if sys.stdin.isatty() else sys.stdin.readline()
    else:
        value = os.environ.get(variable, "")
    if not value.strip():
        raise Refused(ExitCode.LOCAL, f"no {what}: set {variable}, or give {option} - and pass it on standard input")
    return value.strip()


def _connect() -> Casebridge:
    """To the named profile's API; else to CASEBRIDGE_URL with CASEBRIDGE_TOKEN; else to the
    profile `default`. A named profile wins over the variables: `--profile hsi` never quietly
    sends another organisation's token."""
    if session.profile is not None:
        found = profile(config_path(), session.profile)
        return _casebridge(found.url, found.token)
    url, token = os.environ.get("CASEBRIDGE_URL"), os.environ.get("CASEBRIDGE_TOKEN")
    if url and token:
        return _casebridge(url, token)
    if not config_path().exists() and not (url or token):
        raise Refused(
            ExitCode.LOCAL, "not logged in: run `casebridge login`, or set CASEBRIDGE_URL and CASEBRIDGE_TOKEN"
        )
    if url or token:
        missing = "CASEBRIDGE_TOKEN" if url else "CASEBRIDGE_URL"
        raise Refused(ExitCode.LOCAL, f"{missing} is not set (both or neither: neither uses the profile `default`)")
    found = profile(config_path(), DEFAULT)
    return _casebridge(found.url, found.token)


def _casebridge(url: str, token: str) -> Casebridge:
    return Casebridge(url, token=token, transport=TRANSPORT, sleep=PAUSE)


def operation(area: str, name: str) -> ModuleType:
    """A generated operation: `casebridge_client.generated.api.<area>.<name>`."""
    return importlib.import_module(f"casebridge_client.generated.api.{area}.{name}")


def show(value: Any, as_json: bool, columns: tuple[str, ...] = ()) -> None:
    """JSON for scripts, or a table of `columns` (`contact.name` reaches into a field).

    An id is for copying: its column is never cut to `…` nor wrapped. Other columns wrap at
    spaces; where even that cannot fit the terminal, the last columns are left out (and a line
    on stderr says which, and that `--json` has everything) rather than broken letter by letter."""
    data = _plain(value)
    if as_json or not columns:
        typer.echo(json.dumps(data, default=str, indent=2))  # plain: for scripts and pipes
        return
    rows = [[_cell(row, column) for column in columns] for row in (data if isinstance(data, list) else [data])]
    terminal = console()
    shown = list(columns)
    table = _table(shown, rows, columns)
    while _narrowest(terminal, table) > terminal.width and any(not _is_id(c) for c in shown[1:]):
        shown.remove(next(c for c in reversed(shown) if not _is_id(c)))
        table = _table(shown, rows, columns)
    terminal.print(table)
    if left_out := [column for column in columns if column not in shown]:
        typer.echo(f"({', '.join(left_out)} left out to fit {terminal.width} columns: --json shows them)", err=True)


def _narrowest(terminal: Console, table: Table) -> int:
    """How narrow the table can be with no word broken (measured as if the terminal were endless:
    rich clamps a measurement to the width it is given)."""
    return terminal.measure(table, options=terminal.options.update_width(100_000)).minimum


def _is_id(column: str) -> bool:
    return column == "id" or column.endswith("_id")


def _table(shown: list[str], rows: list[list[str]], columns: tuple[str, ...]) -> Table:
    table = Table()
    for column in shown:
        table.add_column(column, no_wrap=_is_id(column), overflow="fold")
    for row in rows:
        table.add_row(*[cell for column, cell in zip(columns, row, strict=True) if column in shown])
    return table


def _plain(value: Any) -> Any:
    """A generated model (or a list of them) as JSON-ready data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _cell(row: dict[str, Any], column: str) -> str:
    value: Any = row
    for name in column.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


@contextmanager
def connected() -> Iterator[Casebridge]:
    """The connection, for one command (a failure ends the command: `failures.outcome`)."""
    with _connect() as cb:
        yield cb


def add_show(group: typer.Typer, area: str, name: str, parameter: str, what: str) -> None:
    """`<group> show <id>`: one item read by the operation `area.name`, as JSON."""

    def read(**ids: str) -> None:
        show(run(operation(area, name), **ids), True)

    # One argument, named as the API names it (`casebridge legal show REQUEST_ID`).
    argument = inspect.Parameter(parameter, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str)
    read.__signature__ = inspect.Signature([argument], return_annotation=None)  # type: ignore[attr-defined]
    read.__doc__ = f"{what}, as JSON."
    group.command("show")(read)


def add_upload(group: typer.Typer, area: str, name: str, parameter: str, what: str) -> None:
    """`<group> upload <id> <path>`: a file declared by the operation `area.name` and uploaded."""

    def uploading(
        path: Path,
        media_type: str | None = None,
        wait: Wait = False,
        wait_timeout: WaitTimeout = 120.0,
        as_json: Json = False,
        **ids: str,
    ) -> None:
        uploaded = upload(operation(area, name), path, media_type, {}, wait_timeout if wait else None, **ids)
        show(uploaded, as_json, UPLOADED)

    # The id first, named as the API names it (`casebridge legal upload REQUEST_ID PATH`).
    own = list(inspect.signature(uploading, eval_str=True).parameters.values())[:-1]
    argument = inspect.Parameter(parameter, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str)
    uploading.__signature__ = inspect.Signature([argument, *own], return_annotation=None)  # type: ignore[attr-defined]
    uploading.__doc__ = what
    group.command("upload")(uploading)


def run(module: ModuleType, **arguments: Any) -> Any:
    """One operation; what it answered."""
    with connected() as cb:
        return cb.call(module, **arguments)


def send(module: ModuleType, fields: dict[str, Any], **arguments: Any) -> Any:
    """An operation with a body built from plain fields."""
    return run(module, body=_model(module, fields), **arguments)


def changed(read: ModuleType, update: ModuleType, fields: dict[str, Any], if_match: str | None, **ids: str) -> Any:
    """An update under `If-Match`: the ETag given, or the one read just now."""
    body = _model(update, fields)
    with connected() as cb:
        if if_match is None:
            _, if_match = cb.call_with_etag(read, **ids)
        return cb.call(update, body=body, if_match=if_match, **ids)


def listed(module: ModuleType, status: str | None = None, **arguments: Any) -> list[Any]:
    """Every item of a list operation, page after page, filtered by `status` if given."""
    if status is not None:
        arguments["status"] = _enum(module, "status", status)
    with connected() as cb:
        return list(cb.pages(module, **arguments))


def body_of(file: Path, **overrides: Any) -> dict[str, Any]:
    """A JSON body from a file (`-`: standard input), with the values the command line named put over it."""
    text = sys.stdin.read() if str(file) == STDIN else _read(file).decode(errors="replace")
    fields = json_object(text, "standard input" if str(file) == STDIN else str(file))
    return {**fields, **{name: value for name, value in overrides.items() if value is not None}}


def json_object(text: str, where: str) -> dict[str, Any]:
    """A JSON object the user gave (a file, `--body`), or a one-line refusal saying where it is wrong."""
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as error:
        raise Refused(ExitCode.LOCAL, f"{where} is not JSON: {error}") from None
    if not isinstance(fields, dict):
        raise Refused(ExitCode.LOCAL, f"{where} must hold a JSON object")
    return fields


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise Refused(ExitCode.LOCAL, f"cannot read {path}: {error.strerror or error}") from None


def writable(path: Path) -> None:
    """Refuses, before anything is asked of the API, a target that cannot be written."""
    if path.is_dir() or not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
        why = "is a folder" if path.is_dir() else "cannot be written (no such folder, or not yours)"
        raise Refused(ExitCode.LOCAL, f"{path} {why}")


UPLOADED = ("file_id", "name", "size", "status", "sha256")


def upload(
    declare: ModuleType,
    path: Path,
    media_type: str | None,
    fields: dict[str, Any],
    wait: float | None = None,
    **ids: str,
) -> Any:
    """Declares a file (its name, type, size and SHA-256) and uploads it with a progress bar;
    the file as declared, or with `wait` (seconds), as it is once the API has checked it."""
    content = _read(path)
    media_type = media_type or mimetypes.guess_type(path.name)[0]
    if media_type is None:
        raise Refused(ExitCode.USAGE, f"give --media-type: {path.name}'s is not known from its name")
    declaration = {
        **fields,
        "name": path.name,
        "media_type": media_type,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    body = _model(declare, declaration)
    with connected() as cb:
        declared = cb.call(declare, body=body, **ids)
        with Progress(console=errors()) as progress:
            task = progress.add_task(f"uploading {path.name}", total=len(content))
            cb.upload(declared, content, progress=lambda done, total: progress.update(task, completed=done))
        if wait is None:
            return declared.file
        with errors().status(f"waiting for {declared.file.file_id} to be checked"):
            return cb.wait_for_file(declared.file.file_id, timeout=wait, interval=min(1.0, wait / 10 or 1.0))


def _model(module: ModuleType, fields: dict[str, Any]) -> Any:
    """The operation's body model from plain fields. It checks only what a model must hold (a
    required field, an enum's value); every other rule is the API's, answered as a problem."""
    try:
        return _parameter_type(module, "body", "from_dict").from_dict(fields)
    except KeyError as missing:
        raise Refused(ExitCode.USAGE, f"the body needs {missing}") from None
    except (TypeError, ValueError, AttributeError) as wrong:
        raise Refused(ExitCode.USAGE, f"the body is not one this operation takes: {wrong}") from None


def _parameter_type(module: ModuleType, name: str, having: str) -> Any:
    """The class of an operation's parameter that has `having` (of `Model | Unset`, the model)."""
    annotation = inspect.signature(module.sync_detailed, eval_str=True).parameters[name].annotation
    return next(kind for kind in (*typing.get_args(annotation), annotation) if hasattr(kind, having))


def _enum(module: ModuleType, name: str, value: str) -> Any:
    """A filter's value as the operation's enum."""
    enum = _parameter_type(module, name, "__members__")
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise Refused(ExitCode.USAGE, f"{name} must be one of {choices}") from None


def enum_option(module: ModuleType, name: str, value: str | None) -> Any:
    """An enum option of an operation (`--box inbound`), checked before anything is sent."""
    return None if value is None else _enum(module, name, value)
