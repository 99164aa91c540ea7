"""`casebridge files`: evidence files up and down, their SHA-256 checked both ways, and their custody."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress

from casebridge_client.cli.failures import ExitCode, Refused
from casebridge_client.cli.terminal import (
    Json,
    add_show,
    add_upload,
    connected,
    console,
    errors,
    listed,
    operation,
    show,
    writable,
)

app = typer.Typer(no_args_is_help=True, help="Evidence files, with their SHA-256 checked, and their chain of custody")

COLUMNS = ("file_id", "name", "media_type", "size", "status", "scan")


@app.command("list")
def list_case_files(case_id: str, as_json: Json = False) -> None:
    """A case's files."""
    show(listed(operation("files", "list_case_files"), case_id=case_id), as_json, COLUMNS)


add_show(app, "files", "read_file", "file_id", "A file: what was declared and what arrived")


@app.command("custody")
def file_custody(file_id: str, as_json: Json = False) -> None:
    """A file's chain of custody: who declared, checked, read and carried it, when."""
    show(
        listed(operation("files", "file_custody"), file_id=file_id),
        as_json,
        ("at", "event", "org", "subject", "outcome"),
    )


add_upload(
    app,
    "files",
    "declare_case_file",
    "case_id",
    """Declare a file of a case and upload it with a progress bar, its SHA-256 checked; with
    --wait, return once the API has checked it (a download before then is a 409).""",
)


@app.command("download")
def download(file_id: str, path: Path) -> None:
    """Download a file, checking the bytes against its verified SHA-256 (exit 9 if they differ)."""
    writable(path)
    with connected() as cb:
        found = cb.call(operation("files", "read_file"), file_id=file_id)
        try:
            with path.open("wb") as target, Progress(console=errors()) as progress:
                task = progress.add_task(f"downloading {found.name}", total=found.size)
                cb.download(
                    file_id, found.sha256, target, progress=lambda done, total: progress.update(task, completed=done)
                )
        except ValueError as mismatch:
            path.unlink(missing_ok=True)
            raise Refused(ExitCode.INTEGRITY, str(mismatch)) from None
        except BaseException:  # a problem response, Ctrl-C: no partial file is left behind
            path.unlink(missing_ok=True)
            raise
    console().print(f"{path} ({found.size} bytes, SHA-256 verified)")
