"""What every command shares: the connection, tables or JSON, problems as one line and an exit code."""

from __future__ import annotations

import getpass
import hashlib
import importlib
import inspect
import json
import mimetypes
import os
import secrets
import sys
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, NoReturn

import httpx
import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from casebridge_client.client import Casebridge
from casebridge_client.errors import ProblemError

#: Exit codes by problem status: scripts branch on them.
EXIT_CODES = {400: 2, 401: 3, 403: 3, 404: 4, 409: 5, 412: 5, 413: 2, 422: 2, 429: 6, 503: 6}
#: A download whose bytes are not the ones verified.
HASH_MISMATCH = 7
#: Tests hand requests to the app itself through this.
TRANSPORT: httpx.BaseTransport | None = None

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]
#: A value the command needs, named (`--to HSI`), not by position.
Required = Annotated[str, typer.Option()]
#: A request body too rich for options, as in `events/api/` (`-` reads it from stdin).
BodyFile = Annotated[
    typer.FileText, typer.Option("--file", "-f", help="The request body: a JSON file (- for stdin), as in events/api/")
]
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


def config_path() -> Path:
    return Path(os.environ.get("CASEBRIDGE_CONFIG") or Path.home() / ".config" / "casebridge" / "config.json")


#: The only value a secret's option takes: read the secret from standard input.
STDIN = "-"


def secret_input(given: str | None, option: str, variable: str, what: str) -> str:
    """A secret from standard input (`option -`) or from the environment variable `variable`,
    never from the command line, where the process list shows it to everyone on the machine."""
    if given is not None and given != STDIN:
        errors().print(
            f"casebridge: {what} never goes on the command line (the process list shows it):"
            f" set {variable}, or give {option} - and pass it on standard input"
        )
        raise typer.Exit(2)
    if given == STDIN:
        value = getpass.getpass(f"{what}: ") if sys.stdin.isatty() else sys.stdin.readline()
    else:
        value = os.environ.get(variable, "")
    if not value.strip():
        errors().print(f"casebridge: no {what}: set {variable}, or give {option} - and pass it on standard input")
        raise typer.Exit(2)
    return value.strip()


def save_config(path: Path, document: dict[str, str]) -> None:
    """Writes the config file readable by its owner only from its first byte, and atomically:
    a new file created 0600 under a name nobody could have prepared (`O_EXCL`, `O_NOFOLLOW`)
    replaces it. A config path that is a symbolic link is refused, never written through.
    (The local stack's key material follows the same rule: `chalicelib.devtools.local_files`;
    this package is installed on its own, so it cannot share that code.)"""
    if path.is_symlink():
        errors().print(f"casebridge: {path} is a symbolic link; not writing a token through it (remove it first)")
        raise typer.Exit(2)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "w") as file:
            json.dump(document, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        errors().print(f"casebridge: cannot write {path}: {error.strerror or error}")
        raise typer.Exit(2) from None


def _connect() -> Casebridge:
    saved = json.loads(config_path().read_text()) if config_path().exists() else {}
    url = os.environ.get("CASEBRIDGE_URL") or saved.get("url")
    token = os.environ.get("CASEBRIDGE_TOKEN") or saved.get("token")
    if not url or not token:
        errors().print("casebridge: set CASEBRIDGE_URL and CASEBRIDGE_TOKEN, or run `casebridge login`")
        raise typer.Exit(3)
    return Casebridge(url, token=token, transport=TRANSPORT)


def operation(area: str, name: str) -> ModuleType:
    """A generated operation: `casebridge_client.generated.api.<area>.<name>`."""
    return importlib.import_module(f"casebridge_client.generated.api.{area}.{name}")


def show(value: Any, as_json: bool, columns: tuple[str, ...] = ()) -> None:
    """JSON for scripts, or a table of `columns` (`contact.name` reaches into a field)."""
    data = _plain(value)
    if as_json or not columns:
        typer.echo(json.dumps(data, default=str, indent=2))  # plain: for scripts and pipes
        return
    table = Table(*columns)
    for row in data if isinstance(data, list) else [data]:
        table.add_row(*[_cell(row, column) for column in columns])
    console().print(table)


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
    """The connection, for one command: a problem response ends the command with its message
    and exit code."""
    with _connect() as cb:
        try:
            yield cb
        except ProblemError as problem:
            fail(problem)


def add_show(group: typer.Typer, area: str, name: str, parameter: str, what: str) -> None:
    """`<group> show <id>`: one item read by the operation `area.name`, as JSON."""

    def read(**ids: str) -> None:
        show(run(operation(area, name), **ids), True)

    # One argument, named as the API names it (`casebridge legal show REQUEST_ID`).
    argument = inspect.Parameter(parameter, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str)
    read.__signature__ = inspect.Signature([argument], return_annotation=None)  # type: ignore[attr-defined]
    read.__doc__ = f"{what}, as JSON."
    group.command("show")(read)


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


def body_of(file: typing.TextIO, **overrides: Any) -> dict[str, Any]:
    """A JSON body from a file, with the values the command line named put over it."""
    try:
        fields = json.load(file)
    except json.JSONDecodeError as error:
        errors().print(f"casebridge: {file.name} is not JSON: {error}")
        raise typer.Exit(2) from None
    if not isinstance(fields, dict):
        errors().print(f"casebridge: {file.name} must hold a JSON object")
        raise typer.Exit(2)
    return {**fields, **{name: value for name, value in overrides.items() if value is not None}}


def fail(problem: ProblemError) -> NoReturn:
    errors().print(f"casebridge: {problem.status} {problem.title}: {problem.detail}")
    for error in problem.errors:
        errors().print(f"  {error.field}: {error.message}")
    raise typer.Exit(EXIT_CODES.get(problem.status, 1))


def upload(declare: ModuleType, path: Path, media_type: str | None, fields: dict[str, Any], **ids: str) -> Any:
    """Declares a file (its name, type, size and SHA-256) and uploads it with a progress bar;
    what the declaration answered."""
    media_type = media_type or mimetypes.guess_type(path.name)[0]
    if media_type is None:
        errors().print(f"casebridge: give --media-type: {path.name}'s is not known from its name")
        raise typer.Exit(2)
    content = path.read_bytes()
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
    return declared


def _model(module: ModuleType, fields: dict[str, Any]) -> Any:
    """The operation's body model from plain fields. It checks only what a model must hold (a
    required field, an enum's value); every other rule is the API's, answered as a problem."""
    try:
        return _parameter_type(module, "body", "from_dict").from_dict(fields)
    except KeyError as missing:
        errors().print(f"casebridge: the body needs {missing}")
    except (TypeError, ValueError, AttributeError) as wrong:
        errors().print(f"casebridge: the body is not one this operation takes: {wrong}")
    raise typer.Exit(2)


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
        errors().print(f"casebridge: {name} must be one of {', '.join(member.value for member in enum)}")
        raise typer.Exit(2) from None


def enum_option(module: ModuleType, name: str, value: str | None) -> Any:
    """An enum option of an operation (`--box inbound`), checked before anything is sent."""
    return None if value is None else _enum(module, name, value)
