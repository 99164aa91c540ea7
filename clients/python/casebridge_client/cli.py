"""`casebridge`: the API from a terminal, for the people between case systems. Tables for
people, `--json` for scripts; every problem response is a one-line message and an exit code.

The address and the token come from `CASEBRIDGE_URL` and `CASEBRIDGE_TOKEN`, or from the
config file `casebridge login` writes (`~/.config/casebridge/config.json`, or
`$CASEBRIDGE_CONFIG`). Any operation without a command of its own is `casebridge call
<operationId> [name=value …] [--body JSON]`.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import subprocess
import typing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
from casebridge_client.webhooks import WebhookVerifier

app = typer.Typer(no_args_is_help=True, help="casebridge from a terminal: cases, referrals, tips, files, events.")
cases = typer.Typer(no_args_is_help=True, help="Cases and their notes")
referrals = typer.Typer(no_args_is_help=True, help="Referrals: your inbox, accept, decline, withdraw")
tips = typer.Typer(no_args_is_help=True, help="Tips: your inbox and triage")
files = typer.Typer(no_args_is_help=True, help="Evidence files, with their SHA-256 checked")
events = typer.Typer(no_args_is_help=True, help="Your organisation's event feed")
for group, name in ((cases, "cases"), (referrals, "referrals"), (tips, "tips"), (files, "files"), (events, "events")):
    app.add_typer(group, name=name)


def console() -> Console:
    """The terminal, as it is now (its width read when a command prints, not at import)."""
    return Console(soft_wrap=True)


def errors() -> Console:
    return Console(stderr=True, soft_wrap=True)


#: Exit codes by problem status: scripts branch on them.
EXIT_CODES = {400: 2, 401: 3, 403: 3, 404: 4, 409: 5, 412: 5, 422: 2, 429: 6, 503: 6}
#: Tests hand requests to the app itself through this.
TRANSPORT: httpx.BaseTransport | None = None

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]
#: A value the command needs, named (`--to HSI`), not by position.
Required = Annotated[str, typer.Option()]


def config_path() -> Path:
    return Path(os.environ.get("CASEBRIDGE_CONFIG") or Path.home() / ".config" / "casebridge" / "config.json")


def connect() -> Casebridge:
    saved = json.loads(config_path().read_text()) if config_path().exists() else {}
    url = os.environ.get("CASEBRIDGE_URL") or saved.get("url")
    token = os.environ.get("CASEBRIDGE_TOKEN") or saved.get("token")
    if not url or not token:
        errors().print("casebridge: set CASEBRIDGE_URL and CASEBRIDGE_TOKEN, or run `casebridge login`")
        raise typer.Exit(3)
    return Casebridge(url, token=token, transport=TRANSPORT)


def _plain(value: Any) -> Any:
    """A generated model (or a list of them) as JSON-ready data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def show(value: Any, as_json: bool, columns: tuple[str, ...] = ()) -> None:
    data = _plain(value)
    if as_json or not columns:
        typer.echo(json.dumps(data, default=str, indent=2))  # plain: for scripts and pipes
        return
    rows = data if isinstance(data, list) else [data]
    table = Table(*columns)
    for row in rows:
        table.add_row(*[str(row.get(column, "")) for column in columns])
    console().print(table)


def run(operation: ModuleType, **arguments: Any) -> Any:
    """One operation; a problem response ends the command with its message and exit code."""
    with connect() as cb:
        try:
            return cb.call(operation, **arguments)
        except ProblemError as problem:
            fail(problem)


def listed(operation: ModuleType, status: str | None) -> list[Any]:
    """Every item of a list operation, filtered by `status` if given."""
    with connect() as cb:
        try:
            return list(cb.pages(operation, **({"status": _enum(operation, "status", status)} if status else {})))
        except ProblemError as problem:
            fail(problem)


def fail(problem: ProblemError) -> NoReturn:
    errors().print(f"casebridge: {problem.status} {problem.title}: {problem.detail}")
    for error in problem.errors:
        errors().print(f"  {error.field}: {error.message}")
    raise typer.Exit(EXIT_CODES.get(problem.status, 1))


def _operation(area: str, name: str) -> ModuleType:
    return importlib.import_module(f"casebridge_client.generated.api.{area}.{name}")


def _body(operation: ModuleType, fields: dict[str, Any]) -> Any:
    """The operation's body model, built from plain fields."""
    return _parameter_type(operation, "body", "from_dict").from_dict(fields)


def _parameter_type(operation: ModuleType, name: str, having: str) -> Any:
    """The class of an operation's parameter that has `having` (of `Model | Unset`, the model)."""
    annotation = inspect.signature(operation.sync_detailed, eval_str=True).parameters[name].annotation
    return next(kind for kind in (*typing.get_args(annotation), annotation) if hasattr(kind, having))


# login


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


# cases

_CASE_COLUMNS = ("case_id", "title", "status", "tlp", "owner")


@cases.command("list")
def cases_list(status: str | None = None, as_json: Json = False) -> None:
    """Your cases, newest first."""
    show(listed(_operation("cases", "list_cases"), status), as_json, _CASE_COLUMNS)


@cases.command("open")
def cases_open(title: str, summary: str | None = None, as_json: Json = False) -> None:
    """Open a case; you own it."""
    module = _operation("cases", "open_case")
    fields = {"title": title, **({"summary": summary} if summary else {})}
    show(run(module, body=_body(module, fields)), as_json, _CASE_COLUMNS)


@cases.command("show")
def cases_show(case_id: str) -> None:
    """A case as JSON."""
    show(run(_operation("cases", "read_case"), case_id=case_id), True)


@cases.command("note")
def cases_note(case_id: str, text: str, as_json: Json = False) -> None:
    """Add a note to a case."""
    module = _operation("cases", "add_note")
    show(run(module, case_id=case_id, body=_body(module, {"text": text})), as_json, ("note_id", "author_org"))


# referrals

_REFERRAL_COLUMNS = ("referral_id", "case_title", "from_org", "to_org", "priority", "status")


@referrals.command("inbox")
def referrals_inbox(status: str | None = None, as_json: Json = False) -> None:
    """Referrals to you."""
    show(listed(_operation("referrals", "list_referrals"), status), as_json, _REFERRAL_COLUMNS)


@referrals.command("refer")
def referrals_refer(
    case_id: str, to: Required, reason: Required, priority: str = "routine", as_json: Json = False
) -> None:
    """Refer a case to another agency."""
    module = _operation("referrals", "refer_case")
    body = _body(module, {"to_org": to, "reason": reason, "priority": priority})
    show(run(module, case_id=case_id, body=body), as_json, _REFERRAL_COLUMNS)


@referrals.command("accept")
def referrals_accept(referral_id: str, as_json: Json = False) -> None:
    show(run(_operation("referrals", "accept_referral"), referral_id=referral_id), as_json, ("referral_id", "status"))


@referrals.command("decline")
def referrals_decline(referral_id: str, reason: Required, as_json: Json = False) -> None:
    module = _operation("referrals", "decline_referral")
    body = _body(module, {"reason": reason})
    show(run(module, referral_id=referral_id, body=body), as_json, ("referral_id", "status"))


@referrals.command("withdraw")
def referrals_withdraw(referral_id: str, as_json: Json = False) -> None:
    show(run(_operation("referrals", "withdraw_referral"), referral_id=referral_id), as_json, ("referral_id", "status"))


# tips

_TIP_COLUMNS = ("tip_id", "platform", "category", "status", "received_at")


@tips.command("inbox")
def tips_inbox(status: str | None = None, as_json: Json = False) -> None:
    """Tips routed to you, newest first."""
    show(listed(_operation("tips", "list_tips"), status), as_json, _TIP_COLUMNS)


@tips.command("promote")
def tips_promote(tip_id: str, title: str | None = None, as_json: Json = False) -> None:
    module = _operation("tips", "promote_tip")
    show(
        run(module, tip_id=tip_id, body=_body(module, {"title": title} if title else {})),
        as_json,
        ("tip_id", "status", "case_id"),
    )


@tips.command("link")
def tips_link(tip_id: str, case_id: Annotated[str, typer.Option("--case")], as_json: Json = False) -> None:
    module = _operation("tips", "link_tip")
    show(run(module, tip_id=tip_id, body=_body(module, {"case_id": case_id})), as_json, ("tip_id", "status", "case_id"))


@tips.command("dismiss")
def tips_dismiss(tip_id: str, reason: Required, as_json: Json = False) -> None:
    module = _operation("tips", "dismiss_tip")
    show(run(module, tip_id=tip_id, body=_body(module, {"reason": reason})), as_json, ("tip_id", "status"))


@tips.command("reroute")
def tips_reroute(tip_id: str, to: Required, reason: Required, as_json: Json = False) -> None:
    module = _operation("tips", "reroute_tip")
    body = _body(module, {"to_org": to, "reason": reason})
    show(run(module, tip_id=tip_id, body=body), as_json, ("tip_id", "status"))


# files


@files.command("upload")
def files_upload(case_id: str, path: Path, media_type: str | None = None, as_json: Json = False) -> None:
    """Declare a file of a case, upload it with a progress bar, its SHA-256 checked."""
    import hashlib
    import mimetypes

    media_type = media_type or mimetypes.guess_type(path.name)[0]
    if media_type is None:
        errors().print(f"casebridge: give --media-type: {path.name}'s is not known from its name")
        raise typer.Exit(2)
    content = path.read_bytes()
    module = _operation("files", "declare_case_file")
    fields = {
        "name": path.name,
        "media_type": media_type,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    with connect() as cb:
        try:
            declared = cb.call(module, case_id=case_id, body=_body(module, fields))
            with Progress(console=errors()) as progress:
                task = progress.add_task(f"uploading {path.name}", total=len(content))
                cb.upload(declared, content, progress=lambda done, total: progress.update(task, completed=done))
        except ProblemError as problem:
            fail(problem)
    show(declared.file, as_json, ("file_id", "name", "size", "sha256"))


@files.command("download")
def files_download(file_id: str, path: Path) -> None:
    """Download a file, checking the bytes against its verified SHA-256."""
    with connect() as cb:
        try:
            found = cb.call(_operation("files", "read_file"), file_id=file_id)
            with path.open("wb") as target, Progress(console=errors()) as progress:
                task = progress.add_task(f"downloading {found.name}", total=found.size)
                cb.download(
                    file_id, found.sha256, target, progress=lambda done, total: progress.update(task, completed=done)
                )
        except ProblemError as problem:
            fail(problem)
        except ValueError as mismatch:
            path.unlink(missing_ok=True)
            errors().print(f"casebridge: {mismatch}")
            raise typer.Exit(7) from None
    console().print(f"{path} ({found.size} bytes, SHA-256 verified)")


# events


@events.command("tail")
def events_tail(
    after: str | None = None,
    types: Annotated[str | None, typer.Option(help="Comma-separated detail-types")] = None,
    follow: bool = True,
    poll: float = 5.0,
) -> None:
    """Your organisation's events as JSON lines, oldest first; with --follow, waits for more."""
    with connect() as cb:
        try:
            for event in cb.events(after, types=types.split(",") if types else None, follow=follow, poll=poll):
                print(json.dumps(event), flush=True)
        except ProblemError as problem:
            fail(problem)


@app.command()
def listen(
    secret: Annotated[str, typer.Option(envvar="CASEBRIDGE_WEBHOOK_SECRET", help="whsec_… of your webhook")],
    port: int = 9100,
) -> None:
    """A webhook receiver on this machine: verifies each delivery's signature, refuses a
    replayed id, and prints the event."""
    verifier = WebhookVerifier(secret)

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                event = verifier.verify(body, dict(self.headers.items()))
            except Exception as refused:  # a bad signature, a stale timestamp or a replay
                errors().print(f"refused: {refused}")
                self.send_response(400)
            else:
                print(json.dumps(event), flush=True)
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    errors().print(f"listening on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()


# any operation


@app.command()
def call(
    operation_id: str,
    arguments: Annotated[list[str] | None, typer.Argument(help="name=value parameters")] = None,
    body: Annotated[str | None, typer.Option(help="The request body, JSON")] = None,
) -> None:
    """Any operation of the API by its id (`casebridge call readLegalRequest request_id=legal_…`)."""
    module = _by_operation_id(operation_id)
    parameters = dict(argument.split("=", 1) for argument in arguments or [])
    if body is not None:
        parameters["body"] = _body(module, json.loads(body))
    show(run(module, **parameters), True)


def _by_operation_id(operation_id: str) -> ModuleType:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in operation_id)
    root = Path(importlib.import_module("casebridge_client.generated.api").__file__ or "").parent
    for found in root.glob(f"*/{snake}.py"):
        return _operation(found.parent.name, snake)
    errors().print(f"casebridge: no operation {operation_id!r}")
    raise typer.Exit(2)


def _enum(module: ModuleType, name: str, value: str) -> Any:
    """A filter's value as the operation's enum."""
    enum = _parameter_type(module, name, "__members__")
    try:
        return enum(value)
    except ValueError:
        errors().print(f"casebridge: {name} must be one of {', '.join(member.value for member in enum)}")
        raise typer.Exit(2) from None


def main() -> None:
    app()


if __name__ == "__main__":
    main()
